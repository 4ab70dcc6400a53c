"""Rounds with several respondents: invitations, reminders, side by side, next round, trends.

Services write (`round_open`, `round_remind`, `round_start_next`, `answers_confirm_taken_over`);
selectors read (`round_overview`, `round_side_by_side`, `round_trend`, `assessment_trend`) and
return plain dataclass view-models with every query already run, in a number of queries that
does not grow with the number of respondents.

Only submitted assessments count in round statistics (DESIGN.md "Scoring"); the numbers come
from `scoring.score_round` on the same inputs as `selectors.round_score`, so the pages and
`export_round` agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assessments import scoring
from assessments.constants import (
    PARTICIPANT_PERSPECTIVES,
    PARTNERSHIP_PERSPECTIVES,
    SCALE_MAX,
    AssessmentStatus,
    EventKind,
    NextStepStatus,
    Perspective,
    RoundStatus,
)
from assessments.models import Answer, Assessment, AssessmentEvent, AssessmentRound, NextStep
from assessments.selectors import round_applicability, round_score, scoring_items
from partnerships.applicability import Applicability
from partnerships.models import Participation, Partnership
from principles.models import Framework, Recommendation, Theme

# Partnership perspectives first, then per participant: raad, college, contramal.
PERSPECTIVE_ORDER = {
    p: n for n, p in enumerate([*PARTNERSHIP_PERSPECTIVES, *PARTICIPANT_PERSPECTIVES])
}
PARTNERSHIP_GROUP = "Samenwerkingsverband"

VALUE_SHORT = {scoring.NVT: "n.v.t.", scoring.WEET_NIET: "?", None: "—"}

ERR_NO_FRAMEWORK = "De Gids is nog niet geladen. Vraag de beheerder om de Gids te laden."
ERR_NO_RESPONDENTS = "Kies ten minste één respondent om uit te nodigen."
ERR_PERIOD_TAKEN = "Er is al een ronde met de periode {period} voor dit samenwerkingsverband."
ERR_DUE_BEFORE_OPEN = "De einddatum ligt vóór de begindatum."
ERR_TARGET = "De streefscore moet tussen 1 en 4 liggen."
ERR_NOT_PARTICIPANT = "{label} hoort niet bij dit samenwerkingsverband."
ERR_PERSPECTIVE = "Het perspectief {perspective} past niet bij deze respondent."
ERR_ROUND_CLOSED = "Deze ronde is afgesloten."
ERR_NEXT_EXISTS = "Er is al een volgende ronde gestart vanuit deze ronde: {period}."
ERR_NEXT_NOT_LATER = "De nieuwe ronde moet later beginnen dan deze ronde (open vanaf {date})."
ERR_NOT_DRAFT = "Deze zelfevaluatie is al ingediend; heropen haar eerst."
ERR_UNKNOWN_THEME = "Thema {code} hoort niet bij deze zelfevaluatie."

# A round's item mean must move at least this much to count as improved or declined, so
# that a small shift from who happened to answer is not reported as a change.
MIN_MEAN_CHANGE = 0.5

MSG_NO_PREVIOUS_ROUND = (
    "Er is geen eerdere ronde van dit samenwerkingsverband om mee te vergelijken. "
    "Een trend is er zodra er een tweede ronde is."
)
MSG_NO_PREVIOUS_ASSESSMENT = (
    "In de vorige ronde ({period}) heeft deze respondent geen zelfevaluatie ingevuld. "
    "Er is daarom niets om mee te vergelijken."
)
MSG_PREVIOUS_NOT_SUBMITTED = (
    "De zelfevaluatie van deze respondent in de vorige ronde ({period}) is niet ingediend. "
    "Alleen ingediende zelfevaluaties tellen mee."
)


# --------------------------------------------------------------------------- helpers


def value_short(value: scoring.Value) -> str:
    return str(value) if scoring.is_numeric(value) else VALUE_SHORT.get(value, str(value))


def value_label(value: scoring.Value) -> str:
    return scoring.value_label(value)


def heat_class(value: float | scoring.Value) -> str:
    """CSS class for a value or a mean: heat-0 .. heat-4, heat-none otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "heat-none"
    return f"heat-{max(0, min(SCALE_MAX, int(value + 0.5)))}"


def respondent_key(assessment: Assessment) -> tuple[int | None, str]:
    """The same respondent across rounds: the participant (or none) and the perspective."""
    return (assessment.participation_id, assessment.perspective)


