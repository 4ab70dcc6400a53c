"""The reports' view-models: everything the PDF shows, computed first and fully materialised.

`build_assessment_report(assessment)` and `build_round_report(round_)` run every query
(a constant number, whatever the size of the round) and return frozen dataclasses of
strings, numbers and lists; the templates only read attributes, so rendering never
touches the database. Numbers and dates are formatted here, in Dutch ("62,5%",
"1 februari 2026"), so the page, the PDF and the tests see exactly the same text.

Scores come from `assessments.selectors` (the same numbers as the pages and the exports);
applicability from `round_applicability`. The one rule that lives here is what counts
as a gap *in a round* (see `round_gaps`).

`render_report(report)` is the single way to a PDF; the web view and `render_report`
command both call it, so they serve the same bytes.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from django.utils import formats, timezone, translation
from django.utils.text import slugify

from assessments import scoring
from assessments.constants import (
    SCALE_MAX,
    SCORE_MEANINGS,
    SPECIAL_MEANINGS,
    AssessmentStatus,
    NextStepStatus,
    Perspective,
    RoundStatus,
    Score,
    Special,
)
from assessments.models import Answer, Assessment, AssessmentRound, NextStep
from assessments.selectors import (
    assessment_score,
    round_applicability,
    round_score,
    submitted_responses,
)
from principles.models import Recommendation, Theme

from . import charts
from .pdf import render_html, render_to_pdf

SUMMARY_GAPS = 5
SUMMARY_DIVERGENCES = 3
# Up to this many respondents a round report names them wherever it lists who answered
# what; above it they are numbered (R1, R2, ...) with a legend in the appendix, so that a
# round with fifty respondents does not spend most of its pages on repeated names.
NAMED_RESPONDENTS_MAX = 8
# The chapter on differences of view shows this many in a table (the largest first); with
# fifty respondents nearly every recommendation differs by two points, and the rest are
# named by code (every answer is in the appendix).
DIVERGENCES_LISTED = 20
# The same for the chapter on gaps: the largest distances in a table, the rest by code with
# their distance. A council reads the first twenty; the appendix has every recommendation.
GAPS_LISTED = 20
SUMMARY_CHANGES = 3


# --- Dutch formatting -------------------------------------------------------------------


def fmt_number(value: float, decimals: int = 1) -> str:
    """62.5 -> "62,5"; 50.0 -> "50" (no trailing ",0")."""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        decimals = 0
    with translation.override("nl"):
        return formats.number_format(rounded, decimal_pos=decimals, use_l10n=True)


def fmt_pct(value: float | None, empty: str = "geen score") -> str:
    return empty if value is None else f"{fmt_number(value)}%"


def fmt_points(delta: float) -> str:
    """A change in percentage points: "+6,3", "−2,5", "0"."""
    rounded = round(delta, 1)
    if rounded > 0:
        return f"+{fmt_number(rounded)}"
    if rounded < 0:
        return f"−{fmt_number(-rounded)}"
    return "0"


def fmt_date(value: date | None, empty: str = "") -> str:
    if value is None:
        return empty
    with translation.override("nl"):
        return formats.date_format(value, "j F Y")


def value_label(value: scoring.Value) -> str:
    if scoring.is_numeric(value):
        return f"{value} ({Score(value).label.lower()})"
    if value == Special.NVT:
        return "n.v.t."
    if value == Special.WEET_NIET:
        return "weet niet"
    return "geen antwoord"


SHORT_PERSPECTIVES = {
    Perspective.RAAD: "Raad",
    Perspective.COLLEGE: "College",
    Perspective.CONTRAMAL: "Contramal",
    Perspective.AB: "Algemeen bestuur",
    Perspective.DB: "Dagelijks bestuur",
    Perspective.DIRECTEUR: "Directeur",
}


def respondent_label(assessment: Assessment) -> str:
    """ "Raad Gemeente Aalstad", "Dagelijks bestuur": short enough to repeat in tables."""
    label = SHORT_PERSPECTIVES.get(assessment.perspective, assessment.get_perspective_display())
    if assessment.participation_id:
        return f"{label} {assessment.participation.organisation.name}"
    return label


def target_pct(target: int) -> float:
    return target / SCALE_MAX * 100


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# --- The view-model ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class ThemeRow:
    code: str
    title: str
    score_pct: float | None
    score_label: str
    answered_label: str
    previous_label: str
    change_label: str
    reaches_target: bool


@dataclass(frozen=True)
class GapRow:
    rank: int
    code: str
    theme_code: str
    theme_title: str
    text: str
    value_label: str
    range_label: str
    distance_label: str
    has_next_step: bool
    distance_short: str  # "1,8" or "weet niet": the gaps named after the table


@dataclass(frozen=True)
class RespondentValue:
    respondent: str
    label: str


@dataclass(frozen=True)
class DivergenceRow:
    code: str
    theme_code: str
    text: str
    mean_label: str
    range_label: str
    spread: int
    lowest: str  # "0: Raad Gemeente Aalstad"
    highest: str  # "4: Dagelijks bestuur, Directeur"
    values: list[RespondentValue]


@dataclass(frozen=True)
class NextStepRow:
    description: str
    recommendation: str
    owner: str
    due_label: str
    status_label: str
    is_overdue: bool


@dataclass(frozen=True)
class ExcludedThemeRow:
    code: str
    title: str
    reason: str


@dataclass(frozen=True)
class ExcludedGroup:
    """Themes excluded for the same reason, listed once with that reason."""

    reason: str
    themes: list[ExcludedThemeRow]


@dataclass(frozen=True)
class ExcludedItemRow:
    code: str
    theme_code: str
    text: str
    reason: str


@dataclass(frozen=True)
class NotApplicableRow:
    code: str
    respondent: str  # empty in an assessment's own report
    explanation: str


@dataclass(frozen=True)
class NotApplicableGroup:
    """One explanation for 'niet van toepassing' and the recommendations it was given for:
    "A1.2 (R16, R34); A1.4 (R12)" in a round, "A1.2, A1.4" in an assessment's report."""

    explanation: str
    items: str


@dataclass(frozen=True)
class AnswerRow:
    respondent: str  # in a round: "R3 (2), R7 (3)" when they gave the same explanation
    value_label: str  # empty when respondent already carries the values
    explanation: str
    evidence_url: str
    is_taken_over: bool


@dataclass(frozen=True)
class AppendixItem:
    code: str
    text: str
    summary_label: str
    answers_label: str  # "3 (grotendeels) – Raad Gemeente Aalstad, Directeur · 2 (...) – ..."
    notes: list[AnswerRow]  # the answers with an explanation, evidence or taken over


@dataclass(frozen=True)
class AppendixTheme:
    code: str
    title: str
    score_label: str
    context: list[str]
    items: list[AppendixItem]


@dataclass(frozen=True)
class ScaleRow:
    value: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Method:
    scale: list[ScaleRow]
    rules: list[str]
    source: str


@dataclass(frozen=True)
class Chart:
    svg: str
    data_uri: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class Summary:
    key_figures: list[Fact]
    paragraphs: list[str]
    top_gaps: list[GapRow]
    top_divergences: list[DivergenceRow]
    change: list[str]


@dataclass(frozen=True)
class Report:
    """What both reports show. Subclasses name their template."""

    template: ClassVar[str]
    is_round: ClassVar[bool]

    pk: int
    title: str  # <title>, and so the PDF's title metadata
    heading: str
    subheading: str
    partnership: str
    period: str
    generated_on: date
    generated_label: str
    filename: str
    is_draft: bool
    cover: list[Fact]
    respondents: list[str]
    summary: Summary
    target_label: str
    themes: list[ThemeRow]
    chart: Chart
    gaps: list[GapRow]
    next_steps: list[NextStepRow]
    applicability_note: str
    excluded_themes: list[ExcludedThemeRow]
    excluded_groups: list[ExcludedGroup]
    excluded_items: list[ExcludedItemRow]
    not_applicable: list[NotApplicableGroup]
    has_previous: bool
    previous_label: str
    appendix: list[AppendixTheme]
    method: Method

    @property
    def gaps_listed(self) -> list[GapRow]:
        """The largest gaps, in a table; the rest are named in one sentence."""
        return self.gaps[:GAPS_LISTED]

    @property
    def gaps_more_count(self) -> int:
        return max(0, len(self.gaps) - GAPS_LISTED)

    @property
    def gaps_more(self) -> str:
        """ "A4.2 (1,2), A5.1 (weet niet)": the gaps beyond the table, by code and distance."""
        return ", ".join(f"{row.code} ({row.distance_short})" for row in self.gaps[GAPS_LISTED:])


@dataclass(frozen=True)
class AssessmentReport(Report):
    template: ClassVar[str] = "assessments/report/assessment.html"
    is_round: ClassVar[bool] = False

    respondent: str = ""


@dataclass(frozen=True)
class RoundReport(Report):
    template: ClassVar[str] = "assessments/report/round.html"
    is_round: ClassVar[bool] = True

    divergences: list[DivergenceRow] = field(default_factory=list)
    # With many respondents the lists of names would fill most of the report: they are
    # numbered (R1, R2, ...) and this legend, at the start of the appendix, names them.
    respondent_legend: list[Fact] = field(default_factory=list)

    @property
    def divergences_listed(self) -> list[DivergenceRow]:
        """The largest differences of view, in a table; the rest are named in one sentence."""
        return self.divergences[:DIVERGENCES_LISTED]

    @property
    def divergences_more_count(self) -> int:
        return max(0, len(self.divergences) - DIVERGENCES_LISTED)

    @property
    def divergences_more(self) -> str:
        """ "A4.2 (0–4), A5.1 (1–3)": the differences beyond the table, by code and range."""
        return ", ".join(
            f"{row.code} ({row.range_label})" for row in self.divergences[DIVERGENCES_LISTED:]
        )


# --- Pure helpers -----------------------------------------------------------------------


@dataclass(frozen=True)
class RoundGap:
    stats: scoring.ItemStats
    target: int

    @property
    def distance(self) -> float | None:
        return None if self.stats.mean is None else self.target - _exact_mean(self.stats)


def _exact_mean(stats: scoring.ItemStats) -> float:
    numeric = [v for v in stats.values if scoring.is_numeric(v)]
    return sum(numeric) / len(numeric)


def round_gaps(items: Sequence[scoring.ItemStats], *, target: int) -> list[RoundGap]:
    """A gap in a round: an item whose mean score is below the target, or that has no score
    but at least one "weet niet". Largest distance first, "weet niet" last, then Gids order."""
    order = {s.id: n for n, s in enumerate(items)}
    gaps = [
        RoundGap(s, target)
        for s in items
        if (s.n and _exact_mean(s) < target) or (not s.n and scoring.WEET_NIET in s.values)
    ]
    gaps.sort(key=lambda g: (g.distance is None, -(g.distance or 0), order[g.stats.id]))
    return gaps


