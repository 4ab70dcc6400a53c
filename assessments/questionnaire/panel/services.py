"""Writes of the raad panel: inviting raadsleden, their answers and "klaar", sharing the
overview, and the griffier turning the panel's answers into the raad's answers.

Every write runs in one transaction; a refused write raises PanelError with a Dutch message
and changes nothing. The raad's own answers are written through the questionnaire's service
(answers_save), so its rules (versions, history, submitted locks) hold here too.

Decisions:
- A raadslid may change their answers after "klaar", until the raad's assessment is
  submitted; the griffier's page always shows what is stored.
- Removing a member deletes their membership and answers: they no longer count. What they
  answered stays in the answers' history (PanelAnswer.history), like every change.
"""

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from assessments import presentation, scoring
from assessments.access import acting_user
from assessments.constants import Perspective
from assessments.models import Answer, Assessment, Panel, PanelAnswer, PanelMember
from assessments.questionnaire.services import AnswerInput, AssessmentError, answers_save
from partnerships.constants import Role
from partnerships.models import Profile
from principles.models import Recommendation

from . import mail, rules
from .selectors import build_panel_page, raad_codes

MSG_NOT_RAAD = "Alleen bij de zelfevaluatie van de raad hoort een raadspanel."
MSG_SUBMITTED = (
    "Het antwoord van de raad is al ingediend. Het raadspanel kan niet meer veranderen; "
    "heropen de zelfevaluatie als dat toch nodig is."
)
MSG_EMAIL = "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
MSG_NAME = "Vul de voornaam en de achternaam van het raadslid in."
MSG_OTHER_ACCOUNT = (
    "Het e-mailadres {email} hoort al bij een account dat geen raadslid van {organisation} is. "
    "Nodig het raadslid uit met een ander e-mailadres, of vraag de beheerder om hulp."
)
MSG_ALREADY = (
    "{name} is al uitgenodigd voor dit raadspanel. Verstuur de uitnodiging zo nodig opnieuw."
)
MSG_VALUE = "Kies bij {code} een score van 0 tot en met 4 of ‘Weet niet’."
MSG_EXPLANATION_ONLY = (
    "Bij {code} staat een toelichting, maar nog geen antwoord. Kies een score of ‘Weet niet’."
)
MSG_NOT_ASKED = "Aanbeveling {code} hoort niet bij de vragen van de raad."
MSG_INCOMPLETE = (
    "U kunt nog niet op ‘Klaar’ drukken: {n} vraag/vragen hebben nog geen antwoord. "
    "Weet u het niet? Kies dan ‘Weet niet’."
)
MSG_NOTE_REQUIRED = (
    "Het antwoord van de raad bij {code} wijkt af van het voorstel van het panel ({proposal}). "
    "Schrijf in de toelichting waarom."
)
ERR_SERVER_UNREACHABLE = "de mailserver was niet bereikbaar"
ERR_REFUSED = "de mailserver weigerde het bericht"


class PanelError(AssessmentError):
    """A refused panel write; `message` is Dutch and meant for the user."""


@dataclass(frozen=True)
class PanelInput:
    """One item of a raadslid's form: a value (0-4, "weet_niet" or None) and an explanation."""

    value: scoring.Value
    explanation: str = ""


def _organisation_of(assessment: Assessment) -> int:
    if assessment.perspective != Perspective.RAAD or assessment.participation is None:
        raise PanelError(MSG_NOT_RAAD)
    return int(assessment.participation.organisation_id)


def _open_assessment(assessment: Assessment) -> Assessment:
    """The assessment's row, locked; refused once the raad's answer is submitted."""
    locked = Assessment.objects.select_for_update(of=("self",)).get(pk=assessment.pk)
    if locked.is_submitted:
        raise PanelError(MSG_SUBMITTED)
    return locked


# --- Members ----------------------------------------------------------------------------


def _raadslid_account(
    *, email: str, first_name: str, last_name: str, organisation_id: int, organisation: str
) -> User:
    """The raadslid's account: the existing one for this address, or a new one without a
    password (they choose it from the invitation's link)."""
    existing = User.objects.filter(username__iexact=email).first() or (
        User.objects.filter(email__iexact=email).first()
    )
    if existing is not None:
        profile = Profile.objects.filter(user=existing).first()
        if (
            profile is None
            or profile.role != Role.RAADSLID
            or profile.organisation_id != organisation_id
        ):
            raise PanelError(MSG_OTHER_ACCOUNT.format(email=email, organisation=organisation))
        return existing
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user, role=Role.RAADSLID, organisation_id=organisation_id)
    return user


