"""Finding the reminders due on a day, and sending each one once.

Who gets what (the rules, with their dates, are in rules.py):

* a respondent: the address on their assessment (no address, no reminder);
* the directeur of a round that is overdue: the active accounts with role directeur of the
  partnership that have an e-mail address;
* the owner of a next step: the people with an e-mail address in the current seats of the
  step's owner body (the body that owns the step); when the step has no owner body or
  nobody there has an address, the person who opened the round (they keep the action
  plan). The free-text owner ("de griffier") cannot be mailed;
* before a zienswijze term closes: the active griffier accounts of every organisation that
  takes part in the partnership, with an e-mail address.

Sending: one mail connection for the run; per reminder one transaction that writes the
ReminderLog row and sends the mail. A failed send rolls the row back, so the next run tries
again, and the run goes on with the next reminder.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from assessments.constants import AssessmentStatus, EventKind, NextStepStatus, RoundStatus
from assessments.models import Assessment, AssessmentEvent, AssessmentRound, NextStep
from assessments.presentation import numeric_date, respondent_label, sorted_respondents
from assessments.rounds import mail as round_mail
from assessments.year_models import ReminderLog
from partnerships.constants import ZIENSWIJZE_MOMENTS, Role
from partnerships.models import Body, Participation, Partnership, Profile, Seat
from partnerships.pc_calendar import moments_between

from . import mail
from .rules import (
    DUE_SOON_DAYS,
    NEXT_STEP_DAYS,
    ZIENSWIJZE_DAYS,
    ReminderKind,
    next_step_due,
    reminder_key,
    respondent_kind,
    round_overdue,
    zienswijze_due,
)

OPEN_STEP = (NextStepStatus.OPEN, NextStepStatus.BEZIG)


@dataclass(frozen=True, eq=False)
class Reminder:
    """One reminder to one recipient, ready to send."""

    kind: ReminderKind
    key: str
    recipient: str  # lower case: the log compares addresses as written here
    user_id: int | None
    line: str  # what it is, in Dutch, for the command's output
    message: EmailMessage
    assessment_id: int | None = None  # a respondent's reminder is recorded on the assessment

    @property
    def identity(self) -> tuple[str, str, str]:
        return (str(self.kind), self.key, self.recipient)


@dataclass
class RunResult:
    sent: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)


def site_url() -> str:
    """The site's address for links in mails sent outside a request (SITE_URL)."""
    return str(settings.SITE_URL).rstrip("/")


def _email(address: str | None) -> str:
    return (address or "").strip().lower()


def _user_name(user: User) -> str:
    return user.get_full_name().strip()


# --- Finding the reminders ------------------------------------------------------------------


def _last_mailed_on(assessment: Assessment) -> datetime.date | None:
    """The day of the invitation or of the last reminder sent by hand (round page)."""
    stamps = [s for s in (assessment.invited_at, assessment.last_reminded_at) if s is not None]
    return timezone.localtime(max(stamps)).date() if stamps else None


def respondent_reminders(today: datetime.date, base_url: str) -> list[Reminder]:
    """Due soon and overdue reminders to respondents that have not submitted (one query for
    the assessments, one for the names of the addresses)."""
    soon_until = today + datetime.timedelta(days=DUE_SOON_DAYS)
    candidates = list(
        Assessment.objects.filter(
            status=AssessmentStatus.DRAFT,
            round__status=RoundStatus.OPEN,
            round__opens_on__lte=today,
            round__due_on__lte=soon_until,
        )
        .exclude(respondent_email="")
        .select_related("round__partnership", "participation__organisation")
    )
    people = round_mail.people_by_email(a.respondent_email for a in candidates)
    found: list[Reminder] = []
    for assessment in candidates:
        round_ = assessment.round
        kind = respondent_kind(
            today,
            opens_on=round_.opens_on,
            due_on=round_.due_on,
            round_is_open=round_.status == RoundStatus.OPEN,
            submitted=assessment.is_submitted,
            last_mailed_on=_last_mailed_on(assessment),
        )
        if kind is None:
            continue
        what = "bijna over de datum" if kind == ReminderKind.DUE_SOON else "over de datum"
        found.append(
            Reminder(
                kind=kind,
                key=reminder_key(assessment.pk, round_.due_on),
                recipient=_email(assessment.respondent_email),
                user_id=None,
                line=f"zelfevaluatie {respondent_label(assessment)}, "
                f"{round_.partnership.name} {round_.period} ({what}, "
                f"vóór {numeric_date(round_.due_on)})",
                message=round_mail.reminder_message(
                    round_, assessment, base_url=base_url, today=today, people=people
                ),
                assessment_id=assessment.pk,
            )
        )
    return found


