"""The report on one respondent's assessment: its scores, gaps and answers, compared with the
same respondent's assessment in the previous round.

`build_assessment_report` runs every query first (a constant number) and returns a finished
`AssessmentReport`; each step below takes what was read and returns one finished part.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from django.utils import timezone

from assessments import scoring
from assessments.constants import Score, Special
from assessments.models import Assessment
from assessments.presentation import (
    documented_label,
    fmt_date,
    fmt_pct,
    is_are,
    plural,
    respondent_short_label,
    target_label,
    target_pct,
    term,
)
from assessments.questionnaire.panel.selectors import panel_summary
from assessments.questionnaire.question_sets import is_self_assessment
from assessments.scores import assessment_score, optional_codes, round_applicability
from partnerships.applicability import Applicability

from .content import (
    SUMMARY_GAPS,
    AppendixTheme,
    AssessmentReport,
    Fact,
    GapRow,
    NextStepRow,
    NotApplicableGroup,
    NotApplicableRow,
    Summary,
    ThemeRow,
)
from .evidence import evidence_rows
from .exclusions import group_excluded
from .findings import assessment_gap_rows
from .sections import (
    appendix_item,
    appendix_theme,
    applicability_note,
    change_sentences,
    cover,
    excluded_items,
    excluded_themes,
    filename,
    framework_label,
    group_not_applicable,
    method,
    next_step_rows,
    next_steps_sentence,
    previous_label,
    theme_chart,
    theme_rows,
    themes_sentence,
)
from .selectors import (
    AnswerDetail,
    Texts,
    answer_details,
    framework_texts,
    planned_codes,
    previous_assessment,
    round_next_steps,
)
from .wgr import wgr_section


def build_assessment_report(
    assessment: Assessment, *, today: date | None = None
) -> AssessmentReport:
    """Everything the report on one respondent's assessment shows."""
    today = today or timezone.localdate()
    round_ = assessment.round
    target = round_.target
    applic = round_applicability(round_)
    score = assessment_score(assessment)
    texts = framework_texts(round_)
    details = answer_details([assessment.pk])[assessment.pk]
    next_steps = next_step_rows(round_next_steps(round_), today)
    respondent = respondent_short_label(assessment)

    # Compared with the same respondent in the previous round, when that round exists and
    # the respondent submitted there.
    earlier = previous_assessment(assessment)
    previous_score = assessment_score(earlier) if earlier else None
    previous = {t.code: t.score_pct for t in previous_score.themes} if previous_score else {}
    previous_round = round_.previous
    previous_period = previous_round.period if previous_round is not None else None

    themes = theme_rows(
        applic,
        texts,
        {t.code: t.score_pct for t in score.themes},
        {t.code: f"{t.scored} van {t.applicable}" for t in score.themes},
        previous,
        target=target,
        has_previous=previous_round is not None,
    )
    gaps = assessment_gap_rows(score.gaps, texts, planned_codes(round_))
    excluded = excluded_themes(applic, texts)
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
        filename=filename(partnership, round_.period, "zelfevaluatie", respondent),
        is_draft=not assessment.is_submitted,
        cover=cover(
            round_,
            respondents=Fact("Respondent", respondent),
            status=Fact("Status", _status(assessment)),
            today=today,
        ),
        respondents=[respondent],
        summary=Summary(
            key_figures=_key_figures(score, previous_score, target=target, gaps=len(gaps)),
            paragraphs=_paragraphs(
                respondent, score, details, themes, gaps, next_steps, target=target
            ),
            top_gaps=gaps[:SUMMARY_GAPS],
            top_divergences=[],
            change=change_sentences(
                previous_period=previous_period,
                overall=score.overall_pct,
                previous_overall=previous_score.overall_pct if previous_score else None,
                themes=themes,
                previous=previous,
                missing=(
                    f"In de vorige ronde ({previous_period}) heeft deze respondent geen "
                    "ingediende zelfevaluatie met scores; er is dus niets om mee te vergelijken."
                ),
            ),
        ),
        target_label=target_label(target),
        themes=themes,
        chart=theme_chart(themes, previous, target=target, subject=respondent),
        gaps=gaps,
        next_steps=next_steps,
        applicability_note=applicability_note(round_, applic),
        excluded_themes=excluded,
        excluded_groups=group_excluded(excluded, applic),
        excluded_items=excluded_items(applic, texts),
        not_applicable=_not_applicable(applic, details),
        has_previous=previous_round is not None,
        previous_label=previous_label(previous_period),
        appendix=_appendix(applic, texts, score, details, respondent, assessment.perspective),
        method=method(framework_label(round_), target, is_round=False),
        wgr=wgr_section(round_.partnership),
        respondent=respondent,
        panel=panel_summary(assessment),
        evidence=evidence_rows(
            [assessment.pk],
            {},
            [code for code, _ in applic.item_pairs()],
            framework_id=round_.framework_id,
            hidden=applic.hidden_practical(),
        ),
    )


