"""A2.5 as a checklist against the regeling: the 14 topics on the theme page, saved with
the answer (plain post and save-as-you-go), never setting the score, and summed up on the
results page."""

import pytest

from assessments.constants import Perspective
from assessments.models import Answer, ChecklistAnswer
from partnerships.constants import Role
from tests.assessments.questionnaire.test_assessment_form import load_form, theme_url
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_item_asked")]

PREFIX = "A2_5-toets"


@pytest.fixture
def assessment(gids):
    partnership = make_partnership("GR Toets", participants=["Gemeente Aalstad"])
    return make_assessment(
        make_round(partnership), organisation="Gemeente Aalstad", perspective=Perspective.RAAD
    )


@pytest.fixture
def signed_in(client):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    return client


def _checklist(statuses: dict[str, str], articles: dict[str, str] | None = None) -> dict:
    data = {f"{PREFIX}-status_{n}": s for n, s in statuses.items()}
    data.update({f"{PREFIX}-article_{n}": a for n, a in (articles or {}).items()})
    return data


def test_the_a2_theme_page_has_the_fourteen_topics_to_check(signed_in, assessment):
    html = signed_in.get(theme_url(assessment, "A2")).content.decode()
    assert "Toets aan de regeling" in html
    assert "Uw score blijft uw eigen oordeel" in html
    assert html.count(f'name="{PREFIX}-article_') == 14
    assert "1.13. Periodieke evaluaties (thema 2)." in html


def test_a_plain_post_saves_the_checklist_without_setting_a_score(signed_in, assessment):
    data = load_form(signed_in, assessment, "A2")
    data.update(_checklist({"1_1": "ja", "1_13": "nee", "1_2": "onbekend"}, {"1_1": "art. 2"}))
    data["opslaan"] = ""
    response = signed_in.post(theme_url(assessment, "A2"), data)
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, recommendation__code="A2.5")
    assert answer.value is None  # the checklist informs, it does not score
    rows = {c.item.code: (c.status, c.article) for c in ChecklistAnswer.objects.all()}
    assert rows == {
        "A2.5-1.1": ("ja", "art. 2"),
        "A2.5-1.2": ("onbekend", ""),
        "A2.5-1.13": ("nee", ""),
    }

    # the page shows what was stored; saving again with one topic cleared removes it
    data = load_form(signed_in, assessment, "A2")
    assert data[f"{PREFIX}-status_1_1"] == "ja" and data[f"{PREFIX}-article_1_1"] == "art. 2"
    del data[f"{PREFIX}-status_1_2"]
    signed_in.post(theme_url(assessment, "A2"), {**data, "opslaan": ""})
    assert set(ChecklistAnswer.objects.values_list("item__code", flat=True)) == {
        "A2.5-1.1",
        "A2.5-1.13",
    }

    results = signed_in.get(f"/evaluaties/{assessment.pk}/resultaten/").content.decode()
    assert "1 van 14 onderwerpen geregeld; ontbreekt: Periodieke evaluaties;" in results


def test_save_as_you_go_on_a25_saves_the_checklist_with_the_answer(signed_in, assessment):
    data = load_form(signed_in, assessment, "A2")
    data.update(_checklist({"1_4": "ja"}, {"1_4": "art. 30"}))
    data["A2_5-value"] = "2"
    response = signed_in.post(
        f"/evaluaties/{assessment.pk}/antwoord/A2.5/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    answer = Answer.objects.get(assessment=assessment, recommendation__code="A2.5")
    assert answer.value == 2
    assert list(answer.checklist.values_list("status", "article")) == [("ja", "art. 30")]


def test_a_bad_status_saves_nothing(signed_in, assessment):
    data = load_form(signed_in, assessment, "A2")
    data.update(_checklist({"1_4": "misschien"}))
    data["A2_5-value"] = "2"
    response = signed_in.post(theme_url(assessment, "A2"), {**data, "opslaan": ""})
    assert response.status_code == 400
    assert not Answer.objects.filter(assessment=assessment).exists()
    assert not ChecklistAnswer.objects.exists()


def test_the_next_round_carries_the_checklist_over(assessment):
    import datetime

    from assessments.questionnaire.checklist import checklist_save, checklist_topics
    from assessments.rounds.services import round_start_next

    topics = checklist_topics(assessment.round.framework_id)
    checklist_save(assessment=assessment, entries={topics[0].item_id: ("ja", "art. 1")}, user=None)
    previous = assessment.round
    following = round_start_next(
        previous,
        period="2027",
        opens_on=previous.opens_on + datetime.timedelta(days=1),
        due_on=previous.opens_on + datetime.timedelta(days=60),
    )
    copied = ChecklistAnswer.objects.get(answer__assessment__round=following)
    assert (copied.item_id, copied.status, copied.article) == (topics[0].item_id, "ja", "art. 1")
