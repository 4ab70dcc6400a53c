"""The BBV facts of a verbonden partij: Dutch amounts, validation with Dutch messages that
save nothing, the history, the database's own guarantees and who may read and change them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from partnerships.amounts import AmountError, format_euro, input_euro, parse_euro
from partnerships.bbv import MSG_GROUP_WGR
from partnerships.constants import LegalForm, Role
from partnerships.models import Participation, VerbondenPartijFacts
from tests.factories import make_organisation, make_partnership, make_user

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234.567,89", Decimal("1234567.89")),
        ("-12.500", Decimal("-12500.00")),
        ("−12.500", Decimal("-12500.00")),
        ("€ 250.000", Decimal("250000.00")),
        ("€ -3.000,5", Decimal("-3000.50")),
        ("1234567", Decimal("1234567.00")),
        (" 12,5 ", Decimal("12.50")),
        ("0", Decimal("0.00")),
        ("", None),
    ],
)
def test_dutch_amounts_are_read(text, amount):
    assert parse_euro(text) == amount


@pytest.mark.parametrize(
    "text", ["1234.56", "1.23", "12,345", "abc", "1.2345", "--5", "1,2,3", "99999999999999"]
)
def test_other_amounts_are_refused_in_dutch(text):
    with pytest.raises(AmountError, match="bedrag"):
        parse_euro(text)


def test_amounts_are_written_the_dutch_way():
    assert format_euro(Decimal("1234567.89")) == "€ 1.234.568"
    assert format_euro(Decimal("-12500")) == "€ -12.500"
    assert format_euro(None) == "—"
    assert input_euro(Decimal("1234567.89")) == "1.234.567,89"
    assert input_euro(Decimal("-12500.00")) == "-12.500"


@pytest.fixture
def world():
    aalstad = make_organisation("Gemeente Aalstad")
    beekdorp = make_organisation("Gemeente Beekdorp")
    zeestad = make_organisation("Gemeente Zeestad")
    gr = make_partnership("GGD Test", participants=[aalstad, beekdorp])
    network = make_partnership(
        "Netwerk Test", legal_form=LegalForm.CONVENANT, participants=[aalstad, zeestad]
    )
    return {
        "aalstad": aalstad,
        "beekdorp": beekdorp,
        "zeestad": zeestad,
        "gr": gr,
        "network": network,
        "contramal": make_user(Role.CONTRAMAL, organisation=aalstad),
    }


def url(partnership, organisation, year=YEAR) -> str:
    return f"/samenwerkingsverbanden/{partnership.pk}/deelnemers/{organisation.pk}/verbonden-partij/{year}/"


VALID = {
    "bbv_group": "gemeenschappelijke_regeling",
    "location": "Beekdorp",
    "public_interest": "Publieke gezondheid",
    "seat": "Wethouder in AB en DB",
    "votes": "1",
    "contribution": "1.234.567,89",
    "liability": "",
    "equity_start": "-12.500",
    "equity_end": "2.000",
    "debt_start": "3.000.000",
    "debt_end": "2.900.000",
    "result": "-14.500,50",
    "risks": "Tekort op de jeugdzorg",
}


def test_contramal_saves_dutch_amounts_and_the_history_keeps_every_version(client, world):
    client.force_login(world["contramal"])
    page = client.get(url(world["gr"], world["aalstad"]))
    assert page.status_code == 200 and "Opslaan" in page.content.decode()
    response = client.post(url(world["gr"], world["aalstad"]), VALID)
    assert response.status_code == 302
    facts = VerbondenPartijFacts.objects.get()
    assert facts.contribution == Decimal("1234567.89")
    assert facts.equity_start == Decimal("-12500")
    assert facts.result == Decimal("-14500.50")
    assert facts.updated_by == world["contramal"]
    assert facts.is_verbonden_partij

    client.post(url(world["gr"], world["aalstad"]), {**VALID, "result": "1.000"})
    facts.refresh_from_db()
    assert facts.result == Decimal("1000")
    assert facts.history.count() == 2
    text = client.get(url(world["gr"], world["aalstad"])).content.decode()
    assert "Wijzigingen in deze gegevens" in text
    assert "€ -14.501" in text and "€ 1.000" in text  # the change, in euros
    assert world["contramal"].username in text
    assert 'value="1.234.567,89"' in text  # shown for editing the way it was typed


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contribution", "1234.56", "komma voor centen"),
        ("contribution", "-5", "kan niet negatief"),
        ("debt_end", "-1", "kan niet negatief"),
        ("equity_end", "twaalf", "Vul een bedrag in euro"),
        ("votes", "-1", "stemmen kan niet negatief"),
        ("public_interest", "", "Beschrijf het openbaar belang"),
        ("bbv_group", "stichting", MSG_GROUP_WGR),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(client, world, field, value, message):
    client.force_login(world["contramal"])
    response = client.post(url(world["gr"], world["aalstad"]), {**VALID, field: value})
    assert response.status_code == 200
    text = response.content.decode()
    assert message.replace("'", "&#x27;") in text
    assert "Er is niets opgeslagen" in text
    assert not VerbondenPartijFacts.objects.exists()


def test_a_network_is_no_gemeenschappelijke_regeling(client, world):
    client.force_login(world["contramal"])
    response = client.post(url(world["network"], world["aalstad"]), VALID)
    assert "Kies voor dit netwerk een andere groep" in response.content.decode()
    client.post(url(world["network"], world["aalstad"]), {**VALID, "bbv_group": "overig"})
    assert VerbondenPartijFacts.objects.get().bbv_group == "overig"


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_out_of_range_is_not_found(client, world, year):
    client.force_login(world["contramal"])
    assert client.get(url(world["gr"], world["aalstad"], year)).status_code == 404
    assert client.post(url(world["gr"], world["aalstad"], year), VALID).status_code == 404
    assert not VerbondenPartijFacts.objects.exists()


def _facts(participation: Participation, **fields) -> VerbondenPartijFacts:
    return VerbondenPartijFacts.objects.create(
        participation=participation, bbv_group="gemeenschappelijke_regeling", **fields
    )


def test_the_database_refuses_what_the_form_refuses(world):
    participation = Participation.objects.get(
        partnership=world["gr"], organisation=world["aalstad"]
    )
    for fields in (
        {"year": 1999},
        {"year": YEAR, "contribution": Decimal("-1")},
        {"year": YEAR, "debt_start": Decimal("-1")},
        {"year": YEAR, "bbv_group": "anders"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            VerbondenPartijFacts.objects.create(
                participation=participation,
                **{"bbv_group": "gemeenschappelijke_regeling", **fields},
            )
    _facts(participation, year=YEAR)
    with pytest.raises(IntegrityError), transaction.atomic():
        _facts(participation, year=YEAR)


def test_a_verbonden_partij_needs_both_interests(world):
    participation = Participation.objects.get(
        partnership=world["gr"], organisation=world["aalstad"]
    )
    facts = VerbondenPartijFacts(participation=participation, year=YEAR)
    assert not facts.is_verbonden_partij
    facts.seat = "Lid AB"
    assert facts.has_bestuurlijk_interest and not facts.is_verbonden_partij
    facts.liability = "Garantstelling voor leningen"
    assert facts.is_verbonden_partij
    facts.seat, facts.votes, facts.liability, facts.contribution = "", 2, "", Decimal(5)
    assert facts.is_verbonden_partij


def test_griffier_and_secretaris_read_but_do_not_change(client, world):
    participation = Participation.objects.get(
        partnership=world["gr"], organisation=world["aalstad"]
    )
    _facts(participation, year=YEAR, public_interest="Gezondheid", contribution=Decimal(1000))
    for role in (Role.GRIFFIER, Role.GEMEENTESECRETARIS):
        client.force_login(make_user(role, organisation=world["aalstad"]))
        page = client.get(url(world["gr"], world["aalstad"]))
        assert page.status_code == 200
        text = page.content.decode()
        assert "Gezondheid" in text and "€ 1.000" in text
        assert 'name="public_interest"' not in text  # no form to change them
        assert client.post(url(world["gr"], world["aalstad"]), VALID).status_code == 403
    assert VerbondenPartijFacts.objects.get().public_interest == "Gezondheid"


def test_nobody_else_sees_the_facts(client, world):
    participation = Participation.objects.get(
        partnership=world["gr"], organisation=world["aalstad"]
    )
    _facts(participation, year=YEAR, public_interest="GEHEIM-BELANG")
    outsiders = [
        make_user(Role.GRIFFIER, organisation=world["zeestad"]),
        make_user(Role.CONTRAMAL, organisation=world["zeestad"]),
        make_user(Role.CONTRAMAL, organisation=world["beekdorp"]),  # same partnership
        make_user(Role.RAADSLID, organisation=world["aalstad"]),
        make_user(Role.DIRECTEUR, partnership=world["gr"]),
    ]
    for user in outsiders:
        client.force_login(user)
        for path in (
            url(world["gr"], world["aalstad"]),
            f"/organisaties/{world['aalstad'].pk}/verbonden-partijen/{YEAR}/",
            f"/organisaties/{world['aalstad'].pk}/verbonden-partijen/{YEAR}/paragraaf.docx",
        ):
            response = client.get(path)
            assert response.status_code == 404, (user, path)
            assert b"GEHEIM-BELANG" not in response.content
        assert client.post(url(world["gr"], world["aalstad"]), VALID).status_code == 404
    assert VerbondenPartijFacts.objects.get().public_interest == "GEHEIM-BELANG"


def test_the_contramal_edits_only_the_own_organisation(client, world):
    client.force_login(world["contramal"])
    assert client.get(url(world["gr"], world["beekdorp"])).status_code == 404
    assert client.post(url(world["gr"], world["beekdorp"]), VALID).status_code == 404
    assert not VerbondenPartijFacts.objects.exists()


def test_the_partnership_page_links_the_facts_for_the_organisations_users(client, world):
    link = url(world["gr"], world["aalstad"]).rsplit("/", 2)[0] + "/"
    client.force_login(world["contramal"])
    assert link in client.get(f"/samenwerkingsverbanden/{world['gr'].pk}/").content.decode()
    client.force_login(make_user(Role.DIRECTEUR, partnership=world["gr"]))
    assert (
        "verbonden-partij"
        not in client.get(f"/samenwerkingsverbanden/{world['gr'].pk}/").content.decode()
    )


def test_a_new_year_starts_from_the_year_before(client, world):
    participation = Participation.objects.get(
        partnership=world["gr"], organisation=world["aalstad"]
    )
    _facts(
        participation,
        year=YEAR - 1,
        public_interest="Gezondheid",
        seat="Lid AB",
        equity_end=Decimal("1234567.89"),
        debt_end=Decimal("500"),
        result=Decimal("-10"),
    )
    client.force_login(world["contramal"])
    text = client.get(url(world["gr"], world["aalstad"])).content.decode()
    assert "Voor 2026 is nog niets ingevuld" in text
    assert "Gezondheid" in text and 'value="Lid AB"' in text
    assert 'name="equity_start" id="id_equity_start" value="1.234.567,89"' in text
    assert 'name="result" id="id_result" value=""' in text
    assert VerbondenPartijFacts.objects.count() == 1  # nothing saved by opening the page
