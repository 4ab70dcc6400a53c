"""`send_reminders`: the reminders that send themselves, each once, on a frozen clock."""

import datetime
from collections import Counter
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from assessments.constants import EventKind, NextStepStatus, Perspective
from assessments.models import AssessmentEvent, ReminderLog
from partnerships.constants import BodyKind, LegalForm, MomentKind, Role, SeatRole
from partnerships.models import Body, CalendarMoment, Person, Seat
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def run(today: datetime.date | None = None, *extra: str) -> list[str]:
    out = StringIO()
    args = ["--today", today.isoformat()] if today else []
    call_command("send_reminders", *args, *extra, stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


@pytest.fixture
def partnership():
    # A centrumregeling has no budget cycle: no zienswijze moments unless a test adds one.
    return make_partnership(
        "GR Werk",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )


def respondent(round_, email="griffie@aalstad.example", **kw):
    a = make_assessment(round_, organisation="Gemeente Aalstad", **kw)
    a.respondent_email = email
    a.save()
    return a


def test_a_respondent_gets_a_reminder_a_week_before_the_due_date_once(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_)
    assert run(D(2026, 2, 21)) == ["0 herinneringen verstuurd"]  # eight days before
    lines = run(D(2026, 2, 22))
    assert lines[-1] == "1 herinneringen verstuurd"
    [message] = mail.outbox
    assert message.to == ["griffie@aalstad.example"]
    assert message.subject == "Herinnering: zelfevaluatie GR Werk (2026)"
    assert "Beste griffier van de gemeente Aalstad" in message.body
    assert "vóór 01-03-2026" in message.body
    assert "http://testserver.example/evaluaties/" in message.body
    # the second run on the same day, and the days after, send nothing more
    assert run(D(2026, 2, 22))[-1] == "0 herinneringen verstuurd"
    assert run(D(2026, 2, 25))[-1] == "0 herinneringen verstuurd"
    assert len(mail.outbox) == 1
    assessment = round_.assessments.get()
    assert assessment.last_reminded_at is not None
    assert (
        AssessmentEvent.objects.filter(assessment=assessment, kind=EventKind.REMINDED).count() == 1
    )


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver.example/"


def test_a_missed_day_is_caught_up_while_still_before_the_due_date(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_)
    assert run(D(2026, 3, 1))[-1] == "1 herinneringen verstuurd"
    assert "vóór 01-03-2026" in mail.outbox[0].body


def test_an_overdue_respondent_is_reminded_once_after_the_due_date(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_)
    run(D(2026, 2, 27))
    assert run(D(2026, 3, 2))[-1] == "1 herinneringen verstuurd"
    assert "had vóór 01-03-2026 ingevuld moeten zijn" in mail.outbox[-1].body
    assert run(D(2026, 3, 20))[-1] == "0 herinneringen verstuurd"
    assert len(mail.outbox) == 2


def test_nobody_is_reminded_who_submitted_has_no_address_or_whose_round_is_closed(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_, submitted=True)
    make_assessment(round_, organisation="Gemeente Beekdorp")  # no address
    closed = make_round(
        make_partnership(), opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1), status="closed"
    )
    a = make_assessment(closed, organisation="Gemeente Aalstad")
    a.respondent_email = "x@example.org"
    a.save()
    assert run(D(2026, 2, 25)) == ["0 herinneringen verstuurd"]
    assert mail.outbox == []


def test_a_new_due_date_earns_a_new_reminder(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_)
    run(D(2026, 2, 25))
    round_.due_on = D(2026, 3, 15)
    round_.save()
    assert run(D(2026, 3, 10))[-1] == "1 herinneringen verstuurd"
    assert "vóór 15-03-2026" in mail.outbox[-1].body


def test_the_directeur_hears_once_that_a_round_is_overdue(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_, email="")
    make_assessment(round_, perspective=Perspective.DIRECTEUR, submitted=True)
    directeur = make_user(Role.DIRECTEUR, partnership=partnership)
    directeur.email = "directeur@grwerk.example"
    directeur.first_name, directeur.last_name = "Dirk", "de Boer"
    directeur.save()
    other = make_user(Role.DIRECTEUR, partnership=make_partnership())
    other.email = "ander@example.org"
    other.save()
    assert run(D(2026, 3, 1))[-1] == "0 herinneringen verstuurd"
    assert run(D(2026, 3, 2))[-1] == "1 herinneringen verstuurd"
    [message] = mail.outbox
    assert message.to == ["directeur@grwerk.example"]
    assert message.subject == "Ronde 2026 van GR Werk is over de datum"
    assert "Beste Dirk de Boer" in message.body
    assert "Deze zelfevaluatie is nog niet ingediend:\n- Gemeente Aalstad — Raad" in message.body
    assert f"/rondes/{round_.pk}/" in message.body
    assert run(D(2026, 4, 2))[-1] == "0 herinneringen verstuurd"


