"""The scoring rules of one assessment, pure and without a database (DESIGN.md "Scoring")."""

import pytest

from assessments import presentation, scoring
from assessments.scoring import NVT, WEET_NIET, Item, score_assessment


def items(spec: dict[str, list[scoring.Value]]) -> list[Item]:
    """{"A1": [3, 4, None]} -> items A1.1, A1.2, A1.3 in that order."""
    return [
        Item(id=f"{theme}.{n}", theme=theme, value=value)
        for theme, values in spec.items()
        for n, value in enumerate(values, start=1)
    ]


# (case, answers per theme, target, theme score_pct, overall_pct, completeness_pct, gap ids)
CASES = [
    (
        "mixed scores",
        {"A1": [2, 4], "A2": [3]},
        3,
        {"A1": 75.0, "A2": 75.0},
        75.0,
        100.0,
        ["A1.1"],
    ),
    (
        "n.v.t. counts as answered, not as a score",
        {"A1": [4, NVT], "A2": [NVT]},
        3,
        {"A1": 100.0, "A2": None},
        100.0,
        100.0,
        [],
    ),
    (
        "weet niet is an open point: answered, no score, a gap",
        {"A1": [WEET_NIET, 2]},
        3,
        {"A1": 50.0},
        50.0,
        100.0,
        ["A1.2", "A1.1"],
    ),
    (
        "empty theme: no score, left out of the overall mean",
        {"A1": [4, 4], "A2": [None, None]},
        3,
        {"A1": 100.0, "A2": None},
        100.0,
        50.0,
        [],
    ),
    (
        "nothing answered at all",
        {"A1": [None], "A2": [None]},
        3,
        {"A1": None, "A2": None},
        None,
        0.0,
        [],
    ),
    (
        "all zero",
        {"A1": [0, 0], "A2": [0]},
        3,
        {"A1": 0.0, "A2": 0.0},
        0.0,
        100.0,
        ["A1.1", "A1.2", "A2.1"],
    ),
    (
        "all four",
        {"A1": [4, 4], "A2": [4]},
        4,
        {"A1": 100.0, "A2": 100.0},
        100.0,
        100.0,
        [],
    ),
    (
        "overall is the mean of themes, not of items",
        {"A1": [4, 4, 4, 4], "A2": [0]},
        3,
        {"A1": 100.0, "A2": 0.0},
        50.0,
        100.0,
        ["A2.1"],
    ),
    (
        "rounding to one decimal",
        {"A1": [1, 1, 2]},
        1,
        {"A1": 33.3},
        33.3,
        100.0,
        [],
    ),
]