def respondent_label(assessment: Assessment) -> str:
    if assessment.participation_id:
        return (
            f"{assessment.participation.organisation.name} — {assessment.get_perspective_display()}"
        )
    return assessment.get_perspective_display()


def _respondent_sort_key(assessment: Assessment) -> tuple[int, str, int]:
    org = assessment.participation.organisation.name if assessment.participation_id else ""
    return (
        1 if assessment.participation_id else 0,
        org,
        PERSPECTIVE_ORDER.get(assessment.perspective, 99),
    )


def sorted_respondents(assessments: Iterable[Assessment]) -> list[Assessment]:
    """Partnership perspectives (AB, DB, directeur) first, then participants by name."""
    return sorted(assessments, key=_respondent_sort_key)


def previous_round(round_: AssessmentRound) -> AssessmentRound | None:
    """The round it was started from, else the latest earlier round of the partnership."""
    if round_.previous_id:
        return round_.previous
    return (
        AssessmentRound.objects.filter(
            partnership_id=round_.partnership_id, opens_on__lt=round_.opens_on
        )
        .exclude(pk=round_.pk)
        .select_related("partnership", "framework")
        .order_by("-opens_on", "-pk")
        .first()
    )


# --------------------------------------------------------------------------- invitations


@dataclass(frozen=True)
class RespondentOption:
    """One respondent that may be invited: a participant's body or a partnership role."""

    key: str  # form-safe: "p12-raad" or "directeur"
    perspective: str
    participation_id: int | None
    group: str  # organisation name or "Samenwerkingsverband"
    label: str  # perspective label

    @property
    def full_label(self) -> str:
        return self.label if self.participation_id is None else f"{self.group} — {self.label}"


@dataclass(frozen=True)
class Invitation:
    perspective: str
    participation_id: int | None = None
    email: str = ""


def option_key(participation_id: int | None, perspective: str) -> str:
    return perspective if participation_id is None else f"p{participation_id}-{perspective}"


def invitation_options(partnership: Partnership) -> list[RespondentOption]:
    """Every respondent that can be invited for a partnership (one query)."""
    options = [
        RespondentOption(option_key(None, p), p, None, PARTNERSHIP_GROUP, Perspective(p).label)
        for p in PARTNERSHIP_PERSPECTIVES
    ]
    participations = Participation.objects.filter(partnership=partnership).select_related(
        "organisation"
    )
    for participation in sorted(participations, key=lambda p: p.organisation.name):
        for p in PARTICIPANT_PERSPECTIVES:
            options.append(
                RespondentOption(
                    option_key(participation.pk, p),
                    p,
                    participation.pk,
                    participation.organisation.name,
                    Perspective(p).label,
                )
            )
    return options


def _check_dates_and_target(opens_on: datetime.date, due_on: datetime.date, target: int) -> None:
    errors = []
    if due_on < opens_on:
        errors.append(ERR_DUE_BEFORE_OPEN)
    if not 1 <= target <= SCALE_MAX:
        errors.append(ERR_TARGET)
    if errors:
        raise ValidationError(errors)


def _check_period_free(partnership: Partnership, period: str) -> None:
    if AssessmentRound.objects.filter(partnership=partnership, period=period).exists():
        raise ValidationError(ERR_PERIOD_TAKEN.format(period=period))


def round_open(
    *,
    partnership: Partnership,
    period: str,
    opens_on: datetime.date,
    due_on: datetime.date,
    target: int,
    invitations: Sequence[Invitation],
    user: User | None = None,
    framework: Framework | None = None,
) -> AssessmentRound:
    """Open a round and invite the respondents: one draft assessment each. All or nothing."""
    period = period.strip()
    framework = framework or Framework.objects.filter(is_current=True).first()
    if framework is None:
        raise ValidationError(ERR_NO_FRAMEWORK)
    if not invitations:
        raise ValidationError(ERR_NO_RESPONDENTS)
    _check_dates_and_target(opens_on, due_on, target)
    _check_period_free(partnership, period)
    own = set(partnership.participations.values_list("pk", flat=True))
    seen: set[tuple[int | None, str]] = set()
    unique: list[Invitation] = []
    for inv in invitations:
        if inv.participation_id is not None and inv.participation_id not in own:
            raise ValidationError(
                ERR_NOT_PARTICIPANT.format(label=f"Deelnemer {inv.participation_id}")
            )
        allowed = PARTICIPANT_PERSPECTIVES if inv.participation_id else PARTNERSHIP_PERSPECTIVES
        if inv.perspective not in allowed:
            raise ValidationError(ERR_PERSPECTIVE.format(perspective=inv.perspective))
        if (inv.participation_id, inv.perspective) not in seen:
            seen.add((inv.participation_id, inv.perspective))
            unique.append(inv)
    try:
        with transaction.atomic():
            round_ = AssessmentRound.objects.create(
                partnership=partnership,
                period=period,
                framework=framework,
                opens_on=opens_on,
                due_on=due_on,
                target=target,
                created_by=user,
            )
            Assessment.objects.bulk_create(
                Assessment(
                    round=round_,
                    participation_id=inv.participation_id,
                    perspective=inv.perspective,
                    respondent_email=inv.email.strip(),
                )
                for inv in unique
            )
    except IntegrityError as exc:  # a concurrent round with the same period
        raise ValidationError(ERR_PERIOD_TAKEN.format(period=period)) from exc
    return round_


