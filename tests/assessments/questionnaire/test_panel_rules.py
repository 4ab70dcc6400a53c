"""The raad panel's merge rule and item statistics, as a table."""

import pytest

from assessments.questionnaire.panel.rules import item_stats, median_down, proposal

W = "weet_niet"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),  # nobody answered: no proposal
        ([None, None], None),  # invited but no answers
        ([3], 3),
        ([1, 3, 4], 3),  # odd: the middle score
        ([2, 3], 2),  # even: the mean of the middle two, rounded down
        ([1, 4], 2),  # 2.5 -> 2: rounded down to a scale value
        ([0, 4], 2),
        ([0, 1, 3, 4], 2),
        ([4, 4, 0], 4),  # order does not matter
        ([W, W, 3], W),  # more than half said weet niet
        ([W, 2], 2),  # exactly half is not a majority: the scores decide
        ([W, W, 1, 3], 2),
        ([W, W, W, 1, 3], W),
        ([W], W),
        ([W, None, 2], 2),  # a member without an answer does not count
    ],
)
def test_proposal(values, expected):
    assert proposal(values) == expected


@pytest.mark.parametrize(
    ("values", "answered", "weet_niet", "lowest", "highest", "spread", "divergent"),
    [
        ([], 0, 0, None, None, None, False),
        ([2, 3], 2, 0, 2, 3, 1, False),
        ([1, 3], 2, 0, 1, 3, 2, True),  # a spread of 2 is a difference of view
        ([0, 4, W], 3, 1, 0, 4, 4, True),
        ([W, W], 2, 2, None, None, None, False),
        ([3, 3, 3], 3, 0, 3, 3, 0, False),
    ],
)
def test_item_stats(values, answered, weet_niet, lowest, highest, spread, divergent):
    stats = item_stats(values)
    assert (stats.answered, stats.weet_niet, stats.lowest, stats.highest) == (
        answered,
        weet_niet,
        lowest,
        highest,
    )
    assert stats.spread == spread
    assert stats.divergent is divergent
    assert stats.proposal == proposal(values)


def test_median_down_of_one_value_is_that_value():
    assert [median_down([v]) for v in range(5)] == [0, 1, 2, 3, 4]
