"""Which applicable items each perspective answers as its own questions, and which it may skip.

Pure: plain data in, plain data out, no queries. A perspective's questions are the items it
can judge from where it stands. That follows from two tables, both data with a reason per
choice (written out in docs/questionnaires.md by `manage.py questionnaire_docs`):

- `SCOPES`: per perspective the actors of the Gids' "Wie doet wat bij samenwerking?" whose
  work it judges, split into its *own* actors (the perspective is that actor) and the actors
  it *sees at work* from where it stands;
- `EXCEPTIONS`: per recommendation, a perspective that asks it although it is not addressed
  to an actor in its scope (the raad judges whether it receives the begroting in time), or
  that does not ask it although it is.

Who each recommendation addresses is `principles.gids_source.RECOMMENDATION_ACTORS`. The rule
is by item code: a Part A item scored under a Part B theme (A6.x under B6) is asked by the
same perspectives. Every other applicable item is optional for a perspective ("u kunt dit
overslaan"): it may be answered, and then it counts, but it is never missing.

An item addressed to one of the perspective's own actors is a self-assessment when that
perspective scores it (the griffier on A7.5, the DB on A5.7): derived from the same tables.
"""

from dataclasses import dataclass

from assessments.constants import Perspective
from partnerships.applicability import Applicability
from principles.gids_source import RECOMMENDATION_ACTORS

ALL_PERSPECTIVES: tuple[str, ...] = tuple(Perspective.values)


@dataclass(frozen=True)
class Scope:
    """The actors whose work one perspective judges, with the reason from "Wie doet wat"."""

    perspective: str
    own: tuple[str, ...]  # the perspective is (or serves as) this actor: self-assessment
    sees: tuple[str, ...]  # actors whose work it sees from where it stands
    reason: str

    @property
    def actors(self) -> tuple[str, ...]:
        return self.own + self.sees


@dataclass(frozen=True)
class Exception_:
    """One recommendation that one perspective asks (or does not ask) against its scope."""

    code: str
    perspective: str
    asks: bool
    reason: str


SCOPES: tuple[Scope, ...] = (
    Scope(
        Perspective.RAAD,
        own=("politiek-orgaan", "griffier"),
        sees=(),
        reason=(
            "The political body decides on taking part, on changes of the Regeling, on "
            "zienswijzen and on the financial contribution, and holds the bestuurder to "
            "account; the griffier advises the raad on its role and fills in its assessment."
        ),
    ),
    Scope(
        Perspective.COLLEGE,
        own=("college", "bestuurder"),
        sees=("algemeen-bestuur",),
        reason=(
            "The college decides the participant's position in the AB and sends a bestuurder "
            "to it, who aligns that position with the college: it sees the AB's work first-hand."
        ),
    ),
    Scope(
        Perspective.CONTRAMAL,
        own=("ambtenaar",),
        sees=("management",),
        reason=(
            "The ambtenaren of the participant support the bestuurder, prepare proposals and "
            "take part in the gezamenlijke contramal; the management sets up and steers that "
            "support, so the contramal sees its work."
        ),
    ),
    Scope(
        Perspective.AB,
        own=("algemeen-bestuur",),
        sees=("bestuurder", "voorzitter", "dagelijks-bestuur", "commissie"),
        reason=(
            "The AB decides on strategy, policy and finances, weighs the participants' "
            "interests and supervises the DB; its members are the bestuurders, the voorzitter "
            "chairs it, and it sets up commissions."
        ),
    ),
    Scope(
        Perspective.DB,
        own=("dagelijks-bestuur",),
        sees=("algemeen-bestuur", "voorzitter", "portefeuillehouder", "directeur", "commissie"),
        reason=(
            "The DB keeps the organisation running, prepares every proposal to the AB, appoints "
            "and steers the directeur; the voorzitter and the portefeuillehouders work in it."
        ),
    ),
    Scope(
        Perspective.DIRECTEUR,
        own=("directeur",),
        sees=(
            "dagelijks-bestuur",
            "algemeen-bestuur",
            "voorzitter",
            "portefeuillehouder",
            "commissie",
        ),
        reason=(
            "The directeur is secretary and first adviser of the bestuur, prepares its "
            "decisions with the portefeuillehouders and makes sure AB and DB can do their task."
        ),
    ),
)

