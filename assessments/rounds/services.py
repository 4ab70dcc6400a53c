"""Writes for rounds: opening a round with its invitations, reminders, closing a round,
starting the next round from the previous one (which closes it), and confirming the answers
taken over from it.

A partnership has at most one open round (a constraint on the model): a second one would give
the partnership two "current" assessments. The checks below give the Dutch reason first; the
constraint settles a race between two requests.

Every write that spans rows runs in one transaction: a round is opened, or started from the
previous one, with all its respondents (and copied answers) or not at all. The checks run
before the transaction, so that a refused request writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assessments.constants import (
    PARTICIPANT_PERSPECTIVES,
    PARTNERSHIP_PERSPECTIVES,
    SCALE_MAX,
    AssessmentStatus,
    EventKind,
    RoundStatus,
)
from assessments.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentRound,
    ChecklistAnswer,
)
from assessments.presentation import numeric_date, respondent_label, sorted_respondents
from assessments.questionnaire.checklist import checklist_copy
from assessments.scores import round_applicability
from partnerships.models import Partnership
from principles.models import Framework, Recommendation

from . import mail
from .invitations import invite_on_commit
from .selectors import respondent_key

ERR_NO_FRAMEWORK = "De Gids is nog niet geladen. Vraag de beheerder om de Gids te laden."
ERR_NO_RESPONDENTS = "Kies ten minste één respondent om uit te nodigen."
ERR_PERIOD_TAKEN = "Er is al een ronde met de periode {period} voor dit samenwerkingsverband."
ERR_DUE_BEFORE_OPEN = "De einddatum ligt vóór de begindatum."
ERR_TARGET = "De streefwaarde moet tussen 1 en 4 liggen."
ERR_NOT_PARTICIPANT = "{label} hoort niet bij dit samenwerkingsverband."
ERR_PERSPECTIVE = "Het perspectief {perspective} past niet bij deze respondent."
ERR_ROUND_CLOSED = "Deze ronde is afgesloten."
ERR_OPEN_EXISTS = (
    "Er loopt al een open ronde voor dit samenwerkingsverband: ronde {period}. Een "
    "samenwerkingsverband heeft steeds één open ronde. Sluit ronde {period} eerst af, of start "
    "vanuit ronde {period} de volgende ronde; die sluit haar af."
)
ERR_NEXT_EXISTS = "Er is al een volgende ronde gestart vanuit deze ronde: {period}."
ERR_NEXT_NOT_LATER = "De nieuwe ronde moet later beginnen dan deze ronde (open vanaf {date})."
ERR_NOT_DRAFT = "Deze zelfevaluatie is al ingediend; heropen haar eerst."
ERR_UNKNOWN_THEME = "Thema {code} hoort niet bij deze zelfevaluatie."


@dataclass(frozen=True)
class Invitation:
    """One respondent to invite: a participant's body, or (without one) a partnership role."""

    perspective: str
    participation_id: int | None = None
    email: str = ""


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


def open_round_of(
    partnership: Partnership, *, exclude: AssessmentRound | None = None
) -> AssessmentRound | None:
    """The partnership's open round (at most one), leaving out `exclude`."""
    rounds = AssessmentRound.objects.filter(partnership=partnership, status=RoundStatus.OPEN)
    if exclude is not None:
        rounds = rounds.exclude(pk=exclude.pk)
    return rounds.first()


def _check_no_open_round(
    partnership: Partnership, *, exclude: AssessmentRound | None = None
) -> None:
    open_round = open_round_of(partnership, exclude=exclude)
    if open_round is not None:
        raise ValidationError(ERR_OPEN_EXISTS.format(period=open_round.period))


def _refusal(partnership: Partnership, period: str) -> ValidationError:
    """Why a round could not be saved after the checks passed: a concurrent request won."""
    open_round = open_round_of(partnership)
    if open_round is not None:
        return ValidationError(ERR_OPEN_EXISTS.format(period=open_round.period))
    return ValidationError(ERR_PERIOD_TAKEN.format(period=period))


def _unique_invitations(
    partnership: Partnership, invitations: Sequence[Invitation]
) -> list[Invitation]:
    """The invitations without repeats; refuses a stranger or a perspective that does not fit."""
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
    return unique


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
    base_url: str = "",
    plan_moment: str = "",
    plan_weeks_before: int | None = None,
) -> AssessmentRound:
    """Open a round and invite the respondents: one draft assessment each. All or nothing.

    A round planned against a P&C moment keeps which moment and how many weeks before it;
    `due_on` (worked out by the caller from the calendar) stays the date that counts.

    Each respondent with an e-mail address gets an invitation once the round is saved;
    `base_url` (the site's address without a trailing slash) makes the link absolute.
    """
    period = period.strip()
    framework = framework or Framework.objects.filter(is_current=True).first()
    if framework is None:
        raise ValidationError(ERR_NO_FRAMEWORK)
    if not invitations:
        raise ValidationError(ERR_NO_RESPONDENTS)
    _check_dates_and_target(opens_on, due_on, target)
    _check_period_free(partnership, period)
    _check_no_open_round(partnership)
    unique = _unique_invitations(partnership, invitations)
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
                plan_moment=plan_moment if plan_weeks_before is not None else "",
                plan_weeks_before=plan_weeks_before if plan_moment else None,
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
            invite_on_commit(round_, base_url=base_url)
    except IntegrityError as exc:  # a concurrent request opened a round first
        raise _refusal(partnership, period) from exc
    return round_


