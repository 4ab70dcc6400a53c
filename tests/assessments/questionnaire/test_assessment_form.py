"""Filling in an assessment: the theme pages, saving as you go, progress, submitting,
read-only after submitting, reopening with a reason, bad input and two people at once."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.constants import AssessmentStatus, EventKind, Perspective
from assessments.models import Answer, AssessmentEvent
from assessments.scores import round_applicability
from partnerships.constants import LegalForm, Role
from principles.models import Recommendation
from tests.factories import make_assessment, make_partnership, make_round, make_user

# These tests are about other rules than which items a perspective may skip.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_item_asked")]


class FormReader(HTMLParser):
    """Reads the post form of a page as a browser would submit it (no button yet)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.data: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and a.get("action") == self.action:
            self.inside = True
        if not self.inside:
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.data[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button") and a.get("name"):
                self.data[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.inside = False


def text_of(html: str) -> str:
    """The text a reader sees (tags dropped, whitespace collapsed)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def theme_url(assessment, code: str) -> str:
    return f"/evaluaties/{assessment.pk}/thema/{code}/"


def load_form(client, assessment, code: str) -> dict[str, str]:
    response = client.get(theme_url(assessment, code))
    assert response.status_code == 200
    reader = FormReader(theme_url(assessment, code))
    reader.feed(response.content.decode())
    return reader.data


def codes_of(assessment, theme: str) -> list[str]:
    return list(round_applicability(assessment.round).theme(theme).items)


def stored(assessment) -> dict[str, object]:
    return {
        a.recommendation.code: a.value for a in assessment.answers.select_related("recommendation")
    }


@pytest.fixture
def partnership(gids):
    return make_partnership(
        "GR Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )


@pytest.fixture
def round_(partnership):
    return make_round(partnership, period="2026")


@pytest.fixture
def assessment(round_):
    return make_assessment(round_, organisation="Gemeente Aalstad", perspective=Perspective.RAAD)


@pytest.fixture
def griffier(client):
    user = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad", username="griffier.aalstad")
    user.first_name, user.last_name = "Gerda", "Griffier"
    user.save()
    return user


@pytest.fixture
def signed_in(client, griffier):
    client.force_login(griffier)
    return client


def answer_all(assessment, value=3):
    """Answer every applicable item directly (the form is tested elsewhere)."""
    framework = assessment.round.framework
    recs = {r.code: r for r in Recommendation.objects.filter(theme__part__framework=framework)}
    for code, _ in round_applicability(assessment.round).item_pairs():
        Answer.objects.get_or_create(
            assessment=assessment, recommendation=recs[code], defaults={"score": value}
        )


# --- The page ---------------------------------------------------------------------------


def test_theme_page_shows_recommendations_practical_items_and_the_scale(signed_in, assessment):
    response = signed_in.get(theme_url(assessment, "A1"))
    html = response.content.decode()
    assert response.status_code == 200
    a11 = Recommendation.objects.get(theme__part__framework=assessment.round.framework, code="A1.1")
    assert a11.text in html
    assert "<details" in html and "Praktische uitwerking in de Gids" in html
    first_item = a11.practical_items.order_by("order").first()
    assert first_item.text in html
    for label, meaning in [
        ("0 Niet", "Er is niets afgesproken en er gebeurt nog niets."),
        ("4 Volledig", "Alles is geregeld, werkt in de praktijk en wordt bijgehouden."),
        ("n.v.t.", "leg in de toelichting uit waarom"),
        ("Weet niet", "telt als open punt"),
    ]:
        assert label in html and meaning in html
    assert "<fieldset" in html and "<legend" in html
    assert 'name="A1_1-value"' in html and 'name="A1_1-explanation"' in html
    assert 'name="A1_1-evidence_url"' in html
    # save as you go: htmx per item into an aria-live status region; no inline script or style
    assert f'data-hx-post="/evaluaties/{assessment.pk}/antwoord/A1.1/"' in html
    # valid HTML: htmx reads data-hx-* as well, and a bare hx-* attribute is not HTML
    assert not re.search(r"\shx-[a-z-]+=", html)
    assert 'id="status-A1_1" role="status" aria-live="polite"' in html
    assert "/static/js/assessment.js" in html
    assert " style=" not in html
    assert "<script>" not in html
    # progress is always visible
    assert '<progress id="voortgang-thema"' in html and '<progress id="voortgang-totaal"' in html


def test_part_b_theme_shows_part_b_text_as_context_and_scores_part_a_items(client, gids):
    network = make_partnership(
        "Netwerk Woondeal", legal_form=LegalForm.CONVENANT, participants=["Gemeente Aalstad"]
    )
    assessment = make_assessment(make_round(network), organisation="Gemeente Aalstad")
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    html = client.get(theme_url(assessment, "B6")).content.decode()
    b61 = Recommendation.objects.get(theme__part__framework=gids, code="B6.1")
    assert "Zo staat het in deel B van de Gids" in html and b61.text in html
    assert 'name="A6_1-value"' in html and "(uit thema A6)" in html
    assert 'name="B6_1-value"' not in html

    data = load_form(client, assessment, "B6")
    data.update({"A6_1-value": "2", "opslaan": ""})
    response = client.post(theme_url(assessment, "B6"), data)
    assert response.status_code == 302
    assert stored(assessment) == {"A6.1": 2}
    # Part A itself does not apply to a network: its theme page is not there
    assert client.get(theme_url(assessment, "A6")).status_code == 404


def test_a_theme_page_says_why_an_item_is_not_asked_and_how_to_read_one(client, gids):
    centrum = make_partnership(
        "Centrum Sociaal Domein",
        legal_form=LegalForm.CENTRUMREGELING,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
        centre="Gemeente Aalstad",
    )
    assessment = make_assessment(make_round(centrum), organisation="Gemeente Aalstad")
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))

    a5 = client.get(theme_url(assessment, "A5")).content.decode()
    assert 'name="A5_4-value"' not in a5 and 'name="A5_9-value"' in a5
    assert "Niet gevraagd in dit thema" in a5
    assert "Waarom niet: Een centrumregeling heeft geen eigen algemeen of dagelijks bestuur" in a5
    # A practical item addressed to the partnership's own DB is not shown.
    assert "Het DB geeft sturing op het doel" not in a5

    a11 = client.get(theme_url(assessment, "A11")).content.decode()
    assert "Zo leest u dit hier:" in a11 and "centrumorganisatie" in a11
    # A12 has nothing a centrumregeling can answer.
    assert client.get(theme_url(assessment, "A12")).status_code == 404


# --- Saving -----------------------------------------------------------------------------


def test_volgende_saves_the_theme_and_goes_to_the_next_one(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    codes = codes_of(assessment, "A1")
    for n, code in enumerate(codes):
        data[f"{code.replace('.', '_')}-value"] = str(n % 5)
    data["A1_1-explanation"] = "Staat in de regeling."
    data["A1_1-evidence_url"] = "https://example.org/regeling"
    data["volgende"] = ""
    response = signed_in.post(theme_url(assessment, "A1"), data)
    assert response.status_code == 302
    assert response["Location"] == theme_url(assessment, "A2")
    assert stored(assessment) == {code: n % 5 for n, code in enumerate(codes)}
    a11 = assessment.answers.get(recommendation__code="A1.1")
    assert (a11.explanation, a11.evidence_url, a11.version) == (
        "Staat in de regeling.",
        "https://example.org/regeling",
        1,
    )
    assert a11.updated_by.username == "griffier.aalstad"

    page = signed_in.get(f"/evaluaties/{assessment.pk}/").content.decode()
    assert f"{len(codes)} van {len(codes)}" in page  # the theme's progress
    total = len(round_applicability(assessment.round).item_pairs())
    assert f"{len(codes)} van {total} beantwoord" in page  # overall progress


def test_vorige_saves_the_theme_before_going_back(signed_in, assessment):
    # Autosave waits for a choice to settle, so going back must save what is on the page.
    page = signed_in.get(theme_url(assessment, "A2")).content.decode()
    assert 'name="vorige"' in page and "Opslaan en vorige: A1" in page
    data = load_form(signed_in, assessment, "A2")
    data["A2_1-value"] = "3"
    data["vorige"] = ""
    response = signed_in.post(theme_url(assessment, "A2"), data)
    assert response.status_code == 302
    assert response["Location"] == theme_url(assessment, "A1")
    assert stored(assessment)["A2.1"] == 3


def test_opslaan_stays_on_the_theme_and_the_last_theme_leads_to_the_overview(signed_in, assessment):
    data = load_form(signed_in, assessment, "A12")
    data.update({"A12_1-value": "4", "opslaan": ""})
    response = signed_in.post(theme_url(assessment, "A12"), data)
    assert response["Location"] == theme_url(assessment, "A12")

    data = load_form(signed_in, assessment, "A12")
    assert data["A12_1-version"] == "1"
    data.update({"A12_2-value": "weet_niet", "volgende": ""})
    response = signed_in.post(theme_url(assessment, "A12"), data)
    # A13 and A14 do not apply to two gemeenten in an openbaar lichaam: A12 is the last theme
    assert response["Location"] == f"/evaluaties/{assessment.pk}/#indienen"
    assert stored(assessment) == {"A12.1": 4, "A12.2": "weet_niet"}


def test_saving_again_without_changes_keeps_the_version(signed_in, assessment):
    data = load_form(signed_in, assessment, "A3")
    data.update({"A3_1-value": "2", "opslaan": ""})
    signed_in.post(theme_url(assessment, "A3"), data)
    data = load_form(signed_in, assessment, "A3")
    data["opslaan"] = ""
    signed_in.post(theme_url(assessment, "A3"), data)
    assert assessment.answers.get(recommendation__code="A3.1").version == 1
    assert assessment.answers.count() == 1  # untouched items are not stored as empty answers


def test_answer_save_with_htmx_saves_one_item_and_returns_a_status(signed_in, assessment):
    data = load_form(signed_in, assessment, "A2")
    data["A2_3-value"] = "1"
    response = signed_in.post(
        f"/evaluaties/{assessment.pk}/antwoord/A2.3/", data, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Opgeslagen om" in html and "1 In aanzet" in html
    # the form's version moves along, out of band, so the next save is not a conflict
    assert 'name="A2_3-version" id="id_A2_3-version" value="1" data-hx-swap-oob="true"' in html
    # the progress card and the theme list follow, out of band, with the same count
    assert re.search(r'id="voortgang" class="[^"]*" data-hx-swap-oob="true"', html)
    assert '<div id="themalijst" data-hx-swap-oob="true">' in html
    assert "Thema A2: 1 van 6 beantwoord" in text_of(html)
    assert 'data-theme-count="A2">1/6<' in html
    assert stored(assessment) == {"A2.3": 1}

    # saving the whole page afterwards changes nothing and reports no conflict
    data = load_form(signed_in, assessment, "A2")
    data["opslaan"] = ""
    assert signed_in.post(theme_url(assessment, "A2"), data).status_code == 302
    assert assessment.answers.get(recommendation__code="A2.3").version == 1


def test_answer_save_without_javascript_saves_and_returns_to_the_item(signed_in, assessment):
    data = load_form(signed_in, assessment, "A2")
    data["A2_2-value"] = "3"
    response = signed_in.post(f"/evaluaties/{assessment.pk}/antwoord/A2.2/", data)
    assert response.status_code == 302
    assert response["Location"] == theme_url(assessment, "A2") + "#item-A2_2"
    assert stored(assessment) == {"A2.2": 3}


def test_nvt_without_explanation_is_not_saved_and_the_rest_of_the_page_is(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_1-value": "3", "A1_2-value": "nvt", "A1_2-explanation": "  ", "opslaan": ""})
    response = signed_in.post(theme_url(assessment, "A1"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bij ‘niet van toepassing’ hoort een toelichting" in html
    assert stored(assessment) == {"A1.1": 3}

    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_2-value": "nvt", "A1_2-explanation": "Wij hebben hier geen taak in."})
    data["opslaan"] = ""
    assert signed_in.post(theme_url(assessment, "A1"), data).status_code == 302
    assert stored(assessment) == {"A1.1": 3, "A1.2": "nvt"}


# --- Submitting, read-only, reopening -----------------------------------------------------


def test_submit_is_refused_with_the_missing_items_as_links(signed_in, assessment):
    answer_all(assessment)
    assessment.answers.filter(recommendation__code__in=["A1.2", "A7.3"]).delete()
    response = signed_in.post(f"/evaluaties/{assessment.pk}/indienen/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "U kunt nog niet indienen: 2 aanbeveling(en) hebben nog geen antwoord." in html
    assert f'href="/evaluaties/{assessment.pk}/thema/A1/#item-A1_2"' in html
    assert f'href="/evaluaties/{assessment.pk}/thema/A7/#item-A7_3"' in html
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert not AssessmentEvent.objects.filter(assessment=assessment).exists()


def test_submit_locks_the_assessment_and_records_who_and_when(signed_in, assessment, griffier):
    answer_all(assessment)
    detail = signed_in.get(f"/evaluaties/{assessment.pk}/").content.decode()
    assert "Zelfevaluatie indienen" in detail
    response = signed_in.post(f"/evaluaties/{assessment.pk}/indienen/")
    assert response.status_code == 302
    assert response["Location"] == f"/evaluaties/{assessment.pk}/resultaten/"
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.submitted_by == griffier and assessment.submitted_at is not None
    event = AssessmentEvent.objects.get(assessment=assessment)
    assert (event.kind, event.user) == (EventKind.SUBMITTED, griffier)


def test_a_submitted_assessment_is_read_only(signed_in, assessment):
    answer_all(assessment, value=2)
    signed_in.post(f"/evaluaties/{assessment.pk}/indienen/")
    before = stored(assessment)

    html = signed_in.get(theme_url(assessment, "A1")).content.decode()
    assert 'type="radio"' not in html and "hx-post" not in html
    assert "alleen te lezen" in html and "2 Gedeeltelijk" in html

    data = {"A1_1-value": "4", "A1_1-version": "1", "A1_1-loaded": "", "opslaan": ""}
    response = signed_in.post(theme_url(assessment, "A1"), data)
    assert response.status_code == 400
    assert "Deze zelfevaluatie is ingediend" in response.content.decode()
    response = signed_in.post(
        f"/evaluaties/{assessment.pk}/antwoord/A1.1/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    assert signed_in.post(f"/evaluaties/{assessment.pk}/indienen/").status_code == 400
    assert stored(assessment) == before


def test_reopening_needs_a_reason_which_is_kept(signed_in, assessment, griffier):
    answer_all(assessment)
    signed_in.post(f"/evaluaties/{assessment.pk}/indienen/")

    response = signed_in.post(f"/evaluaties/{assessment.pk}/heropenen/", {"reason": " "})
    assert response.status_code == 400
    assert "Geef een reden op voor het heropenen." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    reason = "De raad wil A7 opnieuw bespreken."
    response = signed_in.post(f"/evaluaties/{assessment.pk}/heropenen/", {"reason": reason})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.submitted_at) == (AssessmentStatus.DRAFT, None)
    event = AssessmentEvent.objects.get(assessment=assessment, kind=EventKind.REOPENED)
    assert (event.reason, event.user) == (reason, griffier)
    detail = signed_in.get(f"/evaluaties/{assessment.pk}/").content.decode()
    assert "Heropend" in detail and reason in detail
    # editable again
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_1-value": "4", "opslaan": ""})
    assert signed_in.post(theme_url(assessment, "A1"), data).status_code == 302
    assert stored(assessment)["A1.1"] == 4


# --- Bad input: 400 or 404 with a Dutch message, nothing saved --------------------------------


def test_a_value_outside_the_scale_is_refused(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data["A1_1-value"] = "7"
    response = signed_in.post(
        f"/evaluaties/{assessment.pk}/antwoord/A1.1/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "Kies een waarde uit de schaal" in response.content.decode()
    data["opslaan"] = ""
    data["A1_2-value"] = "3"
    response = signed_in.post(theme_url(assessment, "A1"), data)
    assert response.status_code == 400
    assert "Kies een waarde uit de schaal" in response.content.decode()
    assert stored(assessment) == {"A1.2": 3}  # the valid answer beside it is kept


@pytest.mark.parametrize("code", ["A13.1", "A14.1", "B1.1", "Z9.9"])
def test_a_recommendation_that_does_not_apply_is_refused(signed_in, assessment, code):
    slug = code.replace(".", "_")
    data = {f"{slug}-value": "3", f"{slug}-version": "0", f"{slug}-loaded": ""}
    response = signed_in.post(
        f"/evaluaties/{assessment.pk}/antwoord/{code}/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 404
    assert f"Aanbeveling {code} hoort niet bij deze zelfevaluatie." in response.content.decode()
    assert stored(assessment) == {}


def test_an_excluded_theme_has_no_form(signed_in, assessment):
    response = signed_in.get(theme_url(assessment, "A14"))
    assert response.status_code == 404
    assert "Thema A14 hoort niet bij deze zelfevaluatie." in response.content.decode()
    data = {"A14_1-value": "3", "A14_1-version": "0", "opslaan": ""}
    assert signed_in.post(theme_url(assessment, "A14"), data).status_code == 404
    assert stored(assessment) == {}


def test_a_tampered_theme_post_cannot_answer_another_themes_item(signed_in, assessment):
    data = load_form(signed_in, assessment, "A1")
    data.update({"A1_1-value": "2", "A2_1-value": "4", "A2_1-version": "0", "opslaan": ""})
    assert signed_in.post(theme_url(assessment, "A1"), data).status_code == 302
    assert stored(assessment) == {"A1.1": 2}


def test_another_organisations_assessment_is_not_found(signed_in, round_):
    other = make_assessment(round_, organisation="Gemeente Beekdorp", answers={"A1.1": 1})
    data = {"A1_1-value": "4", "A1_1-version": "1", "A1_1-loaded": "", "opslaan": ""}
    for url in (
        f"/evaluaties/{other.pk}/",
        theme_url(other, "A1"),
        f"/evaluaties/{other.pk}/antwoord/A1.1/",
        f"/evaluaties/{other.pk}/indienen/",
    ):
        assert signed_in.post(url, data).status_code in (404, 405), url
        assert signed_in.get(url).status_code in (404, 405), url
    assert stored(other) == {"A1.1": 1}


def test_a_colleague_of_another_role_may_read_a_submitted_assessment_but_not_change_it(
    client, assessment
):
    answer_all(assessment, value=1)
    assessment.status = AssessmentStatus.SUBMITTED
    from django.utils import timezone

    assessment.submitted_at = timezone.now()
    assessment.save()
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation="Gemeente Aalstad"))
    assert client.get(theme_url(assessment, "A1")).status_code == 200
    data = {"A1_1-value": "4", "A1_1-version": "1", "A1_1-loaded": "", "opslaan": ""}
    assert client.post(theme_url(assessment, "A1"), data).status_code == 403
    assert client.post(f"/evaluaties/{assessment.pk}/antwoord/A1.1/", data).status_code == 403
    assert stored(assessment)["A1.1"] == 1


def test_anonymous_visitors_are_sent_to_the_login(client, assessment):
    response = client.get(theme_url(assessment, "A1"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Two people at once -------------------------------------------------------------------


@pytest.fixture
def colleague(client, griffier):
    """A second griffier of the same council, in a second browser."""
    from django.test import Client

    other = Client()
    user = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad", username="plv.griffier")
    user.first_name, user.last_name = "Piet", "Plaatsvervanger"
    user.save()
    other.force_login(user)
    return other


def test_a_change_to_an_item_someone_else_changed_meanwhile_is_reported(
    signed_in, colleague, assessment
):
    mine = load_form(signed_in, assessment, "A1")  # loaded before the colleague saves

    theirs = load_form(colleague, assessment, "A1")
    theirs["A1_1-value"] = "2"
    response = colleague.post(
        f"/evaluaties/{assessment.pk}/antwoord/A1.1/", theirs, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200

    mine.update({"A1_1-value": "4", "A1_2-value": "3", "opslaan": ""})
    response = signed_in.post(theme_url(assessment, "A1"), mine)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Piet Plaatsvervanger heeft dit antwoord intussen gewijzigd in ‘2 Gedeeltelijk’" in html
    assert "Uw keuze ‘4 Volledig’ is niet opgeslagen" in html
    # the other item was saved; the conflicting one keeps the colleague's value
    assert stored(assessment) == {"A1.1": 2, "A1.2": 3}
    # the page now shows the colleague's answer with its version: a second try overwrites
    again = FormReader(theme_url(assessment, "A1"))
    again.feed(html)
    assert again.data["A1_1-value"] == "2" and again.data["A1_1-version"] == "1"
    again.data.update({"A1_1-value": "4", "opslaan": ""})
    assert signed_in.post(theme_url(assessment, "A1"), again.data).status_code == 302
    assert stored(assessment)["A1.1"] == 4


def test_an_item_i_did_not_touch_is_not_overwritten_with_what_i_loaded(
    signed_in, colleague, assessment
):
    mine = load_form(signed_in, assessment, "A1")
    theirs = load_form(colleague, assessment, "A1")
    theirs.update({"A1_1-value": "1", "A1_1-explanation": "Nog niet besproken.", "opslaan": ""})
    assert colleague.post(theme_url(assessment, "A1"), theirs).status_code == 302

    mine.update({"A1_3-value": "4", "volgende": ""})  # A1.1 still holds what I loaded: empty
    assert signed_in.post(theme_url(assessment, "A1"), mine).status_code == 302
    a11 = assessment.answers.get(recommendation__code="A1.1")
    assert (a11.value, a11.explanation) == (1, "Nog niet besproken.")
    assert stored(assessment) == {"A1.1": 1, "A1.3": 4}


def test_a_conflict_on_save_as_you_go_is_reported_in_the_status(signed_in, colleague, assessment):
    mine = load_form(signed_in, assessment, "A2")
    theirs = load_form(colleague, assessment, "A2")
    theirs["A2_1-value"] = "weet_niet"
    colleague.post(f"/evaluaties/{assessment.pk}/antwoord/A2.1/", theirs, HTTP_HX_REQUEST="true")

    mine["A2_1-value"] = "3"
    response = signed_in.post(
        f"/evaluaties/{assessment.pk}/antwoord/A2.1/", mine, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "intussen gewijzigd in ‘Weet niet’" in html
    assert "Laad het nieuwe antwoord" in html
    assert "hx-swap-oob" not in html.split("Laad het nieuwe antwoord")[1].split("voortgang")[0]
    assert stored(assessment) == {"A2.1": "weet_niet"}


def test_the_same_change_by_two_people_is_no_conflict(signed_in, colleague, assessment):
    mine = load_form(signed_in, assessment, "A3")
    theirs = load_form(colleague, assessment, "A3")
    theirs.update({"A3_2-value": "3", "opslaan": ""})
    colleague.post(theme_url(assessment, "A3"), theirs)
    mine.update({"A3_2-value": "3", "opslaan": ""})
    assert signed_in.post(theme_url(assessment, "A3"), mine).status_code == 302
    assert assessment.answers.get(recommendation__code="A3.2").version == 1


# --- Queries --------------------------------------------------------------------------------


def test_the_theme_page_runs_a_constant_number_of_queries(
    signed_in, assessment, django_assert_max_num_queries
):
    answer_all(assessment, value=2)
    few, many = "A9", "A5"  # 1 and 11 recommendations in the Gids
    assert len(codes_of(assessment, few)) == 1 and len(codes_of(assessment, many)) >= 10

    signed_in.get(theme_url(assessment, few))  # warm up session and caches
    counts = {}
    for code in (few, many):
        with CaptureQueriesContext(connection) as ctx:
            assert signed_in.get(theme_url(assessment, code)).status_code == 200
        counts[code] = len(ctx.captured_queries)
    assert counts[few] == counts[many]
    # session, user, profile, savepoints and the session save included
    with django_assert_max_num_queries(18):
        signed_in.get(theme_url(assessment, many))


def test_the_assessment_list_puts_own_drafts_with_deadlines_first(signed_in, assessment, round_):
    other = make_assessment(round_, organisation="Gemeente Beekdorp")
    submitted_college = make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=Perspective.COLLEGE, submitted=True
    )
    html = signed_in.get("/evaluaties/").content.decode()
    todo = html.split("<h2>In te vullen</h2>")[1].split("<h2")[0]
    assert f'href="/evaluaties/{assessment.pk}/"' in todo
    assert round_.due_on.strftime("%Y") in todo
    assert f'href="/evaluaties/{other.pk}/"' not in html  # another council's draft
    readable = html.split("Andere zelfevaluaties die u kunt lezen")[1]
    assert f'href="/evaluaties/{submitted_college.pk}/"' in readable


def test_saving_a_theme_runs_the_same_queries_for_one_item_or_eleven(signed_in, assessment):
    """New answers and changed answers are written in bulk with their history records:
    nothing per item, nothing per constraint; the applicability once per request."""
    few, many = "A9", "A5"
    for value, kind in (("2", "new"), ("3", "changed")):
        counts = {}
        for code in (few, many):
            data = load_form(signed_in, assessment, code)
            for item in codes_of(assessment, code):
                data[f"{item.replace('.', '_')}-value"] = value
            data["opslaan"] = ""
            with CaptureQueriesContext(connection) as ctx:
                assert signed_in.post(theme_url(assessment, code), data).status_code == 302
            counts[code] = len(ctx.captured_queries)
        assert counts[few] == counts[many], (kind, counts)
        assert counts[few] <= 24, (kind, counts)
        assert stored(assessment)["A5.1"] == int(value)
    # Every change left its history record, by the user who made it.
    history = Answer.history.filter(assessment_id=assessment.pk, recommendation__code="A5.1")
    assert list(history.order_by("history_date").values_list("history_type", "score")) == [
        ("+", 2),
        ("~", 3),
    ]
    assert {h.history_user_id for h in history} == {int(signed_in.session["_auth_user_id"])}