def member_invite(
    *,
    assessment: Assessment,
    first_name: str,
    last_name: str,
    email: str,
    user: User | AnonymousUser | None,
    base_url: str,
) -> PanelMember:
    """Invite a raadslid by e-mail; the mail goes out after the transaction commits."""
    email = email.strip().lower()
    first_name, last_name = first_name.strip()[:150], last_name.strip()[:150]
    if not first_name or not last_name:
        raise PanelError(MSG_NAME)
    try:
        validate_email(email)
    except ValidationError:
        raise PanelError(MSG_EMAIL) from None
    organisation_id = _organisation_of(assessment)
    with transaction.atomic():
        locked = _open_assessment(assessment)
        account = _raadslid_account(
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation_id=organisation_id,
            organisation=assessment.participation.organisation.name
            if assessment.participation
            else "",
        )
        panel, _ = Panel.objects.get_or_create(
            assessment=locked, defaults={"created_by": acting_user(user)}
        )
        if PanelMember.objects.filter(panel=panel, user=account).exists():
            name = account.get_full_name() or account.username
            raise PanelError(MSG_ALREADY.format(name=name))
        member = PanelMember.objects.create(panel=panel, user=account, invited_by=acting_user(user))
        _send_on_commit(member, base_url)
    return member


def member_resend(*, member: PanelMember, base_url: str) -> None:
    """Send the invitation again (with a fresh set-password link when they have none)."""
    with transaction.atomic():
        _open_assessment(member.panel.assessment)
        _send_on_commit(member, base_url)


def member_remove(*, member: PanelMember) -> None:
    with transaction.atomic():
        _open_assessment(member.panel.assessment)
        member.delete()


def _send_on_commit(member: PanelMember, base_url: str) -> None:
    transaction.on_commit(partial(_send, member.pk, base_url), robust=True)


def _send(member_pk: int, base_url: str) -> None:
    """Send one invitation and record when it went out, or why it did not."""
    member = (
        PanelMember.objects.select_related(
            "user",
            "invited_by",
            "panel__assessment__round__partnership",
            "panel__assessment__participation__organisation",
        )
        .filter(pk=member_pk)
        .first()
    )
    if member is None:
        return
    error = ""
    try:
        mail.invitation_message(member, base_url=base_url).send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError):
        error = ERR_REFUSED
    except (OSError, smtplib.SMTPException):
        error = ERR_SERVER_UNREACHABLE
    if error:
        PanelMember.objects.filter(pk=member_pk).update(invitation_error=error)
    else:
        PanelMember.objects.filter(pk=member_pk).update(
            invited_at=timezone.now(), invitation_error=""
        )


# --- A raadslid's answers ------------------------------------------------------------------


def _parse(code: str, data: PanelInput) -> PanelInput:
    try:
        value = scoring.parse_value(data.value)
    except (ValueError, TypeError):
        raise PanelError(MSG_VALUE.format(code=code)) from None
    if value == scoring.NVT:
        raise PanelError(MSG_VALUE.format(code=code))
    explanation = data.explanation.strip()
    if value is None and explanation:
        raise PanelError(MSG_EXPLANATION_ONLY.format(code=code))
    return PanelInput(value, explanation)


def member_answers_save(*, member: PanelMember, data: Mapping[str, PanelInput]) -> int:
    """Save a raadslid's answers (an item without a value keeps what is stored); returns how
    many changed. All items are checked before any is saved."""
    assessment = member.panel.assessment
    with transaction.atomic():
        _open_assessment(assessment)
        asked = set(raad_codes(assessment))
        checked: dict[str, PanelInput] = {}
        for code, item in data.items():
            if code not in asked:
                raise PanelError(MSG_NOT_ASKED.format(code=code))
            checked[code] = _parse(code, item)
        recs = {
            r.code: r
            for r in Recommendation.objects.filter(
                theme__part__framework_id=assessment.round.framework_id, code__in=list(checked)
            )
        }
        stored = {
            a.recommendation.code: a
            for a in PanelAnswer.objects.filter(member=member).select_related("recommendation")
        }
        changed = 0
        for code, item in checked.items():
            if item.value is None or code not in recs:
                continue
            answer = stored.get(code) or PanelAnswer(member=member, recommendation=recs[code])
            score = item.value if scoring.is_numeric(item.value) else None
            special = "" if score is not None else scoring.WEET_NIET
            if answer.pk and (answer.score, answer.special, answer.explanation) == (
                score,
                special,
                item.explanation,
            ):
                continue
            answer.score, answer.special, answer.explanation = score, special, item.explanation
            try:
                answer.full_clean(exclude=["member", "recommendation"], validate_constraints=False)
            except ValidationError as exc:
                raise PanelError(f"{code}: {' '.join(exc.messages)}") from None
            answer.save()  # one history row per change (simple_history)
            changed += 1
    return changed


