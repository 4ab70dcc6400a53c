"""Sending a round's invitations, each recorded on its assessment: when it went out, or why it
did not.

The invitations go out after the transaction that opened the round commits
(`transaction.on_commit`): a round that was not saved invites nobody, and a slow or refusing
mail server does not hold the round's rows locked. A failed send is stored per respondent and
shown on the round page, where it can be sent again.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from functools import partial

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from assessments.constants import AssessmentStatus
from assessments.models import Assessment, AssessmentRound
from assessments.presentation import respondent_label, sorted_respondents

from . import mail

ERR_SERVER_UNREACHABLE = "de mailserver was niet bereikbaar"
ERR_REFUSED = "de mailserver weigerde het bericht"

SEND_ERRORS = (OSError, smtplib.SMTPException)


@dataclass(frozen=True)
class InviteResult:
    sent: list[str]  # the respondents invited now
    failed: list[str]  # the respondents whose invitation could not be sent
    without_email: list[str]  # the respondents that have not submitted and have no address


def _reason(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError):
        return ERR_REFUSED
    return ERR_SERVER_UNREACHABLE


def send_invitations(round_: AssessmentRound, *, base_url: str) -> InviteResult:
    """Invite every respondent that has an address, has not submitted and was not invited yet
    (a failed invitation is tried again). Never raises for a mail error: it is recorded."""
    pending = sorted_respondents(
        round_.assessments.filter(
            status=AssessmentStatus.DRAFT, invited_at__isnull=True
        ).select_related("participation__organisation")
    )
    targets = [a for a in pending if a.respondent_email]
    without = [respondent_label(a) for a in pending if not a.respondent_email]
    if not targets:
        return InviteResult(sent=[], failed=[], without_email=without)
    people = mail.people_by_email(a.respondent_email for a in targets)
    errors: dict[int, str] = {}
    connection = get_connection()
    try:
        connection.open()
    except SEND_ERRORS as exc:
        errors = {a.pk: _reason(exc) for a in targets}
    else:
        try:
            for a in targets:
                message = mail.invitation_message(round_, a, base_url=base_url, people=people)
                try:
                    connection.send_messages([message])
                except SEND_ERRORS as exc:
                    errors[a.pk] = _reason(exc)
        finally:
            connection.close()
    sent = [a for a in targets if a.pk not in errors]
    with transaction.atomic():
        Assessment.objects.filter(pk__in=[a.pk for a in sent]).update(
            invited_at=timezone.now(), invitation_error=""
        )
        for a in targets:
            if a.pk in errors:
                Assessment.objects.filter(pk=a.pk).update(invitation_error=errors[a.pk])
    return InviteResult(
        sent=[respondent_label(a) for a in sent],
        failed=[respondent_label(a) for a in targets if a.pk in errors],
        without_email=without,
    )


def _send_after_commit(round_id: int, base_url: str) -> None:
    round_ = AssessmentRound.objects.select_related("partnership").filter(pk=round_id).first()
    if round_ is not None:
        send_invitations(round_, base_url=base_url)


def invite_on_commit(round_: AssessmentRound, *, base_url: str) -> None:
    """Send the round's invitations once the current transaction commits.

    `robust`: an unexpected error in sending must not turn the saved round into an error page;
    Django logs it, and the round page shows who has not been invited.
    """
    transaction.on_commit(partial(_send_after_commit, round_.pk, base_url), robust=True)
