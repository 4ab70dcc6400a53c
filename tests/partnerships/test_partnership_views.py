"""The partnership pages through the test client: list and filters, detail, create and edit
with participants, bodies and members on one page, Dutch validation messages, access."""

import pytest
from django.contrib.auth.models import User
from django.forms import CheckboxInput
from django.urls import reverse

from partnerships import rules
from partnerships.constants import (
    BodyKind,
    CooperationModel,
    LegalForm,
    NetworkVariant,
    Role,
    SeatRole,
)
from partnerships.forms import (
    MSG_CENTRE_HERE,
    BodyFormSet,
    ParticipationFormSet,
    PartnershipForm,
    SeatFormSet,
    seats_queryset,
)
from partnerships.models import (
    Body,
    Organisation,
    Participation,
    Partnership,
    Person,
    Profile,
    Seat,
)
from tests.factories import (
    make_assessment,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db


# --- helpers ------------------------------------------------------------------------------------


def form_values(form) -> dict[str, object]:
    """What a browser would send for this unbound form as it is shown."""
    data: dict[str, object] = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field.widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif value is None:
            data[bound.html_name] = ""
        else:
            data[bound.html_name] = value
    return data


def page_data(partnership: Partnership | None = None) -> dict[str, object]:
    """The edit page's form data as shown (create page when partnership is None)."""
    instance = partnership or Partnership()
    data = form_values(PartnershipForm(instance=instance))
    formsets = [
        ParticipationFormSet(instance=instance, prefix="deelnemers"),
        BodyFormSet(instance=instance, prefix="organen"),
    ]
    if partnership is not None:
        formsets.append(
            SeatFormSet(
                queryset=seats_queryset(partnership),
                prefix="leden",
                form_kwargs={"partnership": partnership},
            )
        )
    for formset in formsets:
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    return data


def row(data: dict, prefix: str, organisation_or_kind: object) -> int:
    """Index of the row in a formset whose organisation (or kind) matches."""
    field = "organisation" if prefix == "deelnemers" else "kind"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    value = getattr(organisation_or_kind, "pk", organisation_or_kind)
    for index in range(total):
        if str(data.get(f"{prefix}-{index}-{field}")) == str(value):
            return index
    raise AssertionError(f"no row for {organisation_or_kind}")


def new_data(name: str, legal_form: str, participants: list[Organisation], **fields) -> dict:
    data = page_data()
    data.update({"name": name, "legal_form": legal_form, "evaluation_interval_years": "4"})
    data.update(fields)
    for index, organisation in enumerate(participants):
        data[f"deelnemers-{index}-organisation"] = organisation.pk
    return data


@pytest.fixture
def aalstad():
    return make_organisation("Gemeente Aalstad")


@pytest.fixture
def beekdorp():
    return make_organisation("Gemeente Beekdorp")


@pytest.fixture
def ggd(aalstad, beekdorp):
    partnership = make_partnership(
        "GGD Test", participants=[aalstad, beekdorp], policy_domain="gezondheid"
    )
    Body.objects.create(partnership=partnership, kind=BodyKind.AB, name="AB GGD Test")
    Body.objects.create(partnership=partnership, kind=BodyKind.DB, name="DB GGD Test")
    return partnership


@pytest.fixture
def elsewhere():
    return make_partnership(
        "Elders Verband", participants=["Gemeente Cederveen", "Gemeente Dalwijk"]
    )


def messages_of(response) -> str:
    return response.content.decode()


# --- list ---------------------------------------------------------------------------------------


def test_the_list_needs_a_login(client):
    response = client.get(reverse("partnerships:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_shows_only_partnerships_of_the_users_organisation(client, ggd, elsewhere):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = client.get(reverse("partnerships:list")).content.decode()
    assert "GGD Test" in html
    assert "Elders Verband" not in html
    assert "Nieuw samenwerkingsverband" not in html  # a griffier does not create partnerships


def test_the_list_filters_work_through_get(client, ggd, elsewhere):
    make_partnership(
        "Woonnetwerk", legal_form=LegalForm.CONVENANT, participants=["Gemeente Dalwijk"]
    )
    client.force_login(make_user(Role.BEHEERDER))
    url = reverse("partnerships:list")

    def names(params: dict) -> set[str]:
        response = client.get(url, params)
        assert response.status_code == 200
        return {p.name for p in response.context["partnerships"]}

    assert names({}) == {"GGD Test", "Elders Verband", "Woonnetwerk"}
    assert names({"q": "ggd"}) == {"GGD Test"}
    assert names({"q": "Dalwijk"}) == {"Elders Verband", "Woonnetwerk"}
    assert names({"vorm": LegalForm.CONVENANT}) == {"Woonnetwerk"}
    assert names({"beleidsterrein": "gezondheid"}) == {"GGD Test"}
    dalwijk = Organisation.objects.get(name="Gemeente Dalwijk")
    assert names({"deelnemer": dalwijk.pk, "vorm": LegalForm.OPENBAAR_LICHAAM}) == {
        "Elders Verband"
    }
    html = client.get(url, {"q": "bestaat niet"}).content.decode()
    assert "Geen samenwerkingsverbanden gevonden met deze filters." in html


# --- detail -------------------------------------------------------------------------------------


def test_another_organisations_partnership_gives_404(client, ggd, elsewhere):
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    assert client.get(reverse("partnerships:detail", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("partnerships:edit", args=[elsewhere.pk])).status_code == 404
    assert client.post(reverse("partnerships:edit", args=[elsewhere.pk])).status_code == 404


def test_the_detail_page_shows_participants_bodies_members_and_applicability(client, ggd, gids):
    person = Person.objects.create(name="Anna Voorzitter")
    ab = ggd.bodies.get(kind=BodyKind.AB)
    Seat.objects.create(
        body=ab,
        person=person,
        role=SeatRole.VOORZITTER,
        represents=ggd.participations.get(organisation__name="Gemeente Aalstad"),
    )
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = client.get(reverse("partnerships:detail", args=[ggd.pk])).content.decode()
    assert "Gemeente Aalstad" in html and "Gemeente Beekdorp" in html
    assert "AB GGD Test" in html and "DB GGD Test" in html
    assert "Anna Voorzitter — voorzitter, namens Gemeente Aalstad" in html
    assert "getoetst aan <strong>deel A</strong>" in html
    assert 'href="/gids/A1/"' in html
    assert "Thema's die niet gelden, en waarom" in html
    assert "alleen als een provincie of een waterschap deelneemt; dat is hier niet zo" in html
    assert "Aandachtspunt A14 geldt alleen voor een centrumregeling" in html
    assert "Gegevens wijzigen" not in html  # a griffier does not edit


def test_the_detail_page_of_a_bvo_lists_excluded_recommendations_with_reason(client, gids):
    bvo = make_partnership("BVO Test", legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(reverse("partnerships:detail", args=[bvo.pk])).content.decode()
    # One bestuur: only the practical items about the AB-DB role split drop out.
    assert "Praktische uitwerkingen die niet worden getoond, en waarom" in html
    assert "A4.1-3" in html
    assert "een bedrijfsvoeringsorganisatie heeft één bestuur" in html


def test_the_detail_page_of_a_network_shows_part_a_chapters_under_part_b(client, gids):
    network = make_partnership("Ketennetwerk", legal_form=LegalForm.CONVENANT, is_chain=True)
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(reverse("partnerships:detail", args=[network.pk])).content.decode()
    assert "getoetst aan <strong>deel B</strong>" in html
    assert "waaronder die van A6 uit deel A (mutatis mutandis van toepassing)" in html
    assert "Thema B13 geldt alleen als een provincie of een waterschap samen met" in html


def test_the_detail_page_lists_rounds_and_offers_a_new_round_to_the_directeur(client, ggd, gids):
    round_ = make_round(ggd, period="2025")
    directeur = make_user(Role.DIRECTEUR, partnership=ggd)
    client.force_login(directeur)
    html = client.get(reverse("partnerships:detail", args=[ggd.pk])).content.decode()
    assert reverse("assessments:round", args=[round_.pk]) in html and "Ronde 2025" in html
    assert reverse("assessments:round_create", args=[ggd.pk]) in html

    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = client.get(reverse("partnerships:detail", args=[ggd.pk])).content.decode()
    assert "Ronde 2025" in html
    assert reverse("assessments:round_create", args=[ggd.pk]) not in html


def test_the_detail_page_runs_a_bounded_number_of_queries(
    client, ggd, gids, django_assert_max_num_queries
):
    for index in range(6):
        Participation.objects.create(
            partnership=ggd, organisation=make_organisation(f"Gemeente Extra {index}")
        )
    client.force_login(make_user(Role.BEHEERDER))
    # 20 for the page as it was, one for the partnership's own calendar dates (the coming
    # moments), one for the Wgr check's section (whatever its clauses), one for the document
    # register's section (the regeling and counts per kind)
    with django_assert_max_num_queries(23):
        response = client.get(reverse("partnerships:detail", args=[ggd.pk]))
    assert response.status_code == 200


# --- create -------------------------------------------------------------------------------------


def test_a_contramal_creates_a_partnership_with_participants_and_bodies(client, aalstad, beekdorp):
    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    data = new_data(
        "Nieuwe Centrumregeling",
        LegalForm.CENTRUMREGELING,
        [aalstad, beekdorp],
        policy_domain="jeugd",
    )
    data["deelnemers-0-is_centre"] = "on"
    data["deelnemers-0-voting_weight"] = "2"
    data["organen-0-kind"] = BodyKind.COMMISSIE
    data["organen-0-name"] = "Portefeuillehoudersoverleg"
    response = client.post(reverse("partnerships:create"), data)
    partnership = Partnership.objects.get(name="Nieuwe Centrumregeling")
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:detail", args=[partnership.pk])
    assert partnership.cooperation_model == CooperationModel.WGR
    assert partnership.policy_domain == "jeugd"
    centre = partnership.participations.get(is_centre=True)
    assert centre.organisation == aalstad and centre.voting_weight == 2
    assert partnership.participations.count() == 2
    assert partnership.bodies.get().name == "Portefeuillehoudersoverleg"
    assert Body.objects.filter(participation__partnership=partnership).count() == 6
    html = client.get(response["Location"]).content.decode()
    assert "Nieuwe Centrumregeling is toegevoegd." in html


def test_a_network_gets_the_network_model(client, aalstad, beekdorp):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data(
        "Netwerk Test",
        LegalForm.OVEREENKOMST,
        [aalstad, beekdorp],
        is_triple_helix="on",
        is_chain="on",
    )
    assert client.post(reverse("partnerships:create"), data).status_code == 302
    network = Partnership.objects.get(name="Netwerk Test")
    assert network.cooperation_model == CooperationModel.NETWORK
    assert network.network_variants == {NetworkVariant.TRIPLE_HELIX, NetworkVariant.KETEN}


@pytest.mark.parametrize("role", [Role.GRIFFIER, Role.GEMEENTESECRETARIS])
def test_only_contramal_and_beheerder_may_create(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("partnerships:create")).status_code == 403


def refused_page(client, url: str, data: dict) -> str:
    """The page is shown again with errors and nothing is saved."""
    before = (
        list(Partnership.objects.values()),
        list(Participation.objects.values()),
        list(Body.objects.values()),
        list(Seat.objects.values()),
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is niets opgeslagen." in html
    after = (
        list(Partnership.objects.values()),
        list(Participation.objects.values()),
        list(Body.objects.values()),
        list(Seat.objects.values()),
    )
    assert after == before
    return html


def escaped(text: str) -> str:
    return text.replace("'", "&#x27;")


def test_create_refuses_a_centre_outside_a_centrumregeling(client, aalstad, beekdorp):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Fout 1", LegalForm.OPENBAAR_LICHAAM, [aalstad, beekdorp])
    data["deelnemers-1-is_centre"] = "on"
    html = refused_page(client, reverse("partnerships:create"), data)
    assert MSG_CENTRE_HERE in html


def test_create_refuses_a_centrumregeling_without_centre(client, aalstad, beekdorp):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Fout 2", LegalForm.CENTRUMREGELING, [aalstad, beekdorp])
    html = refused_page(client, reverse("partnerships:create"), data)
    assert rules.MSG_CENTRE_MISSING in html


def test_create_refuses_two_centres(client, aalstad, beekdorp):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Fout 3", LegalForm.CENTRUMREGELING, [aalstad, beekdorp])
    data["deelnemers-0-is_centre"] = data["deelnemers-1-is_centre"] = "on"
    html = refused_page(client, reverse("partnerships:create"), data)
    assert "Een centrumregeling heeft één centrumgemeente; u heeft er 2 gekozen." in html


@pytest.mark.parametrize("kind", [BodyKind.AB, BodyKind.DB])
def test_create_refuses_an_ab_or_db_on_a_bedrijfsvoeringsorganisatie(client, aalstad, kind):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Fout 4", LegalForm.BEDRIJFSVOERINGSORGANISATIE, [aalstad])
    data["organen-0-kind"] = kind
    html = refused_page(client, reverse("partnerships:create"), data)
    assert escaped(rules.MSG_ABDB_ON_BVO) in html


def test_create_refuses_the_same_participant_twice(client, aalstad):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Fout 5", LegalForm.OPENBAAR_LICHAAM, [aalstad, aalstad])
    html = refused_page(client, reverse("partnerships:create"), data)
    assert "Gemeente Aalstad staat twee keer in de lijst met deelnemers." in html


def test_create_refuses_a_network_variant_on_a_wgr_form(client, aalstad):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Fout 6", LegalForm.OPENBAAR_LICHAAM, [aalstad], is_chain="on")
    html = refused_page(client, reverse("partnerships:create"), data)
    assert rules.MSG_VARIANT_ON_WGR in html


def test_create_refuses_no_participants_and_a_missing_name(client):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("", LegalForm.OPENBAAR_LICHAAM, [])
    html = refused_page(client, reverse("partnerships:create"), data)
    assert rules.MSG_NO_PARTICIPANTS in html
    assert "Dit veld is verplicht." in html


def test_create_refuses_an_evaluation_interval_outside_1_to_10(client, aalstad):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("Fout 8", LegalForm.OPENBAAR_LICHAAM, [aalstad])
    data["evaluation_interval_years"] = "11"
    html = refused_page(client, reverse("partnerships:create"), data)
    assert "Zorg ervoor dat deze waarde hoogstens 10 is." in html


def test_a_contramal_must_include_the_own_organisation(client, aalstad, beekdorp):
    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    data = new_data("Fout 7", LegalForm.OPENBAAR_LICHAAM, [beekdorp])
    html = refused_page(client, reverse("partnerships:create"), data)
    assert "Gemeente Aalstad moet deelnemer zijn" in html


def test_create_refuses_a_duplicate_name(client, ggd, aalstad):
    client.force_login(make_user(Role.BEHEERDER))
    data = new_data("GGD Test", LegalForm.OPENBAAR_LICHAAM, [aalstad])
    html = refused_page(client, reverse("partnerships:create"), data)
    assert "bestaat al" in html


# --- edit ---------------------------------------------------------------------------------------


def test_a_griffier_sees_but_may_not_edit(client, ggd):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    assert client.get(reverse("partnerships:edit", args=[ggd.pk])).status_code == 403
    assert client.post(reverse("partnerships:edit", args=[ggd.pk]), {}).status_code == 403


def test_the_directeur_edits_the_partnership_and_adds_a_participant(client, ggd):
    client.force_login(make_user(Role.DIRECTEUR, partnership=ggd))
    url = reverse("partnerships:edit", args=[ggd.pk])
    assert client.get(url).status_code == 200
    data = page_data(ggd)
    cederveen = make_organisation("Gemeente Cederveen")
    data["policy_domain"] = "publieke gezondheid"
    data["deelnemers-2-organisation"] = cederveen.pk
    response = client.post(url, data)
    assert response.status_code == 302
    ggd.refresh_from_db()
    assert ggd.policy_domain == "publieke gezondheid"
    assert set(ggd.participations.values_list("organisation__name", flat=True)) == {
        "Gemeente Aalstad",
        "Gemeente Beekdorp",
        "Gemeente Cederveen",
    }
    assert Body.objects.filter(participation__organisation=cederveen).count() == 3


def test_a_centrumregeling_becomes_an_openbaar_lichaam_when_the_centre_is_unticked(client):
    partnership = make_partnership(
        "Centrum Test",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    client.force_login(make_user(Role.BEHEERDER))
    url = reverse("partnerships:edit", args=[partnership.pk])
    data = page_data(partnership)
    data["legal_form"] = LegalForm.OPENBAAR_LICHAAM
    html = refused_page(client, url, data)  # the centre is still ticked
    assert MSG_CENTRE_HERE in html

    data.pop(
        f"deelnemers-{row(data, 'deelnemers', make_organisation('Gemeente Aalstad'))}-is_centre"
    )
    assert client.post(url, data).status_code == 302
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.OPENBAAR_LICHAAM
    assert not partnership.participations.filter(is_centre=True).exists()


def test_the_centre_moves_to_another_participant(client, aalstad, beekdorp):
    partnership = make_partnership(
        "Centrum Wissel",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=[aalstad, beekdorp],
        centre="Gemeente Aalstad",
    )
    client.force_login(make_user(Role.BEHEERDER))
    data = page_data(partnership)
    data.pop(f"deelnemers-{row(data, 'deelnemers', aalstad)}-is_centre")
    data[f"deelnemers-{row(data, 'deelnemers', beekdorp)}-is_centre"] = "on"
    assert client.post(reverse("partnerships:edit", args=[partnership.pk]), data).status_code == 302
    assert partnership.participations.get(is_centre=True).organisation == beekdorp


def test_an_openbaar_lichaam_becomes_a_bvo_when_ab_and_db_give_way_to_one_bestuur(client, ggd):
    client.force_login(make_user(Role.BEHEERDER))
    url = reverse("partnerships:edit", args=[ggd.pk])
    data = page_data(ggd)
    data["legal_form"] = LegalForm.BEDRIJFSVOERINGSORGANISATIE
    html = refused_page(client, url, data)
    assert escaped(rules.MSG_ABDB_ON_BVO) in html

    data[f"organen-{row(data, 'organen', BodyKind.AB)}-kind"] = BodyKind.BESTUUR
    data[f"organen-{row(data, 'organen', BodyKind.DB)}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    ggd.refresh_from_db()
    assert ggd.legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE
    assert list(ggd.bodies.values_list("kind", "name")) == [(BodyKind.BESTUUR, "AB GGD Test")]


def test_a_bvo_becomes_an_openbaar_lichaam_with_a_new_ab(client):
    bvo = make_partnership("BVO Wissel", legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    Body.objects.create(partnership=bvo, kind=BodyKind.BESTUUR, name="Bestuur")
    client.force_login(make_user(Role.BEHEERDER))
    data = page_data(bvo)
    data["legal_form"] = LegalForm.OPENBAAR_LICHAAM
    data[f"organen-{row(data, 'organen', BodyKind.BESTUUR)}-kind"] = BodyKind.AB
    data["organen-1-kind"] = BodyKind.DB
    assert client.post(reverse("partnerships:edit", args=[bvo.pk]), data).status_code == 302
    assert set(bvo.bodies.values_list("kind", flat=True)) == {BodyKind.AB, BodyKind.DB}


def test_a_second_ab_is_refused(client, ggd):
    client.force_login(make_user(Role.BEHEERDER))
    data = page_data(ggd)
    data["organen-2-kind"] = BodyKind.AB
    html = refused_page(client, reverse("partnerships:edit", args=[ggd.pk]), data)
    assert escaped("Er is al een orgaan van de soort 'Algemeen bestuur'.") in html


def test_a_participant_with_assessments_cannot_be_removed(client, ggd, gids, beekdorp):
    make_assessment(make_round(ggd), organisation=beekdorp)
    client.force_login(make_user(Role.BEHEERDER))
    data = page_data(ggd)
    data[f"deelnemers-{row(data, 'deelnemers', beekdorp)}-DELETE"] = "on"
    html = refused_page(client, reverse("partnerships:edit", args=[ggd.pk]), data)
    assert "Gemeente Beekdorp heeft al zelfevaluaties" in html
    assert ggd.participations.filter(organisation=beekdorp).exists()


def test_a_participant_without_assessments_is_removed(client, ggd, beekdorp):
    client.force_login(make_user(Role.BEHEERDER))
    data = page_data(ggd)
    data[f"deelnemers-{row(data, 'deelnemers', beekdorp)}-DELETE"] = "on"
    assert client.post(reverse("partnerships:edit", args=[ggd.pk]), data).status_code == 302
    assert not ggd.participations.filter(organisation=beekdorp).exists()
    assert not Body.objects.filter(participation__organisation=beekdorp).exists()


def test_members_are_added_and_changed_on_the_edit_page(client, ggd, aalstad):
    client.force_login(make_user(Role.CONTRAMAL, organisation=aalstad))
    url = reverse("partnerships:edit", args=[ggd.pk])
    data = page_data(ggd)
    ab = ggd.bodies.get(kind=BodyKind.AB)
    data.update(
        {
            "leden-0-body": ab.pk,
            "leden-0-person_name": "Bert Bestuurder",
            "leden-0-person_email": "bert@aalstad.example",
            "leden-0-role": SeatRole.VOORZITTER,
            "leden-0-represents": ggd.participations.get(organisation=aalstad).pk,
        }
    )
    assert client.post(url, data).status_code == 302
    seat = Seat.objects.get(body=ab)
    assert seat.person.name == "Bert Bestuurder" and seat.person.email == "bert@aalstad.example"
    assert seat.person.organisation == aalstad and seat.role == SeatRole.VOORZITTER

    data = page_data(ggd)
    data["leden-0-role"] = SeatRole.LID
    assert client.post(url, data).status_code == 302
    seat.refresh_from_db()
    assert seat.role == SeatRole.LID and Person.objects.count() == 1

    data = page_data(ggd)
    data["leden-0-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert not Seat.objects.exists()
    html = client.get(reverse("partnerships:detail", args=[ggd.pk])).content.decode()
    assert "Bert Bestuurder" not in html


def test_the_edit_page_is_labelled_for_screen_readers(client, ggd):
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(reverse("partnerships:edit", args=[ggd.pk])).content.decode()
    assert "<legend" in html and "Deelnemer 1: Gemeente Aalstad<" in html
    assert 'for="id_deelnemers-0-organisation"' in html
    assert 'for="id_leden-0-person_name"' in html
    assert "style=" not in html and "<script>" not in html


# --- admin --------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "geheim-123"))
    return client


def test_the_admin_lists_and_opens_every_partnerships_model(admin_client, ggd):
    Seat.objects.create(
        body=ggd.bodies.get(kind=BodyKind.AB), person=Person.objects.create(name="Lid Een")
    )
    make_user(Role.GRIFFIER, organisation="Gemeente Aalstad")
    for model in (Organisation, Partnership, Participation, Body, Person, Seat):
        name = model._meta.model_name
        assert admin_client.get(reverse(f"admin:partnerships_{name}_changelist")).status_code == 200
        obj = model.objects.first()
        url = reverse(f"admin:partnerships_{name}_change", args=[obj.pk])
        assert admin_client.get(url).status_code == 200
    profile = Profile.objects.first()
    url = reverse("admin:partnerships_profile_change", args=[profile.pk])
    assert admin_client.get(url).status_code == 200


def test_the_admin_refuses_an_ab_on_a_bvo_in_dutch(admin_client):
    bvo = make_partnership("BVO Admin", legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    response = admin_client.post(
        reverse("admin:partnerships_body_add"),
        {
            "partnership": bvo.pk,
            "kind": BodyKind.AB,
            "name": "AB",
            "seats-TOTAL_FORMS": "0",
            "seats-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "één bestuur" in response.content.decode()
    assert not bvo.bodies.exists()


def test_the_admin_refuses_to_change_a_centrumregeling_with_a_centre(admin_client):
    partnership = make_partnership(
        "Centrum Admin",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad"],
        centre="Gemeente Aalstad",
    )
    response = admin_client.post(
        reverse("admin:partnerships_partnership_change", args=[partnership.pk]),
        {
            "name": partnership.name,
            "cooperation_model": CooperationModel.WGR,
            "legal_form": LegalForm.OPENBAAR_LICHAAM,
            "evaluation_interval_years": "4",
            "participations-TOTAL_FORMS": "0",
            "participations-INITIAL_FORMS": "0",
            "bodies-TOTAL_FORMS": "0",
            "bodies-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "heeft een centrumgemeente" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.CENTRUMREGELING
