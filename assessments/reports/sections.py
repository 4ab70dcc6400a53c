"""The chapters both reports share, each built by one function that returns it finished:
the cover, the scores per theme with their chart, the summary's sentences, the next steps,
what was not assessed and why, the appendix's items and the method.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from django.utils.text import slugify

from assessments import scoring
from assessments.constants import SCORE_MEANINGS, SPECIAL_MEANINGS, NextStepStatus, Score, Special
from assessments.models import AssessmentRound, NextStep
from assessments.presentation import (
    GLOSSARY,
    fmt_date,
    fmt_pct,
    fmt_points,
    is_are,
    pct_change,
    plural,
    target_pct,
    value_after_name,
    value_in_sentence,
)
from assessments.scores import changes_since_opened
from partnerships.applicability import Applicability, ThemeApplicability
from partnerships.constants import LegalForm
from partnerships.text import lower_first

from . import charts
from .content import (
    AnswerRow,
    AppendixItem,
    AppendixTheme,
    Chart,
    ExcludedItemRow,
    ExcludedThemeRow,
    Fact,
    Method,
    NextStepRow,
    NotApplicableGroup,
    NotApplicableRow,
    ScaleRow,
    ThemeRow,
)
from .selectors import AnswerDetail, Texts, participant_names

# The summary names the themes that changed most since the previous round, at most this many.
SUMMARY_CHANGES = 3

# --- Cover ------------------------------------------------------------------------------


def framework_label(round_: AssessmentRound) -> str:
    """ "De Gids voor Regionale Samenwerking (2021), <publisher>"."""
    framework = round_.framework
    label = f"{framework.title} ({framework.year})"
    if framework.publisher:
        label += f", {framework.publisher}"
    return label


def cover(round_: AssessmentRound, *, respondents: Fact, status: Fact, today: date) -> list[Fact]:
    """The facts on the cover; the two reports differ in who answered and in the status."""
    partnership = round_.partnership
    return [
        Fact("Samenwerkingsverband", partnership.name),
        Fact(
            "Vorm",
            # "Openbaar lichaam, een gemeenschappelijke regeling (Wgr)": the model's own
            # brackets would otherwise nest inside ours.
            f"{partnership.get_legal_form_display()}, een "
            f"{lower_first(partnership.get_cooperation_model_display())}",
        ),
        Fact("Deelnemers", ", ".join(participant_names(round_))),
        Fact("Periode", round_.period),
        respondents,
        status,
        Fact("Datum van dit rapport", fmt_date(today)),
        Fact("Getoetst aan", framework_label(round_)),
    ]


def filename(*parts: str) -> str:
    """ "regiespiegel-<partnership>-<period>-raadsrapport.pdf": safe in any file system."""
    return slugify("-".join(("regiespiegel", *parts))) + ".pdf"


def previous_label(previous_period: str | None) -> str:
    """The heading of the column with the previous round's scores."""
    return f"Vorige ronde ({previous_period})" if previous_period else ""


# --- Scores per theme -------------------------------------------------------------------


def theme_rows(
    applic: Applicability,
    texts: Texts,
    scores: Mapping[str, float | None],
    answered: Mapping[str, str],
    previous: Mapping[str, float | None],
    *,
    target: int,
    has_previous: bool,
) -> list[ThemeRow]:
    """One row per applicable theme, with the previous round's score and the change when
    there was a previous round."""
    rows = []
    for theme in applic.applicable_themes():
        pct = scores.get(theme.code)
        prev = previous.get(theme.code)
        rows.append(
            ThemeRow(
                code=theme.code,
                title=texts.theme(theme.code),
                score_pct=pct,
                score_label=fmt_pct(pct),
                answered_label=answered.get(theme.code, ""),
                previous_label=fmt_pct(prev, "—") if has_previous else "",
                change_label=(
                    fmt_points(pct_change(prev, pct))
                    if pct is not None and prev is not None
                    else "—"
                ),
                reaches_target=pct is not None and pct >= target_pct(target),
            )
        )
    return rows


def theme_chart(
    themes: Sequence[ThemeRow], previous: Mapping[str, float | None], *, target: int, subject: str
) -> Chart:
    """The bar chart of the theme scores, with its text alternative."""
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
        pct_label=fmt_pct,
    )
    height = charts.bar_chart_height(bars)
    return Chart(
        svg=svg,
        data_uri=charts.svg_data_uri(svg),
        alt=description,
        width=charts.WIDTH,
        height=height,
    )


def themes_sentence(themes: Sequence[ThemeRow]) -> str:
    """How many themes reach the target, and the lowest one when it does not."""
    scored = [(t.score_pct, t) for t in themes if t.score_pct is not None]
    if not scored:
        return "Geen enkel thema heeft al een score."
    reached = sum(1 for _, t in scored if t.reaches_target)
    _, lowest = min(scored, key=lambda pair: (pair[0], pair[1].code))
    sentence = (
        f"{reached} van de {plural(len(scored), 'thema', 'thema’s')} met een score "
        f"{'haalt' if reached == 1 else 'halen'} de streefwaarde."
    )
    if not lowest.reaches_target:
        sentence += f" Het laagst scoort {lowest.code} {lowest.title} ({lowest.score_label})."
    return sentence


