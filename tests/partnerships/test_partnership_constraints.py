"""Partnerships that cannot be are refused on every path that saves: the database's own
constraints for rules within one row, and the models' save() for the rules that span a
partnership and its participations or bodies (a StructureError, an IntegrityError, under a
lock on the partnership's row). Runs on SQLite and on PostgreSQL."""

import pytest
from django.db import IntegrityError, transaction

from partnerships.constants import (
    NETWORK_FORMS,
    WGR_FORMS,
    BodyKind,
    CooperationModel,
    LegalForm,
    OrganisationKind,
)
from partnerships.models import Body, Participation, Partnership
from tests.factories import make_organisation, make_partnership

pytestmark = pytest.mark.django_db


CENTRE = "participation_centre_requires_centrumregeling"
FORM_CENTRE = "partnership_with_centre_must_be_centrumregeling"
ABDB = "body_no_abdb_on_bedrijfsvoeringsorganisatie"
FORM_ABDB = "partnership_with_abdb_cannot_be_bedrijfsvoeringsorganisatie"


def refused(action, match: str | None = None) -> None:
    """An IntegrityError; `match` names the constraint or the rule."""
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        action()


# --- single-table rules -----------------------------------------------------------------------


def test_a_participant_cannot_take_part_twice():
    partnership = make_partnership(participants=["Gemeente Aalstad"])
    aalstad = make_organisation("Gemeente Aalstad")
    refused(
        lambda: Participation.objects.create(partnership=partnership, organisation=aalstad),
        "participation_unique|UNIQUE",
    )
    assert partnership.participations.count() == 1


@pytest.mark.parametrize("variant", ["is_triple_helix", "is_chain"])
def test_a_wgr_partnership_cannot_have_a_network_variant(variant):
    refused(
        lambda: Partnership.objects.create(
            name="Variant op Wgr",
            cooperation_model=CooperationModel.WGR,
            legal_form=LegalForm.OPENBAAR_LICHAAM,
            **{variant: True},
        ),
        "partnership_variants_only_network",
    )
    assert not Partnership.objects.filter(name="Variant op Wgr").exists()


def test_a_legal_form_must_fit_the_cooperation_model():
    refused(
        lambda: Partnership.objects.create(
            name="Convenant als Wgr",
            cooperation_model=CooperationModel.WGR,
            legal_form=LegalForm.CONVENANT,
        ),
        "partnership_form_fits_model",
    )


