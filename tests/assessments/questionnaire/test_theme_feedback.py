"""What a theme page tells the respondent while filling in: n.v.t. waits for its explanation,
the banner after an explicit save says exactly which answers were not saved, the progress
card and the theme list agree, and "Verder invullen" leads to the first open question."""

import re

import pytest

from assessments.constants import Perspective
from assessments.models import Answer
from assessments.scores import round_applicability
from partnerships.constants import Role
from principles.models import Recommendation
from tests.factories import make_assessment, make_partnership, make_round, make_user

from .test_assessment_form import load_form, stored, text_of, theme_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_item_asked")]

WAITING = "Vul de toelichting in; dan wordt n.v.t. opgeslagen."


@pytest.fixture
def assessment(gids):
    partnership = make_partnership("GR Rivierenland", participants=["Gemeente Aalstad"])
    round_ = make_round(partnership, period="2026")
    return make_assessment(round_, organisation="Gemeente Aalstad", perspective=Perspective.RAAD)


@pytest.fixture
def signed_in(client):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    return client


def save_url(assessment, code: str) -> str:
    return f"/evaluaties/{assessment.pk}/antwoord/{code}/"


def history_of(assessment, code: str) -> int:
    return Answer.history.filter(assessment_id=assessment.pk, recommendation__code=code).count()