# --------------------------------------------------------------------------- round page


@dataclass(frozen=True)
class RespondentStatus:
    assessment: Assessment
    label: str
    group: str
    email: str
    is_submitted: bool
    is_overdue: bool
    answered: int
    applicable: int
    taken_over: int  # copied from the previous round, not yet confirmed

    @property
    def progress_pct(self) -> int:
        return round(self.answered / self.applicable * 100) if self.applicable else 0

    @property
    def state(self) -> str:
        if self.is_submitted:
            return "ingediend"
        if self.is_overdue:
            return "te laat"
        return "bezig" if self.answered else "uitgenodigd"

    @property
    def state_label(self) -> str:
        return {
            "ingediend": "Ingediend",
            "te laat": "Te laat",
            "bezig": "Bezig",
            "uitgenodigd": "Uitgenodigd",
        }[self.state]

    @property
    def needs_reminder(self) -> bool:
        return not self.is_submitted

    @property
    def can_be_reminded(self) -> bool:
        return self.needs_reminder and bool(self.email)


@dataclass(frozen=True)
class RoundOverview:
    round: AssessmentRound
    respondents: list[RespondentStatus]
    applicable: int
    today: datetime.date
    previous: AssessmentRound | None = None
    next_rounds: list[AssessmentRound] = field(default_factory=list)

    @property
    def invited(self) -> int:
        return len(self.respondents)

    @property
    def submitted(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.is_submitted]

    @property
    def overdue(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.is_overdue]

    @property
    def pending(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if not r.is_submitted]

    @property
    def to_remind(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.can_be_reminded]

    @property
    def without_email(self) -> list[RespondentStatus]:
        return [r for r in self.respondents if r.needs_reminder and not r.email]

    @property
    def is_past_due(self) -> bool:
        return self.today > self.round.due_on


def _answered_codes(
    assessment_ids: Sequence[int],
) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Per assessment: codes with any answer, and codes still taken over (one query)."""
    answered: dict[int, set[str]] = {pk: set() for pk in assessment_ids}
    taken: dict[int, set[str]] = {pk: set() for pk in assessment_ids}
    rows = Answer.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id", "recommendation__code", "score", "special", "is_taken_over"
    )
    for assessment_id, code, score, special, is_taken_over in rows:
        if score is not None or special:
            answered[assessment_id].add(code)
        if is_taken_over:
            taken[assessment_id].add(code)
    return answered, taken


def round_overview(round_: AssessmentRound, *, today: datetime.date | None = None) -> RoundOverview:
    """Who is invited, who answered, who is overdue and how far each respondent is."""
    today = today or timezone.localdate()
    assessments = sorted_respondents(
        round_.assessments.select_related("participation__organisation")
    )
    pairs = round_applicability(round_).item_pairs()
    answered, taken = _answered_codes([a.pk for a in assessments])
    respondents = []
    for a in assessments:
        submitted = a.status == AssessmentStatus.SUBMITTED
        respondents.append(
            RespondentStatus(
                assessment=a,
                label=respondent_label(a),
                group=a.participation.organisation.name
                if a.participation_id
                else PARTNERSHIP_GROUP,
                email=a.respondent_email,
                is_submitted=submitted,
                is_overdue=not submitted and today > round_.due_on,
                answered=sum(1 for code, _ in pairs if code in answered[a.pk]),
                applicable=len(pairs),
                taken_over=sum(1 for code, _ in pairs if code in taken[a.pk]),
            )
        )
    return RoundOverview(
        round=round_,
        respondents=respondents,
        applicable=len(pairs),
        today=today,
        previous=round_.previous if round_.previous_id else None,
        next_rounds=list(round_.next_rounds.order_by("opens_on")),
    )


# --------------------------------------------------------------------------- reminders


@dataclass(frozen=True)
class RemindResult:
    sent: list[str]
    without_email: list[str]


REMINDER_SUBJECT = "Herinnering: zelfevaluatie {partnership} ({period})"
REMINDER_BODY = """Beste {label},