VALUE_ORDER: tuple[scoring.Value, ...] = (4, 3, 2, 1, 0, Special.WEET_NIET, Special.NVT)


def short_value(value: scoring.Value) -> str:
    if scoring.is_numeric(value):
        return str(value)
    return value_label(value)


def appendix_item(
    code: str,
    text: str,
    summary: str,
    answers: Sequence[tuple[str, "_AnswerDetail | None"]],
    *,
    grouped: bool,
) -> AppendixItem:
    """One recommendation in the appendix. In a round the respondents are grouped per value
    (one line instead of one per respondent); explanations follow, one per line."""
    given = [(who, d) for who, d in answers if d is not None and d.value is not None]
    noted = [
        (who, d)
        for who, d in answers
        if d is not None and (d.explanation or d.evidence_url or d.is_taken_over)
    ]
    if grouped:
        by_value: dict[scoring.Value, list[str]] = {}
        for who, d in given:
            by_value.setdefault(d.value, []).append(who)
        answers_label = " · ".join(
            f"{value_label(v)} – {', '.join(by_value[v])}" for v in VALUE_ORDER if v in by_value
        )
        notes = group_notes(noted)
    else:
        answers_label = value_label(given[0][1].value) if given else ""
        notes = [
            AnswerRow(who, short_value(d.value), d.explanation, d.evidence_url, d.is_taken_over)
            for who, d in noted
        ]
    return AppendixItem(code, text, summary, answers_label or "Geen antwoord.", notes)


def group_notes(noted: Sequence[tuple[str, "_AnswerDetail"]]) -> list[AnswerRow]:
    """One line per distinct explanation (with its evidence and taken-over mark), naming
    every respondent who gave it with their value, in the order they first appear: a
    standard text repeated by thirty respondents is printed once."""
    groups: dict[tuple[str, str, bool], list[str]] = {}
    for who, d in noted:
        key = (d.explanation, d.evidence_url, d.is_taken_over)
        groups.setdefault(key, []).append(f"{who} ({short_value(d.value)})")
    return [
        AnswerRow(", ".join(names), "", explanation, evidence, taken_over)
        for (explanation, evidence, taken_over), names in groups.items()
    ]


def group_not_applicable(rows: Sequence[NotApplicableRow]) -> list[NotApplicableGroup]:
    """One row per explanation, like the themes that do not apply are grouped by their
    reason: a reason given for ten recommendations (often by several respondents) is
    printed once, with the recommendations and who gave it. Groups and codes keep the order
    of the framework."""
    groups: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        who = groups.setdefault(row.explanation.strip(), {}).setdefault(row.code, [])
        if row.respondent:
            who.append(row.respondent)
    return [
        NotApplicableGroup(
            explanation,
            "; ".join(f"{code} ({', '.join(who)})" for code, who in codes.items())
            if any(codes.values())
            else ", ".join(codes),
        )
        for explanation, codes in groups.items()
    ]


def _distance_label(distance: float | None) -> str:
    if distance is None:
        return "open punt (weet niet)"
    return f"{fmt_number(distance)} {'punt' if round(distance, 1) == 1 else 'punten'}"


def _distance_short(distance: float | None) -> str:
    return "weet niet" if distance is None else fmt_number(distance)


def perspective_counts(assessments: Sequence[Assessment]) -> str:
    """ "Raad 18 · College 17 · Contramal 17 · Directeur 1", in the order of the perspectives."""
    counts = Counter(a.perspective for a in assessments)
    return " · ".join(
        f"{SHORT_PERSPECTIVES.get(p, p)} {counts[p]}" for p in Perspective.values if counts[p]
    )


def theme_chart(
    themes: Sequence[ThemeRow], previous: dict[str, float | None], *, target: int, subject: str
) -> Chart:
    tpct = target_pct(target)
    bars = [
        charts.Bar(
            label=f"{t.code} {t.title}",
            value=t.score_pct,
            value_label=t.score_label,
            previous=previous.get(t.code),
        )
        for t in themes
    ]
    listed = "; ".join(f"{t.code} {t.title}: {t.score_label}" for t in themes)
    description = (
        f"Staafdiagram: de score per thema van {subject}, als percentage van de hoogste score. "
        f"De stippellijn is de streefwaarde van {fmt_pct(tpct)}."
        + (" Het grijze balkje is de vorige ronde." if any(previous.values()) else "")
        + f" {listed}."
    )
    svg = charts.horizontal_bar_chart(
        bars,
        title="Score per thema",
        description=description,
        target_pct=tpct,
        target_label=f"streefwaarde {fmt_pct(tpct)}",
        chart_id="thema-scores",
        pct_label=lambda v: fmt_pct(v),
    )
    height = charts.TOP + len(bars) * charts.ROW_HEIGHT + charts.AXIS
    return Chart(
        svg=svg,
        data_uri=charts.svg_data_uri(svg),
        alt=description,
        width=charts.WIDTH,
        height=height,
    )


