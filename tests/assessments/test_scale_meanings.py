"""The scale's explanations add something to their labels: what sets a step apart from the
next, not "Gedeeltelijk: Gedeeltelijk geregeld." They show on the form, in the report's method
section and nowhere with the label said twice."""

import re

import pytest

from assessments.constants import SCORE_MEANINGS, SPECIAL_MEANINGS, Score, Special
from assessments.questionnaire.forms import SCALE

LABELS = [(s.label, SCORE_MEANINGS[s.value]) for s in Score] + [
    (Special.NVT.label, SPECIAL_MEANINGS[Special.NVT]),
    ("n.v.t.", SPECIAL_MEANINGS[Special.NVT]),
    (Special.WEET_NIET.label, SPECIAL_MEANINGS[Special.WEET_NIET]),
]


@pytest.mark.parametrize(("label", "meaning"), LABELS)
def test_an_explanation_does_not_repeat_its_label(label, meaning):
    assert not meaning.lower().startswith(label.lower())
    assert not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", meaning, re.IGNORECASE)


def test_every_step_has_its_own_explanation():
    meanings = [*SCORE_MEANINGS.values(), *SPECIAL_MEANINGS.values()]
    assert len(set(meanings)) == len(meanings) == 7
    assert all(m.endswith(".") and len(m.split()) >= 6 for m in meanings)


def test_the_form_shows_each_label_with_its_explanation():
    shown = {option.label: option.meaning for option in SCALE}
    assert shown["Gedeeltelijk"] == (
        "Een deel is geregeld of gebeurt, een wezenlijk deel nog niet."
    )
    assert shown["n.v.t."] == SPECIAL_MEANINGS[Special.NVT]
