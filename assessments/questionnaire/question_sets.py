"""Which applicable items each perspective answers as its own questions, and which it may skip.

Pure: plain data in, plain data out, no queries. A perspective's questions are the items it
can judge from where it stands (the Gids, "Wie doet wat bij samenwerking?", and who each
recommendation addresses); every other applicable item is optional for it ("u kunt dit
overslaan"): it may be answered, and then it counts, but it is never missing.

PROVISIONAL DATA: the table below is a first cut to build against; it is replaced by the full
mapping with a reason per choice (documented in docs/questionnaires.md).
"""

from dataclasses import dataclass

from assessments.constants import Perspective
from partnerships.applicability import Applicability

ALL_PERSPECTIVES: tuple[str, ...] = tuple(Perspective.values)

# Item-code prefixes the raad answers (provisional); the other perspectives answer everything.
_RAAD_PREFIXES = ("A2.", "A7.", "A9.", "B2.", "B3.")

# Items addressed to a perspective's own role: scored by that role, they are a self-assessment.
_SELF_ASSESSED: dict[str, frozenset[str]] = {
    Perspective.RAAD: frozenset({"A7.1", "A7.2", "A7.5", "A7.6", "A7.7", "A8.6"}),
    Perspective.DB: frozenset({"A5.7", "A5.8", "A12.1"}),
    Perspective.AB: frozenset({"A5.6", "A12.2"}),
}


@dataclass(frozen=True)
class QuestionSet:
    """One perspective's questions over a partnership's applicable items, in Gids order."""

    perspective: str
    items: tuple[str, ...]  # its own questions: these must be answered
    optional: tuple[str, ...]  # applicable, may be skipped

    def is_optional(self, code: str) -> bool:
        return code in self.optional


def asks(perspective: str, code: str) -> bool:
    """Whether `perspective` answers item `code` as one of its own questions."""
    if perspective == Perspective.RAAD:
        return code.startswith(_RAAD_PREFIXES)
    return True


def question_set(applic: Applicability, perspective: str) -> QuestionSet:
    """The perspective's questions and optional items among the applicable items. An item
    scored under two themes (a Part A item imported by a Part B theme) is listed once."""
    if perspective not in ALL_PERSPECTIVES:
        raise ValueError(f"Onbekend perspectief: {perspective}")
    codes = list(dict.fromkeys(code for code, _theme in applic.item_pairs()))
    return QuestionSet(
        perspective=perspective,
        items=tuple(c for c in codes if asks(perspective, c)),
        optional=tuple(c for c in codes if not asks(perspective, c)),
    )


def is_self_assessment(perspective: str, code: str) -> bool:
    """The item is addressed to the perspective's own role (the griffier on A7.5, the DB on
    A5.7): its score is that role's judgement of itself, and pages and reports say so."""
    return code in _SELF_ASSESSED.get(perspective, frozenset())