def method(framework_label: str, target: int) -> Method:
    scale = [ScaleRow(str(s.value), s.label, SCORE_MEANINGS[s.value]) for s in Score]
    scale += [
        ScaleRow("n.v.t.", Special.NVT.label, SPECIAL_MEANINGS[Special.NVT]),
        ScaleRow("?", Special.WEET_NIET.label, SPECIAL_MEANINGS[Special.WEET_NIET]),
    ]
    rules = [
        "Elke aanbeveling die voor dit samenwerkingsverband geldt, krijgt een score van 0 tot "
        "en met 4, of het antwoord ‘niet van toepassing’ of ‘weet niet’.",
        "De score van een thema is het gemiddelde van de scores, als percentage van de "
        "hoogste score (4). ‘Niet van toepassing’ en ‘weet niet’ tellen daarin niet mee.",
        "De totaalscore is het gemiddelde van de thema’s die een score hebben.",
        f"Een verbeterpunt is een aanbeveling met een score onder de streefwaarde "
        f"({target} – {Score(target).label.lower()}), of met het antwoord ‘weet niet’. "
        "De verbeterpunten staan op volgorde van de afstand tot de streefwaarde.",
        "Bij meer respondenten telt per aanbeveling het gemiddelde van hun scores. Een "
        "verschil van twee punten of meer tussen de laagste en de hoogste score is een "
        "verschil van inzicht: de Gids vraagt om dat te bespreken.",
        "Alleen ingediende zelfevaluaties tellen mee; concepten niet.",
        "Welke thema’s en aanbevelingen gelden, volgt uit de vorm van het "
        "samenwerkingsverband en de deelnemers; dat wordt niet met de hand gekozen.",
    ]
    return Method(scale=scale, rules=rules, source=framework_label)


# --- Queries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Texts:
    themes: dict[str, str]  # theme code -> title
    recommendations: dict[str, str]  # recommendation code -> text


def _texts(round_: AssessmentRound) -> _Texts:
    themes = dict(
        Theme.objects.filter(part__framework_id=round_.framework_id).values_list("code", "title")
    )
    recs = dict(
        Recommendation.objects.filter(theme__part__framework_id=round_.framework_id).values_list(
            "code", "text"
        )
    )
    return _Texts(themes, recs)


def _participants(round_: AssessmentRound) -> list[str]:
    return list(
        round_.partnership.participations.order_by("organisation__name").values_list(
            "organisation__name", flat=True
        )
    )


def _next_steps(round_: AssessmentRound, today: date) -> list[NextStepRow]:
    steps = list(
        NextStep.objects.filter(round=round_).select_related(
            "recommendation",
            "owner_body__partnership",
            "owner_body__participation__organisation",
        )
    )
    steps.sort(
        key=lambda s: (
            s.status == NextStepStatus.AFGEROND,
            s.due_on is None,
            s.due_on or date.max,
            s.pk,
        )
    )
    return [
        NextStepRow(
            description=s.description,
            recommendation=s.recommendation.code if s.recommendation_id else "",
            owner=s.owner_label or "nog niet belegd",
            due_label=fmt_date(s.due_on, "geen datum"),
            status_label=s.get_status_display(),
            is_overdue=bool(s.due_on and s.due_on < today and s.status != NextStepStatus.AFGEROND),
        )
        for s in steps
    ]


@dataclass(frozen=True)
class _AnswerDetail:
    value: scoring.Value
    explanation: str
    evidence_url: str
    is_taken_over: bool


def _answer_details(assessment_ids: Sequence[int]) -> dict[int, dict[str, _AnswerDetail]]:
    details: dict[int, dict[str, _AnswerDetail]] = {pk: {} for pk in assessment_ids}
    rows = Answer.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id",
        "recommendation__code",
        "score",
        "special",
        "explanation",
        "evidence_url",
        "is_taken_over",
    )
    for pk, code, score, special, explanation, evidence, taken_over in rows:
        value = score if score is not None else (special or None)
        details[pk][code] = _AnswerDetail(value, explanation, evidence, taken_over)
    return details


# --- Shared pieces ----------------------------------------------------------------------


def _framework_label(round_: AssessmentRound) -> str:
    framework = round_.framework
    label = f"{framework.title} ({framework.year})"
    if framework.publisher:
        label += f", {framework.publisher}"
    return label


def _legal_form(round_: AssessmentRound) -> str:
    partnership = round_.partnership
    return f"{partnership.get_legal_form_display()} ({partnership.get_cooperation_model_display()})"


def _target_label(target: int) -> str:
    return f"{target} – {Score(target).label.lower()} ({fmt_pct(target_pct(target))})"


def _excluded(applic: Any, texts: _Texts) -> tuple[list[ExcludedThemeRow], list[ExcludedItemRow]]:
    themes = [
        ExcludedThemeRow(t.code, texts.themes.get(t.code, ""), t.reason or "")
        for t in applic.themes
        if not t.applies
    ]
    items = [
        ExcludedItemRow(e.id, e.theme, texts.recommendations.get(e.id, ""), e.reason)
        for e in applic.excluded_items
    ]
    return themes, items


def group_excluded(themes: Sequence[ExcludedThemeRow]) -> list[ExcludedGroup]:
    """One group per distinct reason, in the order the reasons first appear."""
    groups: dict[str, list[ExcludedThemeRow]] = {}
    for theme in themes:
        groups.setdefault(theme.reason, []).append(theme)
    return [ExcludedGroup(reason, rows) for reason, rows in groups.items()]


def _applicability_note(round_: AssessmentRound, applic: Any) -> str:
    applicable = applic.applicable_themes()
    items = sum(len(t.items) for t in applicable)
    return (
        f"{round_.partnership.name} is een {round_.partnership.get_legal_form_display().lower()}"
        f" en wordt daarom getoetst aan deel {applic.part} van de Gids: "
        f"{_plural(len(applicable), 'thema', 'thema’s')} met "
        f"{_plural(items, 'aanbeveling', 'aanbevelingen')}. Wat niet geldt, staat hieronder, "
        "met de reden. Dat volgt uit de vorm en de deelnemers; het is niet met de hand gekozen."
    )