U bent uitgenodigd om de zelfevaluatie van {partnership} over {period} in te vullen,
vanuit het perspectief: {perspective}.
{due_line}

U vindt de zelfevaluatie hier:
{url}

Heeft u vragen? Neem contact op met de directeur of secretaris van {partnership}.

Met vriendelijke groet,
Regiespiegel
"""


def _due_line(round_: AssessmentRound, today: datetime.date) -> str:
    due = round_.due_on.strftime("%d-%m-%Y")
    if today > round_.due_on:
        return f"De zelfevaluatie had vóór {due} ingevuld moeten zijn. Wilt u dat zo snel mogelijk doen?"
    return f"Wilt u de zelfevaluatie vóór {due} invullen en indienen?"


def round_remind(
    round_: AssessmentRound,
    *,
    user: User | None = None,
    base_url: str = "",
    today: datetime.date | None = None,
) -> RemindResult:
    """E-mail every respondent that has not submitted and has an e-mail address.

    Records a `reminded` event and `last_reminded_at` per respondent reminded.
    """
    if round_.status == RoundStatus.CLOSED:
        raise ValidationError(ERR_ROUND_CLOSED)
    today = today or timezone.localdate()
    pending = sorted_respondents(
        round_.assessments.filter(status=AssessmentStatus.DRAFT).select_related(
            "participation__organisation"
        )
    )
    targets = [a for a in pending if a.respondent_email]
    without = [respondent_label(a) for a in pending if not a.respondent_email]
    if not targets:
        return RemindResult(sent=[], without_email=without)
    messages = [
        EmailMessage(
            subject=REMINDER_SUBJECT.format(
                partnership=round_.partnership.name, period=round_.period
            ),
            body=REMINDER_BODY.format(
                label=respondent_label(a),
                partnership=round_.partnership.name,
                period=round_.period,
                perspective=a.get_perspective_display(),
                due_line=_due_line(round_, today),
                url=base_url + reverse("assessments:detail", args=[a.pk]),
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[a.respondent_email],
        )
        for a in targets
    ]
    with get_connection() as connection:
        connection.send_messages(messages)
    now = timezone.now()
    with transaction.atomic():
        AssessmentEvent.objects.bulk_create(
            AssessmentEvent(assessment=a, kind=EventKind.REMINDED, user=user) for a in targets
        )
        Assessment.objects.filter(pk__in=[a.pk for a in targets]).update(last_reminded_at=now)
    return RemindResult(sent=[respondent_label(a) for a in targets], without_email=without)


# --------------------------------------------------------------------------- next round


def round_start_next(
    previous: AssessmentRound,
    *,
    period: str,
    opens_on: datetime.date,
    due_on: datetime.date,
    target: int | None = None,
    user: User | None = None,
) -> AssessmentRound:
    """Start the next round with the same respondents; answers copied, marked as taken over.

    The previous round is not changed. A copied answer keeps `is_taken_over=True` until the
    respondent confirms or changes it. The new round keeps the previous round's Gids version.
    """
    period = period.strip()
    target = previous.target if target is None else target
    existing = previous.next_rounds.first()
    if existing is not None:
        raise ValidationError(ERR_NEXT_EXISTS.format(period=existing.period))
    if opens_on <= previous.opens_on:
        raise ValidationError(
            ERR_NEXT_NOT_LATER.format(date=previous.opens_on.strftime("%d-%m-%Y"))
        )
    _check_dates_and_target(opens_on, due_on, target)
    _check_period_free(previous.partnership, period)
    old_assessments = list(previous.assessments.all())
    old_answers = list(
        Answer.objects.filter(assessment__round=previous).select_related("recommendation")
    )
    # map by code into the new round's framework (the same version here, but stay explicit)
    recommendations = dict(
        Recommendation.objects.filter(theme__part__framework_id=previous.framework_id).values_list(
            "code", "pk"
        )
    )
    try:
        with transaction.atomic():
            round_ = AssessmentRound.objects.create(
                partnership=previous.partnership,
                period=period,
                framework_id=previous.framework_id,
                opens_on=opens_on,
                due_on=due_on,
                target=target,
                previous=previous,
                created_by=user,
            )
            new_assessments = Assessment.objects.bulk_create(
                Assessment(
                    round=round_,
                    participation_id=a.participation_id,
                    perspective=a.perspective,
                    respondent_email=a.respondent_email,
                )
                for a in old_assessments
            )
            new_by_key = {respondent_key(a): a for a in new_assessments}
            old_key = {a.pk: respondent_key(a) for a in old_assessments}
            copies = [
                Answer(
                    assessment=new_by_key[old_key[ans.assessment_id]],
                    recommendation_id=recommendations[ans.recommendation.code],
                    score=ans.score,
                    special=ans.special,
                    explanation=ans.explanation,
                    evidence_url=ans.evidence_url,
                    is_taken_over=True,
                    updated_by=None,
                )
                for ans in old_answers
                if ans.recommendation.code in recommendations
                and (ans.score is not None or ans.special or ans.explanation)
            ]
            bulk_create_with_history(copies, Answer, default_user=user)
    except IntegrityError as exc:
        raise ValidationError(ERR_PERIOD_TAKEN.format(period=period)) from exc
    return round_


def answers_confirm_taken_over(
    assessment: Assessment, *, theme_code: str, user: User | None = None
) -> int:
    """Confirm the answers taken over from the previous round for one theme; returns how many."""
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(ERR_NOT_DRAFT)
    theme = round_applicability(assessment.round).theme(theme_code)
    if theme is None or not theme.applies:
        raise ValidationError(ERR_UNKNOWN_THEME.format(code=theme_code))
    answers = list(
        Answer.objects.filter(
            assessment=assessment, is_taken_over=True, recommendation__code__in=theme.items
        )
    )
    for answer in answers:
        answer.is_taken_over = False
        answer.version += 1
        answer.updated_by = user
    with transaction.atomic():
        bulk_update_with_history(
            answers,
            Answer,
            ["is_taken_over", "version", "updated_by"],
            default_user=user,
            default_change_reason="Overgenomen antwoord bevestigd",
        )
    return len(answers)


# --------------------------------------------------------------------------- side by side


@dataclass(frozen=True)
class Respondent:
    assessment_id: int
    label: str
    short_label: str
    key: tuple[int | None, str]


@dataclass(frozen=True)
class Cell:
    value: scoring.Value
    explanation: str = ""

    @property
    def text(self) -> str:
        return value_short(self.value)

    @property
    def label(self) -> str:
        return value_label(self.value)

    @property
    def css(self) -> str:
        return heat_class(self.value)


@dataclass(frozen=True)
class ItemRow:
    """One recommendation: its statistics and every respondent's answer."""

    code: str
    theme: str
    text: str
    stats: scoring.ItemStats
    answers: list[tuple[Respondent, Cell]]  # in respondent order

    @property
    def mean_css(self) -> str:
        return heat_class(self.stats.mean)

    @property
    def explained(self) -> int:
        return sum(1 for _, cell in self.answers if cell.explanation)