def member_submit(*, member: PanelMember) -> PanelMember:
    """ "Klaar": hand the answers to the griffier. Every question needs an answer."""
    with transaction.atomic():
        _open_assessment(member.panel.assessment)
        asked = set(raad_codes(member.panel.assessment))
        answered = set(
            PanelAnswer.objects.filter(member=member).values_list("recommendation__code", flat=True)
        )
        missing = asked - answered
        if missing:
            raise PanelError(MSG_INCOMPLETE.format(n=len(missing)))
        member.submitted_at = timezone.now()
        member.save(update_fields=["submitted_at"])
    return member


def member_hand_in(*, member: PanelMember, data: Mapping[str, PanelInput]) -> PanelMember:
    """Save and "Klaar" in one go: refused as a whole (nothing saved) when a question is
    still open, so the page shows what was typed with the reason."""
    with transaction.atomic():
        member_answers_save(member=member, data=data)
        return member_submit(member=member)


# --- The griffier -------------------------------------------------------------------------


def panel_share(*, assessment: Assessment) -> Panel:
    """Let the members see the overview (everyone's answers, side by side)."""
    with transaction.atomic():
        _organisation_of(assessment)
        panel = Panel.objects.select_for_update().get(assessment=assessment)
        if panel.shared_at is None:
            panel.shared_at = timezone.now()
            panel.save(update_fields=["shared_at"])
    return panel


def proposal_explanation(stats: rules.PanelItemStats) -> str:
    """The raad answer's explanation when the griffier takes the proposal over: counts only,
    never a member's name or words (the raad's answer reaches other participants)."""
    n = presentation.plural(stats.answered, "raadslid", "raadsleden")
    if stats.proposal == scoring.WEET_NIET:
        return f"Voorstel van het raadspanel ({n}): {stats.weet_niet} weten het niet."
    text = f"Voorstel van het raadspanel ({n}), de middelste score"
    if stats.lowest is not None and stats.lowest != stats.highest:
        text += f"; laagste {stats.lowest}, hoogste {stats.highest}"
    return text + "."


def proposals_apply(*, assessment: Assessment, user: User | AnonymousUser | None) -> int:
    """Take the panel's proposals over as the raad's answers, for the items the raad has not
    answered yet; returns how many were saved."""
    _organisation_of(assessment)
    with transaction.atomic():
        _open_assessment(assessment)
        page = build_panel_page(assessment)
        data = {
            item.code: AnswerInput(
                value=item.stats.proposal, explanation=proposal_explanation(item.stats)
            )
            for theme in page.themes
            for item in theme.items
            if item.raad is None and item.stats.proposal is not None
        }
        if not data:
            return 0
        results = answers_save(assessment=assessment, data=data, user=user)
        conflicts = [r for r in results if r.conflict]
        if conflicts:
            raise PanelError(conflicts[0].message)
    return sum(1 for r in results if r.saved)


def raad_answer_set(
    *,
    assessment: Assessment,
    code: str,
    value: scoring.Value,
    note: str,
    version: int,
    user: User | AnonymousUser | None,
) -> None:
    """The griffier sets the raad's answer on one item from the panel page. Where it differs
    from the panel's proposal the note (the answer's explanation) is required."""
    _organisation_of(assessment)
    if code not in raad_codes(assessment):
        raise PanelError(MSG_NOT_ASKED.format(code=code))
    try:
        value = scoring.parse_value(value)
    except (ValueError, TypeError):
        raise PanelError(MSG_VALUE.format(code=code)) from None
    if value is None:
        raise PanelError(MSG_VALUE.format(code=code))
    note = note.strip()
    with transaction.atomic():
        _open_assessment(assessment)
        item = next(
            (i for t in build_panel_page(assessment).themes for i in t.items if i.code == code),
            None,
        )
        proposal = item.stats.proposal if item else None
        if proposal is not None and value != proposal and not note:
            raise PanelError(
                MSG_NOTE_REQUIRED.format(code=code, proposal=presentation.value_label(proposal))
            )
        if not note and item is not None and proposal is not None:
            note = proposal_explanation(item.stats)
        current = (
            Answer.objects.filter(assessment=assessment, recommendation__code=code)
            .only("evidence_url", "evidence_document_id", "evidence_location")
            .first()
        )
        result = answers_save(
            assessment=assessment,
            data={
                code: AnswerInput(
                    value=value,
                    explanation=note,
                    evidence_url=current.evidence_url if current else "",
                    evidence_document=current.evidence_document_id if current else None,
                    evidence_location=current.evidence_location if current else "",
                    version=version,
                )
            },
            user=user,
        )[0]
        if result.conflict:
            raise PanelError(result.message)
