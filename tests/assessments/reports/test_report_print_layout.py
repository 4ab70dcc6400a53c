"""What a reader of the printed report notices: Part B in one line for a gemeenschappelijke
regeling, no brackets inside brackets, captions above their tables and charts, and chart
labels that are whole words and never overlap."""

import io
import re

import pypdf
import pytest

from assessments.reports import charts
from assessments.reports.assessment_report import build_assessment_report
from assessments.reports.charts import Bar, bar_label_layout, horizontal_bar_chart, wrap_words
from assessments.reports.render import render_report, render_report_html
from assessments.reports.round_report import build_round_report
from assessments.scores import round_applicability
from principles.models import Theme
from tests.assessments.reports.test_report_html import (
    TODAY,
    make_report_scenario,
    section,
    text,
)

PART_B_LINE = "Deel B geldt niet voor een gemeenschappelijke regeling"


@pytest.fixture
def scenario(db):
    return make_report_scenario()


def _part_b_themes(scenario) -> list[Theme]:
    applic = round_applicability(scenario.round)
    codes = [t.code for t in applic.themes if t.code.startswith("B")]
    assert codes and not any(t.applies for t in applic.themes if t.code in codes)
    return list(Theme.objects.filter(part__framework=scenario.framework, code__in=codes))


def nested_brackets(plain: str) -> list[str]:
    """Every place where a bracket opens inside another one."""
    found, depth = [], 0
    for n, char in enumerate(plain):
        if char == "(":
            depth += 1
            if depth == 2:
                found.append(plain[max(0, n - 50) : n + 50])
        elif char == ")":
            depth = max(0, depth - 1)
    return found


# --- Part B in one line ---------------------------------------------------------------------


def test_a_gemeenschappelijke_regeling_gets_one_line_for_part_b_not_fifteen(scenario):
    b_themes = _part_b_themes(scenario)
    for report in (
        build_round_report(scenario.round, today=TODAY),
        build_assessment_report(scenario.aalstad, today=TODAY),
    ):
        chapter = text(section(render_report_html(report), "niet-beoordeeld"))
        assert chapter.count(PART_B_LINE) == 1
        first, last = b_themes[0].code, b_themes[-1].code
        assert f"{first} tot en met {last}" in chapter or len(b_themes) == 1
        for theme in b_themes:  # a Part A theme may share a title; the code is B's own
            assert f"{theme.code} {theme.title}" not in chapter


def test_themes_left_out_for_their_own_reason_stay_listed(scenario):
    applic = round_applicability(scenario.round)
    own = [t for t in applic.themes if not t.applies and t.code.startswith("A")]
    assert own, "the scenario (a bedrijfsvoeringsorganisatie) leaves some Part A themes out"
    report = build_round_report(scenario.round, today=TODAY)
    chapter = text(section(render_report_html(report), "niet-beoordeeld"))
    for theme in own:
        title = Theme.objects.get(part__framework=scenario.framework, code=theme.code).title
        assert f"{theme.code} {title}" in chapter


def test_the_pdf_says_part_b_in_one_line(scenario):
    b_themes = _part_b_themes(scenario)
    _html, pdf = render_report(build_round_report(scenario.round, today=TODAY))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    plain = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert PART_B_LINE in plain
    assert not any(f"{t.code} {t.title}" in plain for t in b_themes)


# --- Brackets ---------------------------------------------------------------------------------


def test_no_brackets_inside_brackets_anywhere_in_the_reports(scenario):
    for report in (
        build_round_report(scenario.round, today=TODAY),
        build_assessment_report(scenario.aalstad, today=TODAY),
    ):
        html = render_report_html(report)
        body = html[html.index("<main>") :]
        assert nested_brackets(text(body)) == []
    # The sentences that nested before: the form on the cover, the top gaps, the target.
    round_text = text(render_report_html(build_round_report(scenario.round, today=TODAY)))
    assert "Bedrijfsvoeringsorganisatie, een gemeenschappelijke regeling (Wgr)" in round_text
    assert "De streefwaarde is 3" in round_text


# --- Captions ---------------------------------------------------------------------------------