def _documented(detail: AnswerDetail | None) -> str:
    """ "Ja" or "Nee" for a score whose respondent said; "" otherwise."""
    if detail is None or detail.documented is None or not scoring.is_numeric(detail.value):
        return ""
    return documented_label(detail.documented)


def _status(assessment: Assessment) -> str:
    if assessment.is_submitted and assessment.submitted_at:
        return f"Ingediend op {fmt_date(timezone.localdate(assessment.submitted_at))}"
    return "Concept: nog niet ingediend"


def _key_figures(
    score: scoring.AssessmentScore,
    previous_score: scoring.AssessmentScore | None,
    *,
    target: int,
    gaps: int,
) -> list[Fact]:
    figures = [
        Fact(term("total"), fmt_pct(score.overall_pct)),
        Fact(term("target"), fmt_pct(target_pct(target))),
        Fact(term("answered"), fmt_pct(score.completeness_pct)),
        Fact("Verbeterpunten", str(gaps)),
    ]
    if previous_score:
        figures.append(Fact("Vorige ronde", fmt_pct(previous_score.overall_pct)))
    return figures


def _paragraphs(
    respondent: str,
    score: scoring.AssessmentScore,
    details: Mapping[str, AnswerDetail],
    themes: Sequence[ThemeRow],
    gaps: Sequence[GapRow],
    next_steps: Sequence[NextStepRow],
    *,
    target: int,
) -> list[str]:
    """The summary in sentences: the score, how much was answered, the themes, the gaps and
    the next steps."""
    if score.overall_pct is None:
        overall = f"{respondent} heeft nog geen scores gegeven."
    else:
        overall = (
            f"{respondent} geeft het samenwerkingsverband een totaalscore van "
            f"{fmt_pct(score.overall_pct)}. De streefwaarde is "
            f"{fmt_pct(target_pct(target))}: de aanbevelingen zijn dan "
            f"{Score(target).label.lower()} geregeld."
        )
    weet_niet = sum(1 for d in details.values() if d.value == Special.WEET_NIET)
    if score.optional:
        asked = (
            f"Van de {plural(score.expected, 'eigen vraag', 'eigen vragen')} van dit "
            f"perspectief {is_are(score.answered)} er {score.answered} beantwoord "
            f"({fmt_pct(score.completeness_pct)}); van de {score.optional} vragen die het kon "
            f"overslaan, {is_are(score.answered_optional)} er {score.answered_optional} "
            "beantwoord. Die tellen mee in de scores."
        )
    else:
        asked = (
            f"Van de {plural(score.applicable, 'aanbeveling', 'aanbevelingen')} die gelden, "
            f"{is_are(score.answered)} er {score.answered} beantwoord "
            f"({fmt_pct(score.completeness_pct)})."
        )
    answered = asked + (
        f" {weet_niet} keer is ‘weet niet’ geantwoord: dat zijn open punten." if weet_niet else ""
    )
    gaps_sentence = (
        f"Er {is_are(len(gaps))} {plural(len(gaps), 'verbeterpunt', 'verbeterpunten')}:"
        " aanbevelingen onder de streefwaarde of met ‘weet niet’."
        if gaps
        else "Er zijn geen verbeterpunten: alle scores halen de streefwaarde."
    )
    return [
        overall,
        answered,
        themes_sentence(themes),
        gaps_sentence,
        next_steps_sentence(next_steps),
    ]


def _not_applicable(
    applic: Applicability, details: Mapping[str, AnswerDetail]
) -> list[NotApplicableGroup]:
    """The recommendations the respondent called "niet van toepassing", by explanation."""
    return group_not_applicable(
        [
            NotApplicableRow(code, "", d.explanation)
            for code, _theme in applic.item_pairs()
            if (d := details.get(code)) and d.value == Special.NVT
        ]
    )


def _appendix(
    applic: Applicability,
    texts: Texts,
    score: scoring.AssessmentScore,
    details: Mapping[str, AnswerDetail],
    respondent: str,
    perspective: str,
) -> list[AppendixTheme]:
    """Every applicable recommendation with the respondent's answer and explanation, whether
    it is laid down on paper ("vastgelegd"), and which answers are a self-assessment."""
    optional = optional_codes(applic, perspective)
    themes = []
    for t in applic.applicable_themes():
        theme_score = score.theme(t.code)
        items = [
            replace(
                appendix_item(
                    code,
                    texts.recommendation(code),
                    "",
                    [(respondent, detail)],
                    grouped=False,
                ),
                documented_label=_documented(detail),
                self_assessment=is_self_assessment(perspective, code),
                optional=code in optional,
            )
            for code in t.items
            for detail in [details.get(code)]
        ]
        themes.append(
            appendix_theme(t, texts, fmt_pct(theme_score.score_pct if theme_score else None), items)
        )
    return themes
