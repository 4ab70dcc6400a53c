"""Reads for filling in one assessment: its state and a theme page (its results page reads
in results.py, the list of assessments a user works on in listing.py).

Every function runs a fixed number of queries, whatever the number of recommendations, and
returns plain data (dataclasses, lists, model instances without lazy relations left to load),
so templates and exports never query while rendering.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from assessments import presentation, scoring
from assessments.models import Answer, Assessment
from assessments.scores import (
    round_applicability,
    scoring_items,
    stored_value,
)
from partnerships.applicability import Applicability
from principles.models import PracticalItem, Recommendation, Theme
from principles.selectors import question_texts

from . import question_sets
from .question_sets import QuestionSet, is_self_assessment


def answer_fingerprint(
    value: scoring.Value,
    explanation: str,
    evidence_url: str,
    documented: bool | None = None,
    evidence_document: int | None = None,
    evidence_location: str = "",
) -> str:
    """A short digest of an answer's content, carried by the form to detect what changed.
    `documented` counts as the form shows it: ticked or not (None and False look alike)."""
    raw = "\x1f".join(
        [
            "" if value is None else str(value),
            explanation,
            evidence_url,
            "1" if documented else "",
            "" if evidence_document is None else str(evidence_document),
            evidence_location,
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def documented_rule(value: scoring.Value, documented: bool | None) -> bool | None:
    """What is stored for the "vastgelegd" tick: only a score (0-4) can be on paper or not;
    with n.v.t., weet niet or no answer it is None, whatever the form sent."""
    return documented if scoring.is_numeric(value) else None


@dataclass(frozen=True)
class AnswerRow:
    """A stored answer as plain data."""

    code: str
    value: scoring.Value
    explanation: str
    evidence_url: str
    version: int
    is_taken_over: bool
    updated_at: datetime | None
    updated_by: str
    # Laid down in the regeling, a reglement or protocol; None: not said (or no score).
    documented: bool | None = None
    # Evidence in the partnership's document register, and where in it.
    evidence_document: int | None = None
    evidence_location: str = ""

    @property
    def fingerprint(self) -> str:
        return answer_fingerprint(
            self.value,
            self.explanation,
            self.evidence_url,
            self.documented,
            self.evidence_document,
            self.evidence_location,
        )

    @property
    def documented_label(self) -> str:
        return presentation.documented_label(self.documented)

    @property
    def label(self) -> str:
        return presentation.value_label(self.value)


def _user_label(first: str | None, last: str | None, username: str | None) -> str:
    full = f"{first or ''} {last or ''}".strip()
    return full or username or ""


def answer_rows(assessment: Assessment) -> dict[str, AnswerRow]:
    """{recommendation code: AnswerRow} for one assessment (one query)."""
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "recommendation__code",
        "score",
        "special",
        "explanation",
        "evidence_url",
        "version",
        "is_taken_over",
        "updated_at",
        "updated_by__first_name",
        "updated_by__last_name",
        "updated_by__username",
        "documented",
        "evidence_document_id",
        "evidence_location",
    )
    return {
        code: AnswerRow(
            code=code,
            value=stored_value(score, special),
            explanation=explanation,
            evidence_url=evidence_url,
            version=version,
            is_taken_over=taken_over,
            updated_at=updated_at,
            updated_by=_user_label(first, last, username),
            documented=documented,
            evidence_document=document_id,
            evidence_location=location,
        )
        for (
            code,
            score,
            special,
            explanation,
            evidence_url,
            version,
            taken_over,
            updated_at,
            first,
            last,
            username,
            documented,
            document_id,
            location,
        ) in rows
    }


@dataclass(frozen=True)
class ThemeProgress:
    """A theme as the overview shows it: title, progress and (live) score."""

    theme: Theme
    answered: int  # own questions answered in this round
    applicable: int  # every applicable item of the theme, optional ones included
    score_pct: float | None
    scored: int
    unconfirmed: int = 0  # copied from the previous round, not yet confirmed: still open
    expected: int | None = None  # own questions, what progress counts (None: all applicable)
    answered_optional: int = 0

    @property
    def code(self) -> str:
        return self.theme.code

    @property
    def asked(self) -> int:
        """The own questions: what progress counts against."""
        return self.applicable if self.expected is None else self.expected

    @property
    def optional(self) -> int:
        return self.applicable - self.asked

    @property
    def pct(self) -> float:
        return scoring.progress_pct(self.answered, self.asked)

    @property
    def is_complete(self) -> bool:
        return self.answered >= self.asked


@dataclass(frozen=True)
class ExcludedTheme:
    theme: Theme
    reason: str


@dataclass(frozen=True)
class OpenItem:
    id: str
    theme: str

    @property
    def slug(self) -> str:
        return item_slug(self.id)


@dataclass(frozen=True)
class AssessmentState:
    """Everything known about one assessment: what applies, its answers and its score."""

    assessment: Assessment
    applicability: Applicability
    answers: dict[str, AnswerRow]
    items: list[scoring.Item]
    score: scoring.AssessmentScore
    themes: dict[str, Theme]  # every theme of the framework, by code
    questions: QuestionSet  # the respondent's own questions and the items it may skip

    @property
    def applicable_codes(self) -> set[str]:
        return {item.id for item in self.items}

    @property
    def progress(self) -> list[ThemeProgress]:
        return [
            ThemeProgress(
                theme=self.themes[t.code],
                answered=t.answered,
                applicable=t.applicable,
                score_pct=t.score_pct,
                scored=t.scored,
                unconfirmed=t.unconfirmed,
                expected=t.expected,
                answered_optional=t.answered_optional,
            )
            for t in self.score.themes
        ]

    @property
    def unconfirmed_themes(self) -> list[ThemeProgress]:
        """The themes with answers copied from the previous round that nobody confirmed or
        changed yet, in Gids order: each is confirmed on its own theme page."""
        return [p for p in self.progress if p.unconfirmed]

    @property
    def excluded_themes(self) -> list[ExcludedTheme]:
        return [
            ExcludedTheme(self.themes[t.code], t.reason or "")
            for t in self.applicability.themes
            if not t.applies
        ]

    @property
    def progress_pct(self) -> float:
        return self.score.completeness_pct

    @property
    def missing(self) -> list[scoring.Item]:
        return scoring.missing(self.items)

    @property
    def unconfirmed(self) -> list[scoring.Item]:
        return scoring.unconfirmed(self.items)

    @property
    def unconfirmed_optional(self) -> list[scoring.Item]:
        """Optional items with a copy nobody confirmed: submitting drops them."""
        return scoring.unconfirmed_optional(self.items)

    @property
    def dropped_on_submit(self) -> list["OpenItem"]:
        """The optional items whose unconfirmed copy submitting drops, with link data."""
        return [OpenItem(i.id, i.theme) for i in self.unconfirmed_optional]

    @property
    def can_submit(self) -> bool:
        """Every own question has an answer of this round (see scoring.counts_as_answered);
        optional items never block."""
        return not self.missing and not self.unconfirmed

    @property
    def open_items(self) -> list["OpenItem"]:
        """The unanswered items with what a link to them needs."""
        return [OpenItem(i.id, i.theme) for i in self.missing]

    @property
    def first_open(self) -> OpenItem | None:
        """Where filling in goes on: the first own question without an answer (Gids order)."""
        missing = self.missing
        return OpenItem(missing[0].id, missing[0].theme) if missing else None

    @property
    def themes_done(self) -> tuple[int, int]:
        """(themes with every own question answered, themes with own questions)."""
        asked = [p for p in self.progress if p.asked]
        return sum(1 for p in asked if p.is_complete), len(asked)

    def theme_of(self, code: str) -> str | None:
        """The theme under which an item is assessed (first one, in Gids order)."""
        return next((i.theme for i in self.items if i.id == code), None)

    def neighbours(self, code: str) -> tuple[Theme | None, Theme | None]:
        """The applicable themes before and after `code`."""
        codes = [t.code for t in self.score.themes]
        if code not in codes:
            return None, None
        n = codes.index(code)
        previous = self.themes[codes[n - 1]] if n > 0 else None
        following = self.themes[codes[n + 1]] if n + 1 < len(codes) else None
        return previous, following


def assessment_state(assessment: Assessment) -> AssessmentState:
    """Applicability, answers and score of one assessment (five queries)."""
    round_ = assessment.round
    applic = round_applicability(round_)
    questions = question_sets.question_set(applic, assessment.perspective)
    answers = answer_rows(assessment)
    items = scoring_items(
        applic,
        {code: a.value for code, a in answers.items()},
        {code for code, a in answers.items() if a.is_taken_over},
        questions.optional,
    )
    themes = {t.code: t for t in Theme.objects.filter(part__framework_id=round_.framework_id)}
    return AssessmentState(
        assessment=assessment,
        applicability=applic,
        answers=answers,
        items=items,
        score=scoring.score_assessment(items, target=round_.target),
        themes=themes,
        questions=questions,
    )


@dataclass(frozen=True)
class PracticalPoint:
    text: str
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecommendationView:
    """A recommendation with its practical items, ready to show."""

    code: str
    theme_code: str  # the theme it belongs to in the Gids (may differ from where it is scored)
    text: str
    lead_in: str
    practical: tuple[PracticalPoint, ...]
    note: str = ""
    reading: str = ""  # how to read it for this kind of partnership (applicability)

    @property
    def slug(self) -> str:
        return item_slug(self.code)


def item_slug(code: str) -> str:
    """ "A5.7" -> "A5_7": safe in HTML ids and form prefixes."""
    return code.replace(".", "_")


def recommendation_views(
    framework_id: int, codes: Iterable[str], hidden: frozenset[str] = frozenset()
) -> dict[str, RecommendationView]:
    """The recommendations with these codes and their practical items (two queries), without
    the practical items in `hidden` (those that do not apply to the partnership)."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        return {}
    recs = list(
        Recommendation.objects.filter(theme__part__framework_id=framework_id, code__in=codes)
        .values_list("id", "code", "theme__code", "text", "lead_in", "note")
        .order_by("theme__number", "number")
    )
    points: dict[int, list[PracticalPoint]] = {rec_id: [] for rec_id, *_ in recs}
    children: dict[int, list[str]] = {}
    top: list[tuple[int, int, str]] = []
    for item_id, rec_id, parent_id, text, code in (
        PracticalItem.objects.filter(recommendation_id__in=points)
        .order_by("recommendation_id", "order")
        .values_list("id", "recommendation_id", "parent_id", "text", "code")
    ):
        if code in hidden or code.rsplit(".", 1)[0] in hidden and parent_id:
            continue
        if parent_id:
            children.setdefault(parent_id, []).append(text)
        else:
            top.append((item_id, rec_id, text))
    for item_id, rec_id, text in top:
        points[rec_id].append(PracticalPoint(text, tuple(children.get(item_id, ()))))
    return {
        code: RecommendationView(code, theme_code, text, lead_in, tuple(points[rec_id]), note)
        for rec_id, code, theme_code, text, lead_in, note in recs
    }


