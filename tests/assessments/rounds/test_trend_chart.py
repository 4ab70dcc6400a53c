"""The trend page's chart: the total per round as a line, one point per round, and the same
numbers in a table for screen readers."""

import re
from datetime import date

import pytest

from assessments.presentation import fmt_pct
from assessments.rounds import trends
from partnerships.constants import Role
from tests.assessments.rounds.test_trend import AALSTAD, BEEKDORP, _two_rounds
from tests.factories import make_assessment, make_round, make_user

pytestmark = pytest.mark.django_db


def _table(html: str, caption_id: str) -> list[tuple[str, str]]:
    start = html.index(f'<caption id="{caption_id}"')
    body = html[start : html.index("</table>", start)]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th><td>([^<]+)</td>', body)
    return [(label.strip(), value.strip()) for label, value in rows]


def _chart(html: str) -> str:
    start = html.index("<svg")
    return html[start : html.index("</svg>", start)]


def test_round_trend_chart_has_a_point_per_round_and_a_table_with_the_same_numbers(client, gids):
    old, new, *_ = _two_rounds()
    # A third, older round: the chart goes back beyond the round compared with.
    oldest = make_round(old.partnership, period="2024", opens_on=date(2024, 3, 1))
    make_assessment(oldest, organisation=AALSTAD, submitted=True, answers={"A1.1": 1, "A1.2": 1})
    trend = trends.round_trend(new)
    assert [p.round.period for p in trend.over_time] == ["2024", "2025", "2026"]
    assert trend.over_time[-1].overall == trend.overall_after
    assert trend.over_time[-2].overall == trend.overall_before

    client.force_login(make_user(Role.GRIFFIER, organisation=BEEKDORP))
    html = client.get(f"/rondes/{new.pk}/trend/").content.decode()
    svg = _chart(html)
    assert 'role="img"' in svg and '<title id="trend-totaal-title">' in svg
    assert svg.count("<circle") == 3
    rows = _table(html, "over-tijd-caption")
    assert rows == [(f"Ronde {p.round.period}", fmt_pct(p.overall)) for p in trend.over_time]
    for label, value in rows:  # the chart shows the same labels and values
        assert f">{label}</tspan>" in svg and f">{value}</text>" in svg
    assert "style=" not in svg and "<script" not in svg


def test_the_points_climb_with_the_score(client, gids):
    old, new, *_ = _two_rounds()
    client.force_login(make_user(Role.GRIFFIER, organisation=BEEKDORP))
    svg = _chart(client.get(f"/rondes/{new.pk}/trend/").content.decode())
    (x1, y1), (x2, y2) = [
        (float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    ]
    trend = trends.round_trend(new)
    assert x1 < x2  # oldest on the left
    assert (y2 < y1) == (trend.overall_after > trend.overall_before)  # higher score, higher up


def test_assessment_trend_chart_compares_the_two_assessments(client, gids):
    _, _, raad, _, _ = _two_rounds()
    trend = trends.assessment_trend(raad)
    client.force_login(make_user(Role.GRIFFIER, organisation=AALSTAD))
    html = client.get(f"/evaluaties/{raad.pk}/trend/").content.decode()
    assert _chart(html).count("<circle") == 2
    assert _table(html, "over-tijd-caption") == [
        ("Ronde 2025", fmt_pct(trend.overall_before)),
        ("Ronde 2026", fmt_pct(trend.overall_after)),
    ]