def test_a_centrumregeling_has_at_most_one_centre():
    partnership = make_partnership(
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    beekdorp = partnership.participations.get(organisation__name="Gemeente Beekdorp")
    beekdorp.is_centre = True
    refused(beekdorp.save, "participation_one_centre|UNIQUE")


# --- (a) a centre only in a centrumregeling -----------------------------------------------------


def test_a_centre_cannot_be_inserted_in_a_partnership_that_is_no_centrumregeling():
    partnership = make_partnership(
        legal_form=LegalForm.OPENBAAR_LICHAAM, participants=["Gemeente Beekdorp"]
    )
    aalstad = make_organisation("Gemeente Aalstad")
    refused(
        lambda: Participation.objects.create(
            partnership=partnership, organisation=aalstad, is_centre=True
        ),
        CENTRE,
    )
    assert not partnership.participations.filter(organisation=aalstad).exists()


def test_a_participant_cannot_be_made_centre_of_a_partnership_that_is_no_centrumregeling():
    partnership = make_partnership(legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    participation = partnership.participations.first()
    participation.is_centre = True
    refused(participation.save, CENTRE)
    assert not partnership.participations.filter(is_centre=True).exists()


def test_a_centre_cannot_move_to_a_partnership_that_is_no_centrumregeling():
    centrum = make_partnership(
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad"],
        centre="Gemeente Aalstad",
    )
    other = make_partnership(
        legal_form=LegalForm.OPENBAAR_LICHAAM, participants=["Gemeente Beekdorp"]
    )
    participation = centrum.participations.get()
    participation.partnership = other
    refused(participation.save, CENTRE)


def test_a_centre_may_be_inserted_in_a_centrumregeling():
    partnership = make_partnership(
        legal_form=LegalForm.CENTRUMREGELING, participants=["Gemeente Beekdorp"]
    )
    Participation.objects.create(
        partnership=partnership, organisation=make_organisation("Gemeente Aalstad"), is_centre=True
    )
    assert partnership.participations.get(is_centre=True).organisation.name == "Gemeente Aalstad"


# --- (b) the legal form of a partnership with a centre --------------------------------------------


def test_a_centrumregeling_with_a_centre_cannot_change_its_legal_form():
    partnership = make_partnership(
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    partnership.legal_form = LegalForm.OPENBAAR_LICHAAM
    refused(partnership.save, FORM_CENTRE)
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.CENTRUMREGELING


def test_a_centrumregeling_without_a_centre_may_change_its_legal_form():
    partnership = make_partnership(legal_form=LegalForm.CENTRUMREGELING)
    partnership.legal_form = LegalForm.OPENBAAR_LICHAAM
    partnership.save()
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.OPENBAAR_LICHAAM


# --- (c) no AB/DB on a bedrijfsvoeringsorganisatie ------------------------------------------------


@pytest.mark.parametrize("kind", [BodyKind.AB, BodyKind.DB])
def test_a_bedrijfsvoeringsorganisatie_cannot_get_an_ab_or_db(kind):
    partnership = make_partnership(legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    refused(lambda: Body.objects.create(partnership=partnership, kind=kind), ABDB)
    assert not partnership.bodies.exists()


def test_the_bestuur_of_a_bedrijfsvoeringsorganisatie_cannot_become_an_ab():
    partnership = make_partnership(legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    bestuur = Body.objects.create(partnership=partnership, kind=BodyKind.BESTUUR)
    bestuur.kind = BodyKind.AB
    refused(bestuur.save, ABDB)
    bestuur.refresh_from_db()
    assert bestuur.kind == BodyKind.BESTUUR


def test_an_ab_cannot_move_to_a_bedrijfsvoeringsorganisatie():
    openbaar = make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM)
    bvo = make_partnership(legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    ab = Body.objects.create(partnership=openbaar, kind=BodyKind.AB)
    ab.partnership = bvo
    refused(ab.save, ABDB)


def test_other_bodies_are_fine_on_a_bedrijfsvoeringsorganisatie_and_ab_on_openbaar_lichaam():
    bvo = make_partnership(legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE)
    for kind in (BodyKind.BESTUUR, BodyKind.COMMISSIE, BodyKind.GEZAMENLIJKE_CONTRAMAL):
        Body.objects.create(partnership=bvo, kind=kind)
    openbaar = make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM)
    Body.objects.create(partnership=openbaar, kind=BodyKind.AB)
    Body.objects.create(partnership=openbaar, kind=BodyKind.DB)
    assert bvo.bodies.count() == 3 and openbaar.bodies.count() == 2


# --- (d) the legal form of a partnership with an AB or DB -----------------------------------------


@pytest.mark.parametrize("kind", [BodyKind.AB, BodyKind.DB])
def test_a_partnership_with_an_ab_or_db_cannot_become_a_bedrijfsvoeringsorganisatie(kind):
    partnership = make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM)
    Body.objects.create(partnership=partnership, kind=kind)
    partnership.legal_form = LegalForm.BEDRIJFSVOERINGSORGANISATIE
    refused(partnership.save, FORM_ABDB)
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.OPENBAAR_LICHAAM


def test_a_partnership_without_ab_or_db_may_become_a_bedrijfsvoeringsorganisatie():
    partnership = make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM)
    Body.objects.create(partnership=partnership, kind=BodyKind.BESTUUR)
    partnership.legal_form = LegalForm.BEDRIJFSVOERINGSORGANISATIE
    partnership.save()
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.BEDRIJFSVOERINGSORGANISATIE


def test_unrelated_updates_of_a_centrumregeling_and_an_openbaar_lichaam_still_work():
    centrum = make_partnership(
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad"],
        centre="Gemeente Aalstad",
    )
    centrum.policy_domain = "sociaal domein"
    centrum.save()
    openbaar = make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM)
    Body.objects.create(partnership=openbaar, kind=BodyKind.AB)
    openbaar.name = "Hernoemd openbaar lichaam"
    openbaar.save()
    assert Partnership.objects.filter(policy_domain="sociaal domein").exists()
    assert Partnership.objects.filter(name="Hernoemd openbaar lichaam").exists()


# --- (e) bodies fit every form, (f) private parties only in networks ----------------------------

BODY = "body_kind_must_fit_legal_form"
FORM_BODIES = "partnership_bodies_must_fit_legal_form"
PRIVATE = "participation_private_party_only_in_network"
FORM_PRIVATE = "partnership_with_private_party_must_be_network"
PART_B = [*NETWORK_FORMS, LegalForm.GEMEENSCHAPPELIJK_ORGAAN]
WITHOUT_OWN_BODIES = [LegalForm.CENTRUMREGELING, LegalForm.REGELING_ZONDER_MEER]


@pytest.mark.parametrize("form", PART_B)
@pytest.mark.parametrize("kind", [BodyKind.AB, BodyKind.DB])
def test_a_part_b_form_cannot_get_an_ab_or_db(form, kind):
    partnership = make_partnership(legal_form=form)
    refused(lambda: Body.objects.create(partnership=partnership, kind=kind), BODY)
    assert not partnership.bodies.exists()


@pytest.mark.parametrize("form", WITHOUT_OWN_BODIES)
@pytest.mark.parametrize("kind", [BodyKind.AB, BodyKind.DB, BodyKind.BESTUUR])
def test_a_form_without_own_bodies_cannot_get_a_governing_body(form, kind):
    partnership = make_partnership(legal_form=form)
    refused(lambda: Body.objects.create(partnership=partnership, kind=kind), BODY)
    assert not partnership.bodies.exists()


def test_a_commission_cannot_become_the_bestuur_of_a_centrumregeling():
    partnership = make_partnership(legal_form=LegalForm.CENTRUMREGELING)
    commissie = Body.objects.create(partnership=partnership, kind=BodyKind.COMMISSIE)
    commissie.kind = BodyKind.BESTUUR
    refused(commissie.save, BODY)
    commissie.refresh_from_db()
    assert commissie.kind == BodyKind.COMMISSIE


def test_fitting_bodies_are_fine_on_every_form():
    for form in WITHOUT_OWN_BODIES:
        partnership = make_partnership(legal_form=form)
        for kind in (BodyKind.COMMISSIE, BodyKind.GEZAMENLIJKE_CONTRAMAL):
            Body.objects.create(partnership=partnership, kind=kind)
        assert partnership.bodies.count() == 2
    for form in PART_B:
        partnership = make_partnership(legal_form=form)
        Body.objects.create(partnership=partnership, kind=BodyKind.BESTUUR)
        assert partnership.bodies.count() == 1


@pytest.mark.parametrize(
    ("kind", "form"),
    [
        (BodyKind.AB, LegalForm.CONVENANT),
        (BodyKind.DB, LegalForm.GEMEENSCHAPPELIJK_ORGAAN),
        (BodyKind.BESTUUR, LegalForm.CENTRUMREGELING),
        (BodyKind.BESTUUR, LegalForm.REGELING_ZONDER_MEER),
    ],
)
def test_a_partnership_cannot_take_a_form_its_bodies_do_not_fit(kind, form):
    partnership = make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM)
    Body.objects.create(partnership=partnership, kind=kind)
    partnership.legal_form = form
    partnership.cooperation_model = (
        CooperationModel.NETWORK if form in NETWORK_FORMS else CooperationModel.WGR
    )
    refused(partnership.save, FORM_BODIES)
    partnership.refresh_from_db()
    assert partnership.legal_form == LegalForm.OPENBAAR_LICHAAM


