"""Writes for filling in one assessment: typed, keyword-only, atomic. Views call these;
nothing else writes answers, submits or reopens.

Every refused write raises an `AssessmentError` with a Dutch message and saves nothing.
Saving answers is per item and optimistic: the form carries the version (and a fingerprint
of the content) it was loaded with; a change to an item that someone else changed in the
meantime is refused for that item only and reported with the other value.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments import presentation, scoring
from assessments.access import acting_user
from assessments.constants import MSG_NOT_APPLICABLE, AssessmentStatus, EventKind, RoundStatus
from assessments.models import Answer, Assessment, AssessmentEvent
from assessments.scores import round_applicability
from partnerships.applicability import Applicability
from partnerships.models import PartnershipDocument
from principles.models import Recommendation

from .selectors import AnswerRow, answer_fingerprint, assessment_state, documented_rule, item_slug

MSG_LOCKED = (
    "Deze zelfevaluatie is ingediend en kan niet meer worden gewijzigd. "
    "Heropen haar eerst als er iets moet veranderen."
)
MSG_NVT_EXPLANATION = (
    "Bij ‘niet van toepassing’ hoort een toelichting. Schrijf op waarom deze aanbeveling "
    "hier niet geldt."
)
MSG_INCOMPLETE = "U kunt nog niet indienen: {n} aanbeveling(en) hebben nog geen antwoord."
MSG_UNCONFIRMED = (
    "U kunt nog niet indienen: {n} antwoord(en) zijn overgenomen uit de vorige ronde en nog "
    "niet bevestigd. Bevestig ze per thema of pas ze aan."
)
MSG_INCOMPLETE_AND_UNCONFIRMED = (
    "U kunt nog niet indienen: {n} aanbeveling(en) hebben nog geen antwoord, en {m} "
    "antwoord(en) zijn overgenomen uit de vorige ronde en nog niet bevestigd."
)
MSG_OTHER_DOCUMENT = (
    "Dit document hoort niet bij dit samenwerkingsverband. Kies een document uit het "
    "register van dit samenwerkingsverband."
)
MSG_ALREADY_SUBMITTED = "Deze zelfevaluatie is al ingediend."
MSG_NOT_SUBMITTED = "Deze zelfevaluatie is nog niet ingediend; heropenen is niet nodig."
MSG_REASON_REQUIRED = "Geef een reden op voor het heropenen. De reden wordt bewaard."
MSG_ROUND_CLOSED = "De ronde is afgesloten. Een zelfevaluatie in deze ronde kan niet meer open."
MSG_CONFLICT = (
    "{who} heeft dit antwoord intussen gewijzigd in ‘{other}’. Uw keuze ‘{mine}’ is niet "
    "opgeslagen. Bekijk het nieuwe antwoord en kies opnieuw als u het toch anders wilt."
)


class AssessmentError(Exception):
    """A refused write; `message` is Dutch and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AssessmentLocked(AssessmentError):
    """The assessment is submitted: read-only until reopened."""


class ItemNotApplicable(AssessmentError):
    """The recommendation is not scored in this assessment."""


class AnswerInvalid(AssessmentError):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class AssessmentIncomplete(AssessmentError):
    """Not every applicable item has an answer of this round: some have none, or still
    carry a copy from the previous round that nobody confirmed."""

    def __init__(
        self, missing: list[scoring.Item], unconfirmed: list[scoring.Item] | None = None
    ) -> None:
        unconfirmed = unconfirmed or []
        if missing and unconfirmed:
            message = MSG_INCOMPLETE_AND_UNCONFIRMED.format(n=len(missing), m=len(unconfirmed))
        elif unconfirmed:
            message = MSG_UNCONFIRMED.format(n=len(unconfirmed))
        else:
            message = MSG_INCOMPLETE.format(n=len(missing))
        super().__init__(message)
        self.missing = missing
        self.unconfirmed = unconfirmed