def test_every_caption_is_above_its_table_or_chart(scenario):
    html = render_report_html(build_round_report(scenario.round, today=TODAY))
    tables = re.findall(r"<table[^>]*>\s*(<[a-z]+)", html)
    captions = html.count("<caption")
    assert captions >= 1
    assert tables.count("<caption") == captions  # each caption is its table's first child
    figures = re.findall(r"<figure[^>]*>\s*(<[a-z]+)", html)
    assert figures and all(first == "<figcaption" for first in figures)


# --- Chart labels -----------------------------------------------------------------------------

LONG_LABELS = [
    "A1 Gezamenlijke regionale uitvoering in plaats van zelfstandige uitvoering",
    "A3 Samenwerking als verlengd lokaal/ provinciaal/ waterschapsbestuur",
    "A11 Ambtelijke ondersteuning gezamenlijke deelnemers",
    "B14 Bijzonderheden bij triple helix samenwerkingsverbanden",
    "A2 Kort",
    "A9 Eénwoordsthemametzeerlangewoordzonderspatiesdatnietpastineenregel",
]


def test_chart_labels_are_whole_words_and_their_boxes_never_overlap():
    bars = [Bar(label, 50.0, "50%") for label in LONG_LABELS]
    layout = bar_label_layout(bars, top=charts.TOP)
    boxes = [box for _top, box in layout]
    for label, box in zip(LONG_LABELS, boxes, strict=True):
        assert " ".join(box.lines) == label  # every word whole, none left out
        assert all("…" not in line for line in box.lines)
    for n, box in enumerate(boxes):
        for other in boxes[n + 1 :]:
            assert not box.overlaps(other), (box, other)
    # Labels stay left of the bars, except a single word too long for any line.
    for box in boxes[:-1]:
        assert box.x >= 0 and box.x + box.width <= charts.LABEL_WIDTH
    assert len(boxes[0].lines) >= 2  # the long label wrapped instead of being cut


def test_a_wrapped_label_is_drawn_line_by_line_in_a_taller_chart():
    svg = horizontal_bar_chart(
        [Bar(LONG_LABELS[0], 40.0, "40%"), Bar("A2 Kort", 80.0, "80%")],
        title="Score",
        description="Twee thema's",
    )
    lines = wrap_words(LONG_LABELS[0], charts.LABEL_WIDTH - charts.LABEL_GAP)
    for line in lines:
        assert f">{line}</tspan>" in svg
    assert "…" not in svg
    height = int(re.search(r'height="(\d+)"', svg).group(1))
    assert height == charts.bar_chart_height([Bar(LONG_LABELS[0], 40, ""), Bar("A2 Kort", 80, "")])
    assert height > charts.TOP + 2 * charts.ROW_HEIGHT + charts.AXIS


def test_the_last_two_rows_of_a_table_are_kept_together(scenario):
    """A page never holds a table's last row alone: the last two rows form one row group
    that the PDF does not split (report.css: tbody.table-tail)."""
    html = render_report_html(build_round_report(scenario.round, today=TODAY))
    themes = html[html.index('<table class="themes-table') : html.index("</table>")]
    groups = re.findall(r"<tbody[^>]*>(.*?)</tbody>", themes, flags=re.S)
    assert len(groups) == 2
    assert groups[-1].count("<tr") == 2
    rows = sum(group.count("<tr") for group in groups)
    assert rows == len(round_applicability(scenario.round).applicable_themes())


def test_a_value_next_to_the_target_line_is_drawn_over_it_on_a_white_ground():
    svg = charts.horizontal_bar_chart(
        [Bar("A5 Bestuur", 71, "71%"), Bar("A6 Cultuur", 87, "87%")],
        title="Score per thema",
        description="A5 71%, A6 87%",
        target_pct=75,
        target_label="streefwaarde 75%",
    )
    target_line = svg.index("<line")
    value = svg.index(">71%</text>")
    assert value > target_line  # drawn later, so on top
    ground = svg.rindex("<rect", 0, value)
    assert 'fill="#fff"' in svg[ground:value]
