"""Round statistics: mean, lowest, highest, spread and differences of view.

Hand-computed values; only submitted assessments count; n.v.t. and weet niet are answers but
not scores; the page, `selectors.round_score` and the export agree.
"""

import pytest

from assessments import scoring
from assessments.constants import Perspective
from assessments.rounds.selectors import round_side_by_side
from assessments.scores import round_score
from partnerships.constants import Role
from tests.factories import make_assessment, make_partnership, make_round, make_user

# Three submitted respondents and one draft that must not count.
RAAD = {"A1.1": 4, "A1.2": "nvt", "A2.1": 2, "A2.2": 0, "A5.1": 4, "A5.2": 3}
COLLEGE = {"A1.1": 2, "A1.2": 3, "A2.1": 3, "A2.2": "nvt", "A5.1": 4, "A5.2": "weet_niet"}
DB = {"A1.1": 1, "A1.2": 3, "A2.1": 3, "A2.2": 2, "A5.1": 4, "A5.2": 1}
DRAFT = {"A1.1": 0, "A1.2": 0, "A2.1": 0, "A2.2": 4, "A5.1": 0, "A5.2": 4}

# (n, mean, min, max, spread, divergent), worked out by hand
EXPECTED_ITEMS = {
    "A1.1": (3, 2.3, 1, 4, 3, True),  # 4, 2, 1 -> 7/3
    "A1.2": (2, 3.0, 3, 3, 0, False),  # nvt, 3, 3
    "A2.1": (3, 2.7, 2, 3, 1, False),  # 2, 3, 3 -> 8/3
    "A2.2": (2, 1.0, 0, 2, 2, True),  # 0, nvt, 2
    "A5.1": (3, 4.0, 4, 4, 0, False),
    "A5.2": (2, 2.0, 1, 3, 2, True),  # 3, weet niet, 1
}
# theme = mean of the exact item means / 4 * 100
EXPECTED_THEMES = {
    "A1": 66.7,  # (7/3 + 3) / 2 = 8/3
    "A2": 45.8,  # (8/3 + 1) / 2 = 11/6
    "A5": 75.0,  # (4 + 2) / 2
}
EXPECTED_OVERALL = 62.5  # (66.7 + 45.8 + 75.0) / 3


def _stats(item: scoring.ItemStats) -> tuple:
    return (item.n, item.mean, item.min, item.max, item.spread, item.divergent)


def test_score_round_pure_hand_computed():
    items = [scoring.Item(code, code.split(".")[0]) for code in EXPECTED_ITEMS]
    result = scoring.score_round(items, [RAAD, COLLEGE, DB])
    assert {i.id: _stats(i) for i in result.items} == EXPECTED_ITEMS
    assert {t.code: t.score_pct for t in result.themes} == EXPECTED_THEMES
    assert result.overall_pct == EXPECTED_OVERALL
    assert [i.id for i in result.divergent()] == ["A1.1", "A2.2", "A5.2"]


def test_item_with_only_nvt_and_weet_niet_has_no_score():
    items = [scoring.Item("A1.1", "A1"), scoring.Item("A1.2", "A1")]
    result = scoring.score_round(items, [{"A1.1": "nvt", "A1.2": 2}, {"A1.1": "weet_niet"}])
    first = result.items[0]
    assert (first.n, first.mean, first.spread, first.divergent) == (0, None, None, False)
    assert result.theme("A1").score_pct == 50.0  # only A1.2 counts


@pytest.fixture
def scored_round(gids):
    partnership = make_partnership(participants=["Gemeente Aalstad", "Gemeente Beekdorp"])
    round_ = make_round(partnership)
    make_assessment(round_, organisation="Gemeente Aalstad", submitted=True, answers=RAAD)
    make_assessment(
        round_,
        organisation="Gemeente Aalstad",
        perspective=Perspective.COLLEGE,
        submitted=True,
        answers=COLLEGE,
    )
    make_assessment(round_, perspective=Perspective.DB, submitted=True, answers=DB)
    make_assessment(
        round_,
        organisation="Gemeente Beekdorp",
        answers={k: (v, "Conceptantwoord Beekdorp") for k, v in DRAFT.items()},
    )
    return round_