@dataclass(frozen=True)
class AnswerInput:
    """What the form sends for one item."""

    value: scoring.Value
    explanation: str = ""
    evidence_url: str = ""
    version: int = 0  # the version the form was loaded with; 0 = there was no answer yet
    loaded: str = ""  # fingerprint of the content the form was loaded with ("" = unknown)
    confirm: bool = False  # confirm an answer taken over from the previous round
    # "Vastgelegd": laid down on paper. Kept only with a score (see documented_rule); a
    # save replaces the whole content, so a caller that leaves it None clears the tick.
    documented: bool | None = None
    # Evidence in the partnership's document register (its id) and where in it; a save
    # replaces them too, so a caller that keeps the answer's evidence passes them on.
    evidence_document: int | None = None
    evidence_location: str = ""


class SaveStatus(StrEnum):
    SAVED = "saved"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class SaveResult:
    code: str
    status: SaveStatus
    answer: AnswerRow | None  # what is stored after the call
    message: str = ""
    attempted: scoring.Value = None

    @property
    def slug(self) -> str:
        return item_slug(self.code)

    @property
    def saved(self) -> bool:
        return self.status == SaveStatus.SAVED

    @property
    def conflict(self) -> bool:
        return self.status == SaveStatus.CONFLICT


def _user_label(user: User | None) -> str:
    """The name shown for who last changed an answer: full name, else the username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _row(answer: Answer, code: str) -> AnswerRow:
    return AnswerRow(
        code=code,
        value=answer.value,
        explanation=answer.explanation,
        evidence_url=answer.evidence_url,
        version=answer.version,
        is_taken_over=answer.is_taken_over,
        updated_at=answer.updated_at,
        updated_by=_user_label(answer.updated_by),
        documented=answer.documented,
        evidence_document=answer.evidence_document_id,
        evidence_location=answer.evidence_location,
    )


def _lock(assessment: Assessment) -> Assessment:
    """Lock the assessment row: saves, submitting and reopening of one assessment queue up."""
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=assessment.pk)
    )
    assessment.status = locked.status
    return locked


def _check_input(code: str, data: AnswerInput) -> AnswerInput:
    try:
        value = scoring.parse_value(data.value)
    except (ValueError, TypeError):
        raise AnswerInvalid("Kies een waarde uit de schaal.", code=code) from None
    explanation = data.explanation.strip()
    if value == scoring.NVT and not explanation:
        raise AnswerInvalid(MSG_NVT_EXPLANATION, code=code)
    return AnswerInput(
        value=value,
        explanation=explanation,
        evidence_url=data.evidence_url.strip(),
        version=data.version,
        loaded=data.loaded,
        confirm=data.confirm,
        documented=documented_rule(value, data.documented),
        evidence_document=data.evidence_document,
        evidence_location=data.evidence_location.strip(),
    )


def _check_documents(assessment: Assessment, data: Mapping[str, AnswerInput]) -> None:
    """Evidence comes from the register of the assessment's own partnership (one query)."""
    wanted = {item.evidence_document for item in data.values() if item.evidence_document}
    if not wanted:
        return
    own = set(
        PartnershipDocument.objects.filter(
            pk__in=wanted, partnership_id=assessment.round.partnership_id
        ).values_list("pk", flat=True)
    )
    for code, item in data.items():
        if item.evidence_document and item.evidence_document not in own:
            raise AnswerInvalid(MSG_OTHER_DOCUMENT, code=code)


