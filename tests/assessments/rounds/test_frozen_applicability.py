"""A round keeps what applied when it opened: a later change of the partnership (its form,
its participants) never changes the round's scores, exports or report, and the round page
and the report say that the partnership changed. New rounds follow the partnership."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import AssessmentRound
from assessments.scores import changes_since_opened, round_applicability
from partnerships.constants import LegalForm, Role
from partnerships.models import Participation
from tests.factories import (
    make_assessment,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db


def export(command: str, pk: int, *options: str) -> str:
    out = io.StringIO()
    call_command(command, str(pk), *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def closed_round(gids):
    """An openbaar lichaam of two gemeenten; a closed round in which both raden answered every
    item, A5.4 (the voorzitter and the AB and DB) low."""
    partnership = make_partnership(
        "GR Frozen", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )
    round_ = make_round(partnership, period="2025")
    codes = [code for code, _ in round_applicability(round_).item_pairs()]
    assert "A5.4" in codes and "A13.1" not in codes
    for name, value in (("Gemeente Aalstad", 2), ("Gemeente Beekdorp", 3)):
        answers: dict[str, int | str | tuple[int | str, str]] = {c: value for c in codes}
        answers["A5.4"] = 0
        make_assessment(round_, organisation=name, submitted=True, answers=answers)
    round_.status = "closed"
    round_.save(update_fields=["status"])
    return round_


def change_to_a_centrumregeling_with_a_province(partnership):
    partnership.legal_form = LegalForm.CENTRUMREGELING
    partnership.save()
    Participation.objects.filter(
        partnership=partnership, organisation__name="Gemeente Aalstad"
    ).update(is_centre=True)
    Participation.objects.create(
        partnership=partnership, organisation=make_organisation("Provincie Zuidland")
    )


def test_a_closed_round_keeps_its_exports_byte_for_byte_when_the_partnership_changes(
    closed_round,
):
    assessment = closed_round.assessments.order_by("pk").first()
    before = {
        "round": export("export_round", closed_round.pk, "--json"),
        "assessment": export("export_assessment", assessment.pk, "--json"),
    }
    change_to_a_centrumregeling_with_a_province(closed_round.partnership)
    fresh = AssessmentRound.objects.get(pk=closed_round.pk)

    assert export("export_round", fresh.pk, "--json") == before["round"]
    assert export("export_assessment", assessment.pk, "--json") == before["assessment"]
    assert "A5.4" in before["round"] and "A14.1" not in before["round"]
    assert changes_since_opened(fresh) == ["de vorm", "de soorten deelnemers"]


def test_a_new_round_follows_the_changed_partnership(closed_round):
    change_to_a_centrumregeling_with_a_province(closed_round.partnership)
    new = make_round(closed_round.partnership, period="2026")
    codes = {code for code, _ in round_applicability(new).item_pairs()}
    assert "A5.4" not in codes and {"A14.1", "A13.1"} <= codes
    assert changes_since_opened(new) == []


def test_round_page_and_report_say_the_partnership_changed_since_the_round_opened(
    client, closed_round
):
    organisation = make_organisation("Gemeente Aalstad")
    client.force_login(make_user(Role.GRIFFIER, organisation=organisation))
    page = client.get(reverse("assessments:round", args=[closed_round.pk]))
    assert "gewijzigd sinds deze ronde is geopend" not in page.content.decode()

    change_to_a_centrumregeling_with_a_province(closed_round.partnership)
    page = client.get(reverse("assessments:round", args=[closed_round.pk])).content.decode()
    assert "Het samenwerkingsverband is gewijzigd sinds deze ronde is geopend" in page
    assert "de vorm, de soorten deelnemers" in page

    from assessments.reports.render import render_report_html
    from assessments.reports.round_report import build_round_report

    html = render_report_html(build_round_report(closed_round))
    assert "was bij de opening van deze ronde een openbaar lichaam" in html
    assert "sinds deze ronde is geopend, is de vorm en de soorten deelnemers" in html