def test_round_score_counts_only_submitted(scored_round):
    result = round_score(scored_round)
    assert result.respondents == 3
    by_id = {i.id: _stats(i) for i in result.items}
    assert {code: by_id[code] for code in EXPECTED_ITEMS} == EXPECTED_ITEMS
    themes = {t.code: t.score_pct for t in result.themes}
    assert {code: themes[code] for code in EXPECTED_THEMES} == EXPECTED_THEMES
    assert all(pct is None for code, pct in themes.items() if code not in EXPECTED_THEMES)
    assert result.overall_pct == EXPECTED_OVERALL


def test_side_by_side_matches_round_score(scored_round):
    view = round_side_by_side(scored_round)
    assert len(view.respondents) == 3
    # partnership perspective first, then participants by name: raad before college
    assert [r.label for r in view.respondents] == [
        "Dagelijks bestuur",
        "Gemeente Aalstad — Raad (politiek orgaan)",
        "Gemeente Aalstad — College",
    ]
    rows = {row.code: row for block in view.themes for row in block.items}
    assert {code: _stats(rows[code].stats) for code in EXPECTED_ITEMS} == EXPECTED_ITEMS
    assert [c.value for _, c in rows["A1.1"].answers] == [1, 4, 2]
    assert {b.code: b.score_pct for b in view.themes if b.code in EXPECTED_THEMES} == (
        EXPECTED_THEMES
    )
    assert [r.code for r in view.divergent] == ["A1.1", "A2.2", "A5.2"]
    assert view.pending == ["Gemeente Beekdorp — Raad (politiek orgaan)"]


def test_single_respondent(gids):
    partnership = make_partnership(participants=["Gemeente Aalstad"])
    round_ = make_round(partnership)
    make_assessment(round_, organisation="Gemeente Aalstad", submitted=True, answers=RAAD)
    result = round_score(round_)
    by_id = {i.id: _stats(i) for i in result.items}
    assert by_id["A1.1"] == (1, 4.0, 4, 4, 0, False)
    assert by_id["A1.2"] == (0, None, None, None, None, False)  # n.v.t.
    assert by_id["A2.2"] == (1, 0.0, 0, 0, 0, False)
    themes = {t.code: t.score_pct for t in result.themes}
    assert (themes["A1"], themes["A2"], themes["A5"]) == (100.0, 25.0, 87.5)
    assert result.overall_pct == 70.8  # (100 + 25 + 87.5) / 3
    assert result.divergent() == []


def test_round_without_submissions_has_no_scores(gids):
    round_ = make_round(make_partnership())
    make_assessment(round_, organisation="Gemeente Aalstad", answers={"A1.1": 4})
    result = round_score(round_)
    assert result.respondents == 0
    assert result.overall_pct is None
    assert all(i.n == 0 and i.mean is None for i in result.items)


def test_compare_page_shows_numbers_and_differences_of_view(client, scored_round):
    user = make_user(Role.GRIFFIER, organisation="Gemeente Beekdorp")
    client.force_login(user)
    response = client.get(f"/rondes/{scored_round.pk}/naast-elkaar/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verschillen van inzicht" in html
    assert "Verschil van inzicht" in html  # text, not colour alone
    assert "(verschil van inzicht)" in html  # screen-reader text in the heat table
    assert "2,3" in html and "67%" in html  # Dutch decimal means, whole percentages
    # the agenda list is ordered by spread
    agenda = html[html.index('id="verschillen"') : html.index('id="verschillen-caption"') + 2000]
    assert agenda.index("A1.1") < agenda.index("A2.2") < agenda.index("A5.2")
    assert 'class="table-responsive" tabindex="0" role="region"' in html
    assert "heat-4" in html and "heat-none" in html and "divergent" in html
    # a draft never shows, not even to a participant of the round
    assert "Conceptantwoord Beekdorp" not in html
    assert "Nog niet ingediend en dus niet meegeteld: Gemeente Beekdorp" in html


def test_compare_page_theme_filter(client, scored_round):
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(f"/rondes/{scored_round.pk}/naast-elkaar/?thema=a5").content.decode()
    assert 'id="thema-A5"' in html and 'id="thema-A1"' not in html
    assert "Verschillen van inzicht in A5" in html
    html = client.get(f"/rondes/{scored_round.pk}/naast-elkaar/?thema=Z9").content.decode()
    assert "Thema Z9 bestaat niet of geldt niet" in html
    assert 'id="thema-A1"' in html
