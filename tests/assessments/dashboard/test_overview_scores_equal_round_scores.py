"""The overview's scores come from SQL aggregates: they must be exactly the round's
own scores (`selectors.round_score`), and only the rounds shown are aggregated."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import scoring
from assessments.constants import Perspective, RoundStatus
from assessments.dashboard import selectors
from assessments.dashboard.page import build_dashboard
from assessments.dashboard.selectors import fetch_round_means
from assessments.scores import round_score
from partnerships.models import Partnership
from tests.factories import make_assessment, make_organisation, make_partnership, make_round

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_score_round_from_means_equals_score_round():
    items = [
        scoring.Item("A1.1", "A1"),
        scoring.Item("A1.2", "A1"),
        scoring.Item("A2.1", "A2"),
        scoring.Item("A5.7", "B6"),  # a Part A item scored under a Part B theme
        scoring.Item("A3.1", "A3"),
    ]
    responses = [
        {"A1.1": 4, "A1.2": 1, "A2.1": "nvt", "A5.7": 3, "A3.1": "weet_niet"},
        {"A1.1": 3, "A1.2": "weet_niet", "A2.1": 2, "A5.7": 0},
        {"A1.1": 0, "A1.2": 2, "A2.1": 1, "A5.7": 4},
    ]
    full = scoring.score_round(items, responses)
    sums: dict[str, list[int]] = {}
    for r in responses:
        for code, value in r.items():
            if scoring.is_numeric(value):
                sums.setdefault(code, []).append(value)
    means = {code: scoring.item_mean(sum(v), len(v)) for code, v in sums.items()}
    quick = scoring.score_round_from_means(items, means, respondents=3)
    assert quick.themes == full.themes
    assert quick.overall_pct == full.overall_pct
    assert quick.respondents == 3
    assert quick.theme("A3").score_pct is None  # only weet niet


@pytest.fixture
def region(gids):
    orgs = [make_organisation(f"Gemeente {n}") for n in ("Aalstad", "Beekdorp", "Cedam", "Dorp")]
    partnership = make_partnership("GR Thirds", participants=orgs)
    old = make_round(
        partnership,
        period="2024",
        opens_on=TODAY - timedelta(days=800),
        due_on=TODAY - timedelta(days=700),
        status=RoundStatus.CLOSED,
    )
    mid = make_round(
        partnership,
        period="2025",
        opens_on=TODAY - timedelta(days=400),
        due_on=TODAY - timedelta(days=340),
        status=RoundStatus.CLOSED,
        previous=old,
    )
    new = make_round(
        partnership,
        period="2026",
        opens_on=TODAY - timedelta(days=10),
        due_on=TODAY + timedelta(days=20),
        previous=mid,
    )
    make_assessment(old, organisation=orgs[0], submitted=True, answers={"A1.1": 0})
    make_assessment(mid, organisation=orgs[0], submitted=True, answers={"A1.1": 1, "A1.2": 2})
    # Means that are not exact in binary (1/3, 2/3): any drift would show after rounding.
    make_assessment(
        new,
        organisation=orgs[0],
        submitted=True,
        answers={"A1.1": 4, "A1.2": 1, "A1.3": "nvt", "A2.1": 3, "A3.1": "weet_niet"},
    )
    make_assessment(
        new,
        organisation=orgs[1],
        submitted=True,
        answers={"A1.1": 3, "A1.2": "weet_niet", "A1.3": 2, "A2.1": 0, "A3.1": "weet_niet"},
    )
    make_assessment(
        new,
        organisation=orgs[2],
        submitted=True,
        answers={"A1.1": 0, "A1.2": 2, "A1.3": 1, "A2.1": "nvt", "A4.1": 2},
    )
    make_assessment(  # a draft: never in the scores
        new, organisation=orgs[3], answers={"A1.1": 4, "A2.1": 4, "A3.1": 4}
    )
    make_assessment(  # a draft of another perspective of a respondent
        new, organisation=orgs[0], perspective=Perspective.COLLEGE, answers={"A1.1": 0}
    )
    return {"orgs": orgs, "old": old, "mid": mid, "new": new}


def test_dashboard_scores_equal_round_score_with_nvt_and_weet_niet(region):
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=region["orgs"][0], today=TODAY
    )
    (row,) = dashboard.rows
    official = round_score(region["new"])
    assert row.scored_round.pk == region["new"].pk
    assert row.respondents == official.respondents == 3
    assert row.overall_pct == official.overall_pct
    for theme in official.themes:
        assert row.score(theme.code) == theme.score_pct, theme.code
    assert row.score("A1") is not None and row.score("A3") is None
    assert row.previous_overall_pct == round_score(region["mid"]).overall_pct
    assert row.trend == round(official.overall_pct - row.previous_overall_pct, 1)


def test_only_the_rounds_shown_are_aggregated(region, monkeypatch):
    means = fetch_round_means([region["new"].pk])
    assert set(means) == {region["new"].pk}
    # Submitted numeric answers only: A1.2 = (1 + 2) / 2, A1.1 = 7 / 3, no A3.1 (weet niet).
    assert means[region["new"].pk]["A1.2"] == 1.5
    assert means[region["new"].pk]["A1.1"] == 7 / 3
    assert "A3.1" not in means[region["new"].pk]

    asked = []

    def spy(round_ids):
        asked.append(set(round_ids))
        return fetch_round_means(round_ids)

    monkeypatch.setattr(selectors, "fetch_round_means", spy)
    build_dashboard(Partnership.objects.all(), organisation=region["orgs"][0], today=TODAY)
    assert asked == [{region["new"].pk, region["mid"].pk}]  # not the 2024 round


SCORES_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"},
    "scores": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-scores",
    },
}


def test_cached_means_are_reused_and_never_stale(region, monkeypatch, settings):
    from django.core.cache import caches

    from assessments.constants import AssessmentStatus
    from tests.factories import make_assessment as add_assessment

    settings.CACHES = SCORES_CACHE
    caches["scores"].clear()
    asked = []

    def spy(round_ids):
        asked.append(set(round_ids))
        return fetch_round_means(round_ids)

    monkeypatch.setattr(selectors, "fetch_round_means", spy)

    def overview_row():
        dashboard = build_dashboard(
            Partnership.objects.all(), organisation=region["orgs"][0], today=TODAY
        )
        return dashboard.rows[0]

    first = overview_row()
    assert asked == [{region["new"].pk, region["mid"].pk}]
    again = overview_row()
    assert asked == [{region["new"].pk, region["mid"].pk}]  # served from the cache
    assert again.overall_pct == first.overall_pct == round_score(region["new"]).overall_pct

    # A new submission changes the round's scores: only that round is aggregated again.
    add_assessment(
        region["new"],
        organisation=region["orgs"][3],
        perspective=Perspective.COLLEGE,
        submitted=True,
        answers={"A1.1": 4, "A2.1": 4},
    )
    changed = overview_row()
    assert asked[-1] == {region["new"].pk}
    assert changed.overall_pct == round_score(region["new"]).overall_pct != first.overall_pct

    # Reopening a submitted assessment takes it out of the scores at once.
    reopened = region["new"].assessments.filter(status=AssessmentStatus.SUBMITTED).first()
    reopened.status, reopened.submitted_at = AssessmentStatus.DRAFT, None
    reopened.save()
    after_reopen = overview_row()
    assert after_reopen.overall_pct == round_score(region["new"]).overall_pct
    assert after_reopen.respondents == round_score(region["new"]).respondents