def _save_one(
    *,
    assessment: Assessment,
    recommendation: Recommendation,
    answer: Answer | None,
    data: AnswerInput,
    user: User | AnonymousUser | None,
    pending: dict[str, Answer],
) -> SaveResult:
    """Check one item and prepare its answer; a changed answer goes into `pending` (by code)
    and is written by _write (answers_save fills in the SAVED result's row)."""
    code = recommendation.code
    new_fp = answer_fingerprint(
        data.value,
        data.explanation,
        data.evidence_url,
        data.documented,
        data.evidence_document,
        data.evidence_location,
    )
    wants_confirm = data.confirm and answer is not None and answer.is_taken_over
    stored = _row(answer, code) if answer else None
    if not wants_confirm:
        if data.loaded and new_fp == data.loaded:
            # The user did not touch this item; whatever is stored stays.
            return SaveResult(code, SaveStatus.UNCHANGED, stored)
        stored_fp = stored.fingerprint if stored else answer_fingerprint(None, "", "")
        if new_fp == stored_fp:
            return SaveResult(code, SaveStatus.UNCHANGED, stored)
    current_version = answer.version if answer else 0
    if data.version != current_version:
        who = stored.updated_by if stored and stored.updated_by else "Iemand anders"
        other = stored.label if stored else presentation.value_label(None)
        message = MSG_CONFLICT.format(
            who=who, other=other, mine=presentation.value_label(data.value)
        )
        return SaveResult(code, SaveStatus.CONFLICT, stored, message, data.value)

    if answer is None:
        answer = Answer(assessment=assessment, recommendation=recommendation)
    value = data.value
    answer.score = value if scoring.is_numeric(value) else None
    answer.special = value if isinstance(value, str) else ""
    answer.explanation = data.explanation
    answer.evidence_url = data.evidence_url
    answer.documented = data.documented
    answer.evidence_document_id = data.evidence_document
    answer.evidence_location = data.evidence_location
    answer.is_taken_over = False
    answer.version = current_version + 1
    answer.updated_by = acting_user(user)
    try:
        # Field checks only (URL, lengths, choices): the value rules of the check constraints
        # were applied by _check_input, and the database enforces every constraint anyway;
        # full_clean would run one SELECT per constraint and per answer.
        answer.clean_fields(exclude=["assessment", "recommendation", "updated_by"])
    except ValidationError as exc:
        messages = [m for ms in exc.message_dict.values() for m in ms]
        raise AnswerInvalid(" ".join(messages), code=code) from None
    pending[code] = answer
    return SaveResult(code, SaveStatus.SAVED, None)


ANSWER_WRITE_FIELDS = [
    "score",
    "special",
    "explanation",
    "evidence_url",
    "documented",
    "evidence_document",
    "evidence_location",
    "is_taken_over",
    "version",
    "updated_by",
    "updated_at",
]


def _write(pending: Sequence[Answer], user: User | AnonymousUser | None) -> None:
    """Write the changed answers and their history in at most four queries, however many
    items a theme has: the cost of saving a page does not grow with its length."""
    now = timezone.now()
    new = [a for a in pending if a.pk is None]
    changed = [a for a in pending if a.pk is not None]
    for answer in changed:
        answer.updated_at = now  # auto_now is not applied by bulk_update
    if changed:
        Answer.objects.bulk_update(changed, ANSWER_WRITE_FIELDS)
        Answer.history.bulk_history_create(
            changed, update=True, default_user=acting_user(user), default_date=now
        )
    if new:
        Answer.objects.bulk_create(new)  # sets updated_at (auto_now) and the primary keys
        Answer.history.bulk_history_create(new, default_user=acting_user(user), default_date=now)


def _applicable_codes(applic: Applicability) -> set[str]:
    return {code for code, _ in applic.item_pairs()}


def answers_save(
    *,
    assessment: Assessment,
    data: Mapping[str, AnswerInput],
    user: User | AnonymousUser | None,
    applic: Applicability | None = None,
) -> list[SaveResult]:
    """Save several items at once; all are checked before any is saved.

    `applic` is the round's applicability when the caller already worked it out (it depends
    on the round only, not on the answers); otherwise it is computed here.
    Raises AssessmentLocked, ItemNotApplicable or AnswerInvalid (nothing saved). A conflict
    on one item is reported in its SaveResult; the other items are saved.
    """
    with transaction.atomic():
        locked = _lock(assessment)
        if locked.is_submitted:
            raise AssessmentLocked(MSG_LOCKED)
        applicable = _applicable_codes(applic or round_applicability(locked.round))
        for code in data:
            if code not in applicable:
                raise ItemNotApplicable(MSG_NOT_APPLICABLE.format(code=code))
        checked = {code: _check_input(code, item) for code, item in data.items()}
        _check_documents(locked, checked)
        recs = {
            r.code: r
            for r in Recommendation.objects.filter(
                theme__part__framework_id=locked.round.framework_id, code__in=list(checked)
            )
        }
        answers = {
            a.recommendation.code: a
            for a in Answer.objects.filter(
                assessment=locked, recommendation__in=recs.values()
            ).select_related("recommendation", "updated_by")
        }
        pending: dict[str, Answer] = {}
        results = [
            _save_one(
                assessment=locked,
                recommendation=recs[code],
                answer=answers.get(code),
                data=item,
                user=user,
                pending=pending,
            )
            for code, item in checked.items()
            if code in recs
        ]
        _write(list(pending.values()), user)
    return [
        replace(r, answer=_row(pending[r.code], r.code)) if r.status == SaveStatus.SAVED else r
        for r in results
    ]


