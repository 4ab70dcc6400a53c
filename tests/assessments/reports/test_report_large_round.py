"""A council report for a round with many respondents stays readable and short: respondents
are numbered with a legend, identical explanations are printed once."""

from datetime import date

import pytest

from assessments.constants import Perspective
from assessments.reports.render import render_report_html
from assessments.reports.round_report import NAMED_RESPONDENTS_MAX, build_round_report
from assessments.scores import round_applicability
from tests.assessments.reports.test_report_html import (
    _answer,
    _submitted,
    report_framework,
    section,
    text,
)
from tests.factories import make_partnership, make_round

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)
STANDARD = "Werkt in de praktijk, maar is nog niet vastgelegd."
NVT = "De taak is elders belegd."


def _round_with(respondents: int):
    framework = report_framework()
    names = [f"Gemeente Plaats {n:02d}" for n in range(1, respondents + 1)]
    partnership = make_partnership("GR Groot", participants=names)
    round_ = make_round(partnership, framework=framework, opens_on=date(2026, 1, 5))
    t1 = round_applicability(round_).applicable_themes()[0]
    first, second = t1.items[0], t1.items[1]
    participations = {
        p.organisation.name: p for p in partnership.participations.select_related("organisation")
    }
    for n, name in enumerate(names):
        assessment = _submitted(round_, participations[name], Perspective.RAAD)
        # Everyone scores the first item (0-4 in turn), the first half with the same text;
        # the second item: the first two call it not applicable with the same reason.
        _answer(assessment, framework, first, n % 5, STANDARD if n < respondents // 2 else "")
        _answer(assessment, framework, second, "nvt" if n < 2 else 3, NVT if n < 2 else "")
    return round_, first, second


def test_many_respondents_are_numbered_with_a_legend():
    round_, first, second = _round_with(NAMED_RESPONDENTS_MAX + 2)
    report = build_round_report(round_, today=TODAY)
    html = render_report_html(report)
    appendix = text(section(html, "bijlage"))

    # The legend names every respondent once; the cover counts them per perspective.
    assert [(f.label, f.value) for f in report.respondent_legend][:2] == [
        ("R1", "Raad Gemeente Plaats 01"),
        ("R2", "Raad Gemeente Plaats 02"),
    ]
    assert "Met 10 respondenten zijn ze in dit rapport genummerd." in appendix
    assert "R10 Raad Gemeente Plaats 10" in appendix
    cover = text(html.split('<section id="samenvatting"')[0])
    assert (
        "Respondenten 10 van 10 zelfevaluaties ingediend (Raad 10); ze staan genummerd aan het "
        "begin van de bijlage"
    ) in cover
    assert "Gemeente Plaats 07" not in cover.split("Respondenten")[1]

    # Who gave which value: numbers, not names.
    assert "Antwoorden: 4 (volledig) – R5, R10 · 3 (grotendeels) – R4, R9" in appendix
    assert appendix.count("Raad Gemeente Plaats 01") == 1  # only in the legend

    # One standard text from five respondents is printed once, with who and their values.
    assert f"R1 (0), R2 (1), R3 (2), R4 (3), R5 (4): {STANDARD}" in appendix
    assert appendix.count(STANDARD) == 1

    # Not applicable: one row per explanation, with the recommendation and who gave it.
    not_assessed = text(section(html, "niet-beoordeeld"))
    assert f"{NVT} {second} (R1, R2)" in not_assessed
    assert "De respondenten zijn genummerd" in not_assessed

    # The difference of view on the first item names numbers too.
    divergences = text(section(html, "verschillen"))
    assert "laagst 0: R1, R6" in divergences and "hoogst 4: R5, R10" in divergences
    assert "De respondenten zijn genummerd (R1 tot en met R10)" in divergences


def test_up_to_eight_respondents_are_named():
    round_, first, _ = _round_with(NAMED_RESPONDENTS_MAX)
    report = build_round_report(round_, today=TODAY)
    html = render_report_html(report)
    appendix = text(section(html, "bijlage"))
    assert report.respondent_legend == []
    cover = text(html.split('<section id="samenvatting"')[0])
    assert "8 van 8 zelfevaluaties ingediend: Raad Gemeente Plaats 01, Raad Gemeente" in cover
    assert "genummerd" not in appendix
    assert "4 (volledig) – Raad Gemeente Plaats 05" in appendix
    # Identical explanations are grouped here as well, under the names.
    assert "Raad Gemeente Plaats 01 (0), Raad Gemeente Plaats 02 (1)" in appendix
    assert appendix.count(STANDARD) == 1


def test_the_differences_chapter_lists_the_largest_twenty_and_names_the_rest():
    from assessments.reports.content import DIVERGENCES_LISTED, DivergenceRow, RoundReport

    rows = [
        DivergenceRow(f"A1.{n}", "A1", "Tekst.", "2,0", f"0–{4 - n // 10}", 4 - n // 10, "", "", [])
        for n in range(1, 24)
    ]
    report = build_round_report(_round_with(3)[0], today=TODAY)
    report = RoundReport(**{**report.__dict__, "divergences": rows})
    chapter = section(render_report_html(report), "verschillen")
    html = text(chapter)
    assert len(report.divergences_listed) == DIVERGENCES_LISTED
    assert chapter.count('<td class="code">') == DIVERGENCES_LISTED
    assert "De tabel toont de 20 grootste verschillen." in html
    assert "Ook bij deze 3 aanbevelingen liggen de scores twee punten of meer uiteen" in html
    assert "A1.21 (0–2), A1.22 (0–2), A1.23 (0–2)." in html


def test_the_gaps_chapter_lists_the_largest_twenty_and_names_the_rest():
    from assessments.reports.content import GAPS_LISTED, GapRow, RoundReport

    round_, first, _ = _round_with(3)
    report = build_round_report(round_, today=TODAY)
    # The builder gives every gap its short distance: R1 scored 0, R2 1, R3 2 (mean 1).
    built = {g.code: g for g in report.gaps}
    assert built[first].distance_short == "2" and built[first].distance_label == "2 punten"

    rows = [
        GapRow(n, f"A1.{n}", "A1", "", "Tekst.", "gemiddeld 1", "0–2", "2 punten", False, "2")
        for n in range(1, 23)
    ] + [GapRow(23, "A2.1", "A2", "", "Tekst.", "weet niet", "", "open punt", False, "weet niet")]
    report = RoundReport(**{**report.__dict__, "gaps": rows})
    chapter = section(render_report_html(report), "verbeterpunten")
    html = text(chapter)
    assert len(report.gaps_listed) == GAPS_LISTED
    assert chapter.count('<td class="code">') == GAPS_LISTED
    assert "A1.20" in html.split("De tabel toont")[0] and "A1.21 Tekst" not in html
    assert "De tabel toont de 20 grootste afstanden tot de streefwaarde." in html
    assert (
        "Ook deze 3 aanbevelingen scoren onder de streefwaarde (tussen haakjes de afstand in "
        "punten): A1.21 (2), A1.22 (2), A2.1 (weet niet)."
    ) in html


def test_twenty_gaps_or_fewer_need_no_sentence():
    from assessments.reports.content import RoundReport

    report = build_round_report(_round_with(3)[0], today=TODAY)
    report = RoundReport(**{**report.__dict__, "gaps": report.gaps[:1]})
    assert report.gaps_more == "" and report.gaps_more_count == 0
    assert "De tabel toont" not in text(section(render_report_html(report), "verbeterpunten"))


def test_not_applicable_is_grouped_by_explanation_in_the_order_of_the_framework():
    from assessments.reports.content import NotApplicableRow
    from assessments.reports.sections import group_not_applicable

    rows = [
        NotApplicableRow("A1.2", "R16", "Elders belegd."),
        NotApplicableRow("A1.2", "R34", "Elders belegd. "),
        NotApplicableRow("A1.4", "R12", "Geen DB."),
        NotApplicableRow("A2.1", "R12", "Elders belegd."),
    ]
    groups = group_not_applicable(rows)
    assert [(g.explanation, g.items) for g in groups] == [
        ("Elders belegd.", "A1.2 (R16, R34); A2.1 (R12)"),
        ("Geen DB.", "A1.4 (R12)"),
    ]
    # An assessment's own report has one respondent: only the codes.
    own = group_not_applicable([NotApplicableRow(c, "", "Elders.") for c in ("A1.2", "A1.4")])
    assert [(g.explanation, g.items) for g in own] == [("Elders.", "A1.2, A1.4")]


def test_the_cover_counts_many_respondents_per_perspective():
    from assessments.models import Assessment
    from assessments.presentation import perspective_counts

    assessments = [Assessment(perspective=p) for p in ("directeur", "raad", "college", "raad")]
    assert perspective_counts(assessments) == "Raad 2 · College 1 · Directeur 1"
