"""The raad panel in a real browser: the griffier invites a raadslid, who chooses a password
from the e-mail's link, answers the raad's questions and says "Klaar"; the griffier takes the
panel's proposals over, submits the raad's assessment and sees the submitted raad view."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from assessments.models import Assessment
from assessments.questionnaire.panel.selectors import raad_codes
from assessments.questionnaire.selectors import item_slug
from assessments.questionnaire.services import AnswerInput, answers_save
from assessments.scores import round_applicability

from .conftest import log_in

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Raadslid-wachtwoord-2026!"


def test_a_griffier_runs_a_raad_panel_from_invitation_to_the_submitted_raad_view(
    page, demo, problems
):
    raad = Assessment.objects.get(
        round__partnership__name="GGD Zuidland",
        round__period=str(timezone.localdate().year),
        participation__organisation__name="Gemeente Dalwijk",
        perspective="raad",
    )
    assert not raad.is_submitted
    questions = raad_codes(raad)
    # The griffier answered the items that are not the raad's own questions already.
    others = [c for c, _ in round_applicability(raad.round).item_pairs() if c not in questions]
    answers_save(
        assessment=raad, data={c: AnswerInput(value=2) for c in dict.fromkeys(others)}, user=None
    )
    mail.outbox.clear()

    # The griffier invites a raadslid from the raad's assessment.
    log_in(page, "griffier.dalwijk", demo.password)
    page.goto(f"/evaluaties/{raad.pk}/")
    page.get_by_role("link", name="Naar het raadspanel").click()
    assert page.locator("h1").inner_text() == "Raadspanel"
    page.get_by_label("Voornaam").fill("Fatima")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.get_by_label("E-mailadres").fill("f.elamrani@dalwijk.example")
    page.get_by_role("button", name="Uitnodigen").click()
    assert "Fatima El Amrani is uitgenodigd" in page.locator("main").inner_text()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"https?://[^/\s]+(/accounts/wachtwoord/herstellen/\S+/)", body)
    assert link, body
    page.locator("header").get_by_role("button", name="Uitloggen").click()

    # The raadslid chooses a password from the link and logs in.
    page.goto(link.group(1))
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    log_in(page, "f.elamrani@dalwijk.example", NEW_PASSWORD)
    page.goto("/")
    assert page.url.endswith("/raadspanel/")
    page.get_by_role("link", name=re.compile("GGD Zuidland")).click()
    for n, code in enumerate(questions):
        slug = item_slug(code)
        page.locator(f"#v-{slug}-{'weet_niet' if n == 0 else n % 5}").check()
        page.get_by_label(f"Toelichting bij {code}", exact=True).fill(f"Mijn oordeel over {code}.")
    page.get_by_role("button", name="Klaar").click()
    assert "Uw antwoorden staan klaar voor de griffier" in page.locator("main").inner_text()
    # Nothing else of the organisation for a raadslid.
    page.goto("/dashboard/")
    assert "/dashboard/" in page.url and "Dalwijk" not in page.locator("main").inner_text()
    page.locator("header").get_by_role("button", name="Uitloggen").click()

    # The griffier sees the answer, takes the proposals over and submits as today.
    log_in(page, "griffier.dalwijk", demo.password)
    page.goto(f"/evaluaties/{raad.pk}/raadspanel/")
    main = page.locator("main")
    assert "Fatima El Amrani" in main.inner_text() and "Klaar" in main.inner_text()
    assert f"Mijn oordeel over {questions[1]}." in main.inner_text()
    page.get_by_role("button", name="Voorstellen overnemen").click()
    assert f"{len(questions)} voorstel(len) van het panel overgenomen" in main.inner_text()
    page.get_by_role("link", name="Naar de zelfevaluatie van de raad").click()
    page.get_by_role("button", name="Zelfevaluatie indienen").click()
    page.wait_for_load_state()
    raad.refresh_from_db()
    assert raad.is_submitted
    page.goto(f"/evaluaties/{raad.pk}/")
    assert "Ingediend op" in page.locator("main").inner_text()
    page.goto(f"/evaluaties/{raad.pk}/resultaten/")
    summary = " ".join(page.locator("main").inner_text().split())
    assert "1 raadslid om een oordeel gevraagd; 1 heeft geantwoord" in summary
    assert "Fatima" not in summary
    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors
