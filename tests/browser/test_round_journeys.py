"""The directeur's rounds in a real browser: one open round per partnership, the next round only
after a confirmation that closes the current one, and invitations that actually go out."""

import pytest
from django.core import mail
from django.utils import timezone

from assessments.constants import AssessmentStatus, RoundStatus
from assessments.models import AssessmentRound
from partnerships.models import Partnership

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_directeur_starts_the_next_round_after_confirming_and_respondents_are_invited(
    page, demo, problems
):
    ggd = Partnership.objects.get(name="GGD Zuidland")
    year = timezone.localdate().year
    current = AssessmentRound.objects.get(partnership=ggd, period=str(year))
    assert current.status == RoundStatus.OPEN
    pending = list(current.assessments.exclude(status=AssessmentStatus.SUBMITTED))
    user = ggd.accounts.get(user__username__startswith="directeur.").user
    mail.outbox.clear()

    log_in(page, user.username, demo.password)
    page.goto(f"/rondes/{current.pk}/")
    # The next round's form is prefilled; sending it only asks for confirmation.
    page.get_by_role("button", name="Volgende ronde starten…").click()
    heading = page.locator("h1").inner_text()
    assert heading == f"Ronde {year} afsluiten en ronde {year + 1} starten?"
    text = page.locator("main").inner_text()
    assert f"{len(pending)} van" in text and "niet ingediend" in text
    for assessment in pending:
        assert assessment.participation.organisation.name in text, assessment
    assert AssessmentRound.objects.filter(partnership=ggd).count() == 2
    current.refresh_from_db()
    assert current.status == RoundStatus.OPEN

    page.get_by_role(
        "button", name=f"Ja, ronde {year} afsluiten en ronde {year + 1} starten"
    ).click()
    page.wait_for_load_state()
    new = AssessmentRound.objects.get(partnership=ggd, period=str(year + 1))
    assert page.url.endswith(f"/rondes/{new.pk}/")
    current.refresh_from_db()
    assert (current.status, new.status) == (RoundStatus.CLOSED, RoundStatus.OPEN)
    text = page.locator("main").inner_text()
    assert f"Ronde {year} is afgesloten en ronde {year + 1} is gestart" in text

    # Every respondent with an address got an invitation with a greeting of its own.
    with_email = list(new.assessments.exclude(respondent_email=""))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.respondent_email for a in with_email)
    greetings = {m.body.splitlines()[0] for m in mail.outbox}
    assert "Beste griffier van de gemeente Aalstad," in greetings
    assert not any("(politiek orgaan)" in g for g in greetings)
    # The round page shows who was invited, and who could not be.
    table = page.get_by_role("table").first.inner_text()
    assert table.count("verstuurd") >= len(with_email)
    assert "niet mogelijk: geen e-mailadres" in table
    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors


def test_a_second_open_round_is_refused_with_the_reason(page, demo, problems):
    ggd = Partnership.objects.get(name="GGD Zuidland")
    current = AssessmentRound.objects.get(partnership=ggd, status=RoundStatus.OPEN)
    user = ggd.accounts.get(user__username__startswith="directeur.").user
    before = AssessmentRound.objects.filter(partnership=ggd).count()

    log_in(page, user.username, demo.password)
    page.goto(f"/samenwerkingsverbanden/{ggd.pk}/rondes/nieuw/")
    main = page.locator("main")
    assert f"Ronde {current.period} van dit samenwerkingsverband is nog open" in " ".join(
        main.inner_text().split()
    )
    page.get_by_label("Periode").fill(f"{current.period}-extra")
    main.get_by_role("checkbox").first.check()
    main.get_by_role("button", name="Ronde openen en uitnodigen").click()
    alert = page.get_by_role("alert").inner_text()
    assert "De ronde is niet geopend." in alert
    assert f"Er loopt al een open ronde voor dit samenwerkingsverband: ronde {current.period}" in (
        alert
    )
    assert AssessmentRound.objects.filter(partnership=ggd).count() == before
    assert not problems.page_errors, problems.page_errors
