"""Each perspective its own questions: optional items on the theme page, progress and
submitting over the own questions, the "vastgelegd" tick (saved, exported, shown, never
scored), the self-assessment mark, and the glossary the pages and the report link to.

Which items are optional comes from `question_set` as it is: the tests pick their items
through that API, never by name."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.constants import AssessmentStatus, Perspective
from assessments.models import Answer
from assessments.presentation import GLOSSARY, GLOSSARY_SECTIONS
from assessments.questionnaire import services
from assessments.questionnaire.question_sets import is_self_assessment, question_set
from assessments.questionnaire.selectors import assessment_state
from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.render import render_report_html
from assessments.scores import assessment_score, round_applicability
from partnerships.constants import Role
from principles.models import Recommendation
from principles.selectors import question_texts
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(gids):
    partnership = make_partnership(
        "GR Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )
    return make_round(partnership, period="2026")


@pytest.fixture
def perspective(round_):
    """A perspective with own questions and optional items in this partnership."""
    applic = round_applicability(round_)
    for p in Perspective.values:
        qs = question_set(applic, p)
        if qs.items and qs.optional:
            return p
    pytest.skip("no perspective has both own questions and optional items")


@pytest.fixture
def questions(round_, perspective):
    return question_set(round_applicability(round_), perspective)


@pytest.fixture
def assessment(round_, perspective):
    return make_assessment(round_, organisation="Gemeente Aalstad", perspective=perspective)


@pytest.fixture
def signed_in(client):
    client.force_login(make_user(Role.BEHEERDER, username="beheerder"))
    return client


def answer(assessment, codes, value=3, **fields):
    framework = assessment.round.framework
    for code in codes:
        Answer.objects.update_or_create(
            assessment=assessment,
            recommendation=Recommendation.objects.get(theme__part__framework=framework, code=code),
            defaults={"score": value, "special": "", **fields},
        )


def theme_with_both(assessment, questions):
    """A theme with an own question and an optional item, or else one with an optional."""
    themes = round_applicability(assessment.round).applicable_themes()
    for t in themes:
        if any(questions.is_optional(c) for c in t.items) and any(
            not questions.is_optional(c) for c in t.items
        ):
            return t
    return next(t for t in themes if any(questions.is_optional(c) for c in t.items))


def theme_url(assessment, code):
    return reverse("assessments:theme", args=[assessment.pk, code])


# --- Progress and submitting ---------------------------------------------------------------


def test_answering_only_the_own_questions_is_complete_and_can_be_submitted(
    signed_in, assessment, questions
):
    answer(assessment, questions.items)
    state = assessment_state(assessment)
    assert state.score.completeness_pct == 100.0
    assert state.missing == [] and state.can_submit
    assert assessment_score(assessment).completeness_pct == 100.0

    detail = signed_in.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert "(100%)" in detail and "die u kunt overslaan" in detail
    response = signed_in.post(reverse("assessments:submit", args=[assessment.pk]))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_an_answered_optional_item_scores_but_does_not_change_completeness(assessment, questions):
    answer(assessment, questions.items[:1])
    before = assessment_score(assessment)
    optional = questions.optional[0]
    answer(assessment, [optional], value=0)
    after = assessment_score(assessment)
    assert after.completeness_pct == before.completeness_pct
    assert after.answered_optional == 1
    assert optional in [g.id for g in after.gaps]


def test_a_missing_own_question_still_blocks_submitting(signed_in, assessment, questions):
    answer(assessment, questions.items[1:])
    response = signed_in.post(reverse("assessments:submit", args=[assessment.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Aanbeveling {questions.items[0]}" in html
    assert not any(f"Aanbeveling {c}</a>" in html for c in questions.optional)


def test_submitting_drops_unconfirmed_copies_of_optional_items_after_saying_so(
    signed_in, assessment, questions
):
    answer(assessment, questions.items)
    copied = questions.optional[0]
    answer(assessment, [copied], value=1, is_taken_over=True)
    page = signed_in.get(reverse("assessments:submit", args=[assessment.pk])).content.decode()
    assert 'id="vervalt"' in page and f"Aanbeveling {copied}" in page
    services.assessment_submit(assessment=assessment, user=None)
    assert not assessment.answers.filter(recommendation__code=copied).exists()
    assert assessment.answers.count() == len(questions.items)


def test_the_round_page_counts_the_own_questions(client, assessment, questions):
    answer(assessment, questions.items)
    answer(assessment, questions.optional[:1])
    pairs = round_applicability(assessment.round).item_pairs()
    own = sum(1 for c, _ in pairs if c in questions.items)
    client.force_login(make_user(Role.BEHEERDER, username="beheerder2"))
    page = client.get(reverse("assessments:round", args=[assessment.round.pk])).content.decode()
    assert f"{own} van {own} (100%)" in page


# --- The theme page --------------------------------------------------------------------------


def test_theme_page_marks_optional_items_and_lists_them_after_the_own_questions(
    signed_in, assessment, questions
):
    theme = theme_with_both(assessment, questions)
    html = signed_in.get(theme_url(assessment, theme.code)).content.decode()
    assert "Hoe goed gebeurt dit nu?" in html and "Hoe ver is dit geregeld?" not in html
    own = [c for c in theme.items if not questions.is_optional(c)]
    optional = [c for c in theme.items if questions.is_optional(c)]
    positions = [html.index(f'id="kop-{c.replace(".", "_")}"') for c in own + optional]
    assert positions == sorted(positions)
    assert html.count("Vragen die u kunt overslaan") == 1
    heading = html[html.index(f'id="kop-{optional[0].replace(".", "_")}"') :]
    assert "U kunt dit overslaan" in heading[: heading.index("</h2>")]


def test_the_plain_question_stands_above_the_unchanged_gids_text(signed_in, round_):
    texts = question_texts(framework_id=round_.framework_id)
    code, question = next(iter(texts.items()))
    applic = round_applicability(round_)
    theme = next(t.code for t in applic.applicable_themes() if code in t.items)
    perspective = next(p for p in Perspective.values if code in question_set(applic, p).items)
    assessment = make_assessment(round_, organisation="Gemeente Aalstad", perspective=perspective)
    html = signed_in.get(theme_url(assessment, theme)).content.decode()
    gids = Recommendation.objects.get(theme__part__framework=round_.framework, code=code).text
    assert question in html and gids in html
    above = html.index(question)
    assert above < html.index("Tekst uit de Gids", above) < html.index(gids, above)
    # An item without a plain question shows the Gids text only, with no empty question.
    assert html.count('class="question ') == sum(1 for c in applic.theme(theme).items if c in texts)


# --- "Vastgelegd" ------------------------------------------------------------------------------


def save(assessment, code, value, documented, **fields):
    return services.answer_save(
        assessment=assessment,
        code=code,
        data=services.AnswerInput(value=value, documented=documented, **fields),
        user=None,
    )


def test_the_tick_is_kept_with_a_score_and_cleared_without_one(assessment, questions):
    code = questions.items[0]
    assert save(assessment, code, 3, True).answer.documented is True
    stored = Answer.objects.get(assessment=assessment, recommendation__code=code)
    assert stored.documented is True
    assert save(assessment, code, 3, False, version=1).answer.documented is False
    for value in ("nvt", "weet_niet"):
        result = save(assessment, code, value, True, explanation="Uitleg.", version=2)
        assert result.answer.documented is None  # a tick on n.v.t. or weet niet means nothing
        Answer.objects.filter(pk=stored.pk).update(version=2)


def test_ticking_alone_is_a_change_and_meets_a_concurrent_one_as_a_conflict(assessment, questions):
    code = questions.items[0]
    first = save(assessment, code, 3, False)
    loaded = first.answer.fingerprint
    ticked = save(assessment, code, 3, True, version=1, loaded=loaded)
    assert ticked.saved and ticked.answer.version == 2
    # A second form loaded at version 1 and left alone changes nothing: the tick stays.
    untouched = save(assessment, code, 3, False, version=1, loaded=loaded)
    assert untouched.status == services.SaveStatus.UNCHANGED
    # Changed there meanwhile, it meets the tick as someone else's change.
    late = save(assessment, code, 4, False, version=1, loaded=loaded)
    assert late.conflict
    stored = Answer.objects.get(assessment=assessment, recommendation__code=code)
    assert (stored.score, stored.documented) == (3, True)


def test_the_theme_form_saves_the_tick(signed_in, assessment, questions):
    code = questions.items[0]
    theme = round_applicability(assessment.round)
    theme_code = next(t.code for t in theme.applicable_themes() if code in t.items)
    slug = code.replace(".", "_")
    page = signed_in.get(theme_url(assessment, theme_code)).content.decode()
    assert f'name="{slug}-documented"' in page
    assert "Vastgelegd in de regeling, een reglement of protocol" in page
    data = {}
    for c in round_applicability(assessment.round).theme(theme_code).items:
        s = c.replace(".", "_")
        data.update({f"{s}-version": "0", f"{s}-value": "", f"{s}-loaded": ""})
    data.update({f"{slug}-value": "2", f"{slug}-documented": "on"})
    response = signed_in.post(theme_url(assessment, theme_code), data)
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, recommendation__code=code).documented


def test_the_tick_is_exported_and_shown_but_never_scored(signed_in, assessment, questions):
    ticked, unticked, unsaid = questions.items[:3]
    answer(assessment, [ticked], value=2, documented=True)
    answer(assessment, [unticked], value=2, documented=False)
    answer(assessment, [unsaid], value=2)
    score_with = assessment_score(assessment)
    Answer.objects.filter(assessment=assessment).update(documented=None)
    assert assessment_score(assessment) == score_with
    answer(assessment, [ticked], value=2, documented=True)
    answer(assessment, [unticked], value=2, documented=False)

    out = io.StringIO()
    call_command("export_assessment", str(assessment.pk), "--json", stdout=out)
    by_id = {a["id"]: a for a in json.loads(out.getvalue())["answers"]}
    assert (by_id[ticked]["documented"], by_id[unticked]["documented"]) == (True, False)
    assert by_id[unsaid]["documented"] is None
    assert all(a["documented"] is None for a in by_id.values() if a["value"] is None)

    response = signed_in.get(reverse("assessments:export_csv", args=[assessment.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    column = rows[0].index("vastgelegd")
    cells = {row[1]: row[column] for row in rows[1:]}
    assert (cells[ticked], cells[unticked], cells[unsaid]) == ("ja", "nee", "")

    html = signed_in.get(reverse("assessments:results", args=[assessment.pk])).content.decode()
    row = html[html.index(f'id="antwoord-{ticked.replace(".", "_")}"') :]
    assert "<td>Ja</td>" in row[: row.index("</tr>")]
    row = html[html.index(f'id="antwoord-{unticked.replace(".", "_")}"') :]
    assert "<td>Nee</td>" in row[: row.index("</tr>")]


# --- Self-assessment -----------------------------------------------------------------------------


def test_results_and_report_mark_a_self_assessment(signed_in, round_):
    applic = round_applicability(round_)
    pairs = [
        (p, c)
        for p in Perspective.values
        for c in question_set(applic, p).items
        if is_self_assessment(p, c)
    ]
    if not pairs:
        pytest.skip("no perspective judges its own role in this partnership")
    perspective, code = pairs[0]
    assessment = make_assessment(
        round_, organisation="Gemeente Aalstad", perspective=perspective, answers={code: 2}
    )
    html = signed_in.get(reverse("assessments:results", args=[assessment.pk])).content.decode()
    row = html[html.index(f'id="antwoord-{code.replace(".", "_")}"') :]
    assert "zelfbeoordeling" in row[: row.index("</tr>")]
    assert reverse("assessments:glossary") + "#zelfbeoordeling" in html

    report = build_assessment_report(assessment)
    item = next(i for t in report.appendix for i in t.items if i.code == code)
    assert item.self_assessment
    others = [i for t in report.appendix for i in t.items if i.code != code]
    assert not any(i.self_assessment for i in others if not is_self_assessment(perspective, i.code))
    rendered = render_report_html(report)
    assert "Zelfbeoordeling: deze aanbeveling gaat over de eigen rol" in rendered
    assert GLOSSARY["self_assessment"].meaning in rendered
    assert GLOSSARY["documented"].meaning in rendered


# --- The glossary --------------------------------------------------------------------------------


def test_the_glossary_page_explains_every_word_with_an_anchor(client):
    response = client.get("/begrippen/")
    assert response.status_code == 200
    html = response.content.decode()
    listed = [key for _title, keys in GLOSSARY_SECTIONS for key in keys]
    assert sorted(listed) == sorted(GLOSSARY)  # every word once
    for term in GLOSSARY.values():
        assert f'id="{term.anchor}"' in html and term.meaning in html
    for word in ("contramal", "gezamenlijke-contramal", "procentpunt", "zienswijze"):
        assert f'id="{word}"' in html
    assert 'id="mutatis-mutandis"' in html and 'id="openbaar-lichaam"' in html


def test_theme_results_and_footer_link_to_the_glossary(signed_in, assessment, questions):
    theme = theme_with_both(assessment, questions)
    for url in (
        theme_url(assessment, theme.code),
        reverse("assessments:results", args=[assessment.pk]),
    ):
        html = signed_in.get(url).content.decode()
        assert 'href="/begrippen/"' in html
    theme_html = signed_in.get(theme_url(assessment, theme.code)).content.decode()
    assert 'href="/begrippen/#vastgelegd"' in theme_html
    assert 'href="/begrippen/#u-kunt-dit-overslaan"' in theme_html


def test_start_page_and_partnership_dashboard_count_the_own_questions(assessment, questions):
    from datetime import date

    from assessments.dashboard.partnership import build_partnership_overview
    from assessments.dashboard.start import build_open_assessments
    from assessments.models import Assessment

    answer(assessment, questions.items)
    answer(assessment, questions.optional[:1])
    today = date.today()
    (draft,) = build_open_assessments(Assessment.objects.filter(pk=assessment.pk), today=today)
    assert draft.answered == draft.applicable and draft.progress_pct == 100.0
    overview = build_partnership_overview(assessment.round.partnership, today=today)
    (row,) = [r for r in overview.respondents if r.pk == assessment.pk]
    assert row.answered == row.applicable and row.progress_pct == 100.0