def test_the_people_in_the_owner_body_are_reminded_of_a_next_step(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    body, _ = Body.objects.get_or_create(
        participation=partnership.participations.get(organisation__name="Gemeente Aalstad"),
        kind=BodyKind.COLLEGE,
    )
    for name, email, until in (
        ("Anna Smit", "anna@example.org", None),
        ("Bert Kok", "", None),  # no address
        ("Cor Oud", "cor@example.org", D(2025, 12, 31)),  # left the body
    ):
        person = Person.objects.create(name=name, email=email)
        Seat.objects.create(body=body, person=person, role=SeatRole.LID, until=until)
    make_next_step(
        round_, description="Maak een informatieprotocol.", due_on=D(2026, 6, 1), owner_body=body
    )
    make_next_step(round_, due_on=D(2026, 6, 1), status=NextStepStatus.AFGEROND)
    assert run(D(2026, 5, 24))[-1] == "0 herinneringen verstuurd"
    assert run(D(2026, 5, 25))[-1] == "1 herinneringen verstuurd"
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "Beste Anna Smit" in message.body
    assert "Maak een informatieprotocol." in message.body
    assert "klaar op 01-06-2026" in message.subject
    assert f"/rondes/{round_.pk}/vervolgstappen/" in message.body


def test_a_next_step_without_an_owner_with_an_address_goes_to_whoever_opened_the_round(
    partnership,
):
    opener = make_user(Role.DIRECTEUR, partnership=partnership)
    opener.email = "opener@example.org"
    opener.save()
    round_ = make_round(
        partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1), created_by=opener
    )
    make_next_step(round_, due_on=D(2026, 6, 1), owner="de griffier")
    run(D(2026, 5, 30))
    assert [m.to for m in mail.outbox] == [["opener@example.org"]]


def griffier(organisation: str, email: str):
    user = make_user(Role.GRIFFIER, organisation=organisation)
    user.email = email
    user.save()
    return user


def test_griffiers_of_the_participants_hear_two_weeks_before_a_zienswijze_term_closes(
    partnership,
):
    CalendarMoment.objects.create(
        partnership=partnership,
        kind=MomentKind.ZIENSWIJZE_REGELING,
        year=2026,
        date=D(2026, 9, 30),
        source="brief van het bestuur van 5 augustus",
    )
    griffier("Gemeente Aalstad", "griffie@aalstad.example")
    griffier("Gemeente Beekdorp", "griffie@beekdorp.example")
    griffier("Gemeente Elders", "griffie@elders.example")  # does not take part
    make_organisation("Gemeente Elders")
    assert run(D(2026, 9, 15))[-1] == "0 herinneringen verstuurd"
    assert run(D(2026, 9, 16))[-1] == "2 herinneringen verstuurd"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "griffie@aalstad.example",
        "griffie@beekdorp.example",
    ]
    message = mail.outbox[0]
    assert message.subject == "Zienswijze GR Werk: de termijn sluit op 30-09-2026"
    assert "zienswijze geven op het ontwerp van de (gewijzigde) regeling van GR Werk." in (
        message.body
    )
    assert "Die termijn sluit op 30-09-2026 (over 14 dagen)." in message.body
    assert "brief van het bestuur van 5 augustus" in message.body
    assert "Beste griffier van de gemeente" in message.body
    assert run(D(2026, 9, 30))[-1] == "0 herinneringen verstuurd"


def test_a_dry_run_lists_what_would_go_out_and_sends_and_logs_nothing(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_)
    lines = run(D(2026, 2, 25), "--dry-run")
    assert lines[0].startswith("Zou versturen aan griffie@aalstad.example: zelfevaluatie")
    assert lines[-2].startswith("1 herinnering zou worden verstuurd")
    assert lines[-1] == "0 herinneringen verstuurd"
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert run(D(2026, 2, 25))[-1] == "1 herinneringen verstuurd"


def test_a_failed_send_is_reported_not_logged_and_tried_again_the_next_run(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_, email="kapot@example.org")
    b = make_assessment(round_, organisation="Gemeente Beekdorp")
    b.respondent_email = "goed@example.org"
    b.save()
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def failing(self, messages):
        if messages[0].to == ["kapot@example.org"]:
            raise OSError("verbinding verbroken")
        return real(self, messages)

    out, err = StringIO(), StringIO()
    with (
        mock.patch.object(EmailBackend, "send_messages", failing),
        pytest.raises(CommandError) as excinfo,
    ):
        call_command("send_reminders", "--today", "2026-02-25", stdout=out, stderr=err)
    assert excinfo.value.returncode == 1
    assert out.getvalue().splitlines()[-1] == "1 herinneringen verstuurd"
    assert "Mislukt aan kapot@example.org" in err.getvalue()
    assert "verbinding verbroken" in err.getvalue()
    assert list(ReminderLog.objects.values_list("recipient", flat=True)) == ["goed@example.org"]
    assert round_.assessments.get(respondent_email="kapot@example.org").last_reminded_at is None
    assert run(D(2026, 2, 26))[-1] == "1 herinneringen verstuurd"
    assert mail.outbox[-1].to == ["kapot@example.org"]