def _change_sentences(
    *,
    previous_period: str | None,
    overall: float | None,
    previous_overall: float | None,
    themes: Sequence[ThemeRow],
    previous: dict[str, float | None],
    missing: str,
) -> list[str]:
    if previous_period is None:
        return ["Dit is de eerste ronde: er is nog geen vorige ronde om mee te vergelijken."]
    if previous_overall is None:
        return [missing]
    if overall is None:
        return [
            f"In de vorige ronde ({previous_period}) was de totaalscore "
            f"{fmt_pct(previous_overall)}; nu zijn er nog geen scores."
        ]
    delta = round(overall - previous_overall, 1)
    if delta > 0:
        verb = "gestegen"
    elif delta < 0:
        verb = "gedaald"
    else:
        verb = None
    if verb:
        sentences = [
            f"Ten opzichte van de vorige ronde ({previous_period}) is de totaalscore {verb} "
            f"van {fmt_pct(previous_overall)} naar {fmt_pct(overall)} "
            f"({fmt_points(delta)} procentpunt)."
        ]
    else:
        sentences = [
            f"Ten opzichte van de vorige ronde ({previous_period}) is de totaalscore gelijk "
            f"gebleven: {fmt_pct(overall)}."
        ]
    moved = sorted(
        (
            (t.score_pct - previous[t.code], t)
            for t in themes
            if t.score_pct is not None and previous.get(t.code) is not None
        ),
        key=lambda pair: (-abs(pair[0]), pair[1].code),
    )
    moved = [(d, t) for d, t in moved if round(d, 1) != 0][:SUMMARY_CHANGES]
    if moved:
        sentences.append(
            "Het meest veranderd: "
            + "; ".join(f"{t.code} {t.title} ({fmt_points(d)} procentpunt)" for d, t in moved)
            + "."
        )
    return sentences


def _theme_rows(
    applic: Any,
    texts: _Texts,
    scores: dict[str, float | None],
    answered: dict[str, str],
    previous: dict[str, float | None],
    *,
    target: int,
    has_previous: bool,
) -> list[ThemeRow]:
    rows = []
    for theme in applic.applicable_themes():
        pct = scores.get(theme.code)
        prev = previous.get(theme.code)
        rows.append(
            ThemeRow(
                code=theme.code,
                title=texts.themes.get(theme.code, ""),
                score_pct=pct,
                score_label=fmt_pct(pct),
                answered_label=answered.get(theme.code, ""),
                previous_label=fmt_pct(prev, "—") if has_previous else "",
                change_label=(
                    fmt_points(pct - prev) if pct is not None and prev is not None else "—"
                ),
                reaches_target=pct is not None and pct >= target_pct(target),
            )
        )
    return rows


def _themes_sentence(themes: Sequence[ThemeRow]) -> str:
    scored = [t for t in themes if t.score_pct is not None]
    if not scored:
        return "Geen enkel thema heeft al een score."
    reached = sum(1 for t in scored if t.reaches_target)
    lowest = min(scored, key=lambda t: (t.score_pct, t.code))
    sentence = (
        f"{reached} van de {_plural(len(scored), 'thema', 'thema’s')} met een score "
        f"{'haalt' if reached == 1 else 'halen'} de streefwaarde."
    )
    if not lowest.reaches_target:
        sentence += f" Het laagst scoort {lowest.code} {lowest.title} ({lowest.score_label})."
    return sentence


def _filename(*parts: str) -> str:
    return slugify("-".join(("regiespiegel", *parts))) + ".pdf"


# --- Builders ---------------------------------------------------------------------------


def _previous_assessment(assessment: Assessment) -> Assessment | None:
    previous_round = assessment.round.previous
    if previous_round is None:
        return None
    match = previous_round.assessments.filter(
        perspective=assessment.perspective, status=AssessmentStatus.SUBMITTED
    ).select_related("round__partnership", "round__framework")
    if assessment.participation_id:
        match = match.filter(
            participation__organisation_id=assessment.participation.organisation_id
        )
    else:
        match = match.filter(participation__isnull=True)
    return match.first()