def textarea(html: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert match, f"no textarea {name}"
    return match.group(0)


def answer(assessment, code: str, value: int) -> None:
    rec = Recommendation.objects.get(theme__part__framework=assessment.round.framework, code=code)
    Answer.objects.create(assessment=assessment, recommendation=rec, score=value)


# --- n.v.t. asks for the reason first -----------------------------------------------------


def test_the_explanation_field_asks_for_the_reason_of_nvt_in_a_tied_hint(signed_in, assessment):
    html = signed_in.get(theme_url(assessment, "A1")).content.decode()
    field = textarea(html, "A1_1-explanation")
    assert 'aria-describedby="id_A1_1-explanation_hulp"' in field
    assert "aria-invalid" not in field
    hint = re.search(r'<div[^>]*id="id_A1_1-explanation_hulp"[^>]*>(.*?)</div>', html).group(1)
    assert "Kiest u n.v.t.? Schrijf hier dan eerst waarom" in hint


def test_saving_as_you_go_waits_calmly_for_the_explanation_of_nvt(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data["A1_2-value"] = "nvt"
    response = signed_in.post(save_url(assessment, "A1.2"), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert WAITING in html
    assert "Niet opgeslagen" not in html and "text-danger" not in html
    assert stored(assessment) == {} and history_of(assessment, "A1.2") == 0

    # with the reason written, n.v.t. is saved
    data["A1_2-explanation"] = "Wij hebben hier geen eigen taak in."
    response = signed_in.post(save_url(assessment, "A1.2"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Opgeslagen om" in response.content.decode()
    assert stored(assessment) == {"A1.2": "nvt"}


def test_a_stored_answer_stays_until_the_nvt_explanation_is_written(signed_in, assessment):
    answer(assessment, "A1.2", 3)
    version = assessment.answers.get(recommendation__code="A1.2").version
    history = history_of(assessment, "A1.2")
    data = load_form(signed_in, assessment, "A1")
    data["A1_2-value"] = "nvt"
    data["A1_2-explanation"] = ""
    html = signed_in.post(
        save_url(assessment, "A1.2"), data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert WAITING in html and "Tot dan blijft ‘3 Grotendeels’ bewaard." in html
    a12 = assessment.answers.get(recommendation__code="A1.2")
    assert (a12.value, a12.version) == (3, version)
    assert history_of(assessment, "A1.2") == history


def test_other_errors_next_to_nvt_are_still_reported_when_saving_as_you_go(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_2-value": "nvt", "A1_2-evidence_url": "geen link"})
    response = signed_in.post(save_url(assessment, "A1.2"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    assert stored(assessment) == {}


def test_the_explicit_save_marks_the_explanation_field_with_the_nvt_error(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_2-value": "nvt", "A1_2-explanation": " ", "opslaan": ""})
    response = signed_in.post(theme_url(assessment, "A1"), data)
    html = response.content.decode()
    assert response.status_code == 400
    field = textarea(html, "A1_2-explanation")
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_A1_2-explanation_hulp id_A1_2-explanation_fout"' in field
    error = re.search(r'id="id_A1_2-explanation_fout">([^<]*)<', html).group(1)
    assert "Bij ‘niet van toepassing’ hoort een toelichting" in error
    # the error sits under the explanation, not under the scale or elsewhere
    assert html.index("id_A1_2-explanation_fout") > html.index('name="A1_2-explanation"')
    assert html.count("Bij ‘niet van toepassing’ hoort een toelichting") == 1
    assert stored(assessment) == {} and history_of(assessment, "A1.2") == 0


# --- The banner after an explicit save tells the truth -----------------------------------


def test_the_banner_names_what_was_not_saved_and_says_the_rest_is(signed_in, assessment):
    # two items were saved as you go before the explicit save
    data = load_form(signed_in, assessment, "A1")
    for code, value in (("A1.1", "3"), ("A1.3", "2")):
        data[f"{code.replace('.', '_')}-value"] = value
        signed_in.post(save_url(assessment, code), data, HTTP_HX_REQUEST="true")
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_2-value": "nvt", "A1_2-explanation": "", "volgende": ""})
    response = signed_in.post(theme_url(assessment, "A1"), data)
    html = response.content.decode()
    assert response.status_code == 400
    banner = re.search(
        r'<div class="alert alert-danger" role="alert" id="niet-opgeslagen">(.*?)</div>', html, re.S
    ).group(1)
    text = text_of(banner)
    assert "Er is niets opgeslagen" not in html
    assert "Dit antwoord is niet opgeslagen" in text
    assert 'href="#item-A1_2">Aanbeveling A1.2</a>' in banner
    assert "Aanbeveling A1.1" not in banner and "Aanbeveling A1.3" not in banner
    assert "Uw andere antwoorden op deze pagina zijn opgeslagen." in text
    assert stored(assessment) == {"A1.1": 3, "A1.3": 2}


def test_an_explicit_save_keeps_the_valid_answers_and_can_be_saved_again(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_1-value": "4", "A1_2-value": "nvt", "opslaan": ""})
    html = signed_in.post(theme_url(assessment, "A1"), data).content.decode()
    assert stored(assessment) == {"A1.1": 4}
    assert "Uw andere antwoorden op deze pagina zijn opgeslagen." in text_of(html)

    # the page shown carries the new version of A1.1: changing it again is no conflict
    from .test_assessment_form import FormReader

    reader = FormReader(theme_url(assessment, "A1"))
    reader.feed(html)
    again = reader.data
    again.update({"A1_1-value": "1", "A1_2-explanation": "Geen eigen taak.", "opslaan": ""})
    assert signed_in.post(theme_url(assessment, "A1"), again).status_code == 302
    assert stored(assessment) == {"A1.1": 1, "A1.2": "nvt"}


def test_the_banner_says_nothing_about_other_answers_when_there_are_none(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_2-value": "nvt", "opslaan": ""})
    html = signed_in.post(theme_url(assessment, "A1"), data).content.decode()
    assert "Dit antwoord is niet opgeslagen" in text_of(html)
    assert "andere antwoorden" not in html
    assert stored(assessment) == {}


# --- Progress card and theme list agree ----------------------------------------------------


def test_after_saving_as_you_go_the_theme_list_and_progress_match_the_database(
    signed_in, assessment
):
    codes = list(round_applicability(assessment.round).theme("A1").items)
    data = load_form(signed_in, assessment, "A1")
    for n, code in enumerate(codes, start=1):
        data[f"{code.replace('.', '_')}-value"] = "2"
        html = signed_in.post(
            save_url(assessment, code), data, HTTP_HX_REQUEST="true"
        ).content.decode()
        in_db = assessment.answers.filter(recommendation__code__in=codes).count()
        assert in_db == n
        assert f"Thema A1: {n} van {len(codes)} beantwoord" in text_of(html)
        assert f'data-theme-count="A1">{n}/{len(codes)}<' in html
    total_themes = sum(
        1 for t in round_applicability(assessment.round).applicable_themes() if t.items
    )
    assert f"Thema's (1 van {total_themes} klaar)" in html


# --- "Verder invullen" ---------------------------------------------------------------------


def resume_href(html: str) -> str | None:
    match = re.search(r'<a class="btn [^"]*resume-link" href="([^"]+)">([^<]*)', html)
    return match.group(1) if match else None


def test_verder_invullen_leads_to_the_first_open_question(signed_in, assessment):
    applic = round_applicability(assessment.round)
    pairs = applic.item_pairs()
    first_code, first_theme = pairs[0]
    for page in (f"/evaluaties/{assessment.pk}/", theme_url(assessment, "A2")):
        html = signed_in.get(page).content.decode()
        slug = first_code.replace(".", "_")
        assert resume_href(html) == f"{theme_url(assessment, first_theme)}#item-{slug}", page
        assert "Verder invullen" in html

    # with the first theme answered, it moves on to the next open one
    for code, theme in pairs:
        if theme == first_theme:
            answer(assessment, code, 2)
    next_code, next_theme = next((c, t) for c, t in pairs if t != first_theme)
    html = signed_in.get(f"/evaluaties/{assessment.pk}/").content.decode()
    slug = next_code.replace(".", "_")
    assert resume_href(html) == f"{theme_url(assessment, next_theme)}#item-{slug}"


def test_with_everything_answered_it_goes_to_submitting(signed_in, assessment):
    for code, _ in round_applicability(assessment.round).item_pairs():
        if not assessment.answers.filter(recommendation__code=code).exists():
            answer(assessment, code, 3)
    for page in (f"/evaluaties/{assessment.pk}/", theme_url(assessment, "A1")):
        html = signed_in.get(page).content.decode()
        assert resume_href(html) == f"/evaluaties/{assessment.pk}/indienen/", page
        assert "Verder invullen" not in html
        assert "Alles beantwoord: naar indienen" in html


def test_a_bad_a25_checklist_keeps_a25_unsaved_and_saves_the_rest(signed_in, assessment):
    from assessments.models import ChecklistAnswer

    data = load_form(signed_in, assessment, "A2")
    data.update({"A2_1-value": "3", "A2_5-value": "2", "A2_5-toets-status_1_4": "misschien"})
    response = signed_in.post(theme_url(assessment, "A2"), {**data, "opslaan": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#item-A2_5">Aanbeveling A2.5</a>' in html
    assert stored(assessment) == {"A2.1": 3}  # the A2.5 answer and its checklist: neither
    assert not ChecklistAnswer.objects.exists()
