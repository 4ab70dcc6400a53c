"""What a report shows, as frozen dataclasses of strings, numbers and lists.

The builders (assessment_report.py, round_report.py) fill them completely, with every number
and date already formatted in Dutch; the templates in templates/assessments/report/ only read
their attributes, so rendering a report never touches the database.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from assessments.questionnaire.panel.selectors import PanelSummary
from assessments.reports.wgr import WgrSection
from assessments.rounds.perspectives import PerspectiveTable

from .evidence import EvidenceRow

# A council reads the first twenty gaps and differences of view in a table; the rest are
# named by code after it (every answer is in the appendix). With fifty respondents nearly
# every recommendation differs by two points, and a table of all of them would bury the
# largest.
GAPS_LISTED = 20
DIVERGENCES_LISTED = 20
# The summary, one page, names the largest few of each.
SUMMARY_GAPS = 5
SUMMARY_DIVERGENCES = 3


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
    # Set when these are all the themes of a Part: then one line says so, no list.
    whole_part: str = ""


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
    documented_label: str = ""  # one respondent's "vastgelegd": "Ja", "Nee"; "" when not said
    self_assessment: bool = False  # about the respondent's own role
    optional: bool = False  # not one of the respondent's own questions


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
    terms: list[Fact]  # the glossary's words and what they mean
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
    # The regeling against the Wgr's own duties: a chapter of its own, never in the scores.
    wgr: WgrSection | None = None
    # "Bijlage: onderbouwing per antwoord" (assessments/reports/evidence.py).
    evidence: list[EvidenceRow] = field(default_factory=list)

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
    # A raad assessment with a raad panel: how many raadsleden answered and where they
    # differed, never who said what (the report may reach other participants).
    panel: PanelSummary | None = None


@dataclass(frozen=True)
class RoundReport(Report):
    template: ClassVar[str] = "assessments/report/round.html"
    is_round: ClassVar[bool] = True

    divergences: list[DivergenceRow] = field(default_factory=list)
    # Nothing submitted yet: the report says so on its cover and summary and has no result
    # chapters, instead of scores, gaps and "no gaps" made from nothing.
    is_empty: bool = False
    # While the round is open, on every page: "Voorlopig: stand van 10 maart 2026, 2 van 6
    # ingediend". Empty once the round is closed.
    provisional: str = ""
    # The total next to the raad's, the bestuur's and the organisation's scores.
    perspectives: PerspectiveTable | None = None
    # The previous round's next steps that are past their date and not finished.
    previous_overdue: list[NextStepRow] = field(default_factory=list)
    previous_period: str = ""
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