def build_assessment_report(
    assessment: Assessment, *, today: date | None = None
) -> AssessmentReport:
    """Everything the report on one respondent's assessment shows."""
    today = today or timezone.localdate()
    round_ = assessment.round
    target = round_.target
    applic = round_applicability(round_)
    score = assessment_score(assessment)
    texts = _texts(round_)
    details = _answer_details([assessment.pk])[assessment.pk]
    next_steps = _next_steps(round_, today)
    planned = set(
        NextStep.objects.filter(round=round_, recommendation__isnull=False).values_list(
            "recommendation__code", flat=True
        )
    )
    respondent = respondent_label(assessment)

    previous_assessment = _previous_assessment(assessment)
    previous_score = assessment_score(previous_assessment) if previous_assessment else None
    previous = {t.code: t.score_pct for t in previous_score.themes} if previous_score else {}
    has_previous = round_.previous_id is not None

    themes = _theme_rows(
        applic,
        texts,
        {t.code: t.score_pct for t in score.themes},
        {t.code: f"{t.answered} van {t.applicable}" for t in score.themes},
        previous,
        target=target,
        has_previous=has_previous,
    )
    gaps = [
        GapRow(
            rank=n,
            code=g.id,
            theme_code=g.theme,
            theme_title=texts.themes.get(g.theme, ""),
            text=texts.recommendations.get(g.id, ""),
            value_label=value_label(g.value),
            range_label="",
            distance_label=_distance_label(g.distance),
            has_next_step=g.id in planned,
            distance_short=_distance_short(g.distance),
        )
        for n, g in enumerate(score.gaps, start=1)
    ]
    excluded_themes, excluded_items = _excluded(applic, texts)
    not_applicable = group_not_applicable(
        [
            NotApplicableRow(code, "", d.explanation)
            for code, _theme in applic.item_pairs()
            if (d := details.get(code)) and d.value == Special.NVT
        ]
    )
    appendix = [
        AppendixTheme(
            code=t.code,
            title=texts.themes.get(t.code, ""),
            score_label=fmt_pct(score.theme(t.code).score_pct if score.theme(t.code) else None),
            context=[texts.recommendations.get(c, "") for c in t.context],
            items=[
                appendix_item(
                    code,
                    texts.recommendations.get(code, ""),
                    "",
                    [(respondent, details.get(code))],
                    grouped=False,
                )
                for code in t.items
            ],
        )
        for t in applic.applicable_themes()
    ]

    weet_niet = sum(1 for d in details.values() if d.value == Special.WEET_NIET)
    paragraphs = []
    if score.overall_pct is None:
        paragraphs.append(f"{respondent} heeft nog geen scores gegeven.")
    else:
        paragraphs.append(
            f"{respondent} geeft het samenwerkingsverband een totaalscore van "
            f"{fmt_pct(score.overall_pct)}. De streefwaarde is "
            f"{fmt_pct(target_pct(target))}: de aanbevelingen zijn dan "
            f"{Score(target).label.lower()} geregeld."
        )
    paragraphs.append(
        f"Van de {_plural(score.applicable, 'aanbeveling', 'aanbevelingen')} die gelden, "
        f"{'is' if score.answered == 1 else 'zijn'} er {score.answered} beantwoord "
        f"({fmt_pct(score.completeness_pct)})."
        + (
            f" {weet_niet} keer is ‘weet niet’ geantwoord: dat zijn open punten."
            if weet_niet
            else ""
        )
    )
    paragraphs.append(_themes_sentence(themes))
    paragraphs.append(
        f"Er {'is' if len(gaps) == 1 else 'zijn'} {_plural(len(gaps), 'verbeterpunt', 'verbeterpunten')}:"
        " aanbevelingen onder de streefwaarde of met ‘weet niet’."
        if gaps
        else "Er zijn geen verbeterpunten: alle scores halen de streefwaarde."
    )
    paragraphs.append(_next_steps_sentence(next_steps))
    previous_period = round_.previous.period if round_.previous_id else None
    change = _change_sentences(
        previous_period=previous_period,
        overall=score.overall_pct,
        previous_overall=previous_score.overall_pct if previous_score else None,
        themes=themes,
        previous=previous,
        missing=(
            f"In de vorige ronde ({previous_period}) heeft deze respondent geen ingediende "
            "zelfevaluatie met scores; er is dus niets om mee te vergelijken."
        ),
    )
    key_figures = [
        Fact("Totaalscore", fmt_pct(score.overall_pct)),
        Fact("Streefwaarde", fmt_pct(target_pct(target))),
        Fact("Beantwoord", fmt_pct(score.completeness_pct)),
        Fact("Verbeterpunten", str(len(gaps))),
    ]
    if previous_score:
        key_figures.append(Fact("Vorige ronde", fmt_pct(previous_score.overall_pct)))

    status = (
        f"Ingediend op {fmt_date(timezone.localdate(assessment.submitted_at))}"
        if assessment.is_submitted and assessment.submitted_at
        else "Concept: nog niet ingediend"
    )
    partnership = round_.partnership.name
    return AssessmentReport(
        pk=assessment.pk,
        title=f"Zelfevaluatie {partnership} {round_.period} – {respondent}",
        heading="Zelfevaluatie regionale samenwerking",
        subheading=respondent,
        partnership=partnership,
        period=round_.period,
        generated_on=today,
        generated_label=fmt_date(today),
        filename=_filename(partnership, round_.period, "zelfevaluatie", respondent),
        is_draft=not assessment.is_submitted,
        cover=[
            Fact("Samenwerkingsverband", partnership),
            Fact("Vorm", _legal_form(round_)),
            Fact("Deelnemers", ", ".join(_participants(round_))),
            Fact("Periode", round_.period),
            Fact("Respondent", respondent),
            Fact("Status", status),
            Fact("Datum van dit rapport", fmt_date(today)),
            Fact("Getoetst aan", _framework_label(round_)),
        ],
        respondents=[respondent],
        summary=Summary(
            key_figures=key_figures,
            paragraphs=paragraphs,
            top_gaps=gaps[:SUMMARY_GAPS],
            top_divergences=[],
            change=change,
        ),
        target_label=_target_label(target),
        themes=themes,
        chart=theme_chart(themes, previous, target=target, subject=respondent),
        gaps=gaps,
        next_steps=next_steps,
        applicability_note=_applicability_note(round_, applic),
        excluded_themes=excluded_themes,
        excluded_groups=group_excluded(excluded_themes),
        excluded_items=excluded_items,
        not_applicable=not_applicable,
        has_previous=has_previous,
        previous_label=f"Vorige ronde ({previous_period})" if previous_period else "",
        appendix=appendix,
        method=method(_framework_label(round_), target),
        respondent=respondent,
    )