@dataclass(frozen=True)
class HeatRow:
    """One respondent's row in a theme's heat table."""

    respondent: Respondent
    cells: list[Cell]  # in item order


@dataclass(frozen=True)
class ThemeBlock:
    code: str
    title: str
    score_pct: float | None
    items: list[ItemRow]

    @property
    def divergent(self) -> list[ItemRow]:
        return [i for i in self.items if i.stats.divergent]

    @property
    def heat_rows(self) -> list[HeatRow]:
        if not self.items:
            return []
        return [
            HeatRow(respondent, [row.answers[n][1] for row in self.items])
            for n, (respondent, _) in enumerate(self.items[0].answers)
        ]


@dataclass(frozen=True)
class SideBySide:
    round: AssessmentRound
    respondents: list[Respondent]
    themes: list[ThemeBlock]  # the themes shown (one when filtered)
    theme_nav: list[tuple[str, str]]  # (code, title) of every applicable theme
    selected: str | None
    score: scoring.RoundScore
    pending: list[str]  # invited respondents that have not submitted
    unknown_theme: str | None = None

    @property
    def divergent(self) -> list[ItemRow]:
        """The differences of view in the themes shown, largest spread first."""
        rows = [row for block in self.themes for row in block.divergent]
        return sorted(rows, key=lambda r: (-(r.stats.spread or 0), r.code, r.theme))