EXCEPTIONS: tuple[Exception_, ...] = (
    Exception_(
        "A2.4",
        Perspective.RAAD,
        True,
        "What every participant must take and what is extra sets the contribution the raad "
        "gives its zienswijze on.",
    ),
    Exception_(
        "A2.6",
        Perspective.RAAD,
        True,
        "Democratic legitimacy means the raad can play its role: only the raad can say so.",
    ),
    Exception_(
        "A7.3",
        Perspective.RAAD,
        True,
        "The raad judges whether it was shown the consequences and its role is laid down in "
        "the Regeling.",
    ),
    Exception_(
        "A7.4",
        Perspective.RAAD,
        True,
        "The raad receives the proposals: it judges whether they come in time and are clear.",
    ),
    Exception_(
        "A7.8",
        Perspective.RAAD,
        True,
        "Whether the raad can do its framing and checking task is for the raad to judge.",
    ),
    Exception_(
        "A7.9",
        Perspective.RAAD,
        True,
        "The raad judges whether kaderbrief, begroting and jaarrekening reach it in time for "
        "its zienswijze.",
    ),
    Exception_(
        "B4.1",
        Perspective.RAAD,
        True,
        "The bestuurders must keep the raad informed about the network: the raad judges "
        "whether they do.",
    ),
    Exception_(
        "B13.2",
        Perspective.RAAD,
        True,
        "The raad judges whether it is told beforehand which decisions need its consent.",
    ),
    Exception_(
        "B14.2",
        Perspective.RAAD,
        True,
        "The raad judges whether it is clear which powers stay with the council and which "
        "decisions need its consent.",
    ),
    Exception_(
        "A5.10",
        Perspective.COLLEGE,
        True,
        "The college receives the partnership's information and judges whether it is enough "
        "and on time.",
    ),
    Exception_(
        "A5.10",
        Perspective.CONTRAMAL,
        True,
        "The contramal works with the partnership's information for its advice and sees its "
        "quality first.",
    ),
    Exception_(
        "A7.8",
        Perspective.CONTRAMAL,
        True,
        "The contramal prepares the raadsvoorstellen and sees whether the partnership's "
        "information suits the raad.",
    ),
    Exception_(
        "A5.8",
        Perspective.AB,
        False,
        "Employing the directeur is the DB's work; the AB does not see it from close by.",
    ),
    Exception_(
        "A12.2",
        Perspective.DB,
        False,
        "The AB member's handover happens at home, at the participant: the DB does not see it.",
    ),
    Exception_(
        "A12.2",
        Perspective.DIRECTEUR,
        False,
        "The AB member's handover happens at home, at the participant: the directeur does not "
        "see it.",
    ),
)

_SCOPE: dict[str, Scope] = {scope.perspective: scope for scope in SCOPES}
_EXCEPTION: dict[tuple[str, str], Exception_] = {(e.perspective, e.code): e for e in EXCEPTIONS}


def scope(perspective: str) -> Scope:
    if perspective not in _SCOPE:
        raise ValueError(f"Onbekend perspectief: {perspective}")
    return _SCOPE[perspective]


def exception(perspective: str, code: str) -> Exception_ | None:
    """The exception that decides whether `perspective` asks `code`, if there is one."""
    return _EXCEPTION.get((perspective, code))


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
    found = exception(perspective, code)
    if found is not None:
        return found.asks
    actors = RECOMMENDATION_ACTORS.get(code, ())
    return any(actor in scope(perspective).actors for actor in actors)


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
    if perspective not in _SCOPE:
        return False
    own = _SCOPE[perspective].own
    return any(actor in own for actor in RECOMMENDATION_ACTORS.get(code, ()))


def perspectives_asking(code: str) -> tuple[str, ...]:
    """The perspectives that ask `code` as one of their own questions, in the usual order."""
    return tuple(p for p in ALL_PERSPECTIVES if asks(p, code))