def _cover_respondents(
    n: int,
    invited: int,
    assessments: Sequence[Assessment],
    names: Sequence[str],
    numbered: bool,
) -> str:
    """Who answered, on the cover: the names, or with many respondents (numbered, with a
    legend in the appendix) how many per perspective; fifty names would fill the cover."""
    said = f"{n} van {invited} zelfevaluaties ingediend"
    if numbered:
        return (
            f"{said} ({perspective_counts(assessments)}); ze staan genummerd aan het begin "
            "van de bijlage"
        )
    return f"{said}: {', '.join(names)}" if names else said


def _next_steps_sentence(steps: Sequence[NextStepRow]) -> str:
    if not steps:
        return "Er zijn nog geen vervolgstappen afgesproken."
    done = NextStepStatus.AFGEROND.label
    open_ = sum(1 for s in steps if s.status_label != done)
    overdue = sum(1 for s in steps if s.is_overdue)
    sentence = (
        f"Er {'is' if len(steps) == 1 else 'zijn'} "
        f"{_plural(len(steps), 'vervolgstap', 'vervolgstappen')} afgesproken; "
        f"{open_} daarvan {'is' if open_ == 1 else 'zijn'} nog niet afgerond."
    )
    if overdue:
        sentence += f" {overdue} {'is' if overdue == 1 else 'zijn'} over de datum."
    return sentence