@dataclass(frozen=True)
class FormItem:
    """One recommendation on a theme page with its stored answer (None: not answered)."""

    recommendation: RecommendationView
    answer: AnswerRow | None
    question: str = ""  # our plain-Dutch question; "" when there is none yet
    optional: bool = False  # not one of the respondent's own questions: may be skipped
    self_assessment: bool = False  # addressed to the respondent's own role

    @property
    def code(self) -> str:
        return self.recommendation.code

    @property
    def slug(self) -> str:
        return self.recommendation.slug


@dataclass(frozen=True)
class NotAssessed:
    """A recommendation of the theme that is not asked here, and why, in one sentence."""

    code: str
    text: str
    reason: str


@dataclass(frozen=True)
class ThemePage:
    state: AssessmentState
    theme: Theme
    progress: ThemeProgress
    items: list[FormItem]
    context: list[RecommendationView]  # Part B text shown above Part A items
    previous: Theme | None
    next: Theme | None
    not_assessed: list[NotAssessed]

    @property
    def own_items(self) -> list[FormItem]:
        return [i for i in self.items if not i.optional]

    @property
    def optional_items(self) -> list[FormItem]:
        return [i for i in self.items if i.optional]


def theme_page(assessment: Assessment, code: str) -> ThemePage | None:
    """Everything the form for one theme shows (eight queries); None when it does not apply.
    Its items come in Gids order, the respondent's own questions before the optional ones."""
    state = assessment_state(assessment)
    applic_theme = state.applicability.theme(code)
    if applic_theme is None or not applic_theme.applies:
        return None
    applic = state.applicability
    excluded = applic.excluded_in(code)
    recs = recommendation_views(
        assessment.round.framework_id,
        [*applic_theme.context, *applic_theme.items, *(e.id for e in excluded)],
        applic.hidden_practical(),
    )
    for c in applic_theme.items:
        reading = applic.reading(c, code)
        if reading and c in recs:
            recs[c] = replace(recs[c], reading=reading)
    previous, following = state.neighbours(code)
    progress = next(p for p in state.progress if p.code == code)
    questions = question_texts(framework_id=assessment.round.framework_id)
    perspective = assessment.perspective
    items = [
        FormItem(
            recs[c],
            state.answers.get(c),
            question=questions.get(c, ""),
            optional=state.questions.is_optional(c),
            self_assessment=is_self_assessment(perspective, c),
        )
        for c in applic_theme.items
        if c in recs
    ]
    return ThemePage(
        state=state,
        theme=state.themes[code],
        progress=progress,
        items=sorted(items, key=lambda i: i.optional),  # stable: Gids order within each group
        context=[recs[c] for c in applic_theme.context if c in recs],
        previous=previous,
        next=following,
        not_assessed=[
            NotAssessed(e.id, recs[e.id].text, e.reason) for e in excluded if e.id in recs
        ],
    )
