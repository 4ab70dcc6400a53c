"""The e-mails of a round: the reminder to a respondent that has not submitted yet."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from assessments.models import Assessment, AssessmentRound
from assessments.presentation import numeric_date, respondent_label

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
    due = numeric_date(round_.due_on)
    if today > round_.due_on:
        return f"De zelfevaluatie had vóór {due} ingevuld moeten zijn. Wilt u dat zo snel mogelijk doen?"
    return f"Wilt u de zelfevaluatie vóór {due} invullen en indienen?"


def reminder_message(
    round_: AssessmentRound, assessment: Assessment, *, base_url: str, today: datetime.date
) -> EmailMessage:
    """The reminder to the respondent of one assessment of the round, with the link to it.

    `base_url` is the site's address without a trailing slash; the e-mail needs an absolute
    link, and only the request knows under which address the site is reached.
    """
    partnership = round_.partnership.name
    return EmailMessage(
        subject=REMINDER_SUBJECT.format(partnership=partnership, period=round_.period),
        body=REMINDER_BODY.format(
            label=respondent_label(assessment),
            partnership=partnership,
            period=round_.period,
            perspective=assessment.get_perspective_display(),
            due_line=_due_line(round_, today),
            url=base_url + reverse("assessments:detail", args=[assessment.pk]),
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[assessment.respondent_email],
    )


def send_all(messages: Sequence[EmailMessage]) -> None:
    """Send the messages over one connection; raises OSError or SMTPException on failure."""
    with get_connection() as connection:
        connection.send_messages(messages)