def test_the_mail_connection_is_opened_once_per_run(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_)
    b = make_assessment(round_, organisation="Gemeente Beekdorp")
    b.respondent_email = "b@example.org"
    b.save()
    with mock.patch(
        "assessments.reminders.services.get_connection", wraps=mail.get_connection
    ) as spy:
        assert run(D(2026, 2, 25))[-1] == "2 herinneringen verstuurd"
    assert spy.call_count == 1


def test_without_today_the_command_uses_the_local_date(partnership):
    round_ = make_round(partnership, opens_on=D(2026, 1, 5), due_on=D(2026, 3, 1))
    respondent(round_)
    with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 2, 27)):
        assert run()[-1] == "1 herinneringen verstuurd"


def test_a_wrong_today_is_refused():
    with pytest.raises(CommandError, match="geen datum"):
        call_command("send_reminders", "--today", "1-3-2026")


def test_over_a_simulated_year_each_reminder_goes_out_exactly_once():
    """Daily runs through 2026 (some days missed): every reminder once, none lost."""
    gr = make_partnership(
        "GR Veiligheid",
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
    )
    griffier("Gemeente Aalstad", "griffie@aalstad.example")
    directeur = make_user(Role.DIRECTEUR, partnership=gr)
    directeur.email = "directeur@gr.example"
    directeur.save()
    round_ = make_round(gr, opens_on=D(2026, 1, 10), due_on=D(2026, 3, 1), created_by=directeur)
    respondent(round_, email="raad@aalstad.example")
    late = make_assessment(
        round_, organisation="Gemeente Beekdorp", perspective=Perspective.COLLEGE
    )
    late.respondent_email = "college@beekdorp.example"
    late.save()
    make_next_step(round_, due_on=D(2026, 5, 15))
    make_next_step(round_, due_on=D(2026, 11, 2), description="Evalueer de regeling.")

    day, missed = D(2026, 1, 1), {D(2026, 2, 22), D(2026, 2, 23), D(2026, 5, 9)}
    total = 0
    while day <= D(2026, 12, 31):
        if day == D(2026, 4, 1):
            late.status, late.submitted_at = "submitted", mail_time()
            late.save()
        if day not in missed:
            lines = run(day)
            total += int(lines[-1].split()[0])
            # running twice on a day sends nothing the second time
            assert run(day)[-1] == "0 herinneringen verstuurd"
        day += datetime.timedelta(days=1)

    sent = Counter((m.subject, m.to[0], m.body) for m in mail.outbox)
    assert all(n == 1 for n in sent.values()), sent
    assert total == len(mail.outbox) == ReminderLog.objects.count()
    kinds = Counter(ReminderLog.objects.values_list("kind", flat=True))
    assert kinds == {
        "respondent_due_soon": 2,  # both respondents, caught up after the missed days
        "respondent_overdue": 2,  # both were late; the college submitted in April
        "directeur_round_overdue": 1,
        "next_step_due": 2,  # to the directeur who opened the round
        "griffier_zienswijze": 1,  # the begroting's term (1 July by default)
    }


def mail_time():
    from django.utils import timezone

    return timezone.now()


def _busy_partnership(n: int) -> None:
    gr = make_partnership(
        f"GR Druk {n}",
        legal_form=LegalForm.OPENBAAR_LICHAAM,
        participants=[f"Gemeente Druk {n}", f"Gemeente Stil {n}"],
    )
    griffier(gr.participations.first().organisation.name, f"griffie{n}@example.org")
    d = make_user(Role.DIRECTEUR, partnership=gr)
    d.email = f"d{n}@example.org"
    d.save()
    round_ = make_round(gr, opens_on=D(2026, 1, 5), due_on=D(2026, 6, 20), created_by=d)
    a = make_assessment(round_, organisation=gr.participations.first().organisation)
    a.respondent_email = f"r{n}@example.org"
    a.save()
    make_next_step(round_, due_on=D(2026, 6, 25))


def test_finding_the_due_reminders_takes_the_same_queries_for_more_partnerships(
    django_assert_max_num_queries,
):
    from assessments.reminders.services import due_reminders

    _busy_partnership(1)
    with django_assert_max_num_queries(12):
        few = due_reminders(D(2026, 6, 21), "http://x")
    for n in range(2, 6):
        _busy_partnership(n)
    with django_assert_max_num_queries(12):
        many = due_reminders(D(2026, 6, 21), "http://x")
    assert len(many) == 5 * len(few) > 0


def test_a_respondent_invited_or_reminded_by_hand_just_now_is_not_reminded_again_at_once(
    partnership,
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    round_ = make_round(partnership, opens_on=D(2026, 2, 24), due_on=D(2026, 3, 1))
    a = respondent(round_)
    a.invited_at = datetime(2026, 2, 24, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    a.save()
    assert run(D(2026, 2, 24))[-1] == "0 herinneringen verstuurd"
    assert run(D(2026, 2, 25))[-1] == "0 herinneringen verstuurd"
    assert run(D(2026, 2, 26))[-1] == "1 herinneringen verstuurd"
