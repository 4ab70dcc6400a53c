"""A small region for the dashboard tests: Aalstad in a Wgr partnership with two rounds and in
a network without one, and a partnership of others."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.constants import NextStepStatus, Perspective, RoundStatus
from partnerships.constants import LegalForm
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
)

TODAY = timezone.localdate()
# Typed into a draft: no dashboard may show it.
DRAFT_SECRET = "CONCEPTTEKST-COLLEGE-AALSTAD"


@pytest.fixture
def world(gids):
    """Aalstad takes part in a Wgr partnership with two rounds and in a network without one;
    a third partnership is someone else's."""
    aalstad = make_organisation("Gemeente Aalstad")
    beekdorp = make_organisation("Gemeente Beekdorp")
    zeestad = make_organisation("Gemeente Zeestad")
    wgr = make_partnership(
        "Veiligheidsregio Oost", participants=[aalstad, beekdorp], evaluation_interval_years=4
    )
    network = make_partnership(
        "Netwerk Kustvisie", legal_form=LegalForm.CONVENANT, participants=[aalstad, zeestad]
    )
    other = make_partnership("Afvalschap West", participants=[zeestad, beekdorp])
    old = make_round(
        wgr,
        period="2025",
        opens_on=TODAY - timedelta(days=400),
        due_on=TODAY - timedelta(days=340),
        status=RoundStatus.CLOSED,
    )
    make_assessment(old, organisation=aalstad, submitted=True, answers={"A1.1": 1, "A1.2": 1})
    new = make_round(
        wgr,
        period="2026",
        opens_on=TODAY - timedelta(days=10),
        due_on=TODAY + timedelta(days=20),
        previous=old,
    )
    make_assessment(
        new, organisation=aalstad, submitted=True, answers={"A1.1": 4, "A1.2": 2, "A2.1": 3}
    )
    make_assessment(
        new, organisation=beekdorp, submitted=True, answers={"A1.1": 2, "A1.2": "nvt", "A2.1": 0}
    )
    make_assessment(
        new,
        organisation=aalstad,
        perspective=Perspective.COLLEGE,
        answers={"A1.1": (0, DRAFT_SECRET)},
    )
    make_next_step(new, description="Informatieprotocol opstellen", due_on=TODAY - timedelta(1))
    make_next_step(new, description="Evaluatie agenderen", due_on=TODAY + timedelta(30))
    make_next_step(new, description="Al gedaan", status=NextStepStatus.AFGEROND)
    other_round = make_round(other, period="2026")
    make_assessment(other_round, organisation=zeestad, submitted=True, answers={"A1.1": 4})
    return {
        "aalstad": aalstad,
        "beekdorp": beekdorp,
        "zeestad": zeestad,
        "wgr": wgr,
        "network": network,
        "other": other,
        "old": old,
        "new": new,
    }