@pytest.mark.parametrize("form", WGR_FORMS)
def test_a_private_party_cannot_take_part_in_a_wgr_regeling(form):
    partnership = make_partnership(legal_form=form)
    private = make_organisation("Hogeschool Zuidland", kind=OrganisationKind.PRIVAAT)
    refused(
        lambda: Participation.objects.create(partnership=partnership, organisation=private),
        PRIVATE,
    )
    assert not partnership.participations.filter(organisation=private).exists()


def test_a_participation_cannot_move_to_a_wgr_regeling_or_switch_to_a_private_party():
    private = make_organisation("Hogeschool Zuidland", kind=OrganisationKind.PRIVAAT)
    network = make_partnership(legal_form=LegalForm.CONVENANT, participants=[private])
    participation = network.participations.get()
    participation.partnership = make_partnership(legal_form=LegalForm.OPENBAAR_LICHAAM)
    refused(participation.save, PRIVATE)
    wgr_participation = participation.partnership.participations.first()
    wgr_participation.organisation = private
    refused(wgr_participation.save, PRIVATE)


def test_a_network_with_a_private_party_cannot_become_a_wgr_regeling():
    private = make_organisation("Ondernemersvereniging", kind=OrganisationKind.PRIVAAT)
    network = make_partnership(
        legal_form=LegalForm.AFSPRAKENSET, participants=["Gemeente Aalstad", private]
    )
    network.legal_form = LegalForm.GEMEENSCHAPPELIJK_ORGAAN
    network.cooperation_model = CooperationModel.WGR
    refused(network.save, FORM_PRIVATE)
    network.refresh_from_db()
    assert network.legal_form == LegalForm.AFSPRAKENSET
    network.legal_form = LegalForm.OVEREENKOMST  # another network form is fine
    network.save()