def change_sentences(
    *,
    previous_period: str | None,
    overall: float | None,
    previous_overall: float | None,
    themes: Sequence[ThemeRow],
    previous: Mapping[str, float | None],
    missing: str,
) -> list[str]:
    """The summary's comparison with the previous round: the overall score and the themes
    that changed most. `missing` is said when the previous round has no scores to compare."""
    if previous_period is None:
        return ["Dit is de eerste ronde: er is nog geen vorige ronde om mee te vergelijken."]
    if previous_overall is None:
        return [missing]
    if overall is None:
        return [
            f"In de vorige ronde ({previous_period}) was de totaalscore "
            f"{fmt_pct(previous_overall)}; nu zijn er nog geen scores."
        ]
    # Compared as the reader sees them: whole percentages, so the numbers add up.
    delta = pct_change(previous_overall, overall)
    if delta == 0:
        sentences = [
            f"Ten opzichte van de vorige ronde ({previous_period}) is de totaalscore gelijk "
            f"gebleven: {fmt_pct(overall)}."
        ]
    else:
        verb = "gestegen" if delta > 0 else "gedaald"
        sentences = [
            f"Ten opzichte van de vorige ronde ({previous_period}) is de totaalscore {verb} "
            f"van {fmt_pct(previous_overall)} naar {fmt_pct(overall)} "
            f"({fmt_points(delta)} procentpunt)."
        ]
    moved = sorted(
        (
            (pct_change(before, t.score_pct), t)
            for t in themes
            if t.score_pct is not None and (before := previous.get(t.code)) is not None
        ),
        key=lambda pair: (-abs(pair[0]), pair[1].code),
    )
    moved = [(d, t) for d, t in moved if d != 0][:SUMMARY_CHANGES]
    if moved:
        sentences.append(
            "Het meest veranderd: "
            + "; ".join(f"{t.code} {t.title} ({fmt_points(d)} procentpunt)" for d, t in moved)
            + "."
        )
    return sentences


# --- Next steps -------------------------------------------------------------------------


def next_step_rows(steps: Sequence[NextStep], today: date) -> list[NextStepRow]:
    """The next steps in the order given, overdue when their date has passed unfinished."""
    return [
        NextStepRow(
            description=s.description,
            recommendation=s.recommendation.code if s.recommendation is not None else "",
            owner=s.owner_label or "nog niet belegd",
            due_label=fmt_date(s.due_on, "geen datum"),
            status_label=s.get_status_display(),
            is_overdue=bool(s.due_on and s.due_on < today and s.status != NextStepStatus.AFGEROND),
        )
        for s in steps
    ]


def next_steps_sentence(steps: Sequence[NextStepRow]) -> str:
    if not steps:
        return "Er zijn nog geen vervolgstappen afgesproken."
    done = NextStepStatus.AFGEROND.label
    open_ = sum(1 for s in steps if s.status_label != done)
    overdue = sum(1 for s in steps if s.is_overdue)
    sentence = (
        f"Er {is_are(len(steps))} "
        f"{plural(len(steps), 'vervolgstap', 'vervolgstappen')} afgesproken; "
        f"{open_} daarvan {is_are(open_)} nog niet afgerond."
    )
    if overdue:
        sentence += f" {overdue} {is_are(overdue)} over de datum."
    return sentence


# --- What was not assessed, and why -----------------------------------------------------


def applicability_note(round_: AssessmentRound, applic: Applicability) -> str:
    """Which part of the Gids applies, to how many themes and recommendations, and why."""
    applicable = applic.applicable_themes()
    items = sum(len(t.items) for t in applicable)
    # The form the round was opened with: the round keeps what applied then.
    form = applic.facts.legal_form if applic.facts else round_.partnership.legal_form
    note = (
        f"{round_.partnership.name} was bij de opening van deze ronde een "
        f"{LegalForm(form).label.lower()} en wordt daarom getoetst aan deel {applic.part} van "
        f"de Gids: {plural(len(applicable), 'thema', 'thema’s')} met "
        f"{plural(items, 'aanbeveling', 'aanbevelingen')}. Wat niet geldt, staat hieronder, "
        "met de reden. Dat volgt uit de vorm en de deelnemers; het is niet met de hand gekozen."
    )
    changed = changes_since_opened(round_)
    if changed:
        note += " " + changed_note(changed)
    return note


def changed_note(changed: list[str]) -> str:
    """One sentence for a round whose partnership changed after it opened."""
    what = changed[0] if len(changed) == 1 else ", ".join(changed[:-1]) + " en " + changed[-1]
    return (
        f"Let op: sinds deze ronde is geopend, is {what} van het samenwerkingsverband "
        "gewijzigd. Deze ronde houdt de aanbevelingen van bij de opening; de wijziging geldt "
        "vanaf de volgende ronde."
    )


