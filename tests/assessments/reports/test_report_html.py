"""The report's content, asserted on its HTML: numbers, gaps, differences of view, next steps,
Dutch number and date formats, the applicability statement; and who may see it.

The helpers at the top (report_framework, make_report_scenario) are shared with
test_report_pdf.py, test_render_report.py and the other report tests beside it.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from assessments.constants import AssessmentStatus, NextStepStatus, Perspective, RoundStatus
from assessments.models import Answer, Assessment, AssessmentRound, NextStep
from assessments.presentation import fmt_date, fmt_pct, fmt_points
from assessments.reports import charts
from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.charts import Bar, horizontal_bar_chart
from assessments.reports.render import render_report_html
from assessments.reports.round_report import build_round_report
from assessments.scores import assessment_score, round_applicability
from partnerships.applicability import ThemeApplicability
from partnerships.constants import LegalForm, Role
from principles.models import Framework, Part, Recommendation, Theme
from tests.factories import make_partnership, make_user

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 3, 10)
DRAFT_TEXT = "Concepttekst die niet in het raadsrapport mag staan"
NVT_TEXT = "Wij hebben geen eigen begroting, de centrumgemeente betaalt."
EXPLANATION = "Het algemeen bestuur bespreekt dit twee keer per jaar."
STEP_TEXT = "Evaluatie van de regeling agenderen in de raad"

MINI_THEMES = [
    # part, number, code, title, recommendations, AB/DB-specific recommendation numbers
    ("A", 1, "A1", "Heldere opdracht & rolverdeling", 3, ()),
    ("A", 2, "A2", "Bestuurlijke verhoudingen", 3, (3,)),
    ("A", 3, "A3", "Financiële sturing", 2, ()),
    ("A", 13, "A13", "Meerdere bestuurslagen", 1, ()),
    ("A", 14, "A14", "Centrumregeling", 1, ()),
    ("B", 15, "B1", "Gedeelde ambitie", 2, ()),
]


def report_framework() -> Framework:
    """The real Gids when the test database has it; else a small stand-in with its shape."""
    current = Framework.objects.filter(is_current=True).first()
    if current:
        return current
    framework = Framework.objects.create(
        slug="test-gids",
        title="De Gids voor Regionale Samenwerking",
        version="1.0",
        year=2021,
        publisher="KokxDeVoogd en Dirkzwager legal & tax",
        is_current=True,
    )
    parts = {
        "A": Part.objects.create(framework=framework, code="A", title="Wgr"),
        "B": Part.objects.create(framework=framework, code="B", title="Netwerk"),
    }
    for part, number, code, title, count, _abdb in MINI_THEMES:
        theme = Theme.objects.create(
            part=parts[part], number=number, code=code, kind="principe", title=title
        )
        for n in range(1, count + 1):
            Recommendation.objects.create(
                theme=theme,
                number=n,
                code=f"{code}.{n}",
                text=f"Aanbeveling {n} bij {title.lower()}: leg afspraken vast.",
            )
    return framework


@dataclass
class Scenario:
    framework: Framework
    round: AssessmentRound
    previous: AssessmentRound
    aalstad: Assessment  # raad Gemeente Aalstad, submitted
    beekdorp: Assessment  # raad Gemeente Beekdorp, submitted
    draft: Assessment  # college Gemeente Aalstad, draft
    t1: ThemeApplicability
    t2: ThemeApplicability
    t3: ThemeApplicability


def _answer(assessment: Assessment, framework: Framework, code: str, value, explanation=""):
    rec = Recommendation.objects.get(theme__part__framework=framework, code=code)
    if isinstance(value, int):
        return Answer.objects.create(
            assessment=assessment, recommendation=rec, score=value, explanation=explanation
        )
    return Answer.objects.create(
        assessment=assessment, recommendation=rec, special=value, explanation=explanation
    )


def _submitted(round_, participation, perspective=Perspective.RAAD) -> Assessment:
    return Assessment.objects.create(
        round=round_,
        participation=participation,
        perspective=perspective,
        status=AssessmentStatus.SUBMITTED,
        submitted_at=datetime(2026, 2, 1, 10, 0, tzinfo=AMS),
    )


def make_report_scenario(framework: Framework | None = None) -> Scenario:
    """A bedrijfsvoeringsorganisatie of two gemeenten, a 2025 round and a 2026 round.

    Only the first three applicable themes (t1, t2, t3) are answered, so the numbers do not
    depend on the size of the framework:
    - t1: Aalstad 2, Beekdorp 3 on every item -> item means 2.5 -> 62,5%, shown as 63%.
    - t2: first item Aalstad 0, Beekdorp 2 (a difference of view), others 1 and 1 -> 25%.
    - t3: first item Aalstad "weet niet", Beekdorp "n.v.t." -> no score; a gap (weet niet).
    Overall (62,5 + 25) / 2 = 43,75 -> 44%. The 2025 round: Aalstad t1 2, t2 1 -> 37,5%
    (38%).
    A draft (college Aalstad) answers 4 everywhere: it must not count.
    """
    framework = framework or report_framework()
    partnership = make_partnership(
        "Bedrijfsvoering Regio Test",
        legal_form=LegalForm.BEDRIJFSVOERINGSORGANISATIE,
        participants=["Gemeente Aalstad", "Gemeente Beekdorp"],
    )
    participations = {
        p.organisation.name: p for p in partnership.participations.select_related("organisation")
    }
    previous = AssessmentRound.objects.create(
        partnership=partnership,
        period="2025",
        framework=framework,
        opens_on=date(2025, 1, 6),
        due_on=date(2025, 3, 1),
        status=RoundStatus.CLOSED,
    )
    round_ = AssessmentRound.objects.create(
        partnership=partnership,
        period="2026",
        framework=framework,
        opens_on=date(2026, 1, 5),
        due_on=date(2026, 3, 1),
        previous=previous,
    )
    applic = round_applicability(round_)
    t1, t2, t3 = applic.applicable_themes()[:3]

    old = _submitted(previous, participations["Gemeente Aalstad"])
    for code in t1.items:
        _answer(old, framework, code, 2)
    for code in t2.items:
        _answer(old, framework, code, 1)

    aalstad = _submitted(round_, participations["Gemeente Aalstad"])
    beekdorp = _submitted(round_, participations["Gemeente Beekdorp"])
    for code in t1.items:
        _answer(aalstad, framework, code, 2, EXPLANATION if code == t1.items[0] else "")
        _answer(beekdorp, framework, code, 3)
    for n, code in enumerate(t2.items):
        _answer(aalstad, framework, code, 0 if n == 0 else 1)
        _answer(beekdorp, framework, code, 2 if n == 0 else 1)
    _answer(aalstad, framework, t3.items[0], "weet_niet")
    _answer(beekdorp, framework, t3.items[0], "nvt", NVT_TEXT)

    draft = Assessment.objects.create(
        round=round_, participation=participations["Gemeente Aalstad"], perspective="college"
    )
    for code in t1.items + t2.items:
        _answer(draft, framework, code, 4, DRAFT_TEXT)

    NextStep.objects.create(
        round=round_,
        recommendation=Recommendation.objects.get(
            theme__part__framework=framework, code=t2.items[0]
        ),
        description=STEP_TEXT,
        owner="Griffier Gemeente Aalstad",
        due_on=date(2026, 2, 1),
        status=NextStepStatus.OPEN,
    )
    return Scenario(framework, round_, previous, aalstad, beekdorp, draft, t1, t2, t3)


def section(html: str, anchor: str) -> str:
    """The HTML of one chapter of the report (from its <section id> to the next one)."""
    start = html.index(f'<section id="{anchor}"')
    end = html.find('<section id="', start + 1)
    return html[start : end if end != -1 else len(html)]


def text(html: str) -> str:
    """Visible text, whitespace collapsed, entities for & and quotes decoded."""
    plain = re.sub(r"<[^>]+>", " ", html)
    plain = plain.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
    return re.sub(r"\s+", " ", plain)


@pytest.fixture
def scenario(db) -> Scenario:
    return make_report_scenario()


@pytest.fixture
def round_html(scenario) -> str:
    return render_report_html(build_round_report(scenario.round, today=TODAY))


# --- Dutch formats ----------------------------------------------------------------------


def test_percentages_are_whole_numbers_and_dates_are_dutch():
    assert fmt_pct(62.5) == "63%" and fmt_pct(60.9) == "61%" and fmt_pct(43.75) == "44%"
    assert fmt_pct(50.0) == "50%"
    assert fmt_pct(None) == "geen score"
    assert fmt_points(6.3) == "+6" and fmt_points(-2.5) == "−3" and fmt_points(0.04) == "0"
    assert fmt_date(date(2026, 2, 1)) == "1 februari 2026"


# --- The council report (a round) ---------------------------------------------------------


def test_round_report_has_dutch_scores_per_theme_and_overall(scenario, round_html):
    summary = text(section(round_html, "samenvatting"))
    assert "Totaalscore 44%" in summary
    assert "Streefwaarde 75%" in summary
    assert "2 respondenten hebben de zelfevaluatie ingediend (van de 3 uitgenodigd)" in summary

    themes = text(section(round_html, "themas"))
    t1_title = Theme.objects.get(part__framework=scenario.framework, code=scenario.t1.code).title
    assert f"{scenario.t1.code} {t1_title} 63%" in themes
    assert f"{scenario.t2.code} " in themes and " 25%" in themes
    assert f"{scenario.t3.code} " in themes and "geen score" in themes


def test_round_report_ignores_drafts(scenario, round_html):
    assert DRAFT_TEXT not in round_html
    assert "College Gemeente Aalstad" not in text(section(round_html, "bijlage"))
    assert "Raad Gemeente Beekdorp" in round_html


def test_round_report_orders_gaps_by_distance_then_weet_niet(scenario, round_html):
    gaps = section(round_html, "verbeterpunten")
    codes = re.findall(r'<td class="code">([AB]\d+\.\d+)</td>', gaps)
    expected = list(scenario.t2.items) + list(scenario.t1.items) + [scenario.t3.items[0]]
    assert codes == expected
    plain = text(gaps)
    assert "gemiddeld 1 (0–2)" in plain and "2 punten" in plain  # t2: mean 1, target 3
    assert "gemiddeld 2,5 (2–3)" in plain and "0,5 punten" in plain  # t1
    assert "open punt (weet niet)" in plain


def test_round_report_shows_the_difference_of_view_per_respondent(scenario, round_html):
    chapter = section(round_html, "verschillen")
    rows = re.findall(r"<tr>(.*?)</tr>", chapter, flags=re.S)[1:]  # skip the header
    assert len(rows) == 1  # only that item differs by two points or more
    row = text(rows[0])
    assert scenario.t2.items[0] in row
    assert "0: Raad Gemeente Aalstad" in row and "2: Raad Gemeente Beekdorp" in row
    assert "Verschillen van inzicht 1" in text(section(round_html, "samenvatting"))


def test_round_report_lists_next_steps_with_owner_and_dutch_due_date(scenario, round_html):
    steps = text(section(round_html, "vervolgstappen"))
    assert STEP_TEXT in steps
    assert "Griffier Gemeente Aalstad" in steps
    assert "1 februari 2026" in steps
    assert "over de datum" in steps  # due 1 February, report made 10 March, still open
    gaps = section(round_html, "verbeterpunten")
    first_row = gaps[gaps.index(f'<td class="code">{scenario.t2.items[0]}</td>') :]
    assert "gepland" in first_row[: first_row.index("</tr>")]


def test_round_report_compares_with_the_previous_round(scenario, round_html):
    summary = text(section(round_html, "samenvatting"))
    assert (
        "Ten opzichte van de vorige ronde (2025) is de totaalscore gestegen van 38% naar "
        "44% (+6 procentpunt)." in summary
    )
    assert f"{scenario.t1.code} " in summary and "+13 procentpunt" in summary
    themes = text(section(round_html, "themas"))
    assert "Vorige ronde (2025)" in themes and "50%" in themes


def test_round_report_states_what_was_not_assessed_and_why(scenario, round_html):
    applic = round_applicability(scenario.round)
    chapter = text(section(round_html, "niet-beoordeeld"))
    assert "bedrijfsvoeringsorganisatie" in chapter and "deel A" in chapter
    excluded = [t for t in applic.themes if not t.applies]
    assert {t.code for t in excluded} >= {"A13", "A14"}
    for theme in excluded:
        if theme.code.startswith("B"):  # the whole of Part B: one line, no list
            continue
        assert theme.code in chapter
        assert text(theme.reason) in chapter
    assert "Deel B geldt niet voor een gemeenschappelijke regeling" in chapter
    assert "Aandachtspunt A13 (meerdere bestuurslagen) geldt alleen" in chapter
    for item in applic.excluded_items:
        assert item.id in chapter
        assert text(item.reason) in chapter
    # A respondent's n.v.t. with its explanation.
    assert NVT_TEXT in chapter


def test_round_report_appendix_has_every_answer_and_explanation(scenario, round_html):
    appendix = text(section(round_html, "bijlage"))
    assert EXPLANATION in appendix
    assert NVT_TEXT in appendix
    for theme in (scenario.t1, scenario.t2, scenario.t3):
        for code in theme.items:
            assert f"{code} " in appendix
    # Per value, who gave it; then each explanation with its respondent and value.
    assert appendix.count(
        "Antwoorden: 3 (grotendeels) – Raad Gemeente Beekdorp · 2 (gedeeltelijk) – "
        "Raad Gemeente Aalstad"
    ) == len(scenario.t1.items)
    assert f"Raad Gemeente Aalstad (2): {EXPLANATION}" in appendix
    assert f"Raad Gemeente Beekdorp (n.v.t.): {NVT_TEXT}" in appendix
    assert "Antwoorden: weet niet – Raad Gemeente Aalstad · n.v.t. – Raad Gemeente Beekdorp" in (
        appendix
    )


def test_round_report_method_names_scale_and_source(scenario, round_html):
    method = text(section(round_html, "werkwijze"))
    for label in ("Niet", "In aanzet", "Gedeeltelijk", "Grotendeels", "Volledig", "Weet niet"):
        assert label in method
    assert f"{scenario.framework.title} ({scenario.framework.year})" in method


def test_report_is_a_print_document_with_title_language_and_toc(scenario, round_html):
    assert round_html.startswith("<!doctype html>")
    assert '<html lang="nl">' in round_html
    assert "<title>Raadsrapport Bedrijfsvoering Regio Test 2026</title>" in round_html
    assert "/static/css/report.css" in round_html
    assert "bootstrap" not in round_html and "<script" not in round_html
    assert ' style="' not in round_html  # the CSP forbids inline style
    assert round_html.count("<h1") == 1
    for anchor in ("samenvatting", "themas", "verbeterpunten", "verschillen", "bijlage"):
        assert f'href="#{anchor}"' in round_html and f'id="{anchor}"' in round_html
    cover = text(round_html[: round_html.index('<nav class="toc"')])
    assert "2 van 3 zelfevaluaties ingediend" in cover
    assert "Datum van dit rapport 10 maart 2026" in cover
    assert "Status van de ronde Open: in te vullen vóór 1 maart 2026" in cover


def test_chart_is_svg_with_title_description_and_target_line(scenario):
    report = build_round_report(scenario.round, today=TODAY)
    svg = report.chart.svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="thema-scores-title">Score per thema</title>' in svg
    assert "<desc" in svg and "63%" in svg and "streefwaarde 75%" in svg
    assert svg.count('stroke-dasharray="5 3"') == 1  # the target line
    assert "<script" not in svg and "style=" not in svg
    html = render_report_html(report)
    assert f'src="{report.chart.data_uri}"' in html
    assert "data:image/svg+xml;base64," in html
    assert f"{scenario.t1.code} " in report.chart.alt and "63%" in report.chart.alt


def test_chart_escapes_labels_and_draws_one_bar_per_score():
    svg = horizontal_bar_chart(
        [Bar("A1 Rollen & <taken>", 62.5, "62,5%"), Bar("A2 Leeg", None, "geen score")],
        title="Score",
        description="Twee thema's",
        target_pct=75,
        target_label="streefwaarde",
    )
    assert "Rollen &amp; &lt;taken&gt;" in svg and "<taken>" not in svg
    bars = [r for r in re.findall(r"<rect[^>]*>", svg) if 'fill="#fff"' not in r]
    assert len(bars) == 1  # the white rects are the values' grounds
    bar_width = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH
    assert f'width="{round(bar_width * 0.625, 1)}"' in svg  # 62.5% of the room for bars


# --- One respondent's assessment -----------------------------------------------------------


def test_assessment_report_shows_its_own_scores_gaps_and_status(scenario):
    report = build_assessment_report(scenario.aalstad, today=TODAY)
    html = render_report_html(report)
    score = assessment_score(scenario.aalstad)

    summary = text(section(html, "samenvatting"))
    assert f"Totaalscore {fmt_pct(score.overall_pct)}" in summary
    assert "Vorige ronde 38%" in summary
    themes = text(section(html, "themas"))
    assert f"{scenario.t1.code} " in themes and "50%" in themes
    gaps = section(html, "verbeterpunten")
    codes = re.findall(r'<td class="code">([AB]\d+\.\d+)</td>', gaps)
    assert codes == [g.id for g in score.gaps]
    assert codes[0] == scenario.t2.items[0]  # scored 0: the largest distance
    assert codes[-1] == scenario.t3.items[0]  # weet niet comes last
    assert "0 (niet)" in text(gaps) and "3 punten" in text(gaps)
    cover = text(html[: html.index('<nav class="toc"')])
    assert "Respondent Raad Gemeente Aalstad" in cover
    assert "Ingediend op 1 februari 2026" in cover
    assert "Verschillen van inzicht" not in html  # a round-only chapter
    assert DRAFT_TEXT not in html and NVT_TEXT not in html  # other respondents' answers


def test_assessment_report_of_a_draft_says_so(scenario):
    html = render_report_html(build_assessment_report(scenario.draft, today=TODAY))
    assert "Concept: nog niet ingediend" in html
    assert "is-draft" in html and "nog niet ingediend; de antwoorden kunnen nog veranderen" in html
    assert DRAFT_TEXT in html


# --- Queries: computed first, rendered second ---------------------------------------------


def test_report_builds_in_few_queries_and_renders_without_any(
    scenario, django_assert_max_num_queries, django_assert_num_queries
):
    round_ = AssessmentRound.objects.select_related("partnership", "framework", "previous").get(
        pk=scenario.round.pk
    )
    with django_assert_max_num_queries(30):
        report = build_round_report(round_, today=TODAY)
    with django_assert_num_queries(0):
        render_report_html(report)
    assessment = Assessment.objects.select_related(
        "round__partnership", "round__framework", "participation__organisation"
    ).get(pk=scenario.aalstad.pk)
    with django_assert_max_num_queries(25):
        report = build_assessment_report(assessment, today=TODAY)
    with django_assert_num_queries(0):
        render_report_html(report)


# --- The web: previews and who may see them -------------------------------------------------


def test_preview_pages_for_a_participant(client, scenario):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Beekdorp"))
    response = client.get(reverse("assessments:round_report_preview", args=[scenario.round.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Download als PDF" in html
    assert reverse("assessments:round_report_pdf", args=[scenario.round.pk]) in html
    assert "44%" in html
    response = client.get(reverse("assessments:report_preview", args=[scenario.aalstad.pk]))
    assert response.status_code == 200
    assert "Raad Gemeente Aalstad" in response.content.decode()


def test_preview_is_refused_for_another_organisation_and_anonymous(client, scenario):
    round_url = reverse("assessments:round_report_preview", args=[scenario.round.pk])
    response = client.get(round_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Elders"))
    assert client.get(round_url).status_code == 404
    assert (
        client.get(reverse("assessments:report_preview", args=[scenario.aalstad.pk])).status_code
        == 404
    )


def test_someone_elses_draft_report_is_not_found(client, scenario):
    # Beekdorp's griffier sees the round, but not Aalstad's draft.
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Beekdorp"))
    url = reverse("assessments:report_preview", args=[scenario.draft.pk])
    assert client.get(url).status_code == 404


def test_report_buttons_include_links_to_pdf_and_preview(db):
    html = render_to_string(
        "assessments/includes/report_buttons.html", {"report_kind": "round", "report_pk": 7}
    )
    assert 'href="/rondes/7/rapport.pdf"' in html and "Download raadsrapport (PDF)" in html
    assert 'href="/rondes/7/rapport/"' in html
    html = render_to_string(
        "assessments/includes/report_buttons.html", {"report_kind": "assessment", "report_pk": 3}
    )
    assert 'href="/evaluaties/3/rapport.pdf"' in html and 'href="/evaluaties/3/rapport/"' in html