def build_round_report(round_: AssessmentRound, *, today: date | None = None) -> RoundReport:
    """The council report: every submitted perspective of the round together."""
    today = today or timezone.localdate()
    target = round_.target
    applic = round_applicability(round_)
    score = round_score(round_)
    responses = submitted_responses(round_)
    texts = _texts(round_)
    assessments = [a for a, _ in responses]
    names = {a.pk: respondent_label(a) for a in assessments}
    numbered = len(assessments) > NAMED_RESPONDENTS_MAX
    labels = {a.pk: f"R{n}" for n, a in enumerate(assessments, start=1)} if numbered else names
    legend = [Fact(labels[a.pk], names[a.pk]) for a in assessments] if numbered else []
    details = _answer_details([a.pk for a in assessments])
    invited = round_.assessments.count()
    next_steps = _next_steps(round_, today)
    planned = set(
        NextStep.objects.filter(round=round_, recommendation__isnull=False).values_list(
            "recommendation__code", flat=True
        )
    )
    stats = {s.id: s for s in score.items}

    previous_round = round_.previous
    previous_score = round_score(previous_round) if previous_round else None
    previous = {t.code: t.score_pct for t in previous_score.themes} if previous_score else {}

    themes = _theme_rows(
        applic,
        texts,
        {t.code: t.score_pct for t in score.themes},
        {
            t.code: f"{sum(1 for code in t.items if stats[code].n)} van {len(t.items)}"
            for t in applic.applicable_themes()
        },
        previous,
        target=target,
        has_previous=previous_round is not None,
    )

    def respondent_values(code: str) -> list[RespondentValue]:
        return [
            RespondentValue(labels[a.pk], value_label(values.get(code))) for a, values in responses
        ]

    def range_label(s: scoring.ItemStats) -> str:
        return "" if s.min is None else f"{s.min}–{s.max}"

    gaps = [
        GapRow(
            rank=n,
            code=g.stats.id,
            theme_code=g.stats.theme,
            theme_title=texts.themes.get(g.stats.theme, ""),
            text=texts.recommendations.get(g.stats.id, ""),
            value_label=(
                f"gemiddeld {fmt_number(_exact_mean(g.stats))}" if g.stats.n else "weet niet"
            ),
            range_label=range_label(g.stats),
            distance_label=_distance_label(g.distance),
            has_next_step=g.stats.id in planned,
            distance_short=_distance_short(g.distance),
        )
        for n, g in enumerate(round_gaps(score.items, target=target), start=1)
    ]

    def who_scored(code: str, value: int | None) -> str:
        names = [labels[a.pk] for a, values in responses if values.get(code) == value]
        return f"{value}: {', '.join(names)}"

    divergences = [
        DivergenceRow(
            code=s.id,
            theme_code=s.theme,
            text=texts.recommendations.get(s.id, ""),
            mean_label=fmt_number(_exact_mean(s)),
            range_label=range_label(s),
            spread=s.spread or 0,
            lowest=who_scored(s.id, s.min),
            highest=who_scored(s.id, s.max),
            values=respondent_values(s.id),
        )
        for s in score.divergent()
    ]
    excluded_themes, excluded_items = _excluded(applic, texts)
    not_applicable = group_not_applicable(
        [
            NotApplicableRow(code, labels[a.pk], d.explanation)
            for code, _theme in applic.item_pairs()
            for a in assessments
            if (d := details[a.pk].get(code)) and d.value == Special.NVT
        ]
    )
    appendix = []
    for t in applic.applicable_themes():
        items = []
        for code in t.items:
            s = stats[code]
            summary = (
                f"gemiddeld {fmt_number(_exact_mean(s))} · laagste {s.min} · hoogste {s.max}"
                if s.n
                else "geen scores"
            )
            answers = [(labels[a.pk], details[a.pk].get(code)) for a in assessments]
            items.append(
                appendix_item(
                    code, texts.recommendations.get(code, ""), summary, answers, grouped=True
                )
            )
        theme_score = score.theme(t.code)
        appendix.append(
            AppendixTheme(
                code=t.code,
                title=texts.themes.get(t.code, ""),
                score_label=fmt_pct(theme_score.score_pct if theme_score else None),
                context=[texts.recommendations.get(c, "") for c in t.context],
                items=items,
            )
        )

    respondents = [names[a.pk] for a in assessments]
    n = len(assessments)
    weet_niet = sum(
        1 for a in assessments for d in details[a.pk].values() if d.value == Special.WEET_NIET
    )
    paragraphs = [
        f"{_plural(n, 'respondent heeft', 'respondenten hebben')} de zelfevaluatie ingediend"
        f" (van de {invited} uitgenodigd)."
        + ("" if n == invited else " Concepten tellen niet mee.")
    ]
    if score.overall_pct is None:
        paragraphs.append("Er zijn nog geen scores gegeven.")
    else:
        paragraphs.append(
            f"{'De respondent geeft' if n == 1 else 'Samen geven zij'} het samenwerkingsverband "
            f"een totaalscore van {fmt_pct(score.overall_pct)}. De streefwaarde is "
            f"{fmt_pct(target_pct(target))}: de aanbevelingen zijn dan "
            f"{Score(target).label.lower()} geregeld."
        )
    paragraphs.append(_themes_sentence(themes))
    paragraphs.append(
        (
            f"Er {'is' if len(gaps) == 1 else 'zijn'} "
            f"{_plural(len(gaps), 'verbeterpunt', 'verbeterpunten')}: aanbevelingen die gemiddeld "
            "onder de streefwaarde scoren, of waarover alleen ‘weet niet’ is gezegd."
            if gaps
            else "Er zijn geen verbeterpunten: alle aanbevelingen halen gemiddeld de streefwaarde."
        )
        + (f" In totaal is {weet_niet} keer ‘weet niet’ geantwoord." if weet_niet else "")
    )
    if n > 1:
        paragraphs.append(
            f"Bij {_plural(len(divergences), 'aanbeveling', 'aanbevelingen')} verschillen de "
            "respondenten twee punten of meer van mening. Zo’n verschil is zelf een bevinding: "
            "bespreek het."
            if divergences
            else "De respondenten verschillen nergens twee punten of meer van mening."
        )
    paragraphs.append(_next_steps_sentence(next_steps))
    previous_period = previous_round.period if previous_round else None
    change = _change_sentences(
        previous_period=previous_period,
        overall=score.overall_pct,
        previous_overall=previous_score.overall_pct if previous_score else None,
        themes=themes,
        previous=previous,
        missing=(
            f"De vorige ronde ({previous_period}) heeft geen ingediende scores; er is dus niets "
            "om mee te vergelijken."
        ),
    )
    key_figures = [
        Fact("Totaalscore", fmt_pct(score.overall_pct)),
        Fact("Streefwaarde", fmt_pct(target_pct(target))),
        Fact("Respondenten", f"{n} van {invited}"),
        Fact("Verbeterpunten", str(len(gaps))),
        Fact("Verschillen van inzicht", str(len(divergences))),
    ]
    if previous_score:
        key_figures.append(Fact("Vorige ronde", fmt_pct(previous_score.overall_pct)))

    status = round_.get_status_display()
    if round_.status == RoundStatus.OPEN:
        status += f": in te vullen vóór {fmt_date(round_.due_on)}"
    partnership = round_.partnership.name
    return RoundReport(
        pk=round_.pk,
        title=f"Raadsrapport {partnership} {round_.period}",
        heading="Raadsrapport regionale samenwerking",
        subheading=f"Alle perspectieven samen, ronde {round_.period}",
        partnership=partnership,
        period=round_.period,
        generated_on=today,
        generated_label=fmt_date(today),
        filename=_filename(partnership, round_.period, "raadsrapport"),
        is_draft=False,
        cover=[
            Fact("Samenwerkingsverband", partnership),
            Fact("Vorm", _legal_form(round_)),
            Fact("Deelnemers", ", ".join(_participants(round_))),
            Fact("Periode", round_.period),
            Fact(
                "Respondenten", _cover_respondents(n, invited, assessments, respondents, numbered)
            ),
            Fact("Status van de ronde", status),
            Fact("Datum van dit rapport", fmt_date(today)),
            Fact("Getoetst aan", _framework_label(round_)),
        ],
        respondents=respondents,
        summary=Summary(
            key_figures=key_figures,
            paragraphs=paragraphs,
            top_gaps=gaps[:SUMMARY_GAPS],
            top_divergences=divergences[:SUMMARY_DIVERGENCES],
            change=change,
        ),
        target_label=_target_label(target),
        themes=themes,
        chart=theme_chart(themes, previous, target=target, subject="alle respondenten samen"),
        gaps=gaps,
        next_steps=next_steps,
        applicability_note=_applicability_note(round_, applic),
        excluded_themes=excluded_themes,
        excluded_groups=group_excluded(excluded_themes),
        excluded_items=excluded_items,
        not_applicable=not_applicable,
        has_previous=previous_round is not None,
        previous_label=f"Vorige ronde ({previous_period})" if previous_period else "",
        appendix=appendix,
        method=method(_framework_label(round_), target),
        divergences=divergences,
        respondent_legend=legend,
    )


# --- Rendering --------------------------------------------------------------------------


def render_report_html(report: Report, **extra: Any) -> str:
    """The report's HTML; `extra` adds preview-only context (links), never data."""
    return render_html(report.template, {"report": report, **extra})


def render_report(report: Report) -> tuple[str, bytes]:
    """(html, pdf): the one way to a report PDF, used by the web view and the command."""
    return render_to_pdf(report.template, {"report": report})
