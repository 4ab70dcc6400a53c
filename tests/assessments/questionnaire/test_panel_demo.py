"""The demo region has a raad panel with real differences, and its raadsleden can log in."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import Panel, PanelAnswer
from assessments.questionnaire.panel.selectors import build_panel_page

pytestmark = pytest.mark.django_db


def _seed() -> dict:
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_has_a_raad_panel_with_real_differences(gids, client):
    data = _seed()
    raadsleden = [a for a in data["accounts"] if a["role"] == "raadslid"]
    assert len(raadsleden) >= 3
    panel = Panel.objects.get()
    assert panel.assessment.perspective == "raad" and not panel.assessment.is_submitted
    page = build_panel_page(panel.assessment)
    assert page.submitted_count >= 3
    items = [i for t in page.themes for i in t.items]
    assert any(i.stats.spread is not None and i.stats.spread >= 2 for i in items)
    assert any(i.stats.proposal == "weet_niet" for i in items)
    assert all(a.explanation for i in items for a in i.answers)

    answers = PanelAnswer.objects.count()
    again = _seed()
    assert Panel.objects.count() == 1 and PanelAnswer.objects.count() == answers
    assert [a for a in again["accounts"] if a["role"] == "raadslid"] == raadsleden

    client.post(
        "/accounts/login/", {"username": raadsleden[0]["username"], "password": data["password"]}
    )
    start = client.get("/", follow=True)
    assert start.redirect_chain[-1][0] == "/raadspanel/"
    assert panel.assessment.round.partnership.name in start.content.decode()