def answer_save(
    *,
    assessment: Assessment,
    code: str,
    data: AnswerInput,
    user: User | AnonymousUser | None,
    applic: Applicability | None = None,
) -> SaveResult:
    """Save one item (the htmx save-as-you-go call)."""
    return answers_save(assessment=assessment, data={code: data}, user=user, applic=applic)[0]


def answers_save_theme(
    *,
    assessment: Assessment,
    theme: str,
    data: Mapping[str, AnswerInput],
    user: User | AnonymousUser | None,
    applic: Applicability | None = None,
) -> list[SaveResult]:
    """Save a theme page: only items scored under `theme` are accepted. `applic`: the
    round's applicability if the caller has it (computed once per request)."""
    applic = applic or round_applicability(assessment.round)
    applic_theme = applic.theme(theme)
    if applic_theme is None or not applic_theme.applies:
        raise ItemNotApplicable(f"Thema {theme} hoort niet bij deze zelfevaluatie.")
    for code in data:
        if code not in applic_theme.items:
            raise ItemNotApplicable(MSG_NOT_APPLICABLE.format(code=code))
    return answers_save(assessment=assessment, data=data, user=user, applic=applic)


def assessment_submit(*, assessment: Assessment, user: User | AnonymousUser | None) -> Assessment:
    """Submit: every own question needs an answer of this round (a copy from the previous
    round counts once confirmed or changed); optional items may stay open, and their copies
    nobody confirmed are dropped. Locks the assessment."""
    with transaction.atomic():
        locked = _lock(assessment)
        if locked.is_submitted:
            raise AssessmentLocked(MSG_ALREADY_SUBMITTED)
        state = assessment_state(locked)
        if not state.can_submit:
            raise AssessmentIncomplete(state.missing, state.unconfirmed)
        # Unconfirmed copies of optional items: the submit page said they lapse (scoring).
        dropped = {i.id for i in state.unconfirmed_optional}
        if dropped:
            for answer in Answer.objects.filter(
                assessment=locked, is_taken_over=True, recommendation__code__in=dropped
            ):
                answer.delete()  # one by one, so the history keeps each removal
        locked.status = AssessmentStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = acting_user(user)
        locked.full_clean(exclude=["round", "participation"])
        locked.save(update_fields=["status", "submitted_at", "submitted_by"])
        AssessmentEvent.objects.create(
            assessment=locked, kind=EventKind.SUBMITTED, user=locked.submitted_by
        )
    _copy_state(locked, assessment)
    return assessment


def assessment_reopen(
    *, assessment: Assessment, user: User | AnonymousUser | None, reason: str
) -> Assessment:
    """Reopen a submitted assessment; the reason is kept as an AssessmentEvent."""
    reason = reason.strip()
    if not reason:
        raise AssessmentError(MSG_REASON_REQUIRED)
    with transaction.atomic():
        locked = _lock(assessment)
        if not locked.is_submitted:
            raise AssessmentError(MSG_NOT_SUBMITTED)
        if locked.round.status == RoundStatus.CLOSED:
            raise AssessmentError(MSG_ROUND_CLOSED)
        locked.status = AssessmentStatus.DRAFT
        locked.submitted_at = None
        locked.submitted_by = None
        locked.full_clean(exclude=["round", "participation"])
        locked.save(update_fields=["status", "submitted_at", "submitted_by"])
        event = AssessmentEvent(
            assessment=locked,
            kind=EventKind.REOPENED,
            reason=reason,
            user=acting_user(user),
        )
        event.full_clean()
        event.save()
    _copy_state(locked, assessment)
    return assessment


def _copy_state(source: Assessment, target: Assessment) -> None:
    target.status = source.status
    target.submitted_at = source.submitted_at
    target.submitted_by = source.submitted_by
