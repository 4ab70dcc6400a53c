"""The invitation to a raad panel. A raadslid without a password gets a link to choose one
(Django's password-reset token: it works once, and stops working when the password is set or
after settings.PASSWORD_RESET_TIMEOUT); a raadslid who has one gets the link to the panel.
Greets the person by name, as the round's invitations do (rounds/mail.py)."""

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessments.models import PanelMember
from assessments.presentation import numeric_date

SUBJECT = "Uitnodiging: uw oordeel over {partnership} ({period})"
BODY = """Beste {name},

De griffie van {organisation} vraagt u om mee te kijken naar de samenwerking in
{partnership}. U bent uitgenodigd voor het raadspanel: raadsleden geven elk hun eigen oordeel
over de vragen van de raad. De griffier bundelt die tot het antwoord van de raad.

{access}

Wilt u de vragen vóór {due} beantwoorden? Uw antwoorden zien alleen de griffie en, als de
griffier het overzicht deelt, de andere leden van het panel.

Met vriendelijke groet,
{sender}
"""
SET_PASSWORD = """U heeft nog geen wachtwoord voor Regiespiegel. Kies er eerst een via deze link
(de link werkt {days} dagen en maar één keer):
{url}

Daarna logt u in met uw e-mailadres ({username}) en komt u vanzelf bij de vragen."""
LOG_IN = """U vindt de vragen hier (log in met uw e-mailadres {username}):
{url}"""


def set_password_url(user: User, base_url: str) -> str:
    """The project's password-reset-confirm page, with a fresh token for this user."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url + reverse("password_reset_confirm", args=[uid, token])


def invitation_message(member: PanelMember, *, base_url: str) -> EmailMessage:
    assessment = member.panel.assessment
    round_ = assessment.round
    user = member.user
    organisation = assessment.participation.organisation.name if assessment.participation else ""
    if user.has_usable_password():
        access = LOG_IN.format(
            username=user.username,
            url=base_url + reverse("assessments:panel_member", args=[assessment.pk]),
        )
    else:
        access = SET_PASSWORD.format(
            days=max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            url=set_password_url(user, base_url),
            username=user.username,
        )
    inviter = member.invited_by
    sender = (inviter.get_full_name() or "De griffie") if inviter else "De griffie"
    return EmailMessage(
        subject=SUBJECT.format(partnership=round_.partnership.name, period=round_.period),
        body=BODY.format(
            name=member.name,
            organisation=organisation,
            partnership=round_.partnership.name,
            access=access,
            due=numeric_date(round_.due_on),
            sender=sender,
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