def excluded_themes(applic: Applicability, texts: Texts) -> list[ExcludedThemeRow]:
    return [
        ExcludedThemeRow(t.code, texts.theme(t.code), t.reason or "")
        for t in applic.themes
        if not t.applies
    ]


def excluded_items(applic: Applicability, texts: Texts) -> list[ExcludedItemRow]:
    """The recommendations that drop out of themes that do apply, with their reason."""
    return [
        ExcludedItemRow(e.id, e.theme, texts.recommendation(e.id), e.reason)
        for e in applic.excluded_items
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


# --- Appendix ---------------------------------------------------------------------------

# The order in which the appendix lists the values given: the highest score first, the
# answers without a score last.
VALUE_ORDER: tuple[scoring.Value, ...] = (4, 3, 2, 1, 0, Special.WEET_NIET, Special.NVT)


def appendix_theme(
    theme: ThemeApplicability, texts: Texts, score_label: str, items: list[AppendixItem]
) -> AppendixTheme:
    """A theme in the appendix; a Part B theme that borrows Part A's recommendations shows
    its own recommendations as context."""
    return AppendixTheme(
        code=theme.code,
        title=texts.theme(theme.code),
        score_label=score_label,
        context=[texts.recommendation(c) for c in theme.context],
        items=items,
    )


def appendix_item(
    code: str,
    text: str,
    summary: str,
    answers: Sequence[tuple[str, AnswerDetail | None]],
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
            f"{value_in_sentence(v)} – {', '.join(by_value[v])}"
            for v in VALUE_ORDER
            if v in by_value
        )
        notes = group_notes(noted)
    else:
        answers_label = value_in_sentence(given[0][1].value) if given else ""
        notes = [
            AnswerRow(
                who, value_after_name(d.value), d.explanation, d.evidence_url, d.is_taken_over
            )
            for who, d in noted
        ]
    return AppendixItem(code, text, summary, answers_label or "Geen antwoord.", notes)


def group_notes(noted: Sequence[tuple[str, AnswerDetail]]) -> list[AnswerRow]:
    """One line per distinct explanation (with its evidence and taken-over mark), naming
    every respondent who gave it with their value, in the order they first appear: a
    standard text repeated by thirty respondents is printed once."""
    groups: dict[tuple[str, str, bool], list[str]] = {}
    for who, d in noted:
        key = (d.explanation, d.evidence_url, d.is_taken_over)
        groups.setdefault(key, []).append(f"{who} ({value_after_name(d.value)})")
    return [
        AnswerRow(", ".join(names), "", explanation, evidence, taken_over)
        for (explanation, evidence, taken_over), names in groups.items()
    ]


# --- Method -----------------------------------------------------------------------------


def method(framework_label: str, target: int, *, is_round: bool) -> Method:
    """The scale, the rules by which the report counts, the words it uses, and the framework
    it applies."""
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
        *(ROUND_TOTAL_RULES if is_round else []),
        "Alleen ingediende zelfevaluaties tellen mee; concepten niet.",
        "Percentages staan afgerond op hele getallen: een handvol antwoorden op een schaal "
        "van 0 tot 4 geeft geen nauwkeurigheid achter de komma.",
        "Welke thema’s en aanbevelingen gelden, volgt uit de vorm van het "
        "samenwerkingsverband en de deelnemers; dat wordt niet met de hand gekozen.",
    ]
    keys = METHOD_TERMS + (() if is_round else ASSESSMENT_TERMS)
    terms = [Fact(GLOSSARY[key].label, GLOSSARY[key].meaning) for key in keys]
    return Method(scale=scale, rules=rules, terms=terms, source=framework_label)


# How a round's total is made, and why the perspectives stand beside it.
ROUND_TOTAL_RULES = [
    "De totaalscore van de ronde weegt elke ingediende zelfevaluatie even zwaar: per "
    "aanbeveling telt het gemiddelde van alle respondenten, per thema het gemiddelde van die "
    "aanbevelingen. Drie raden tellen zo drie keer, één dagelijks bestuur één keer, en het "
    "totaal verschuift met wie heeft ingediend.",
    "Daarom staan naast het totaal de scores per perspectief, elk op dezelfde manier berekend "
    "uit alleen de eigen respondenten: de raad; het bestuur (algemeen bestuur, dagelijks "
    "bestuur, college); de organisatie (directeur, contramal).",
]
# The words of the glossary the report uses, explained in its method chapter.
METHOD_TERMS = (
    "total",
    "score",
    "target",
    "answered",
    "scored",
    "gap",
    "divergence",
    "percentage_point",
    "perspective",
    "mutatis_mutandis",
)
# And those only the report on one respondent's assessment uses (its appendix marks them).
ASSESSMENT_TERMS = ("optional", "documented", "self_assessment")
