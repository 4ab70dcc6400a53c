"""The raad panel from invitation to the raad's answer: accounts and mails, what a raadslid
sees (and does not), the griffier's side-by-side page, taking proposals over, the report."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

from assessments.models import Answer, Panel, PanelAnswer, PanelMember
from assessments.questionnaire.panel import services
from assessments.questionnaire.panel.rules import proposal
from assessments.questionnaire.panel.selectors import build_panel_page, raad_codes
from assessments.questionnaire.panel.services import PanelError, PanelInput
from assessments.questionnaire.services import AnswerInput, answers_save
from assessments.scores import round_applicability
from partnerships.constants import Role
from partnerships.models import Profile
from tests.factories import (
    make_assessment,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
PASSWORD = "Een-lang-nieuw-wachtwoord-2026"


@pytest.fixture
def setting(gids):
    aalstad = make_organisation("Gemeente Aalstad")
    partnership = make_partnership("GGD Testregio", participants=[aalstad, "Gemeente Beekdorp"])
    round_ = make_round(partnership)
    raad = make_assessment(round_, organisation=aalstad)
    griffier = make_user(Role.GRIFFIER, organisation=aalstad, username="griffier.aalstad")
    return raad, griffier


def _invite(raad, griffier, first, last, email, capture):
    with capture(execute=True):
        return services.member_invite(
            assessment=raad,
            first_name=first,
            last_name=last,
            email=email,
            user=griffier,
            base_url=BASE,
        )


def _answer_all(member, values, explanation="Mijn oordeel."):
    """Answer every raad question: values cycles over the codes."""
    codes = raad_codes(member.panel.assessment)
    data = {
        code: PanelInput(values[i % len(values)], f"{explanation} ({code})")
        for i, code in enumerate(codes)
    }
    services.member_answers_save(member=member, data=data)
    return codes


def test_a_griffier_invites_a_raadslid_who_sets_a_password_and_lands_on_the_panel(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    client.force_login(griffier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/evaluaties/{raad.pk}/raadspanel/",
            {
                "action": "uitnodigen",
                "first_name": "Anna",
                "last_name": "de Vries",
                "email": "A.deVries@Aalstad.nl",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="a.devries@aalstad.nl")
    assert not user.has_usable_password()
    assert user.profile.role == Role.RAADSLID
    assert user.profile.organisation == raad.participation.organisation
    member = PanelMember.objects.get(user=user)
    assert member.invited_at is not None and member.invited_by == griffier
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a.devries@aalstad.nl"]
    assert message.body.startswith("Beste Anna de Vries,")
    link = re.search(r"http://testserver(/accounts/wachtwoord/herstellen/\S+/)", message.body)
    assert link, message.body

    client.logout()
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and "Nieuw wachtwoord kiezen" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # The link works once.
    again = client.get(link.group(1), follow=True)
    assert "Deze link werkt niet meer" in again.content.decode()

    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    start = client.get("/", follow=True)
    assert start.redirect_chain[-1][0] == "/raadspanel/"
    assert "GGD Testregio" in start.content.decode()


def test_an_address_of_another_account_is_refused_and_nothing_changes(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    other = make_user(Role.CONTRAMAL, organisation=raad.participation.organisation)
    other.email = "collega@aalstad.nl"
    other.save()
    elsewhere = make_user(Role.RAADSLID, organisation="Gemeente Beekdorp", username="r@b.nl")
    users = User.objects.count()
    client.force_login(griffier)
    for email in ("collega@aalstad.nl", "r@b.nl"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/evaluaties/{raad.pk}/raadspanel/",
                {"action": "uitnodigen", "first_name": "X", "last_name": "Y", "email": email},
            )
        assert response.status_code == 400
        assert "hoort al bij een account dat geen raadslid van Gemeente Aalstad is" in (
            response.content.decode()
        )
    assert User.objects.count() == users and not PanelMember.objects.exists()
    assert not mail.outbox
    assert elsewhere.profile.organisation.name == "Gemeente Beekdorp"
    # A bad address gets a plain message too.
    response = client.post(
        f"/evaluaties/{raad.pk}/raadspanel/",
        {"action": "uitnodigen", "first_name": "X", "last_name": "Y", "email": "geen-adres"},
    )
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.content.decode()


def test_an_invitation_again_sends_a_fresh_link_and_a_failed_mail_is_recorded(
    setting, django_capture_on_commit_callbacks, settings
):
    raad, griffier = setting
    member = _invite(
        raad, griffier, "Bart", "Smit", "bart@aalstad.nl", django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.member_resend(member=member, base_url=BASE)
    assert len(mail.outbox) == 2
    settings.EMAIL_BACKEND = "tests.assessments.questionnaire.test_panel.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.member_resend(member=member, base_url=BASE)
    member.refresh_from_db()
    assert member.invitation_error == "de mailserver was niet bereikbaar"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("verbinding geweigerd")


def test_a_raadslid_answers_and_marks_klaar_only_when_everything_is_answered(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    member = _invite(
        raad, griffier, "Anna", "Bos", "anna@aalstad.nl", django_capture_on_commit_callbacks
    )
    codes = raad_codes(raad)
    assert codes
    client.force_login(member.user)
    page = client.get(f"/raadspanel/{raad.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert all(f'name="v-{c.replace(".", "_")}"' in html for c in codes)
    first = codes[0].replace(".", "_")
    response = client.post(
        f"/raadspanel/{raad.pk}/",
        {f"v-{first}": "2", f"t-{first}": "Stukken komen laat.", "action": "klaar"},
    )
    assert response.status_code == 400
    assert "nog geen antwoord" in response.content.decode()
    member.refresh_from_db()
    assert member.submitted_at is None
    # A refused "Klaar" saves nothing; the page keeps what was typed.
    assert "Stukken komen laat." in response.content.decode()
    assert not PanelAnswer.objects.filter(member=member).exists()

    post = {"action": "klaar"}
    for i, code in enumerate(codes):
        slug = code.replace(".", "_")
        post[f"v-{slug}"] = "weet_niet" if i == 0 else str(i % 5)
        post[f"t-{slug}"] = f"Toelichting {code}"
    assert client.post(f"/raadspanel/{raad.pk}/", post).status_code == 302
    member.refresh_from_db()
    assert member.submitted_at is not None
    assert PanelAnswer.objects.filter(member=member).count() == len(codes)
    # n.v.t. is not a panel answer, and explanation without a value is refused.
    bad = {f"v-{first}": "nvt", "action": "opslaan"}
    assert client.post(f"/raadspanel/{raad.pk}/", bad).status_code == 400
    bad = {f"v-{first}": "", f"t-{first}": "alleen tekst", "action": "opslaan"}
    assert client.post(f"/raadspanel/{raad.pk}/", bad).status_code == 400
    assert PanelAnswer.history.filter(member_id=member.pk).count() == len(codes)


def test_members_see_only_their_own_answers_until_the_griffier_shares(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    anna = _invite(
        raad, griffier, "Anna", "Bos", "anna@aalstad.nl", django_capture_on_commit_callbacks
    )
    bart = _invite(
        raad, griffier, "Bart", "Smit", "bart@aalstad.nl", django_capture_on_commit_callbacks
    )
    _answer_all(anna, [1], "ANNA-ZEGT")
    _answer_all(bart, [3], "BART-ZEGT")
    services.member_submit(member=anna)
    services.member_submit(member=bart)

    client.force_login(anna.user)
    html = client.get(f"/raadspanel/{raad.pk}/").content.decode()
    assert "ANNA-ZEGT" in html and "BART-ZEGT" not in html and "Bart" not in html
    assert client.get(f"/raadspanel/{raad.pk}/overzicht/").status_code == 404

    client.force_login(griffier)
    client.post(f"/evaluaties/{raad.pk}/raadspanel/", {"action": "delen"})
    assert Panel.objects.get(assessment=raad).shared_at is not None

    client.force_login(anna.user)
    overview = client.get(f"/raadspanel/{raad.pk}/overzicht/").content.decode()
    assert "ANNA-ZEGT" in overview and "BART-ZEGT" in overview and "Bart Smit" in overview
    # Still no way into the raad's assessment itself.
    assert client.get(f"/evaluaties/{raad.pk}/").status_code == 404


def test_the_griffier_sees_answers_side_by_side_with_lowest_highest_and_proposal(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    values = {"anna": [0], "bart": [2], "cees": ["weet_niet"], "dirk": [4]}
    members = {}
    for name, vals in values.items():
        member = _invite(
            raad,
            griffier,
            name.title(),
            "Lid",
            f"{name}@aalstad.nl",
            django_capture_on_commit_callbacks,
        )
        _answer_all(member, vals, f"{name.upper()}-TOELICHTING")
        members[name] = member
    for name in ("anna", "bart", "cees"):
        services.member_submit(member=members[name])  # dirk is not klaar: does not count

    page = build_panel_page(raad)
    assert page.submitted_count == 3
    item = page.themes[0].items[0]
    assert sorted(a.member for a in item.answers) == ["Anna Lid", "Bart Lid", "Cees Lid"]
    assert (item.stats.lowest, item.stats.highest, item.stats.spread) == (0, 2, 2)
    assert item.stats.divergent
    assert item.stats.proposal == proposal([0, 2, "weet_niet"]) == 1

    client.force_login(griffier)
    html = client.get(f"/evaluaties/{raad.pk}/raadspanel/").content.decode()
    assert "ANNA-TOELICHTING" in html and "DIRK-TOELICHTING" not in html
    assert "laagste 0 · hoogste 2" in html
    assert "Bezig:" in html  # dirk's status
    # The raad's detail page links here.
    assert (
        f"/evaluaties/{raad.pk}/raadspanel/"
        in client.get(f"/evaluaties/{raad.pk}/").content.decode()
    )


def test_proposals_become_raad_answers_and_a_different_answer_needs_a_note(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    for name, vals in (("anna", [1]), ("bart", [3]), ("cees", [3])):
        member = _invite(
            raad,
            griffier,
            name.title(),
            "Lid",
            f"{name}@aalstad.nl",
            django_capture_on_commit_callbacks,
        )
        _answer_all(member, vals, "GEHEIM-LID")
        services.member_submit(member=member)
    codes = raad_codes(raad)
    # One item the raad already answered keeps its answer.
    kept = codes[0]
    services.raad_answer_set(assessment=raad, code=kept, value=3, note="", version=0, user=griffier)
    client.force_login(griffier)
    client.post(f"/evaluaties/{raad.pk}/raadspanel/", {"action": "overnemen"})
    answers = {a.recommendation.code: a for a in Answer.objects.filter(assessment=raad)}
    assert set(answers) == set(codes)
    assert all(a.score == 3 for a in answers.values())  # median of 1, 3, 3
    assert "3 raadsleden" in answers[codes[1]].explanation
    assert not any(
        "GEHEIM-LID" in a.explanation or "Anna" in a.explanation for a in answers.values()
    )

    code = codes[1]
    url = f"/evaluaties/{raad.pk}/raadspanel/antwoord/{code}/"
    version = answers[code].version
    refused = client.post(url, {"value": "1", "note": "", "version": version})
    assert refused.status_code == 400
    assert "wijkt af van het voorstel van het panel" in refused.content.decode()
    assert Answer.objects.get(pk=answers[code].pk).score == 3
    saved = client.post(
        url, {"value": "1", "note": "De raad weegt de kritiek zwaar.", "version": version}
    )
    assert saved.status_code == 302
    changed = Answer.objects.get(pk=answers[code].pk)
    assert (changed.score, changed.explanation) == (1, "De raad weegt de kritiek zwaar.")

    # The griffier answers the other items on the theme pages, and submits as today;
    # afterwards the panel is closed for changes.
    others = [c for c, _ in round_applicability(raad.round).item_pairs() if c not in codes]
    answers_save(
        assessment=raad,
        data={c: AnswerInput(value=2) for c in dict.fromkeys(others)},
        user=griffier,
    )
    for_submit = client.post(f"/evaluaties/{raad.pk}/indienen/")
    assert for_submit.status_code == 302
    raad.refresh_from_db()
    assert raad.is_submitted
    member = PanelMember.objects.first()
    with pytest.raises(PanelError):
        services.member_answers_save(member=member, data={code: PanelInput(0)})


def test_report_and_results_count_raadsleden_without_names_or_answers(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    for name, vals in (("anna", [0]), ("bart", [3]), ("cees", [1])):
        member = _invite(
            raad,
            griffier,
            name.title(),
            "Lid",
            f"{name}@aalstad.nl",
            django_capture_on_commit_callbacks,
        )
        _answer_all(member, vals, "GEHEIM-LID")
        services.member_submit(member=member)
    _invite(raad, griffier, "Dirk", "Lid", "dirk@aalstad.nl", django_capture_on_commit_callbacks)
    client.force_login(griffier)
    first = raad_codes(raad)[0]
    for url in (f"/evaluaties/{raad.pk}/rapport/", f"/evaluaties/{raad.pk}/resultaten/"):
        html = " ".join(client.get(url).content.decode().split())
        assert "4 raadsleden om een oordeel gevraagd; 3 hebben geantwoord" in html, url
        assert f"{first} (0–3)" in html, url
        assert "GEHEIM-LID" not in html and "Anna" not in html, url


def test_a_raadslid_sees_nothing_but_their_own_panels(
    client, setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    member = _invite(
        raad, griffier, "Anna", "Bos", "anna@aalstad.nl", django_capture_on_commit_callbacks
    )
    other_raad = make_assessment(
        make_round(make_partnership("Ander Verband", participants=["Gemeente Aalstad"])),
        organisation="Gemeente Aalstad",
    )
    client.force_login(member.user)
    assert client.get(f"/raadspanel/{other_raad.pk}/").status_code == 404
    assert client.get(f"/evaluaties/{raad.pk}/raadspanel/").status_code == 404
    assert client.get("/dashboard/").status_code == 403
    assert "GGD Testregio" not in client.get("/samenwerkingsverbanden/").content.decode()
    assert client.get(f"/rondes/{raad.round.pk}/").status_code == 404
    # A griffier is never a panel member's stand-in.
    client.force_login(griffier)
    assert client.get(f"/raadspanel/{raad.pk}/").status_code == 404
    assert client.get("/raadspanel/").status_code == 404


def test_a_removed_member_no_longer_counts_but_stays_in_the_history(
    setting, django_capture_on_commit_callbacks
):
    raad, griffier = setting
    member = _invite(
        raad, griffier, "Anna", "Bos", "anna@aalstad.nl", django_capture_on_commit_callbacks
    )
    codes = _answer_all(member, [2])
    pk = member.pk
    services.member_remove(member=member)
    assert not PanelMember.objects.filter(pk=pk).exists()
    assert PanelAnswer.history.filter(member_id=pk, history_type="-").count() == len(codes)
    assert Profile.objects.filter(user__username="anna@aalstad.nl", role=Role.RAADSLID).exists()