@pytest.mark.parametrize(
    "answers,target,themes,overall,completeness,gaps",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_score_assessment(answers, target, themes, overall, completeness, gaps):
    result = score_assessment(items(answers), target=target)
    assert {t.code: t.score_pct for t in result.themes} == themes
    assert result.overall_pct == overall
    assert result.completeness_pct == completeness
    assert [g.id for g in result.gaps] == gaps


# A target change moves the line between "good enough" and "gap", never the scores.
TARGETS = [
    (1, ["A1.1"]),
    (2, ["A1.1", "A1.2"]),
    (3, ["A1.1", "A1.2", "A1.3"]),
    (4, ["A1.1", "A1.2", "A1.3", "A1.4"]),
]


@pytest.mark.parametrize("target,gaps", TARGETS, ids=[f"target {t}" for t, _ in TARGETS])
def test_target_moves_the_gaps_not_the_scores(target, gaps):
    result = score_assessment(items({"A1": [0, 1, 2, 3, 4]}), target=target)
    assert [g.id for g in result.gaps] == gaps
    assert result.overall_pct == 50.0
    assert all(g.target == target for g in result.gaps)


def test_gaps_are_ordered_by_distance_then_weet_niet_then_gids_order():
    result = score_assessment(items({"A1": [2, WEET_NIET, 0], "A2": [1, 2, WEET_NIET]}), target=3)
    assert [(g.id, g.distance) for g in result.gaps] == [
        ("A1.3", 3),
        ("A2.1", 2),
        ("A1.1", 1),
        ("A2.2", 1),
        ("A1.2", None),
        ("A2.3", None),
    ]


def test_theme_counts_scored_answered_and_applicable():
    result = score_assessment(items({"A1": [3, NVT, WEET_NIET, None]}), target=3)
    theme = result.theme("A1")
    assert (theme.scored, theme.answered, theme.applicable) == (1, 3, 4)
    assert (result.answered, result.applicable) == (3, 4)
    assert result.completeness_pct == 75.0


def test_no_applicable_items_gives_zero_completeness_not_an_error():
    result = score_assessment([], target=3)
    assert result.themes == []
    assert (result.overall_pct, result.completeness_pct, result.gaps) == (None, 0.0, [])


def test_missing_lists_unanswered_items_in_gids_order():
    all_items = items({"A1": [None, NVT], "A2": [WEET_NIET, None, 0]})
    assert [i.id for i in scoring.missing(all_items)] == ["A1.1", "A2.2"]


@pytest.mark.parametrize(
    "raw,value",
    [("0", 0), ("4", 4), (3, 3), ("nvt", NVT), ("weet_niet", WEET_NIET), ("", None), (None, None)],
)
def test_parse_value_accepts_the_scale(raw, value):
    assert scoring.parse_value(raw) == value


@pytest.mark.parametrize("raw", ["7", 7, "-1", -1, "5", "3.0", "²", "NVT", "niet", True])
def test_parse_value_refuses_anything_else(raw):
    with pytest.raises(ValueError):
        scoring.parse_value(raw)


@pytest.mark.parametrize(
    "value,label",
    [
        (0, "0 Niet"),
        (3, "3 Grotendeels"),
        (NVT, "Niet van toepassing"),
        (WEET_NIET, "Weet niet"),
        (None, "Nog niet beantwoord"),
    ],
)
def test_value_label(value, label):
    assert presentation.value_label(value) == label


# --- Own questions and the items a perspective may skip -----------------------------------


def asked(spec: dict[str, list[tuple[scoring.Value, bool]]]) -> list[Item]:
    """{"A1": [(3, False), (None, True)]} -> A1.1 own question scored 3, A1.2 optional, open."""
    return [
        Item(id=f"{theme}.{n}", theme=theme, value=value, optional=optional)
        for theme, values in spec.items()
        for n, (value, optional) in enumerate(values, start=1)
    ]


# (case, items, completeness_pct, missing ids, A1 score_pct, gap ids)
OPTIONAL_CASES = [
    (
        "an open optional item is not missing and does not lower completeness",
        {"A1": [(4, False), (None, True)]},
        100.0,
        [],
        100.0,
        [],
    ),
    (
        "an answered optional item does not raise completeness, but it scores and can be a gap",
        {"A1": [(4, False), (None, False), (0, True)]},
        50.0,
        ["A1.2"],
        50.0,
        ["A1.3"],
    ),
    (
        "weet niet on an optional item is a gap, and no score",
        {"A1": [(3, False), (WEET_NIET, True)]},
        100.0,
        [],
        75.0,
        ["A1.2"],
    ),
    (
        "only optional items: nothing to count progress against, nothing missing",
        {"A1": [(None, True), (2, True)]},
        0.0,
        [],
        50.0,
        ["A1.2"],
    ),
]


@pytest.mark.parametrize(
    ("case", "spec", "completeness", "missing_ids", "a1_pct", "gap_ids"),
    OPTIONAL_CASES,
    ids=[c[0] for c in OPTIONAL_CASES],
)
def test_only_own_questions_count_for_completeness(
    case, spec, completeness, missing_ids, a1_pct, gap_ids
):
    listed = asked(spec)
    result = score_assessment(listed, target=3)
    assert result.completeness_pct == completeness
    assert [i.id for i in scoring.missing(listed)] == missing_ids
    assert result.theme("A1").score_pct == a1_pct
    assert [g.id for g in result.gaps] == gap_ids
    # "applicable" stays every applicable item (the export contract); progress counts the own.
    assert result.applicable == len(listed) == result.theme("A1").applicable
    assert result.expected == sum(1 for i in listed if not i.optional)
    assert result.optional == sum(1 for i in listed if i.optional)


def test_answered_optional_items_are_counted_apart():
    listed = asked({"A1": [(4, False), (2, True), (None, True)], "A2": [(NVT, True)]})
    result = score_assessment(listed, target=3)
    assert (result.answered, result.expected, result.answered_optional) == (1, 1, 2)
    assert (result.theme("A1").answered, result.theme("A1").answered_optional) == (1, 1)
    assert result.theme("A2").expected == 0 and result.theme("A2").optional == 1


def test_an_unconfirmed_copy_of_an_optional_item_does_not_block_but_is_listed():
    own = Item("A1.1", "A1", 3, taken_over=True)
    skip = Item("A1.2", "A1", 2, taken_over=True, optional=True)
    listed = [own, skip]
    assert scoring.unconfirmed(listed) == [own]  # the own question blocks submitting
    assert scoring.unconfirmed_optional(listed) == [skip]  # dropped on submitting
    result = score_assessment(listed, target=3)
    assert (result.unconfirmed, result.unconfirmed_optional) == (1, 1)
    assert result.completeness_pct == 0.0
    assert result.theme("A1").score_pct == 62.5  # copies show and score as a starting point
