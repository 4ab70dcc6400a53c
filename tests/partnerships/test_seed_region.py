"""The fictional demo region: every legal form and network variant, idempotent."""

import pytest

from partnerships.constants import (
    PARTICIPANT_BODY_KINDS,
    WGR_FORMS,
    BodyKind,
    CooperationModel,
    LegalForm,
    NetworkVariant,
    NetworkWeight,
)
from partnerships.demo import Region, seed_region
from partnerships.models import Body, Organisation, Participation, Partnership, Person, Seat
from partnerships.selectors import applicability_for

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Organisation, Partnership, Participation, Body, Person, Seat)
    )


@pytest.fixture
def region() -> Region:
    return seed_region()


def test_seeding_twice_changes_nothing(region):
    before = counts()
    again = seed_region()
    assert counts() == before
    assert {k: p.pk for k, p in again.partnerships.items()} == {
        k: p.pk for k, p in region.partnerships.items()
    }


def test_the_region_has_the_documented_keys(region):
    assert set(region.partnerships) == {
        "ob",
        "ob_lagen",
        "bvo",
        "centrum",
        "orgaan",
        "zonder_meer",
        "net_provincie",
        "net_triple_helix",
        "net_keten",
        "net",
    }
    assert {"aalstad", "beekdorp", "zuidland", "dedijken"} <= set(region.organisations)
    assert region.organisations["aalstad"].name == "Gemeente Aalstad"
    assert region.participations[("centrum", "aalstad")].is_centre
    assert region.people["directeur_ggd"].name


def test_every_wgr_form_and_every_network_variant_is_present(region):
    forms = {p.legal_form for p in region.partnerships.values()}
    assert set(WGR_FORMS) <= forms
    networks = [p for p in region.partnerships.values() if p.cooperation_model == "network"]
    assert {v for p in networks for v in p.network_variants} == {
        NetworkVariant.TRIPLE_HELIX,
        NetworkVariant.KETEN,
    }
    assert any(not p.network_variants for p in networks)
    assert {p.network_weight for p in networks} == {NetworkWeight.LICHT, NetworkWeight.ZWAAR}
    assert {p.council_powers for p in networks} == {True, False}
    assert all(
        p.cooperation_model == CooperationModel.WGR
        for p in region.partnerships.values()
        if p.legal_form in WGR_FORMS
    )


def test_the_region_is_fictional(region):
    municipalities = Organisation.objects.filter(kind="gemeente").values_list("name", flat=True)
    assert len(municipalities) >= 6
    real = {"Gemeente Amsterdam", "Gemeente Utrecht", "Gemeente Wijchen", "Gemeente Arnhem"}
    assert real.isdisjoint(municipalities)
    codes = [code for code in Organisation.objects.values_list("cbs_code", flat=True) if code]
    assert codes and all(code[2:4] == "99" for code in codes)  # no real CBS code uses 99


def test_bodies_fit_each_legal_form(region):
    kinds = {
        key: set(p.bodies.values_list("kind", flat=True)) for key, p in region.partnerships.items()
    }
    assert {BodyKind.AB, BodyKind.DB, BodyKind.COMMISSIE, BodyKind.GEZAMENLIJKE_CONTRAMAL} <= kinds[
        "ob"
    ]
    assert BodyKind.BESTUUR in kinds["bvo"]
    assert not kinds["bvo"] & {BodyKind.AB, BodyKind.DB}
    assert region.partnerships["centrum"].participations.filter(is_centre=True).count() == 1
    assert (
        not Participation.objects.filter(is_centre=True)
        .exclude(partnership__legal_form=LegalForm.CENTRUMREGELING)
        .exists()
    )


def test_every_participant_has_raad_college_and_contramal(region):
    for participation in Participation.objects.all():
        assert set(participation.bodies.values_list("kind", flat=True)) == set(
            PARTICIPANT_BODY_KINDS
        )
    assert (
        Body.objects.get(
            participation=region.participations[("ob", "aalstad")], kind=BodyKind.RAAD
        ).name
        == "Gemeenteraad Aalstad"
    )


def test_every_seeded_row_passes_model_validation(region):
    for model in (Organisation, Partnership, Participation, Body, Person, Seat):
        for row in model.objects.all():
            row.full_clean()


def test_people_sit_in_bodies_with_roles(region):
    ab = region.partnerships["ob"].bodies.get(kind=BodyKind.AB)
    assert ab.seats.count() == 6
    chair = ab.seats.get(role="voorzitter")
    assert chair.represents == region.participations[("ob", "aalstad")]
    assert (
        region.partnerships["bvo"]
        .bodies.get(kind=BodyKind.BESTUUR)
        .seats.filter(role="directeur")
        .exists()
    )


def test_the_region_shows_the_applicability_rules(region, gids):
    def applies(key: str, code: str) -> bool:
        return applicability_for(region.partnerships[key], gids).theme(code).applies

    assert applies("ob_lagen", "A13") and not applies("ob", "A13")
    assert applies("centrum", "A14") and not applies("ob", "A14")
    assert applies("orgaan", "B1") and not applies("orgaan", "A1")
    assert applies("net_provincie", "B13") and not applies("net", "B13")
    assert applies("net_triple_helix", "B14") and applies("net_keten", "B15")
    bvo = applicability_for(region.partnerships["bvo"], gids)
    assert "A4.1-3" in bvo.hidden_practical()  # the AB-DB role split
    for key in ("centrum", "zonder_meer"):
        excluded = {e.id for e in applicability_for(region.partnerships[key], gids).excluded_items}
        assert {"A5.4", "A5.8", "A12.1", "A12.2"} <= excluded
    light = applicability_for(region.partnerships["net"], gids)
    assert light.theme("B9").items == ("B9.1",) and not light.theme("B7").applies
