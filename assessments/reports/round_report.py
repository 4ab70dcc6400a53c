"""The council report on a round: every submitted perspective together, the differences of
view between them, and the comparison with the previous round.

`build_round_report` runs every query first (a constant number, whatever the size of the
round) and returns a finished `RoundReport`; each step below takes what was read and returns
one finished part.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from assessments import scoring
from assessments.constants import RoundStatus, Score, Special
from assessments.models import Assessment, AssessmentRound
from assessments.presentation import (
    fmt_date,
    fmt_number,
    fmt_pct,
    is_are,
    perspective_counts,
    plural,
    respondent_short_label,
    target_label,
    target_pct,
    term,
)
from assessments.rounds.perspectives import perspective_table
from assessments.scores import (
    round_applicability,
    round_score,
    scoring_items,
    submitted_responses,
)
from partnerships.applicability import Applicability

from .content import (
    SUMMARY_DIVERGENCES,
    SUMMARY_GAPS,
    AppendixTheme,
    DivergenceRow,
    Fact,
    GapRow,
    NextStepRow,
    NotApplicableGroup,
    NotApplicableRow,
    RoundReport,
    Summary,
    ThemeRow,
)
from .evidence import evidence_rows
from .exclusions import group_excluded
from .findings import divergence_rows, exact_mean, round_gap_rows
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
    round_next_steps,
)
from .wgr import wgr_section

# Up to this many respondents a round report names them wherever it lists who answered
# what; above it they are numbered (R1, R2, ...) with a legend in the appendix, so that a
# round with fifty respondents does not spend most of its pages on repeated names.
NAMED_RESPONDENTS_MAX = 8


@dataclass(frozen=True)
class RespondentNames:
    """How the report names each submitted assessment (by pk)."""

    names: dict[int, str]  # "Raad Gemeente Aalstad"
    labels: dict[int, str]  # the names, or "R1", "R2", ... when numbered
    numbered: bool
    legend: list[Fact]  # R1 = Raad Gemeente Aalstad, ...; empty when named


def respondent_names(assessments: Sequence[Assessment]) -> RespondentNames:
    names = {a.pk: respondent_short_label(a) for a in assessments}
    if len(assessments) <= NAMED_RESPONDENTS_MAX:
        return RespondentNames(names, names, numbered=False, legend=[])
    labels = {a.pk: f"R{n}" for n, a in enumerate(assessments, start=1)}
    legend = [Fact(labels[a.pk], names[a.pk]) for a in assessments]
    return RespondentNames(names, labels, numbered=True, legend=legend)


def build_round_report(round_: AssessmentRound, *, today: date | None = None) -> RoundReport:
    """The council report: every submitted perspective of the round together."""
    today = today or timezone.localdate()
    target = round_.target
    applic = round_applicability(round_)
    score = round_score(round_)
    responses = submitted_responses(round_)
    assessments = [a for a, _ in responses]
    who = respondent_names(assessments)
    texts = framework_texts(round_)
    details = answer_details([a.pk for a in assessments])
    invited = round_.assessments.count()
    next_steps = next_step_rows(round_next_steps(round_), today)
    n = len(assessments)
    is_open = round_.status == RoundStatus.OPEN
    provisional = (
        f"{term('provisional')}: stand van {fmt_date(today)}, {n} van {invited} ingediend"
        if is_open
        else ""
    )

    previous_round = round_.previous
    previous_overdue = (
        [row for row in next_step_rows(round_next_steps(previous_round), today) if row.is_overdue]
        if previous_round
        else []
    )
    previous_score = round_score(previous_round) if previous_round else None
    previous = {t.code: t.score_pct for t in previous_score.themes} if previous_score else {}
    previous_period = previous_round.period if previous_round else None

    themes = theme_rows(
        applic,
        texts,
        {t.code: t.score_pct for t in score.themes},
        _answered_per_theme(applic, score),
        previous,
        target=target,
        has_previous=previous_round is not None,
    )
    gaps = round_gap_rows(score.items, target=target, texts=texts, planned=planned_codes(round_))
    divergences = divergence_rows(
        score.divergent(), [(a.pk, values) for a, values in responses], who.labels, texts
    )
    excluded = excluded_themes(applic, texts)
    perspectives = perspective_table(
        scoring_items(applic, {}), responses, {t.code: t.title for t in themes}, score
    )
    respondents = [who.names[a.pk] for a in assessments]
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
        filename=filename(partnership, round_.period, "raadsrapport"),
        is_draft=False,
        cover=cover(
            round_,
            respondents=Fact("Respondenten", _cover_respondents(assessments, who, invited)),
            status=Fact("Status van de ronde", _status(round_)),
            today=today,
        ),
        respondents=respondents,
        summary=Summary(
            key_figures=_key_figures(
                score,
                previous_score,
                target=target,
                respondents=f"{n} van {invited}",
                gaps=len(gaps),
                divergences=len(divergences),
            ),
            paragraphs=_empty_paragraphs(invited, next_steps, previous_overdue, previous_period)
            if n == 0
            else _paragraphs(
                score,
                details,
                themes,
                gaps,
                divergences,
                next_steps,
                n=n,
                invited=invited,
                target=target,
                perspectives=perspectives.sentence,
                provisional=is_open,
            ),
            top_gaps=gaps[:SUMMARY_GAPS],
            top_divergences=divergences[:SUMMARY_DIVERGENCES],
            change=change_sentences(
                previous_period=previous_period,
                overall=score.overall_pct,
                previous_overall=previous_score.overall_pct if previous_score else None,
                themes=themes,
                previous=previous,
                missing=(
                    f"De vorige ronde ({previous_period}) heeft geen ingediende scores; er is "
                    "dus niets om mee te vergelijken."
                ),
            ),
        ),
        target_label=target_label(target),
        themes=themes,
        chart=theme_chart(themes, previous, target=target, subject="alle respondenten samen"),
        gaps=gaps,
        next_steps=next_steps,
        applicability_note=applicability_note(round_, applic),
        excluded_themes=excluded,
        excluded_groups=group_excluded(excluded, applic),
        excluded_items=excluded_items(applic, texts),
        not_applicable=_not_applicable(applic, assessments, details, who),
        has_previous=previous_round is not None,
        previous_label=previous_label(previous_period),
        appendix=_appendix(applic, texts, score, assessments, details, who),
        evidence=evidence_rows(
            [a.pk for a in assessments],
            who.labels,
            [code for code, _ in applic.item_pairs()],
            framework_id=round_.framework_id,
            hidden=applic.hidden_practical(),
        ),
        method=method(framework_label(round_), target, is_round=True),
        wgr=wgr_section(round_.partnership),
        divergences=divergences,
        respondent_legend=who.legend,
        is_empty=n == 0,
        provisional=provisional,
        perspectives=perspectives,
        previous_overdue=previous_overdue,
        previous_period=previous_period or "",
    )


def _answered_per_theme(applic: Applicability, score: scoring.RoundScore) -> dict[str, str]:
    """ "3 van 5" per theme: the recommendations that at least one respondent scored."""
    stats = {s.id: s for s in score.items}
    return {
        t.code: f"{sum(1 for code in t.items if stats[code].n)} van {len(t.items)}"
        for t in applic.applicable_themes()
    }


def _status(round_: AssessmentRound) -> str:
    status = round_.get_status_display()
    if round_.status == RoundStatus.OPEN:
        status += f": in te vullen vóór {fmt_date(round_.due_on)}"
    return status


def _cover_respondents(
    assessments: Sequence[Assessment], who: RespondentNames, invited: int
) -> str:
    """Who answered, on the cover: the names, or with many respondents (numbered, with a
    legend in the appendix) how many per perspective; fifty names would fill the cover."""
    said = f"{len(assessments)} van {invited} zelfevaluaties ingediend"
    if who.numbered:
        return (
            f"{said} ({perspective_counts(assessments)}); ze staan genummerd aan het begin "
            "van de bijlage"
        )
    names = [who.names[a.pk] for a in assessments]
    return f"{said}: {', '.join(names)}" if names else said


def _key_figures(
    score: scoring.RoundScore,
    previous_score: scoring.RoundScore | None,
    *,
    target: int,
    respondents: str,
    gaps: int,
    divergences: int,
) -> list[Fact]:
    if not score.respondents:
        # Nothing submitted: no total, and no "0 verbeterpunten" that reads as all is well.
        return [
            Fact("Respondenten", respondents),
            Fact(term("target"), fmt_pct(target_pct(target))),
        ]
    figures = [
        Fact(term("total"), fmt_pct(score.overall_pct)),
        Fact(term("target"), fmt_pct(target_pct(target))),
        Fact("Respondenten", respondents),
        Fact("Verbeterpunten", str(gaps)),
        Fact("Verschillen van inzicht", str(divergences)),
    ]
    if previous_score:
        figures.append(Fact("Vorige ronde", fmt_pct(previous_score.overall_pct)))
    return figures


def _paragraphs(
    score: scoring.RoundScore,
    details: Mapping[int, Mapping[str, AnswerDetail]],
    themes: Sequence[ThemeRow],
    gaps: Sequence[GapRow],
    divergences: Sequence[DivergenceRow],
    next_steps: Sequence[NextStepRow],
    *,
    n: int,
    invited: int,
    target: int,
    perspectives: str,
    provisional: bool,
) -> list[str]:
    """The summary in sentences: who answered, the score and the perspectives beside it,
    the themes, the gaps, the differences of view (with more than one respondent) and the
    next steps."""
    paragraphs = [
        f"{plural(n, 'respondent heeft', 'respondenten hebben')} de zelfevaluatie ingediend"
        f" (van de {invited} uitgenodigd)."
        + ("" if n == invited else " Concepten tellen niet mee.")
        + (
            " De ronde is nog open: de uitkomsten zijn voorlopig en kunnen veranderen als er "
            "meer wordt ingediend."
            if provisional
            else ""
        )
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
        paragraphs.append(
            "Het totaal weegt elke respondent even zwaar. Per perspectief: " + perspectives + "."
        )
    paragraphs.append(themes_sentence(themes))
    weet_niet = sum(
        1 for answers in details.values() for d in answers.values() if d.value == Special.WEET_NIET
    )
    paragraphs.append(
        (
            f"Er {is_are(len(gaps))} "
            f"{plural(len(gaps), 'verbeterpunt', 'verbeterpunten')}: aanbevelingen die gemiddeld "
            "onder de streefwaarde scoren, of waarover alleen ‘weet niet’ is gezegd."
            if gaps
            else "Er zijn geen verbeterpunten: alle aanbevelingen halen gemiddeld de streefwaarde."
        )
        + (f" In totaal is {weet_niet} keer ‘weet niet’ geantwoord." if weet_niet else "")
    )
    if n > 1:
        paragraphs.append(
            f"Bij {plural(len(divergences), 'aanbeveling', 'aanbevelingen')} verschillen de "
            "respondenten twee punten of meer van mening. Zo’n verschil is zelf een bevinding: "
            "bespreek het."
            if divergences
            else "De respondenten verschillen nergens twee punten of meer van mening."
        )
    paragraphs.append(next_steps_sentence(next_steps))
    return paragraphs


def _empty_paragraphs(
    invited: int,
    next_steps: Sequence[NextStepRow],
    previous_overdue: Sequence[NextStepRow],
    previous_period: str | None,
) -> list[str]:
    """The summary of a round in which nothing was submitted: it says so, and draws no
    conclusion from the absence of answers."""
    paragraphs = [
        (
            "De uitgenodigde respondent heeft de zelfevaluatie nog niet ingediend."
            if invited == 1
            else f"Nog geen van de {invited} uitgenodigde respondenten heeft de zelfevaluatie "
            "ingediend."
        ),
        "Er zijn dus nog geen scores, verbeterpunten of verschillen van inzicht. Dit rapport "
        "zegt daarom niets over hoe de samenwerking ervoor staat; het bevat geen hoofdstukken "
        "met uitkomsten.",
        next_steps_sentence(next_steps),
    ]
    if previous_overdue:
        paragraphs.append(
            f"Uit de vorige ronde ({previous_period}) "
            f"{is_are(len(previous_overdue))} "
            f"{plural(len(previous_overdue), 'vervolgstap', 'vervolgstappen')} over de datum en "
            "nog niet afgerond; ze staan in het hoofdstuk Vervolgstappen."
        )
    return paragraphs


def _not_applicable(
    applic: Applicability,
    assessments: Sequence[Assessment],
    details: Mapping[int, Mapping[str, AnswerDetail]],
    who: RespondentNames,
) -> list[NotApplicableGroup]:
    """The recommendations respondents called "niet van toepassing", by explanation, with
    who gave it."""
    return group_not_applicable(
        [
            NotApplicableRow(code, who.labels[a.pk], d.explanation)
            for code, _theme in applic.item_pairs()
            for a in assessments
            if (d := details[a.pk].get(code)) and d.value == Special.NVT
        ]
    )


def _appendix(
    applic: Applicability,
    texts: Texts,
    score: scoring.RoundScore,
    assessments: Sequence[Assessment],
    details: Mapping[int, Mapping[str, AnswerDetail]],
    who: RespondentNames,
) -> list[AppendixTheme]:
    """Every applicable recommendation with its mean and range, the values each respondent
    gave and their explanations."""
    stats = {s.id: s for s in score.items}
    themes = []
    for t in applic.applicable_themes():
        items = []
        for code in t.items:
            s = stats[code]
            summary = (
                f"gemiddeld {fmt_number(exact_mean(s))} · laagste {s.min} · hoogste {s.max}"
                if s.n
                else "geen scores"
            )
            answers = [(who.labels[a.pk], details[a.pk].get(code)) for a in assessments]
            items.append(
                appendix_item(code, texts.recommendation(code), summary, answers, grouped=True)
            )
        theme_score = score.theme(t.code)
        themes.append(
            appendix_theme(t, texts, fmt_pct(theme_score.score_pct if theme_score else None), items)
        )
    return themes