def directeur_reminders(today: datetime.date, base_url: str) -> list[Reminder]:
    """To the directeur of every open round past its due date with assessments not
    submitted (three queries)."""
    pending: dict[int, list[Assessment]] = defaultdict(list)
    rounds: dict[int, AssessmentRound] = {}
    for assessment in Assessment.objects.filter(
        status=AssessmentStatus.DRAFT, round__status=RoundStatus.OPEN, round__due_on__lt=today
    ).select_related("round__partnership", "participation__organisation"):
        pending[assessment.round_id].append(assessment)
        rounds[assessment.round_id] = assessment.round
    if not rounds:
        return []
    directeurs: dict[int, list[User]] = defaultdict(list)
    for profile in (
        Profile.objects.filter(
            role=Role.DIRECTEUR,
            partnership_id__in={r.partnership_id for r in rounds.values()},
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
    ):
        if profile.partnership_id is not None:
            directeurs[profile.partnership_id].append(profile.user)
    found: list[Reminder] = []
    for round_id, round_ in sorted(rounds.items()):
        waiting = sorted_respondents(pending[round_id])
        if not round_overdue(
            today,
            due_on=round_.due_on,
            round_is_open=round_.status == RoundStatus.OPEN,
            unsubmitted=len(waiting),
        ):
            continue
        partnership = round_.partnership.name
        for user in directeurs.get(round_.partnership_id, []):
            found.append(
                Reminder(
                    kind=ReminderKind.ROUND_OVERDUE,
                    key=reminder_key(round_id, round_.due_on),
                    recipient=_email(user.email),
                    user_id=user.pk,
                    line=f"ronde {partnership} {round_.period} over de datum "
                    f"({len(waiting)} niet ingediend)",
                    message=mail.round_overdue_message(
                        to=user.email,
                        greeting=_user_name(user) or f"directeur van {partnership}",
                        partnership=partnership,
                        period=round_.period,
                        due=round_.due_on,
                        pending=[respondent_label(a) for a in waiting],
                        url=base_url + reverse("assessments:round", args=[round_id]),
                    ),
                )
            )
    return found


def _current(seat: Seat, today: datetime.date) -> bool:
    return (seat.since is None or seat.since <= today) and (
        seat.until is None or seat.until >= today
    )


def _step_owners(step: NextStep, today: datetime.date) -> list[tuple[str, str, int | None]]:
    """(address, greeting, user id) of whoever is reminded of a step (see the module)."""
    owners: dict[str, tuple[str, str, int | None]] = {}
    body: Body | None = step.owner_body
    if body is not None:
        for seat in body.seats.all():
            address = _email(seat.person.email)
            if address and _current(seat, today):
                owners.setdefault(address, (address, seat.person.name, None))
    if not owners:
        creator = step.round.created_by
        if creator is not None and creator.is_active and _email(creator.email):
            address = _email(creator.email)
            owners[address] = (address, _user_name(creator), creator.pk)
    return list(owners.values())


def next_step_reminders(today: datetime.date, base_url: str) -> list[Reminder]:
    """To the owners of open next steps due within the run-up (two queries)."""
    steps = NextStep.objects.filter(
        status__in=OPEN_STEP,
        due_on__gte=today,
        due_on__lte=today + datetime.timedelta(days=NEXT_STEP_DAYS),
    ).select_related("round__partnership", "round__created_by", "owner_body")
    steps = steps.prefetch_related(
        Prefetch("owner_body__seats", queryset=Seat.objects.select_related("person"))
    )
    found: list[Reminder] = []
    for step in steps.order_by("due_on", "pk"):
        if step.due_on is None or not next_step_due(
            today, due_on=step.due_on, is_open=step.status in OPEN_STEP
        ):
            continue
        partnership = step.round.partnership.name
        for address, name, user_id in _step_owners(step, today):
            found.append(
                Reminder(
                    kind=ReminderKind.NEXT_STEP,
                    key=reminder_key(step.pk, step.due_on),
                    recipient=address,
                    user_id=user_id,
                    line=f"vervolgstap {partnership}: {step.description[:60]} "
                    f"(klaar op {numeric_date(step.due_on)})",
                    message=mail.next_step_message(
                        to=address,
                        greeting=name or "eigenaar van deze vervolgstap",
                        partnership=partnership,
                        period=step.round.period,
                        description=step.description,
                        due=step.due_on,
                        status=step.get_status_display(),
                        url=base_url + reverse("assessments:next_steps", args=[step.round_id]),
                    ),
                )
            )
    return found


def zienswijze_reminders(today: datetime.date, base_url: str) -> list[Reminder]:
    """To the griffiers of the participants before a zienswijze term closes (four queries)."""
    griffiers: dict[int, list[Profile]] = defaultdict(list)
    for profile in (
        Profile.objects.filter(role=Role.GRIFFIER, user__is_active=True, organisation__isnull=False)
        .exclude(user__email="")
        .select_related("user", "organisation")
    ):
        if profile.organisation_id is not None:
            griffiers[profile.organisation_id].append(profile)
    if not griffiers:
        return []
    members: dict[int, set[int]] = defaultdict(set)
    for partnership_id, organisation_id in (
        Participation.objects.filter(organisation_id__in=list(griffiers))
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .values_list("partnership_id", "organisation_id")
    ):
        members[partnership_id].add(organisation_id)
    partnerships = Partnership.objects.filter(pk__in=list(members)).order_by("name")
    end = today + datetime.timedelta(days=ZIENSWIJZE_DAYS)
    found: list[Reminder] = []
    for moment in moments_between(partnerships, today, end):
        if moment.kind not in ZIENSWIJZE_MOMENTS or not zienswijze_due(today, moment.date):
            continue
        url = base_url + reverse("partnerships:detail", args=[moment.partnership_id])
        for organisation_id in sorted(members[moment.partnership_id]):
            for profile in griffiers[organisation_id]:
                user = profile.user
                organisation = profile.organisation
                assert organisation is not None  # filtered above
                found.append(
                    Reminder(
                        kind=ReminderKind.ZIENSWIJZE,
                        key=reminder_key(moment.partnership_id, moment.kind, moment.date),
                        recipient=_email(user.email),
                        user_id=user.pk,
                        line=f"zienswijze {moment.partnership_name}: {moment.title} "
                        f"(sluit op {numeric_date(moment.date)})",
                        message=mail.zienswijze_message(
                            to=user.email,
                            greeting=_user_name(user)
                            or f"griffier van {round_mail.organisation_in_text(organisation)}",
                            partnership=moment.partnership_name,
                            kind=moment.kind,
                            about=moment.about,
                            today=today,
                            closes=moment.date,
                            source=moment.source,
                            url=url,
                        ),
                    )
                )
    return found


def due_reminders(today: datetime.date, base_url: str | None = None) -> list[Reminder]:
    """Every reminder due today that has not been sent yet, each once."""
    base = site_url() if base_url is None else base_url
    candidates = [
        *respondent_reminders(today, base),
        *directeur_reminders(today, base),
        *next_step_reminders(today, base),
        *zienswijze_reminders(today, base),
    ]
    return unsent(candidates)


def unsent(candidates: Iterable[Reminder]) -> list[Reminder]:
    """The candidates without a ReminderLog row, without doubles (one query)."""
    candidates = list(candidates)
    if not candidates:
        return []
    logged = set(
        ReminderLog.objects.filter(key__in={r.key for r in candidates}).values_list(
            "kind", "key", "recipient"
        )
    )
    found: list[Reminder] = []
    for reminder in candidates:
        if reminder.identity in logged:
            continue
        logged.add(reminder.identity)
        found.append(reminder)
    return found


# --- Sending --------------------------------------------------------------------------------


def _send_one(reminder: Reminder, connection: object, today: datetime.date) -> bool:
    """Log and send one reminder in one transaction; False when another run logged it
    first. Raises when the mail cannot be sent (the log row is then rolled back)."""
    with transaction.atomic():
        _, created = ReminderLog.objects.get_or_create(
            kind=str(reminder.kind),
            key=reminder.key,
            recipient=reminder.recipient,
            defaults={"user_id": reminder.user_id, "sent_on": today},
        )
        if not created:
            return False
        if reminder.assessment_id is not None:
            Assessment.objects.filter(pk=reminder.assessment_id).update(
                last_reminded_at=timezone.now()
            )
            AssessmentEvent.objects.create(
                assessment_id=reminder.assessment_id, kind=EventKind.REMINDED
            )
        sent = connection.send_messages([reminder.message])  # type: ignore[attr-defined]
        if not sent:
            raise OSError("de mailserver nam het bericht niet aan")
    return True


def send_reminders(reminders: list[Reminder], today: datetime.date) -> RunResult:
    """Send the reminders over one connection. A failure is reported and not logged (a
    later run tries again); the others still go out."""
    result = RunResult()
    if not reminders:
        return result
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # the mail server is unreachable: nothing goes out
        result.failed = [(r, str(exc) or type(exc).__name__) for r in reminders]
        return result
    try:
        for reminder in reminders:
            try:
                if _send_one(reminder, connection, today):
                    result.sent.append(reminder)
            except Exception as exc:  # one bad message or address must not stop the run
                result.failed.append((reminder, str(exc) or type(exc).__name__))
    finally:
        connection.close()
    return result
