"""The texts of the reminders that send themselves. A respondent gets the same reminder the
round page sends by hand (assessments/rounds/mail.py); the others are written here in the
same plain Dutch, each with the link to the page where the work is done."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage

from assessments.presentation import numeric_date
from partnerships.constants import MomentKind

ROUND_OVERDUE_SUBJECT = "Ronde {period} van {partnership} is over de datum"
ROUND_OVERDUE_BODY = """Beste {greeting},

De zelfevaluaties van {partnership} over {period} moesten vóór {due} zijn ingevuld.
{pending_line}
{pending}

Wilt u contact opnemen met deze respondenten? Op de pagina van de ronde kunt u ook
een herinnering sturen of de ronde afsluiten:
{url}

Met vriendelijke groet,
Regiespiegel
"""

NEXT_STEP_SUBJECT = "Herinnering: vervolgstap {partnership} klaar op {due}"
NEXT_STEP_BODY = """Beste {greeting},

U bent eigenaar van deze vervolgstap van {partnership} (ronde {period}):

{description}

De stap moet op {due} klaar zijn. De status is nu: {status}.
Is de stap klaar? Zet de status dan op ‘afgerond’ in het actieplan:
{url}

Met vriendelijke groet,
Regiespiegel
"""

ZIENSWIJZE_SUBJECT = "Zienswijze {partnership}: de termijn sluit op {closes}"
ZIENSWIJZE_BODY = """Beste {greeting},

De raad kan een zienswijze geven op {what} van {partnership}.
Die termijn sluit op {closes} ({days_left}).
De datum komt uit: {source}.

Staat de zienswijze al op de agenda van de raad? Op de pagina van het
samenwerkingsverband vindt u de kalender en de stukken:
{url}

Met vriendelijke groet,
Regiespiegel
"""


def zienswijze_subject(kind: str, about: str) -> str:
    """What the zienswijze is about: "de ontwerpbegroting 2027", "het ontwerp van de
    regeling"."""
    if kind == MomentKind.ZIENSWIJZE_BEGROTING and about.startswith("begroting "):
        return "de ontwerp" + about
    if kind == MomentKind.ZIENSWIJZE_REGELING:
        return "het ontwerp van de (gewijzigde) regeling"
    return about or str(MomentKind(kind).label).lower()


def _days_left(today: datetime.date, closes: datetime.date) -> str:
    days = (closes - today).days
    if days <= 0:
        return "vandaag"
    return "morgen" if days == 1 else f"over {days} dagen"


def _message(subject: str, body: str, to: str) -> EmailMessage:
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


def round_overdue_message(
    *,
    to: str,
    greeting: str,
    partnership: str,
    period: str,
    due: datetime.date,
    pending: list[str],
    url: str,
) -> EmailMessage:
    count = len(pending)
    pending_line = (
        "Deze zelfevaluatie is nog niet ingediend:"
        if count == 1
        else f"Deze {count} zelfevaluaties zijn nog niet ingediend:"
    )
    return _message(
        ROUND_OVERDUE_SUBJECT.format(period=period, partnership=partnership),
        ROUND_OVERDUE_BODY.format(
            greeting=greeting,
            partnership=partnership,
            period=period,
            due=numeric_date(due),
            pending_line=pending_line,
            pending="\n".join(f"- {name}" for name in pending),
            url=url,
        ),
        to,
    )


def next_step_message(
    *,
    to: str,
    greeting: str,
    partnership: str,
    period: str,
    description: str,
    due: datetime.date,
    status: str,
    url: str,
) -> EmailMessage:
    return _message(
        NEXT_STEP_SUBJECT.format(partnership=partnership, due=numeric_date(due)),
        NEXT_STEP_BODY.format(
            greeting=greeting,
            partnership=partnership,
            period=period,
            description=description,
            due=numeric_date(due),
            status=status.lower(),
            url=url,
        ),
        to,
    )


def zienswijze_message(
    *,
    to: str,
    greeting: str,
    partnership: str,
    kind: str,
    about: str,
    today: datetime.date,
    closes: datetime.date,
    source: str,
    url: str,
) -> EmailMessage:
    return _message(
        ZIENSWIJZE_SUBJECT.format(partnership=partnership, closes=numeric_date(closes)),
        ZIENSWIJZE_BODY.format(
            greeting=greeting,
            what=zienswijze_subject(kind, about),
            partnership=partnership,
            closes=numeric_date(closes),
            days_left=_days_left(today, closes),
            source=source,
            url=url,
        ),
        to,
    )