@dataclass(frozen=True)
class _Submitted:
    assessments: list[Assessment]
    answers: dict[int, dict[str, tuple[scoring.Value, str]]]  # pk -> code -> (value, explanation)

    def values(self) -> list[dict[str, scoring.Value]]:
        return [{code: v for code, (v, _) in self.answers[a.pk].items()} for a in self.assessments]


def _submitted(round_: AssessmentRound) -> _Submitted:
    """The round's submitted assessments in respondent order with their answers (two queries)."""
    assessments = sorted_respondents(
        round_.assessments.filter(status=AssessmentStatus.SUBMITTED).select_related(
            "participation__organisation"
        )
    )
    answers: dict[int, dict[str, tuple[scoring.Value, str]]] = {a.pk: {} for a in assessments}
    rows = Answer.objects.filter(assessment__in=[a.pk for a in assessments]).values_list(
        "assessment_id", "recommendation__code", "score", "special", "explanation"
    )
    for assessment_id, code, score, special, explanation in rows:
        value = score if score is not None else (special or None)
        answers[assessment_id][code] = (value, explanation)
    return _Submitted(assessments, answers)


def _short_label(assessment: Assessment) -> str:
    if not assessment.participation_id:
        return assessment.get_perspective_display()
    name = assessment.participation.organisation.name
    for prefix in ("Gemeente ", "Provincie ", "Waterschap "):
        name = name.removeprefix(prefix)
    short = {"raad": "raad", "college": "college", "contramal": "contramal"}
    return f"{name} ({short.get(assessment.perspective, assessment.perspective)})"


