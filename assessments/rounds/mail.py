"""The e-mails of a round: the invitation when it opens and the reminder to a respondent that
has not submitted yet. Both greet the person by name when the partnership's data knows who
reads that address, else the body or role in its own words ("Beste griffier van de gemeente
Aalstad"), never the label of a list ("Gemeente Aalstad — Raad (politiek orgaan)").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse

from assessments.constants import Perspective
from assessments.models import Assessment, AssessmentRound
from assessments.presentation import numeric_date
from partnerships.constants import OrganisationKind
from partnerships.models import Organisation, Person

INVITATION_SUBJECT = "Uitnodiging: zelfevaluatie {partnership} ({period})"
INVITATION_BODY = """Beste {greeting},

U bent uitgenodigd om de zelfevaluatie van {partnership} over {period} in te vullen,
vanuit het perspectief: {perspective}.
Wilt u de zelfevaluatie vóór {due} invullen en indienen?

U vindt de zelfevaluatie hier:
{url}

Uw antwoorden worden tussendoor bewaard. Pas als u indient, tellen ze mee in de uitkomsten
van de ronde.

Heeft u vragen? Neem contact op met de directeur of secretaris van {partnership}.

Met vriendelijke groet,
Regiespiegel
"""

REMINDER_SUBJECT = "Herinnering: zelfevaluatie {partnership} ({period})"
REMINDER_BODY = """Beste {greeting},

U bent uitgenodigd om de zelfevaluatie van {partnership} over {period} in te vullen,
vanuit het perspectief: {perspective}.
{due_line}

U vindt de zelfevaluatie hier:
{url}

Heeft u vragen? Neem contact op met de directeur of secretaris van {partnership}.

Met vriendelijke groet,
Regiespiegel
"""

# Who reads the mail for a participant's body: the raad's griffier, the college's secretary.
_PARTICIPANT_ROLE = {
    Perspective.RAAD: "griffier",
    Perspective.COLLEGE: "secretaris van het college",
    Perspective.CONTRAMAL: "contramal",
}
# A province's Staten have a statengriffier; a water board's algemeen bestuur its griffier and
# its dagelijks bestuur the secretaris-directeur.
_PARTICIPANT_ROLE_BY_KIND: dict[str, dict[str, str]] = {
    OrganisationKind.PROVINCIE: {
        Perspective.RAAD: "statengriffier",
        Perspective.COLLEGE: "secretaris van Gedeputeerde Staten",
    },
    OrganisationKind.WATERSCHAP: {
        Perspective.RAAD: "griffier van het algemeen bestuur",
        Perspective.COLLEGE: "secretaris-directeur",
    },
}
# The roles of the partnership itself.
_PARTNERSHIP_ROLE = {
    Perspective.AB: "secretaris van het algemeen bestuur",
    Perspective.DB: "secretaris van het dagelijks bestuur",
    Perspective.DIRECTEUR: "directeur",
}
# "Gemeente Aalstad" -> "de gemeente Aalstad"; a water board goes without the article.
_ORGANISATION_ARTICLE: dict[str, tuple[str, str]] = {
    OrganisationKind.GEMEENTE: ("Gemeente ", "de gemeente "),
    OrganisationKind.PROVINCIE: ("Provincie ", "de provincie "),
    OrganisationKind.WATERSCHAP: ("Waterschap ", "waterschap "),
}


def organisation_in_text(organisation: Organisation) -> str:
    """ "Gemeente Aalstad" -> "de gemeente Aalstad", for use inside a sentence."""
    name: str = organisation.name
    prefix, in_text = _ORGANISATION_ARTICLE.get(organisation.kind, ("", ""))
    if prefix and name.startswith(prefix):
        return in_text + name.removeprefix(prefix)
    return name


def body_addressee(assessment: Assessment) -> str:
    """ "griffier van de gemeente Aalstad", "directeur van GGD Zuidland"."""
    participation = assessment.participation
    if participation is not None:
        perspective = Perspective(assessment.perspective)
        role = _PARTICIPANT_ROLE_BY_KIND.get(participation.organisation.kind, {}).get(
            perspective, _PARTICIPANT_ROLE.get(perspective, "")
        )
        return f"{role} van {organisation_in_text(participation.organisation)}"
    role = _PARTNERSHIP_ROLE.get(Perspective(assessment.perspective), "")
    return f"{role} van {assessment.round.partnership.name}"


def people_by_email(emails: Iterable[str]) -> dict[str, str]:
    """The name of the person the partnership's data knows for each address (one query);
    an address shared by several people (a team mailbox) gets no name."""
    wanted = {e.strip().lower() for e in emails if e.strip()}
    if not wanted:
        return {}
    matches = Q()
    for email in wanted:
        matches |= Q(email__iexact=email)
    names: dict[str, set[str]] = {}
    for email, name in Person.objects.filter(matches).values_list("email", "name"):
        names.setdefault(email.lower(), set()).add(name)
    return {email: next(iter(n)) for email, n in names.items() if len(n) == 1}


def greeting(assessment: Assessment, people: dict[str, str]) -> str:
    """The name after "Beste": the person, else the body or role in its own words."""
    return people.get(assessment.respondent_email.strip().lower()) or body_addressee(assessment)


def _url(assessment: Assessment, base_url: str) -> str:
    return base_url + reverse("assessments:detail", args=[assessment.pk])


def invitation_message(
    round_: AssessmentRound, assessment: Assessment, *, base_url: str, people: dict[str, str]
) -> EmailMessage:
    """The invitation to the respondent of one assessment: the due date and the link."""
    partnership = round_.partnership.name
    return EmailMessage(
        subject=INVITATION_SUBJECT.format(partnership=partnership, period=round_.period),
        body=INVITATION_BODY.format(
            greeting=greeting(assessment, people),
            partnership=partnership,
            period=round_.period,
            perspective=assessment.body_name(),
            due=numeric_date(round_.due_on),
            url=_url(assessment, base_url),
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[assessment.respondent_email],
    )


def _due_line(round_: AssessmentRound, today: datetime.date) -> str:
    due = numeric_date(round_.due_on)
    if today > round_.due_on:
        return f"De zelfevaluatie had vóór {due} ingevuld moeten zijn. Wilt u dat zo snel mogelijk doen?"
    return f"Wilt u de zelfevaluatie vóór {due} invullen en indienen?"


def reminder_message(
    round_: AssessmentRound,
    assessment: Assessment,
    *,
    base_url: str,
    today: datetime.date,
    people: dict[str, str] | None = None,
) -> EmailMessage:
    """The reminder to the respondent of one assessment of the round, with the link to it.

    `base_url` is the site's address without a trailing slash; the e-mail needs an absolute
    link, and only the request knows under which address the site is reached.
    """
    partnership = round_.partnership.name
    return EmailMessage(
        subject=REMINDER_SUBJECT.format(partnership=partnership, period=round_.period),
        body=REMINDER_BODY.format(
            greeting=greeting(assessment, people or {}),
            partnership=partnership,
            period=round_.period,
            perspective=assessment.body_name(),
            due_line=_due_line(round_, today),
            url=_url(assessment, base_url),
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[assessment.respondent_email],
    )


def send_all(messages: Sequence[EmailMessage]) -> None:
    """Send the messages over one connection; raises OSError or SMTPException on failure."""
    with get_connection() as connection:
        connection.send_messages(messages)