@dataclass(frozen=True)
class RemindResult:
    sent: list[str]  # the respondents reminded
    without_email: list[str]  # the respondents that have not submitted and have no address


def round_remind(
    round_: AssessmentRound,
    *,
    user: User | None = None,
    base_url: str = "",
    today: datetime.date | None = None,
) -> RemindResult:
    """E-mail every respondent that has not submitted and has an e-mail address.

    Records a `reminded` event and `last_reminded_at` per respondent reminded, after the
    e-mails went out: a failed send (OSError, SMTPException) records nothing.
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
    people = mail.people_by_email(a.respondent_email for a in targets)
    mail.send_all(
        [
            mail.reminder_message(round_, a, base_url=base_url, today=today, people=people)
            for a in targets
        ]
    )
    now = timezone.now()
    with transaction.atomic():
        AssessmentEvent.objects.bulk_create(
            AssessmentEvent(assessment=a, kind=EventKind.REMINDED, user=user) for a in targets
        )
        Assessment.objects.filter(pk__in=[a.pk for a in targets]).update(last_reminded_at=now)
    return RemindResult(sent=[respondent_label(a) for a in targets], without_email=without)


def round_close(round_: AssessmentRound) -> bool:
    """Close the round; returns False when it was closed already.

    Nothing else changes: its answers, scores and reports stay as they are, and an assessment
    not submitted stays out of the round's results.
    """
    closed = AssessmentRound.objects.filter(pk=round_.pk, status=RoundStatus.OPEN).update(
        status=RoundStatus.CLOSED
    )
    round_.status = RoundStatus.CLOSED
    return bool(closed)


def round_start_next(
    previous: AssessmentRound,
    *,
    period: str,
    opens_on: datetime.date,
    due_on: datetime.date,
    target: int | None = None,
    user: User | None = None,
    base_url: str = "",
) -> AssessmentRound:
    """Close `previous` and start the next round with the same respondents, who are invited
    again; answers copied, marked as taken over.

    Closing is the only change to the previous round. A copied answer keeps
    `is_taken_over=True` until the respondent confirms or changes it. The new round keeps the
    previous round's Gids version.
    """
    period = period.strip()
    target = previous.target if target is None else target
    existing = previous.next_rounds.first()
    if existing is not None:
        raise ValidationError(ERR_NEXT_EXISTS.format(period=existing.period))
    if opens_on <= previous.opens_on:
        raise ValidationError(ERR_NEXT_NOT_LATER.format(date=numeric_date(previous.opens_on)))
    _check_dates_and_target(opens_on, due_on, target)
    _check_period_free(previous.partnership, period)
    _check_no_open_round(previous.partnership, exclude=previous)
    old_assessments = list(previous.assessments.all())
    old_answers = list(
        Answer.objects.filter(assessment__round=previous).select_related("recommendation")
    )
    with_checklist = set(
        ChecklistAnswer.objects.filter(answer__assessment__round=previous).values_list(
            "answer_id", flat=True
        )
    )
    # map by code into the new round's framework (the same version here, but stay explicit)
    recommendations = dict(
        Recommendation.objects.filter(theme__part__framework_id=previous.framework_id).values_list(
            "code", "pk"
        )
    )
    try:
        with transaction.atomic():
            round_close(previous)
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
                    # Same partnership, same register: the evidence still points right.
                    evidence_document_id=ans.evidence_document_id,
                    evidence_location=ans.evidence_location,
                    documented=ans.documented,
                    is_taken_over=True,
                    updated_by=None,
                )
                for ans in old_answers
                if ans.recommendation.code in recommendations
                and (
                    ans.score is not None
                    or ans.special
                    or ans.explanation
                    or ans.evidence_document_id
                    or ans.evidence_location
                    or ans.pk in with_checklist
                )
            ]
            bulk_create_with_history(copies, Answer, default_user=user)
            checklist_copy({pk: new_by_key[key].pk for pk, key in old_key.items()})
            invite_on_commit(round_, base_url=base_url)
    except IntegrityError as exc:  # a concurrent request started or opened a round first
        previous.refresh_from_db(fields=["status"])
        raise _refusal(previous.partnership, period) from exc
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