def _texts(framework_id: int, codes: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    recs = dict(
        Recommendation.objects.filter(
            theme__part__framework_id=framework_id, code__in=set(codes)
        ).values_list("code", "text")
    )
    themes = dict(
        Theme.objects.filter(part__framework_id=framework_id).values_list("code", "title")
    )
    return recs, themes


def round_side_by_side(round_: AssessmentRound, *, theme: str | None = None) -> SideBySide:
    """Per recommendation every respondent's answer and the round statistics."""
    applic = round_applicability(round_)
    submitted = _submitted(round_)
    score = scoring.score_round(scoring_items(applic, {}), submitted.values())
    pending = [
        respondent_label(a)
        for a in sorted_respondents(
            round_.assessments.exclude(status=AssessmentStatus.SUBMITTED).select_related(
                "participation__organisation"
            )
        )
    ]
    respondents = [
        Respondent(a.pk, respondent_label(a), _short_label(a), respondent_key(a))
        for a in submitted.assessments
    ]
    rec_texts, theme_titles = _texts(round_.framework_id, (s.id for s in score.items))
    applicable = [t.code for t in applic.applicable_themes()]
    unknown = None
    theme = (theme or "").strip().upper() or None
    if theme and theme not in applicable:
        unknown, theme = theme, None
    blocks = []
    for code in applicable:
        if theme and code != theme:
            continue
        rows = [
            ItemRow(
                code=s.id,
                theme=code,
                text=rec_texts.get(s.id, ""),
                stats=s,
                answers=[
                    (r, Cell(*submitted.answers[r.assessment_id].get(s.id, (None, ""))))
                    for r in respondents
                ],
            )
            for s in score.items
            if s.theme == code
        ]
        ts = score.theme(code)
        blocks.append(
            ThemeBlock(code, theme_titles.get(code, ""), ts.score_pct if ts else None, rows)
        )
    return SideBySide(
        round=round_,
        respondents=respondents,
        themes=blocks,
        theme_nav=[(c, theme_titles.get(c, "")) for c in applicable],
        selected=theme,
        score=score,
        pending=pending,
        unknown_theme=unknown,
    )


# --------------------------------------------------------------------------- trends


@dataclass(frozen=True)
class ThemeChange:
    code: str
    title: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    @property
    def direction(self) -> str:
        """ "beter", "slechter", "gelijk", "nieuw", "vervallen" or "geen score"."""
        if self.before is None and self.after is None:
            return "geen score"
        if self.before is None:
            return "nieuw"
        if self.after is None:
            return "vervallen"
        delta = self.delta or 0
        return "beter" if delta > 0 else "slechter" if delta < 0 else "gelijk"


@dataclass(frozen=True)
class ItemChange:
    code: str
    theme: str
    text: str
    before: float | int
    after: float | int

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class RespondentChange:
    label: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class Trend:
    """A round (or one assessment) compared with the previous one."""

    current_round: AssessmentRound
    previous_round: AssessmentRound | None
    message: str | None = None  # why there is nothing to compare
    themes: list[ThemeChange] = field(default_factory=list)
    overall_before: float | None = None
    overall_after: float | None = None
    improved: list[ItemChange] = field(default_factory=list)
    declined: list[ItemChange] = field(default_factory=list)
    completed_steps: list[NextStep] = field(default_factory=list)
    open_steps: int = 0
    respondents: list[RespondentChange] = field(default_factory=list)  # in both rounds
    added: list[str] = field(default_factory=list)  # only in the current round
    removed: list[str] = field(default_factory=list)  # only in the previous round
    assessment: Assessment | None = None
    previous_assessment: Assessment | None = None

    @property
    def has_comparison(self) -> bool:
        return self.message is None

    @property
    def overall_delta(self) -> float | None:
        if self.overall_before is None or self.overall_after is None:
            return None
        return round(self.overall_after - self.overall_before, 1)


def _theme_changes(
    before: dict[str, float | None],
    after: dict[str, float | None],
    titles: dict[str, str],
) -> list[ThemeChange]:
    codes = list(after) + [c for c in before if c not in after]
    return [
        ThemeChange(code, titles.get(code, ""), before.get(code), after.get(code)) for code in codes
    ]


def _item_changes(
    before: dict[tuple[str, str], float | int | None],
    after: dict[tuple[str, str], float | int | None],
    texts: dict[str, str],
    *,
    min_delta: float = 0,
) -> tuple[list[ItemChange], list[ItemChange]]:
    changes = [
        ItemChange(code, theme, texts.get(code, ""), before[(code, theme)], value)
        for (code, theme), value in after.items()
        if value is not None
        and before.get((code, theme)) is not None
        and value != before[(code, theme)]
    ]
    changes = [c for c in changes if abs(c.delta) >= min_delta]
    improved = sorted((c for c in changes if c.delta > 0), key=lambda c: (-c.delta, c.code))
    declined = sorted((c for c in changes if c.delta < 0), key=lambda c: (c.delta, c.code))
    return improved, declined


def _steps(previous: AssessmentRound) -> tuple[list[NextStep], int]:
    steps = list(
        NextStep.objects.filter(round=previous)
        .select_related("recommendation", "owner_body")
        .order_by("completed_on", "pk")
    )
    done = [s for s in steps if s.status == NextStepStatus.AFGEROND]
    return done, len(steps) - len(done)


def _applicabilities(
    current: AssessmentRound, previous: AssessmentRound
) -> tuple[Applicability, Applicability]:
    now = round_applicability(current)
    if (
        previous.framework_id == current.framework_id
        and previous.partnership_id == current.partnership_id
    ):
        return now, now
    return now, round_applicability(previous)


def round_trend(round_: AssessmentRound) -> Trend:
    """Per theme the change in round score, items that improved or declined, steps completed."""
    previous = previous_round(round_)
    if previous is None:
        return Trend(round_, None, message=MSG_NO_PREVIOUS_ROUND)
    applic_now, applic_before = _applicabilities(round_, previous)
    now, before = _submitted(round_), _submitted(previous)
    score_now = scoring.score_round(scoring_items(applic_now, {}), now.values())
    score_before = scoring.score_round(scoring_items(applic_before, {}), before.values())
    texts, titles = _texts(round_.framework_id, (s.id for s in score_now.items))

    def scores_by_key(sub: _Submitted, applic: Applicability, target: int) -> dict:
        out = {}
        for a in sub.assessments:
            values = {code: v for code, (v, _) in sub.answers[a.pk].items()}
            result = scoring.score_assessment(scoring_items(applic, values), target=target)
            out[respondent_key(a)] = (a, result.overall_pct)
        return out

    by_key_now = scores_by_key(now, applic_now, round_.target)
    by_key_before = scores_by_key(before, applic_before, previous.target)
    improved, declined = _item_changes(
        {(s.id, s.theme): s.mean for s in score_before.items},
        {(s.id, s.theme): s.mean for s in score_now.items},
        texts,
        min_delta=MIN_MEAN_CHANGE,
    )
    done, still_open = _steps(previous)
    return Trend(
        current_round=round_,
        previous_round=previous,
        themes=_theme_changes(
            {t.code: t.score_pct for t in score_before.themes},
            {t.code: t.score_pct for t in score_now.themes},
            titles,
        ),
        overall_before=score_before.overall_pct,
        overall_after=score_now.overall_pct,
        improved=improved,
        declined=declined,
        completed_steps=done,
        open_steps=still_open,
        respondents=[
            RespondentChange(respondent_label(a), by_key_before[key][1], pct)
            for key, (a, pct) in by_key_now.items()
            if key in by_key_before
        ],
        added=[
            respondent_label(a) for key, (a, _) in by_key_now.items() if key not in by_key_before
        ],
        removed=[
            respondent_label(a) for key, (a, _) in by_key_before.items() if key not in by_key_now
        ],
    )


def _values(assessment: Assessment) -> dict[str, scoring.Value]:
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "recommendation__code", "score", "special"
    )
    return {
        code: score if score is not None else (special or None) for code, score, special in rows
    }


