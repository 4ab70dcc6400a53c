"""The overview of an organisation in many partnerships: 25 rows a page, the summary and the
filters over all of them, scores and steps worked out for the rows shown (issue 8)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from assessments.dashboard import Cell, apply_view_options, build_dashboard, cell_html, trend_of
from assessments.dashboard.views import ROWS_PER_PAGE, STEPS_SHOWN
from assessments.models import AssessmentRound
from assessments.selectors import round_score
from assessments.templatetags.overview import esc, one_decimal
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
    """The page fills scores only for its rows (or for all when the order needs them): the
    rows and numbers on a page equal those of the complete overview in the same order."""
    complete = build_dashboard(Partnership.objects.all(), organisation=many, today=TODAY)
    apply_view_options(complete, sort=sort)
    paged = build_dashboard(
        Partnership.objects.all(), organisation=many, today=TODAY, complete=False
    )
    apply_view_options(paged, sort=sort)
    for start in (0, ROWS_PER_PAGE):
        page = paged.rows[start : start + ROWS_PER_PAGE]
        paged.fill(page)
        expected = complete.rows[start : start + ROWS_PER_PAGE]
        assert [r.name for r in page] == [r.name for r in expected]
        for got, want in zip(page, expected, strict=True):
            assert (got.overall_pct, got.trend, got.respondents) == (
                want.overall_pct,
                want.trend,
                want.respondents,
            )
            assert got.cells == want.cells
            assert got.first_steps == want.first_steps
    assert paged.overdue_rounds == complete.overdue_rounds
    assert paged.step_count == len(complete.steps) == STEPS
    regio_03 = next(r for r in paged.rows if r.name == "Regio 03")
    paged.fill([regio_03])
    assert [s.description for s in regio_03.first_steps] == [
        "Stap van regio 03",
        "Latere stap 3",
        "Latere stap 2",
    ]
    assert regio_03.open_step_count == 1 + EXTRA_STEPS


def test_page_numbers_equal_the_round_scores(many):
    dashboard = build_dashboard(
        Partnership.objects.all(), organisation=many, today=TODAY, complete=False
    )
    row = dashboard.rows[7]
    dashboard.fill([row])
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
        assert Cell("A1", True, pct).text == floatformat(pct, 0), pct
    assert "geldt niet" in Cell("A1", False, None).text
    assert "geen score" in Cell("A1", True, None).text


def test_totals_and_changes_print_like_floatformat_in_dutch():
    """The fast formatter of the rows gives what {{ value|floatformat:1 }} gives, for every
    score and change the scoring can produce (rounded to one decimal)."""
    for tenths in range(-1000, 1001):
        value = round(tenths / 10, 1)
        assert one_decimal(value) == floatformat(value, 1), value
    # A change computed from two rounded scores, as trend_of does.
    assert one_decimal(trend_of(72.3, 70.1)) == floatformat(trend_of(72.3, 70.1), 1) == "2,2"


def test_escaping_of_the_rows_is_djangos_escaping():
    for text in ['GR "Rivierenland" & co', "<script>alert('x')</script>", "Één & één", 12]:
        assert esc(text) == escape(text)


def test_a_cells_html_carries_its_heat_class_and_text():
    assert cell_html(True, 72.5) == '<td class="score-cell heat-3">73</td>'
    assert cell_html(True, 100.0) == '<td class="score-cell heat-4">100</td>'
    assert cell_html(True, None) == (
        '<td class="score-cell heat-none"><span class="visually-hidden">geen score</span></td>'
    )
    assert "geldt niet" in cell_html(False, None)


def test_cached_scores_follow_a_change_of_applicability(gids, settings):
    """Adding a province makes A13 apply: the cached score of the round must not be reused."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "scores": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"},
    }
    caches["scores"].clear()
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership("GR Lagen", participants=[aalstad, "Gemeente Beekdorp"])
    round_ = make_round(partnership)
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
    after = overall()
    assert after == round_score(round_).overall_pct < before
