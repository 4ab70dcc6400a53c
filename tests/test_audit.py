"""The audit trail: who changed which answer, next step or partnership field, and when."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from simple_history.middleware import HistoryRequestMiddleware

from assessments.action_plan.audit import next_step_history, round_next_steps_history
from assessments.constants import NextStepStatus
from assessments.questionnaire.audit import answer_history, assessment_history
from partnerships.audit import partnership_history
from partnerships.constants import LegalForm, Role
from tests.factories import make_assessment, make_next_step, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


def _as_request_of(user, rf, change) -> None:
    """Run `change` inside a request of `user`, as a view would (HistoryRequestMiddleware)."""

    def view(request):
        change()
        return HttpResponse()

    request = rf.post("/")
    request.user = user
    HistoryRequestMiddleware(view)(request)


def test_history_middleware_is_installed():
    assert "simple_history.middleware.HistoryRequestMiddleware" in settings.MIDDLEWARE


def test_partnership_change_shows_field_old_new_user_and_time(rf):
    partnership = make_partnership("Regio Oud", evaluation_interval_years=4)
    user = make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad")
    user.first_name, user.last_name = "Carla", "Contramal"
    user.save()

    def change():
        partnership.name = "Regio Nieuw"
        partnership.legal_form = LegalForm.BEDRIJFSVOERINGSORGANISATIE
        partnership.last_evaluated_on = date(2025, 3, 1)
        partnership.save()

    _as_request_of(user, rf, change)
    records = partnership_history(partnership)
    assert [r.action for r in records] == ["~", "+"]
    latest = records[0]
    assert latest.user == "Carla Contramal"
    assert latest.action_label == "gewijzigd"
    changes = {c.label: (c.old, c.new) for c in latest.changes}
    assert changes == {
        "naam": ("Regio Oud", "Regio Nieuw"),
        "vorm": ("Openbaar lichaam", "Bedrijfsvoeringsorganisatie"),
        "laatst geëvalueerd op": ("—", "1-3-2025"),
    }
    assert latest.at >= records[1].at
    created = {c.label: c.new for c in records[1].changes}
    assert created["naam"] == "Regio Oud"
    assert created["evaluatie-interval volgens de regeling (jaren)"] == "4"
    assert records[1].user == "onbekend"  # created outside a request


def test_save_without_a_visible_change_adds_no_record():
    partnership = make_partnership("Regio Stil")
    partnership.save()
    assert len(partnership_history(partnership)) == 1


def test_answer_change_shows_the_answer_in_words(gids, rf):
    griffier = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad", username="griffier.a")
    partnership = make_partnership("Regio Antwoord", participants=["Gemeente Aalstad"])
    assessment = make_assessment(
        make_round(partnership),
        organisation="Gemeente Aalstad",
        answers={"A1.1": (2, "Eerst.")},
        user=griffier,
    )
    answer = assessment.answers.get()
    colleague = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad", username="collega.a")

    def change():
        answer.score = None
        answer.special = "nvt"
        answer.explanation = "Geldt hier niet: geen AB."
        answer.version += 1
        answer.save()

    _as_request_of(colleague, rf, change)
    records = answer_history(answer)
    assert len(records) == 2
    changes = [(c.label, c.old, c.new) for c in records[0].changes]
    assert changes[0] == ("Antwoord", "2 Gedeeltelijk", "Niet van toepassing")
    assert ("toelichting", "Eerst.", "Geldt hier niet: geen AB.") in changes
    assert not any(label in ("versie", "score", "bijzonder antwoord") for label, _, _ in changes)
    assert records[0].user == "collega.a"
    # Created outside a request: the answer's own "updated_by" names the user.
    assert records[1].action == "+"
    assert records[1].user == "griffier.a"
    per_assessment = assessment_history(assessment)
    assert [r.subject for r in per_assessment] == ["A1.1", "A1.1"]


def test_next_step_changes_and_deletion(gids, rf):
    secretaris = make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad")
    round_ = make_round(make_partnership("Regio Stappen"))
    step = make_next_step(round_, description="Informatieprotocol", created_by=secretaris)
    gone = make_next_step(round_, description="Wordt geschrapt")

    def change():
        step.status = NextStepStatus.AFGEROND
        step.due_on = date(2026, 6, 1)
        step.save()
        gone.delete()

    _as_request_of(secretaris, rf, change)
    records = next_step_history(step)
    changes = {c.label: (c.old, c.new) for c in records[0].changes}
    assert changes == {"status": ("Open", "Afgerond"), "gereed op": ("—", "1-6-2026")}
    assert records[0].user == secretaris.username
    assert records[1].user == secretaris.username  # creation: falls back to created_by
    everything = round_next_steps_history(round_)
    assert everything[0].action_label == "verwijderd"
    assert everything[0].subject == "Wordt geschrapt"


def test_history_selector_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    partnership = make_partnership("Regio Druk")
    for n in range(15):
        partnership.description = f"Versie {n}"
        partnership.save()
    with django_assert_max_num_queries(2):
        records = partnership_history(partnership)
    assert len(records) == 16


def test_include_renders_the_records(rf):
    partnership = make_partnership("Regio Weergave")
    user = make_user(Role.BEHEERDER, username="beheer.x")

    def change():
        partnership.policy_domain = "Veiligheid"
        partnership.save()

    _as_request_of(user, rf, change)
    html = render_to_string("includes/history.html", {"history": partnership_history(partnership)})
    assert "Wijzigingen" in html
    assert "beheer.x" in html
    assert "beleidsterrein" in html.lower()
    assert '<ins><span class="visually-hidden">wordt </span>Veiligheid</ins>' in html
    assert "aangemaakt" in html and "gewijzigd" in html
    # A valid HTML datetime: seconds at most, with the offset (no microseconds).
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps and all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", s) for s in stamps
    ), stamps
    empty = render_to_string("includes/history.html", {"history": [], "history_title": "Historie"})
    assert "Historie" in empty and "Nog geen wijzigingen vastgelegd." in empty
