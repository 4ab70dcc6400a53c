"""Opening a round invites every respondent with an e-mail address: after the round is saved,
with the due date and a link, greeting the person or the body by its own name. The round page
shows who was invited when, who has no address, and an invitation that failed, which can be
sent again. Reminders greet the same way."""

import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from assessments.constants import Perspective
from assessments.models import Assessment, AssessmentRound
from assessments.presentation import numeric_date
from assessments.rounds.services import round_remind
from partnerships.models import Participation, Person
from tests.factories import make_assessment, make_round

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def open(self):
        raise smtplib.SMTPConnectError(421, "Service not available")

    def send_messages(self, email_messages):  # pragma: no cover - open() fails first
        raise smtplib.SMTPServerDisconnected("gone")


def _open_round(client, partnership):
    aalstad = Participation.objects.get(
        partnership=partnership, organisation__name="Gemeente Aalstad"
    )
    beekdorp = Participation.objects.get(
        partnership=partnership, organisation__name="Gemeente Beekdorp"
    )
    today = timezone.localdate()
    data = {
        "period": "2026",
        "opens_on": today.isoformat(),
        "due_on": (today + timedelta(weeks=6)).isoformat(),
        "target": "3",
        f"invite_p{aalstad.pk}-raad": "on",
        f"email_p{aalstad.pk}-raad": "griffie@aalstad.nl",
        f"invite_p{beekdorp.pk}-college": "on",  # no address
        "invite_directeur": "on",
        "email_directeur": "directeur@rivierenland.nl",
    }
    return client.post(f"/samenwerkingsverbanden/{partnership.pk}/rondes/nieuw/", data)


def _assessment(round_, perspective):
    return round_.assessments.get(perspective=perspective)


def test_opening_a_round_invites_each_respondent_with_an_address(
    client, partnership, directeur, django_capture_on_commit_callbacks
):
    client.force_login(directeur)
    with django_capture_on_commit_callbacks(execute=True):
        response = _open_round(client, partnership)
        assert mail.outbox == []  # nothing goes out before the round is saved
    round_ = AssessmentRound.objects.get(partnership=partnership)
    assert response.status_code == 302
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"griffie@aalstad.nl", "directeur@rivierenland.nl"}

    raad = _assessment(round_, Perspective.RAAD)
    griffie = by_address["griffie@aalstad.nl"]
    assert griffie.subject == "Uitnodiging: zelfevaluatie Regio Rivierenland (2026)"
    assert griffie.body.startswith("Beste griffier van de gemeente Aalstad,\n")
    assert f"vóór {numeric_date(round_.due_on)}" in griffie.body
    assert f"http://testserver/evaluaties/{raad.pk}/" in griffie.body
    assert "Raad (politiek orgaan)," not in griffie.body
    assert by_address["directeur@rivierenland.nl"].body.startswith(
        "Beste directeur van Regio Rivierenland,\n"
    )

    page = client.get(response["Location"]).content.decode()
    assert "Ronde 2026 is geopend met 3 respondenten." in page
    assert "De uitnodiging gaat per e-mail naar 2 van hen." in page
    raad.refresh_from_db()
    assert raad.invited_at is not None and raad.invitation_error == ""
    assert f"verstuurd {timezone.localtime(raad.invited_at).day}" in page
    assert "niet mogelijk: geen e-mailadres" in page  # Beekdorp's college
    assert _assessment(round_, Perspective.COLLEGE).invited_at is None
    assert "Uitnodigingen versturen" not in page  # nothing left to send


def test_a_failed_invitation_is_shown_and_can_be_sent_again(
    client, partnership, directeur, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    client.force_login(directeur)
    with django_capture_on_commit_callbacks(execute=True):
        response = _open_round(client, partnership)
    round_ = AssessmentRound.objects.get(partnership=partnership)
    raad = _assessment(round_, Perspective.RAAD)
    assert (raad.invited_at, raad.invitation_error) == (None, "de mailserver was niet bereikbaar")
    page = client.get(response["Location"]).content.decode()
    assert "De uitnodiging kon niet worden verstuurd aan 2 respondenten:" in page
    assert "Gemeente Aalstad — Raad (politiek orgaan) &lt;griffie@aalstad.nl&gt;" in page
    assert "Uitnodigingen versturen (2)" in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(f"/rondes/{round_.pk}/uitnodigingen/")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "directeur@rivierenland.nl",
        "griffie@aalstad.nl",
    ]
    raad.refresh_from_db()
    assert raad.invited_at is not None and raad.invitation_error == ""
    page = client.get(response["Location"]).content.decode()
    assert "Uitnodiging verstuurd aan 2" in page
    assert "kon niet worden verstuurd" not in page
    # sending again invites nobody twice
    client.post(f"/rondes/{round_.pk}/uitnodigingen/")
    assert len(mail.outbox) == 2


def test_a_known_person_is_greeted_by_name(
    client, partnership, directeur, django_capture_on_commit_callbacks
):
    Person.objects.create(name="Anna de Vries", email="Griffie@Aalstad.nl")
    client.force_login(directeur)
    with django_capture_on_commit_callbacks(execute=True):
        _open_round(client, partnership)
    griffie = next(m for m in mail.outbox if m.to == ["griffie@aalstad.nl"])
    assert griffie.body.startswith("Beste Anna de Vries,\n")


def test_reminders_greet_the_same_way(partnership):
    round_ = make_round(partnership, opens_on=date(2026, 1, 5), due_on=date(2026, 2, 1))
    raad = make_assessment(round_, organisation="Gemeente Beekdorp")
    Assessment.objects.filter(pk=raad.pk).update(respondent_email="griffie@beekdorp.nl")
    college = make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=Perspective.COLLEGE
    )
    Assessment.objects.filter(pk=college.pk).update(respondent_email="college@aalstad.nl")
    round_remind(round_, base_url="https://regiespiegel.example.nl", today=date(2026, 2, 2))
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert bodies["griffie@beekdorp.nl"].startswith("Beste griffier van de gemeente Beekdorp,\n")
    assert bodies["college@aalstad.nl"].startswith(
        "Beste secretaris van het college van de gemeente Aalstad,\n"
    )
    assert all("— Raad (politiek orgaan)," not in body for body in bodies.values())


def test_the_next_round_invites_its_respondents(
    client, partnership, directeur, django_capture_on_commit_callbacks
):
    old = make_round(partnership, period="2025", opens_on=date(2025, 3, 1))
    raad = make_assessment(old, organisation="Gemeente Aalstad", submitted=True)
    Assessment.objects.filter(pk=raad.pk).update(respondent_email="griffie@aalstad.nl")
    client.force_login(directeur)
    data = {
        "period": "2026",
        "opens_on": "2026-03-01",
        "due_on": "2026-05-01",
        "target": "3",
    }
    client.post(f"/rondes/{old.pk}/volgende/", data)  # the confirmation page sends nothing
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rondes/{old.pk}/volgende/", {**data, "confirmed": "True"})
    new = AssessmentRound.objects.get(partnership=partnership, period="2026")
    assert [m.to for m in mail.outbox] == [["griffie@aalstad.nl"]]
    assert "vóór 01-05-2026" in mail.outbox[0].body
    assert _assessment(new, Perspective.RAAD).invited_at is not None
