"""Bodies and participants must fit the legal form, on every path that writes them: the
partnership page (formsets), the admin and the CSV import, each with a Dutch message from
partnerships/rules.py. No AB or DB for a bedrijfsvoeringsorganisatie or a Part B form (the
network forms and the gemeenschappelijk orgaan); no governing body at all for a centrumregeling
or a regeling zonder meer; private parties only in networks. A change of legal form that the
stored bodies or participants do not allow says what to change first. (The models' own
guards: test_partnership_constraints.py.)"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from partnerships import rules
from partnerships.constants import (
    NETWORK_FORMS,
    BodyKind,
    CooperationModel,
    LegalForm,
    NetworkWeight,
    OrganisationKind,
    Role,
)
from partnerships.csv_parse import ImportFailed
from partnerships.importer import import_partnerships
from partnerships.models import Body, Organisation, Participation, Partnership
from tests.factories import make_organisation, make_partnership, make_user
from tests.partnerships.test_partnership_views import (
    escaped,
    new_data,
    page_data,
    refused_page,
    row,
)

pytestmark = pytest.mark.django_db

ABDB = [BodyKind.AB, BodyKind.DB]
GOVERNING = [BodyKind.AB, BodyKind.DB, BodyKind.BESTUUR]
ADVISING = [BodyKind.COMMISSIE, BodyKind.GEZAMENLIJKE_CONTRAMAL]
PART_B = [*NETWORK_FORMS, LegalForm.GEMEENSCHAPPELIJK_ORGAAN]
WITHOUT_OWN_BODIES = [LegalForm.CENTRUMREGELING, LegalForm.REGELING_ZONDER_MEER]


@pytest.fixture
def aalstad():
    return make_organisation("Gemeente Aalstad")


@pytest.fixture
def hogeschool():
    return make_organisation("Hogeschool Zuidland", kind=OrganisationKind.PRIVAAT)


@pytest.fixture
def beheerder(client):
    client.force_login(make_user(Role.BEHEERDER))
    return client


def no_own_body(form: str) -> str:
    return rules.MSG_BESTUUR_WITHOUT_OWN_BODIES.format(
        form=rules.FORM_IN_SENTENCE[form], reason=rules.WITHOUT_OWN_BODIES_REASON[form]
    )


# --- The rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize("form", LegalForm.values)
@pytest.mark.parametrize("kind", [*GOVERNING, *ADVISING])
def test_which_bodies_fit_which_form(form, kind):
    allowed = {
        LegalForm.OPENBAAR_LICHAAM: {*GOVERNING, *ADVISING},
        LegalForm.BEDRIJFSVOERINGSORGANISATIE: {BodyKind.BESTUUR, *ADVISING},
        LegalForm.CENTRUMREGELING: set(ADVISING),
        LegalForm.REGELING_ZONDER_MEER: set(ADVISING),
        **{f: {BodyKind.BESTUUR, *ADVISING} for f in PART_B},
    }[form]
    assert (rules.body_kind_error(form, kind) is None) == (kind in allowed)


@pytest.mark.parametrize("form", LegalForm.values)
@pytest.mark.parametrize("kind", OrganisationKind.values)
def test_private_parties_only_in_networks(form, kind):
    error = rules.participant_kind_error(form, kind, "Partij X")
    assert (error is None) == (kind != OrganisationKind.PRIVAAT or form in NETWORK_FORMS)


def test_a_form_change_names_what_to_change_first():
    change = rules.legal_form_change_errors
    assert change(LegalForm.BEDRIJFSVOERINGSORGANISATIE, body_kinds=["ab"]) == [
        rules.MSG_BVO_HAS_ABDB
    ]
    [network] = change(LegalForm.CONVENANT, body_kinds=["db", "commissie"])
    assert network.startswith("Dit samenwerkingsverband heeft een algemeen of dagelijks bestuur.")
    assert "Een netwerksamenwerking heeft dat niet: pas eerst de organen aan" in network
    [centrum] = change(LegalForm.CENTRUMREGELING, body_kinds=["bestuur"])
    assert "Een centrumregeling heeft dat niet" in centrum and "Verwijder eerst" in centrum
    [private] = change(
        LegalForm.OPENBAAR_LICHAAM,
        body_kinds=["ab"],
        participants=[("Hogeschool Zuidland", "privaat"), ("Gemeente Aalstad", "gemeente")],
    )
    assert private == rules.MSG_WGR_HAS_PRIVATE.format(names="Hogeschool Zuidland")
    assert change(LegalForm.GEMEENSCHAPPELIJK_ORGAAN, body_kinds=["bestuur", "commissie"]) == []


# --- The partnership page -----------------------------------------------------------------------


@pytest.mark.parametrize("form", PART_B)
@pytest.mark.parametrize("kind", ABDB)
def test_the_page_refuses_an_ab_or_db_on_a_part_b_form(beheerder, aalstad, form, kind):
    data = new_data("Fout", form, [aalstad])
    data["organen-0-kind"] = kind
    html = refused_page(beheerder, reverse("partnerships:create"), data)
    assert escaped(rules.MSG_ABDB_ON_PART_B.format(form=rules.FORM_IN_SENTENCE[form])) in html


@pytest.mark.parametrize("form", WITHOUT_OWN_BODIES)
@pytest.mark.parametrize("kind", GOVERNING)
def test_the_page_refuses_a_governing_body_without_own_bodies(beheerder, aalstad, form, kind):
    data = new_data("Fout", form, [aalstad])
    data["deelnemers-0-is_centre"] = "on" if form == LegalForm.CENTRUMREGELING else ""
    data["organen-0-kind"] = kind
    html = refused_page(beheerder, reverse("partnerships:create"), data)
    assert escaped(no_own_body(form)) in html


def test_the_page_accepts_a_commission_on_a_centrumregeling_and_a_bestuur_on_a_network(
    beheerder, aalstad
):
    data = new_data("Centrum", LegalForm.CENTRUMREGELING, [aalstad])
    data.update({"deelnemers-0-is_centre": "on", "organen-0-kind": BodyKind.COMMISSIE})
    data["organen-1-kind"] = BodyKind.GEZAMENLIJKE_CONTRAMAL
    assert beheerder.post(reverse("partnerships:create"), data).status_code == 302
    data = new_data("Netwerk", LegalForm.CONVENANT, [aalstad])
    data["organen-0-kind"] = BodyKind.BESTUUR
    assert beheerder.post(reverse("partnerships:create"), data).status_code == 302
    assert set(Body.objects.filter(partnership__isnull=False).values_list("kind", flat=True)) == {
        BodyKind.COMMISSIE,
        BodyKind.GEZAMENLIJKE_CONTRAMAL,
        BodyKind.BESTUUR,
    }


def test_the_page_refuses_a_private_party_in_a_wgr_regeling(beheerder, aalstad, hogeschool):
    data = new_data("Fout", LegalForm.OPENBAAR_LICHAAM, [aalstad, hogeschool])
    html = refused_page(beheerder, reverse("partnerships:create"), data)
    assert escaped(rules.MSG_PRIVATE_IN_WGR.format(name="Hogeschool Zuidland")) in html

    data = new_data("Triple helix", LegalForm.CONVENANT, [aalstad, hogeschool])
    assert beheerder.post(reverse("partnerships:create"), data).status_code == 302


def test_a_network_with_a_private_party_becomes_a_wgr_regeling_once_it_is_removed(
    beheerder, aalstad, hogeschool
):
    network = make_partnership("Netwerk", legal_form=LegalForm.CONVENANT, participants=[aalstad])
    Participation.objects.create(partnership=network, organisation=hogeschool)
    url = reverse("partnerships:edit", args=[network.pk])
    data = page_data(network)
    data["legal_form"] = LegalForm.OPENBAAR_LICHAAM
    html = refused_page(beheerder, url, data)
    assert escaped(rules.MSG_PRIVATE_IN_WGR.format(name="Hogeschool Zuidland")) in html

    data[f"deelnemers-{row(data, 'deelnemers', hogeschool)}-DELETE"] = "on"
    assert beheerder.post(url, data).status_code == 302
    network.refresh_from_db()
    assert network.legal_form == LegalForm.OPENBAAR_LICHAAM
    assert network.cooperation_model == CooperationModel.WGR
    assert list(network.participations.values_list("organisation__name", flat=True)) == [
        "Gemeente Aalstad"
    ]


def test_an_openbaar_lichaam_becomes_a_network_when_ab_and_db_give_way(beheerder, aalstad):
    partnership = make_partnership("Wissel", participants=[aalstad])
    Body.objects.create(partnership=partnership, kind=BodyKind.AB, name="AB")
    Body.objects.create(partnership=partnership, kind=BodyKind.DB, name="DB")
    url = reverse("partnerships:edit", args=[partnership.pk])
    data = page_data(partnership)
    data["legal_form"] = LegalForm.AFSPRAKENSET
    html = refused_page(beheerder, url, data)
    assert escaped(rules.MSG_ABDB_ON_PART_B.format(form="Een netwerksamenwerking")) in html

    data[f"organen-{row(data, 'organen', BodyKind.AB)}-kind"] = BodyKind.BESTUUR
    data[f"organen-{row(data, 'organen', BodyKind.DB)}-DELETE"] = "on"
    assert beheerder.post(url, data).status_code == 302
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.AFSPRAKENSET
    assert list(partnership.bodies.values_list("kind", "name")) == [(BodyKind.BESTUUR, "AB")]


def test_a_gemeenschappelijk_orgaan_becomes_a_centrumregeling_once_its_bestuur_is_gone(
    beheerder, aalstad
):
    orgaan = make_partnership(
        "Orgaan", legal_form=LegalForm.GEMEENSCHAPPELIJK_ORGAAN, participants=[aalstad]
    )
    Body.objects.create(partnership=orgaan, kind=BodyKind.BESTUUR, name="Het orgaan")
    Body.objects.create(partnership=orgaan, kind=BodyKind.COMMISSIE, name="Auditcommissie")
    url = reverse("partnerships:edit", args=[orgaan.pk])
    data = page_data(orgaan)
    data["legal_form"] = LegalForm.CENTRUMREGELING
    data[f"deelnemers-{row(data, 'deelnemers', aalstad)}-is_centre"] = "on"
    html = refused_page(beheerder, url, data)
    assert escaped(no_own_body(LegalForm.CENTRUMREGELING)) in html

    data[f"organen-{row(data, 'organen', BodyKind.BESTUUR)}-DELETE"] = "on"
    assert beheerder.post(url, data).status_code == 302
    orgaan.refresh_from_db()
    assert orgaan.legal_form == LegalForm.CENTRUMREGELING
    assert list(orgaan.bodies.values_list("kind", flat=True)) == [BodyKind.COMMISSIE]


# --- The admin ----------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "geheim-123"))
    return client


def admin_partnership_data(partnership: Partnership, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": partnership.name,
        "cooperation_model": partnership.cooperation_model,
        "legal_form": partnership.legal_form,
        "network_weight": NetworkWeight.ZWAAR,
        "council_powers": "on",
        "evaluation_interval_years": "4",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "bodies-TOTAL_FORMS": "0",
        "bodies-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("form", "kind", "message"),
    [
        (LegalForm.CONVENANT, BodyKind.AB, "heeft geen algemeen of dagelijks bestuur"),
        (LegalForm.GEMEENSCHAPPELIJK_ORGAAN, BodyKind.DB, "heeft geen algemeen of dagelijks"),
        (LegalForm.CENTRUMREGELING, BodyKind.BESTUUR, "Een centrumregeling heeft geen eigen"),
        (LegalForm.REGELING_ZONDER_MEER, BodyKind.AB, "Een regeling zonder meer heeft geen eigen"),
    ],
)
def test_the_admin_refuses_a_body_that_does_not_fit(admin_client, form, kind, message):
    partnership = make_partnership("Admin Verband", legal_form=form)
    response = admin_client.post(
        reverse("admin:partnerships_body_add"),
        {
            "partnership": partnership.pk,
            "kind": kind,
            "name": "Orgaan",
            "seats-TOTAL_FORMS": "0",
            "seats-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not partnership.bodies.exists()


def test_the_admin_refuses_an_ab_inline_when_the_form_becomes_a_network(admin_client):
    partnership = make_partnership("Admin Inline")
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    data = admin_partnership_data(
        partnership,
        cooperation_model=CooperationModel.NETWORK,
        legal_form=LegalForm.CONVENANT,
        **{"bodies-TOTAL_FORMS": "1", "bodies-0-kind": BodyKind.AB, "bodies-0-name": "AB"},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Een netwerksamenwerking heeft geen algemeen of dagelijks bestuur" in (
        response.content.decode()
    )
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.OPENBAAR_LICHAAM and not partnership.bodies.exists()


def test_the_admin_refuses_a_form_change_the_stored_bodies_do_not_allow(admin_client):
    partnership = make_partnership("Admin Wissel")
    Body.objects.create(partnership=partnership, kind=BodyKind.AB)
    response = admin_client.post(
        reverse("admin:partnerships_partnership_change", args=[partnership.pk]),
        admin_partnership_data(partnership, legal_form=LegalForm.GEMEENSCHAPPELIJK_ORGAAN),
    )
    assert response.status_code == 200
    assert "Een gemeenschappelijk orgaan heeft dat niet: pas eerst de organen aan" in (
        response.content.decode()
    )
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.OPENBAAR_LICHAAM


def test_the_admin_refuses_a_form_change_the_private_participants_do_not_allow(
    admin_client, aalstad, hogeschool
):
    network = make_partnership(
        "Admin Netwerk", legal_form=LegalForm.CONVENANT, participants=[aalstad, hogeschool]
    )
    response = admin_client.post(
        reverse("admin:partnerships_partnership_change", args=[network.pk]),
        admin_partnership_data(
            network, cooperation_model=CooperationModel.WGR, legal_form=LegalForm.OPENBAAR_LICHAAM
        ),
    )
    assert response.status_code == 200
    assert escaped(rules.MSG_WGR_HAS_PRIVATE.format(names="Hogeschool Zuidland")) in (
        response.content.decode()
    )
    network.refresh_from_db()
    assert network.legal_form == LegalForm.CONVENANT


def test_the_admin_refuses_a_private_participant_in_a_wgr_regeling(admin_client, hogeschool):
    partnership = make_partnership("Admin Wgr")
    response = admin_client.post(
        reverse("admin:partnerships_participation_add"),
        {"partnership": partnership.pk, "organisation": hogeschool.pk},
    )
    assert response.status_code == 200
    assert escaped(rules.MSG_PRIVATE_IN_WGR.format(name="Hogeschool Zuidland")) in (
        response.content.decode()
    )
    assert not partnership.participations.filter(organisation=hogeschool).exists()


def test_the_admin_refuses_to_make_a_participant_of_a_wgr_regeling_private(admin_client):
    make_partnership("Admin GR", participants=["Stichting Zuidland"])
    stichting = Organisation.objects.get(name="Stichting Zuidland")
    response = admin_client.post(
        reverse("admin:partnerships_organisation_change", args=[stichting.pk]),
        {"name": stichting.name, "kind": OrganisationKind.PRIVAAT, "cbs_code": ""},
    )
    assert response.status_code == 200
    assert "Stichting Zuidland neemt deel aan een gemeenschappelijke regeling (Admin GR)" in (
        response.content.decode()
    )
    stichting.refresh_from_db()
    assert stichting.kind == OrganisationKind.OVERIG_PUBLIEK


# --- The CSV import -----------------------------------------------------------------------------


def import_errors(text: str) -> list[str]:
    before = (list(Partnership.objects.values()), list(Participation.objects.values()))
    with pytest.raises(ImportFailed) as failure:
        import_partnerships(text.encode())
    assert (list(Partnership.objects.values()), list(Participation.objects.values())) == before
    return [str(e) for e in failure.value.errors]


def test_the_import_refuses_an_existing_private_party_in_a_wgr_regeling(hogeschool):
    errors = import_errors(
        "naam;vorm;deelnemers\n"
        "Goed;netwerk;Gemeente Aalstad|Hogeschool Zuidland\n"
        "Fout;openbaar lichaam;Gemeente Aalstad|hogeschool zuidland\n"
    )
    assert errors == [
        "Regel 3, kolom deelnemers: " + rules.MSG_PRIVATE_IN_WGR.format(name="Hogeschool Zuidland")
    ]


@pytest.mark.parametrize(
    ("kind", "vorm", "expected"),
    [
        (BodyKind.AB, "netwerk", "dit samenwerkingsverband heeft een algemeen of dagelijks"),
        (BodyKind.DB, "gemeenschappelijk orgaan", "Een gemeenschappelijk orgaan heeft dat niet"),
        (BodyKind.BESTUUR, "centrumregeling", "Een centrumregeling heeft dat niet"),
        (BodyKind.AB, "regeling zonder meer", "Een regeling zonder meer heeft dat niet"),
    ],
)
def test_the_import_refuses_a_form_change_the_stored_bodies_do_not_allow(kind, vorm, expected):
    partnership = make_partnership("Bestaand", participants=["Gemeente Aalstad"])
    Body.objects.create(partnership=partnership, kind=kind)
    errors = import_errors(
        f"naam;vorm;deelnemers;centrum\nBestaand;{vorm};Gemeente Aalstad;"
        + ("Gemeente Aalstad\n" if vorm == "centrumregeling" else "\n")
    )
    assert len(errors) == 1
    assert errors[0].startswith("Regel 2, kolom vorm: ")
    assert expected in errors[0]


def test_the_import_changes_a_network_with_a_bestuur_into_a_gemeenschappelijk_orgaan(
    aalstad, hogeschool
):
    network = make_partnership(
        "Netwerk", legal_form=LegalForm.CONVENANT, participants=[aalstad, hogeschool]
    )
    Body.objects.create(partnership=network, kind=BodyKind.BESTUUR)
    # The private party leaves in the same file: it is removed before the form changes.
    import_partnerships(
        b"naam;vorm;deelnemers\nNetwerk;gemeenschappelijk orgaan;Gemeente Aalstad\n"
    )
    network.refresh_from_db()
    assert network.legal_form == LegalForm.GEMEENSCHAPPELIJK_ORGAAN
    assert list(network.participations.values_list("organisation__name", flat=True)) == [
        "Gemeente Aalstad"
    ]
