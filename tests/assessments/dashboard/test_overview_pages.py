"""The overview of an organisation in many partnerships: 25 rows a page, the summary and the
filters over all of them, scores and steps worked out for the rows shown."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from assessments.dashboard.facts import RoundFacts, StepFacts
from assessments.dashboard.page import (
    ROWS_PER_PAGE,
    STEPS_SHOWN,
    PartnershipRow,
    ThemeCell,
    ViewOptions,
    build_dashboard,
)
from assessments.dashboard.state import RoundState
from assessments.models import AssessmentRound
from assessments.scores import round_score
from assessments.templatetags.overview import overview_rows
from partnerships.constants import OrganisationKind, Role
from partnerships.models import Participation, Partnership
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
N = 30
EXTRA_STEPS = 4
STEPS = N + EXTRA_STEPS


@pytest.fixture
def many(gids):
    """Aalstad in 30 partnerships, each scored differently, with one open step each (the
    first ten overdue); round 2026 of every fifth one is still a draft for Aalstad."""
    aalstad = make_organisation("Gemeente Aalstad")
    for i in range(N):
        partner = make_organisation(f"Gemeente Partner {i}")
        p = make_partnership(f"Regio {i:02d}", participants=[aalstad, partner])
        old = make_round(p, period="2025", opens_on=TODAY - timedelta(400))
        make_assessment(old, organisation=partner, submitted=True, answers={"A1.1": 2})
        r = make_round(p, period="2026", previous=old)
        make_assessment(
            r,
            organisation=aalstad,
            submitted=i % 5 != 0,
            answers={"A1.1": i % 5, "A2.1": (i * 3) % 5, "A3.1": (i * 7) % 5},
        )
        make_assessment(r, organisation=partner, submitted=True, answers={"A1.1": (i + 2) % 5})
        make_next_step(
            r, description=f"Stap van regio {i:02d}", due_on=TODAY + timedelta(days=i - 10)
        )
        if i == 3:  # four more, later: the row lists its first three
            for k in range(EXTRA_STEPS):
                make_next_step(r, description=f"Latere stap {k}", due_on=TODAY + timedelta(99 - k))
    return aalstad


def _names_on(html: str) -> list[str]:
    return [f"Regio {i:02d}" for i in range(N) if f">Regio {i:02d}</a>" in html]


def test_first_page_shows_25_rows_and_a_page_navigation(client, many):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=many))
    url = reverse("assessments:dashboard")
    html = client.get(url).content.decode()
    assert _names_on(html) == [f"Regio {i:02d}" for i in range(ROWS_PER_PAGE)]
    assert f"Samenwerkingsverband 1–25 van {N}, pagina 1 van 2." in html
    assert '<nav aria-label="Pagina\'s van het overzicht"' in html
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>1</a>' in html
    # The summary still counts every partnership, not just the page.
    assert f"<strong>{N}</strong> samenwerkingsverbanden" in html
    assert f"<strong>{STEPS}</strong> open vervolgstappen" in html

    html = client.get(url, {"pagina": "2"}).content.decode()
    assert _names_on(html) == [f"Regio {i:02d}" for i in range(ROWS_PER_PAGE, N)]
    assert f"Samenwerkingsverband 26–30 van {N}, pagina 2 van 2." in html
    # A page number out of range or not a number shows the last or the first page.
    assert _names_on(client.get(url, {"pagina": "99"}).content.decode())[0] == "Regio 25"
    assert _names_on(client.get(url, {"pagina": "x"}).content.decode())[0] == "Regio 00"


def test_page_links_keep_filters_and_order_and_a_new_order_starts_at_page_one(client, many):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=many))
    html = client.get(
        reverse("assessments:dashboard"), {"q": "regio", "sorteer": "-naam", "pagina": "1"}
    ).content.decode()
    assert 'href="?q=regio&amp;sorteer=-naam&amp;pagina=2"' in html
    assert 'href="?q=regio&amp;sorteer=-score"' in html  # sort link: no page number
    assert "pagina=1&amp;sorteer" not in html
    # The Excel link carries the filters, not the page.
    assert "?q=regio&amp;sorteer=-naam&amp;pagina" not in html.split("Download als Excel")[0]


@pytest.mark.parametrize(
    "sort",
    [
        "naam",
        "-naam",
        "status",
        "-score",
        "score",
        "trend",
        "-trend",
        "evaluatie",
        "stappen",
        "-stappen",
        "A1",
        "-A2",
        "A3",
    ],
)
def test_every_order_pages_the_same_rows_as_the_complete_overview(many, sort):
    """A page works out scores and steps only for its rows (for every row when the order needs
    the scores): the rows and numbers on a page equal those of the complete overview in the
    same order."""
    options = ViewOptions(sort=sort)
    shown = Partnership.objects.all()
    complete = build_dashboard(shown, organisation=many, today=TODAY, options=options)
    for number, start in ((1, 0), (2, ROWS_PER_PAGE)):
        paged = build_dashboard(shown, organisation=many, today=TODAY, options=options, page=number)
        expected = complete.rows[start : start + ROWS_PER_PAGE]
        assert [r.name for r in paged.rows] == [r.name for r in expected]
        for got, want in zip(paged.rows, expected, strict=True):
            assert (got.overall_pct, got.trend, got.respondents) == (
                want.overall_pct,
                want.trend,
                want.respondents,
            )
            assert got.cells == want.cells
            assert got.first_steps == want.first_steps
            assert got.overdue_steps == want.overdue_steps
        assert paged.overdue_rounds == complete.overdue_rounds
        assert paged.step_count == len(complete.steps) == STEPS
        assert paged.steps == complete.steps[:STEPS_SHOWN]
    regio_03 = next(r for r in complete.rows if r.name == "Regio 03")
    assert [s.description for s in regio_03.first_steps] == [
        "Stap van regio 03",
        "Latere stap 3",
        "Latere stap 2",
    ]
    assert regio_03.open_step_count == 1 + EXTRA_STEPS


def test_a_row_of_a_page_is_complete(many):
    """Every row of a page has its scores, its cells and its first steps: nothing is left for
    the view or the template to fetch."""
    dashboard = build_dashboard(Partnership.objects.all(), organisation=many, today=TODAY, page=1)
    assert len(dashboard.rows) == ROWS_PER_PAGE
    assert all(isinstance(row, PartnershipRow) for row in dashboard.rows)
    assert all(len(row.cells) == len(dashboard.columns) for row in dashboard.rows)
    assert all(row.first_steps for row in dashboard.rows)
    assert all(row.scored_round is not None for row in dashboard.rows)


def test_page_numbers_equal_the_round_scores(many):
    dashboard = build_dashboard(Partnership.objects.all(), organisation=many, today=TODAY, page=1)
    row = dashboard.rows[7]
    official = round_score(AssessmentRound.objects.get(pk=row.scored_round.pk))
    assert row.overall_pct == official.overall_pct
    for theme in official.themes:
        assert row.score(theme.code) == theme.score_pct


def test_the_step_list_shows_the_first_twenty_and_points_to_the_rest(client, many):
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=many))
    html = client.get(reverse("assessments:dashboard")).content.decode()
    steps_part = html.split('id="stappen-kop"')[1]
    shown = [i for i in range(N) if f"Stap van regio {i:02d}" in steps_part]
    assert shown == list(range(STEPS_SHOWN))  # the earliest due dates first
    assert f"de eerste {STEPS_SHOWN} van {STEPS}" in steps_part
    assert f"Alle {STEPS} open vervolgstappen staan in de" in steps_part


def test_query_count_of_a_page_does_not_grow_with_partnerships(
    client, many, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=many))
    url = reverse("assessments:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as thirty:
        client.get(url)
    for i in range(N, N + 20):
        p = make_partnership(f"Regio {i:02d}", participants=[many])
        r = make_round(p, period="2026")
        make_assessment(r, organisation=many, submitted=True, answers={"A1.1": 1})
        make_next_step(r, due_on=TODAY)
    with django_assert_max_num_queries(len(thirty)):
        assert client.get(url, {"pagina": "2"}).status_code == 200


def test_cells_print_whole_percentages_like_floatformat():
    for tenths in range(0, 1001):
        pct = tenths / 10
        assert ThemeCell("A1", True, pct).text == floatformat(pct, 0), pct
    assert ThemeCell("A1", False, None).text == ThemeCell("A1", True, None).text == ""


def _row(**changed) -> PartnershipRow:
    round_ = RoundFacts(7, 1, "2026", 1, TODAY, "open", 2)
    step = StepFacts(9, 7, 1, "Regio Oost", "Informatieprotocol", "", TODAY, "open", None)
    values = {
        "pk": 1,
        "name": "Regio Oost",
        "legal_form": "Openbaar lichaam",
        "cooperation_model": "wgr",
        "current_round": round_,
        "state": RoundState.DRAFT,
        "next_evaluation_due": TODAY,
        "evaluation_overdue": False,
        "open_step_count": 1,
        "has_overdue_steps": False,
        "scored_round": round_,
        "respondents": 2,
        "overall_pct": 72.5,
        "previous_overall_pct": 70.3,
        "cells": (
            ThemeCell("A1", True, 72.5),
            ThemeCell("A2", True, None),
            ThemeCell("B1", False, None),
        ),
        "first_steps": (step,),
        "overdue_steps": 0,
    }
    return PartnershipRow(**(values | changed))


def test_rows_print_numbers_and_dates_as_the_django_templates_do():
    """The rows' partial (Jinja2) prints totals, changes and dates in Dutch, as
    {{ value|floatformat:0 }} (whole percentages) and {{ day|date:"j-n-Y" }} do, and a heat class per cell."""
    day = f"{TODAY.day}-{TODAY.month}-{TODAY.year}"
    html = str(overview_rows([_row()]))
    assert '<td class="score-cell fw-semibold">73%<br>' in html
    assert "ronde 2026, 2 resp.</span>" in html
    assert '<span aria-hidden="true">▲</span> +2<span class="visually-hidden">' in html
    assert '<td class="score-cell heat-3">73</td>' in html
    assert (
        '<td class="score-cell heat-none"><span class="visually-hidden">geen score</span></td>'
    ) in html
    assert '<span class="visually-hidden">geldt niet</span>' in html
    assert f"<li>{day}: Informatieprotocol</li>" in html
    assert f"vóór {day}</span>" in html
    html = str(overview_rows([_row(overall_pct=67.3, next_evaluation_due=None)]))
    assert '<span aria-hidden="true">▼</span> -3<span class="visually-hidden">' in html
    assert "nog nooit geëvalueerd" in html


def test_a_round_keeps_its_scores_when_the_partnership_changes_and_the_next_round_follows(
    gids, settings
):
    """Adding a province makes A13 apply, but only from the next round on: the round scores
    what applied when it opened, cached or not."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "scores": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"},
    }
    caches["scores"].clear()
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership("GR Lagen", participants=[aalstad, "Gemeente Beekdorp"])
    round_ = make_round(partnership, period="2025", opens_on=TODAY - timedelta(days=400))
    make_assessment(round_, organisation=aalstad, submitted=True, answers={"A1.1": 4, "A13.1": 0})

    def overall() -> float | None:
        (row,) = build_dashboard(Partnership.objects.all(), organisation=aalstad, today=TODAY).rows
        return row.overall_pct

    before = overall()
    assert before == round_score(round_).overall_pct == 100.0
    assert overall() == before  # from the cache
    Participation.objects.create(
        partnership=partnership,
        organisation=make_organisation("Provincie Noord", kind=OrganisationKind.PROVINCIE),
    )
    caches["scores"].clear()
    assert overall() == round_score(round_).overall_pct == before

    later = make_round(partnership, period="2026")
    make_assessment(later, organisation=aalstad, submitted=True, answers={"A1.1": 4, "A13.1": 0})
    assert overall() == round_score(later).overall_pct < before