def assessment_trend(
    assessment: Assessment, *, visible: Iterable[Assessment] | None = None
) -> Trend:
    """One respondent's assessment compared with their assessment in the previous round.

    `visible` is the queryset of assessments the user may read (access rules); the previous
    assessment is looked up inside it.
    """
    round_ = assessment.round
    previous = previous_round(round_)
    if previous is None:
        return Trend(round_, None, message=MSG_NO_PREVIOUS_ROUND, assessment=assessment)
    source = visible if visible is not None else Assessment.objects.all()
    prev = (
        source.filter(
            round=previous,
            participation_id=assessment.participation_id,
            perspective=assessment.perspective,
        )
        .select_related("participation__organisation")
        .first()
    )
    if prev is None:
        return Trend(
            round_,
            previous,
            message=MSG_NO_PREVIOUS_ASSESSMENT.format(period=previous.period),
            assessment=assessment,
        )
    if prev.status != AssessmentStatus.SUBMITTED:
        return Trend(
            round_,
            previous,
            message=MSG_PREVIOUS_NOT_SUBMITTED.format(period=previous.period),
            assessment=assessment,
            previous_assessment=prev,
        )
    applic_now, applic_before = _applicabilities(round_, previous)
    values_now, values_before = _values(assessment), _values(prev)
    now = scoring.score_assessment(scoring_items(applic_now, values_now), target=round_.target)
    before = scoring.score_assessment(
        scoring_items(applic_before, values_before), target=previous.target
    )
    texts, titles = _texts(round_.framework_id, values_now.keys() | values_before.keys())

    def numeric(applic: Applicability, values: dict[str, scoring.Value]) -> dict:
        return {
            (code, theme): values.get(code) if scoring.is_numeric(values.get(code)) else None
            for code, theme in applic.item_pairs()
        }

    improved, declined = _item_changes(
        numeric(applic_before, values_before), numeric(applic_now, values_now), texts
    )
    done, still_open = _steps(previous)
    return Trend(
        current_round=round_,
        previous_round=previous,
        themes=_theme_changes(
            {t.code: t.score_pct for t in before.themes},
            {t.code: t.score_pct for t in now.themes},
            titles,
        ),
        overall_before=before.overall_pct,
        overall_after=now.overall_pct,
        improved=improved,
        declined=declined,
        completed_steps=done,
        open_steps=still_open,
        assessment=assessment,
        previous_assessment=prev,
    )


# --------------------------------------------------------------------------- export


def round_export(round_: AssessmentRound) -> dict[str, object]:
    """The `export_round --json` contract (DESIGN.md), from `selectors.round_score`."""
    score = round_score(round_)
    ids = sorted(
        round_.assessments.filter(status=AssessmentStatus.SUBMITTED).values_list("pk", flat=True)
    )
    return {
        "id": round_.pk,
        "partnership": round_.partnership.name,
        "period": round_.period,
        "assessments": ids,
        "items": [
            {
                "id": s.id,
                "n": s.n,
                "mean": s.mean,
                "min": s.min,
                "max": s.max,
                "spread": s.spread,
                "divergent": s.divergent,
            }
            for s in score.items
        ],
        "themes": [{"code": t.code, "score_pct": t.score_pct} for t in score.themes],
        "overall_pct": score.overall_pct,
    }
