"""The text of the three council documents, built from a round's facts: pure, no queries.

Plain Dutch (B1): short sentences, the reader is the raad. Every number comes from
`RoundFacts` (the numbers of `export_round`, formatted as the round report formats them);
recommendations are named by code and short title. A section's text is plain text:
paragraphs separated by an empty line; a line that starts with "– " or "1. " is an item of
a list. The griffie edits this text in the browser before it goes anywhere.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from assessments.presentation import fmt_date, fmt_number, fmt_pct, is_are, plural
from assessments.reports.content import SUMMARY_DIVERGENCES, SUMMARY_GAPS
from partnerships.constants import LegalForm

from .constants import SUBJECT_IN_SENTENCE, TERMS, CouncilKind, ZienswijzeSubject
from .facts import Finding, RoundFacts

# The themes a zienswijze takes its points from: the raad's position (A7) and the financial
# rules, the planning and control cycle (A9). In a network they are assessed with the same
# Part A recommendations, so the codes select them in both.
ZIENSWIJZE_THEMES = ("A7", "A9")
# A raadsvoorstel asks for action on at most this many recommendations: a motion with
# twenty points is one nobody follows up.
DECISION_GAPS = 5
PLACEHOLDER_LEVEL = "[kies het aandachtsniveau]"
PLACEHOLDER_CONTENT = (
    "[Vul hier de reactie van de raad op de inhoud in. Regiespiegel kent alleen de uitkomsten "
    "van de zelfevaluatie, niet de cijfers van het ontwerp.]"
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    text: str

    @property
    def paragraphs(self) -> list[str]:
        """The text as paragraphs: every non-empty line is one."""
        return [line.strip() for line in self.text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Draft:
    kind: str
    title: str
    sections: list[Section]


@dataclass(frozen=True)
class ZienswijzeOptions:
    subject: str = ZienswijzeSubject.ONTWERPBEGROTING
    received_on: date | None = None

    @property
    def term_end(self) -> date | None:
        weeks = TERMS[self.subject].weeks
        if weeks is None or self.received_on is None:
            return None
        return self.received_on + timedelta(weeks=weeks)


def build(kind: str, facts: RoundFacts, options: ZienswijzeOptions | None = None) -> Draft:
    if kind == CouncilKind.RAADSINFORMATIEBRIEF:
        return raadsinformatiebrief(facts)
    if kind == CouncilKind.RAADSVOORSTEL:
        return raadsvoorstel(facts)
    if kind == CouncilKind.ZIENSWIJZE:
        return zienswijze(facts, options or ZienswijzeOptions())
    raise ValueError(kind)


# --- Shared sentences ---------------------------------------------------------------------


def _join(*paragraphs: str) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def _items(lines: list[str], numbered: bool = False) -> str:
    return "\n".join(f"{n}. {line}" if numbered else f"– {line}" for n, line in enumerate(lines, 1))


def subject_line(facts: RoundFacts) -> str:
    return f"Uitkomsten van de zelfevaluatie van {facts.partnership} over {facts.period}"


def gap_line(g: Finding) -> str:
    if g.mean is None:
        return f"{g.label}: alleen ‘weet niet’, dus niemand kon een score geven"
    return f"{g.label}: gemiddeld {fmt_number(g.mean)} (laagste {g.min}, hoogste {g.max})"


def divergence_line(d: Finding) -> str:
    mean = f", gemiddeld {fmt_number(d.mean)}" if d.mean is not None else ""
    return f"{d.label}: scores van {d.min} tot {d.max}{mean}"


def step_line(step_description: str, recommendation: str, owner: str, due: str) -> str:
    about = f"bij {recommendation}; " if recommendation else ""
    return f"{step_description} ({about}wie: {owner}; klaar: {due})"


def representative(facts: RoundFacts) -> str:
    """Who speaks for the organisation in the partnership's bestuur."""
    form = facts.legal_form_code
    if form == LegalForm.OPENBAAR_LICHAAM:
        return f"het lid van het algemeen bestuur namens {facts.organisation}"
    if form in (LegalForm.BEDRIJFSVOERINGSORGANISATIE, LegalForm.GEMEENSCHAPPELIJK_ORGAAN):
        return f"het lid van het bestuur namens {facts.organisation}"
    if form in (LegalForm.CENTRUMREGELING, LegalForm.REGELING_ZONDER_MEER):
        return "de afspraken met de andere deelnemers"
    return f"de vertegenwoordiger van {facts.organisation} in het samenwerkingsverband"


def addressee(facts: RoundFacts) -> str:
    if facts.legal_form_code == LegalForm.OPENBAAR_LICHAAM:
        return f"Het algemeen bestuur van {facts.partnership}"
    return f"Het bestuur van {facts.partnership}"


def introduction(facts: RoundFacts) -> str:
    text = (
        f"{facts.organisation} neemt deel aan {facts.partnership} "
        f"({facts.legal_form.lower()}). De deelnemers hebben samen bekeken hoe de "
        "samenwerking wordt bestuurd en geregeld. Zij gebruikten daarvoor De Gids voor "
        "Regionale Samenwerking (2021). Die geeft principes en aanbevelingen voor goed bestuur "
        "van regionale samenwerking."
    )
    if facts.is_open:
        text += (
            " De ronde is nog niet afgesloten. De uitkomsten zijn daarom voorlopig: ze kunnen "
            "nog veranderen."
        )
    return text


def method(facts: RoundFacts) -> str:
    parts = [
        "Bij elke aanbeveling uit de Gids gaven de respondenten een score van 0 (niet "
        "geregeld) tot 4 (volledig geregeld). "
        f"{facts.submitted} van de {facts.invited} uitgenodigde respondenten "
        f"{'heeft' if facts.submitted == 1 else 'hebben'} de vragenlijst ingediend"
        + (f" ({facts.perspectives})." if facts.perspectives else ".")
        + " Alleen ingediende antwoorden tellen mee.",
        f"De streefwaarde is {facts.target_label}. Een aanbeveling die gemiddeld lager scoort, "
        "noemen we een verbeterpunt.",
    ]
    panel = facts.panel
    if panel is not None and panel.invited:
        parts.append(
            f"Voor het oordeel van de raad van {facts.organisation} vroeg de griffie "
            f"{plural(panel.invited, 'raadslid', 'raadsleden')} om mee te kijken in een "
            f"raadspanel. {panel.answered} van hen {'gaf' if panel.answered == 1 else 'gaven'} "
            "een oordeel."
        )
    return _join(*parts)


def score_sentence(facts: RoundFacts) -> str:
    if facts.overall_pct is None:
        return "Er zijn nog geen scores ingediend. Er is dus nog geen totaalscore."
    return (
        f"De totaalscore is {facts.overall_label}. De streefwaarde is {facts.target_label}. "
        f"Per perspectief: {facts.perspective_sentence}."
    )


def gaps_text(facts: RoundFacts) -> str:
    if not facts.gaps:
        return "Er zijn geen verbeterpunten: alle aanbevelingen halen gemiddeld de streefwaarde."
    shown = facts.gaps[:SUMMARY_GAPS]
    lead = (
        f"Er {is_are(len(facts.gaps))} {plural(len(facts.gaps), 'verbeterpunt', 'verbeterpunten')}."
        + (f" De {len(shown)} grootste:" if len(facts.gaps) > len(shown) else "")
    )
    return lead + "\n" + _items([gap_line(g) for g in shown])


def divergences_text(facts: RoundFacts) -> str:
    if facts.submitted < 2:
        return ""
    if not facts.divergences:
        return "De respondenten verschillen nergens twee punten of meer van mening."
    shown = facts.divergences[:SUMMARY_DIVERGENCES]
    return (
        f"Bij {plural(len(facts.divergences), 'aanbeveling', 'aanbevelingen')} verschillen de "
        "respondenten twee punten of meer van mening. Zo’n verschil is zelf een bevinding: het "
        "is goed om erover te praten."
        + (f" De {len(shown)} grootste:" if len(facts.divergences) > len(shown) else "")
        + "\n"
        + _items([divergence_line(d) for d in shown])
    )


def steps_text(facts: RoundFacts) -> str:
    steps = facts.open_steps
    if not steps:
        return "Er zijn nog geen vervolgstappen afgesproken die nog lopen."
    lines = [step_line(s.description, s.recommendation, s.owner, s.due_label) for s in steps]
    overdue = sum(1 for s in steps if s.is_overdue)
    n = len(steps)
    lead = f"Er {'loopt' if n == 1 else 'lopen'} al {plural(n, 'vervolgstap', 'vervolgstappen')}:"
    tail = f"{overdue} daarvan {is_are(overdue)} over de datum." if overdue else ""
    return _join(lead + "\n" + _items(lines), tail)


def untaken_gaps(facts: RoundFacts) -> list[Finding]:
    return [g for g in facts.gaps if not g.has_next_step]


# --- Raadsinformatiebrief -----------------------------------------------------------------


def raadsinformatiebrief(facts: RoundFacts) -> Draft:
    untaken = untaken_gaps(facts)
    follow_up = [
        "De uitkomsten komen terug in de volgende ronde. Dan is te zien of de verbeterpunten "
        "zijn opgepakt.",
        (
            f"Voor {plural(len(untaken), 'verbeterpunt', 'verbeterpunten')} is nog geen "
            "vervolgstap afgesproken."
            if untaken
            else ""
        ),
        "Wilt u bespreken wat de raad van de uitkomsten vindt? Neem dan contact op met de "
        "griffie. De raad kan het college ook vragen om een raadsvoorstel.",
    ]
    return Draft(
        kind=CouncilKind.RAADSINFORMATIEBRIEF,
        title=f"Raadsinformatiebrief: zelfevaluatie {facts.partnership} {facts.period}",
        sections=[
            Section("onderwerp", "Onderwerp", subject_line(facts)),
            Section(
                "aanleiding",
                "Aanleiding",
                _join(introduction(facts), "Met deze brief informeren wij u over de uitkomsten."),
            ),
            Section("onderzoek", "Wat is onderzocht en door wie", method(facts)),
            Section(
                "bevindingen",
                "De belangrijkste bevindingen",
                _join(
                    score_sentence(facts),
                    gaps_text(facts),
                    divergences_text(facts),
                    *facts.change,
                ),
            ),
            Section("lopend", "Wat er al gebeurt", steps_text(facts)),
            Section("vervolg", "Vervolg", _join(*follow_up)),
        ],
    )


# --- Raadsvoorstel ------------------------------------------------------------------------


def decisions(facts: RoundFacts) -> str:
    points = [
        f"Kennis te nemen van de uitkomsten van de zelfevaluatie van {facts.partnership} "
        f"over {facts.period} (bijlage 1)."
    ]
    asked = facts.gaps[:DECISION_GAPS]
    if asked:
        via = representative(facts)
        points.append(
            f"Het college te vragen om via {via} werk te maken van deze aanbevelingen: "
            + "; ".join(g.label for g in asked)
            + "."
        )
    if facts.submitted > 1 and facts.divergences:
        shown = facts.divergences[:SUMMARY_DIVERGENCES]
        points.append(
            "Het college te vragen de verschillen van inzicht te bespreken met de andere "
            "deelnemers, in elk geval over: " + "; ".join(d.label for d in shown) + "."
        )
    level = facts.attention_level or PLACEHOLDER_LEVEL
    points.append(
        f"Het aandachtsniveau van de raad voor {facts.partnership} vast te stellen op: {level}."
    )
    return "De raad besluit:\n" + _items(points, numbered=True)


def arguments(facts: RoundFacts) -> str:
    args = []
    if facts.overall_pct is not None:
        args.append(
            f"De zelfevaluatie laat zien hoe de samenwerking ervoor staat. De totaalscore is "
            f"{facts.overall_label}; de streefwaarde is {facts.target_label}."
        )
    if facts.gaps:
        shown = facts.gaps[:DECISION_GAPS]
        n = len(facts.gaps)
        args.append(
            f"Met de verbeterpunten kan de raad gericht sturen. Er {is_are(n)} "
            f"{plural(n, 'verbeterpunt', 'verbeterpunten')}"
            + (f"; dit zijn de {len(shown)} grootste:" if n > len(shown) else ":")
            + "\n"
            + _items([gap_line(g) for g in shown])
        )
    if facts.submitted > 1 and facts.divergences:
        args.append(
            "Waar de deelnemers verschillend oordelen, is er geen gedeeld beeld. Een gesprek "
            "daarover helpt de samenwerking."
        )
    args.extend(facts.change)
    return _join(*args)


def caveats(facts: RoundFacts) -> str:
    lines = [
        "Een zelfevaluatie laat zien hoe de deelnemers de samenwerking zelf zien. Het is geen "
        "onafhankelijk onderzoek.",
        f"{facts.submitted} van de {facts.invited} uitgenodigde respondenten "
        f"{'heeft' if facts.submitted == 1 else 'hebben'} ingediend.",
    ]
    if facts.weet_niet:
        lines.append(
            f"In totaal is {facts.weet_niet} keer ‘weet niet’ geantwoord. Ook dat zegt iets: "
            "niet iedereen heeft zicht op hoe het geregeld is."
        )
    if facts.is_open:
        lines.append("De ronde is nog open. De uitkomsten kunnen nog veranderen.")
    return _items(lines)


def raadsvoorstel(facts: RoundFacts) -> Draft:
    return Draft(
        kind=CouncilKind.RAADSVOORSTEL,
        title=f"Raadsvoorstel: zelfevaluatie {facts.partnership} {facts.period}",
        sections=[
            Section("onderwerp", "Onderwerp", subject_line(facts)),
            Section("beslispunten", "Beslispunten", decisions(facts)),
            Section("aanleiding", "Aanleiding", _join(introduction(facts), method(facts))),
            Section(
                "beoogd_effect",
                "Beoogd effect",
                f"De raad houdt grip op {facts.partnership}. Hij weet hoe de samenwerking wordt "
                "bestuurd, waar het beter kan en wie daarmee aan de slag gaat.",
            ),
            Section("argumenten", "Argumenten", arguments(facts)),
            Section("kanttekeningen", "Kanttekeningen", caveats(facts)),
            Section(
                "financien",
                "Financiën",
                "Dit voorstel heeft geen directe financiële gevolgen. Kosten die uit de "
                f"verbeteringen volgen, komen terug in de begroting van {facts.partnership}. "
                "Daarop kan de raad een zienswijze geven.",
            ),
            Section(
                "vervolg",
                "Vervolg",
                _join(
                    "Na uw besluit brengt het college de gevraagde punten in bij het "
                    "samenwerkingsverband. Het college laat de raad weten wat ermee is gedaan.",
                    steps_text(facts),
                    "In de volgende ronde is te zien of de verbeterpunten zijn opgepakt.",
                ),
            ),
            Section(
                "bijlagen",
                "Bijlagen",
                _items(
                    [f"Raadsrapport {facts.partnership} {facts.period} (uit Regiespiegel)"],
                    numbered=True,
                ),
            ),
        ],
    )


# --- Zienswijze ---------------------------------------------------------------------------


def concerns_zienswijze(f: Finding) -> bool:
    return f.code.split(".")[0] in ZIENSWIJZE_THEMES


def term_text(facts: RoundFacts, options: ZienswijzeOptions) -> str:
    term = TERMS[options.subject]
    received = (
        f"Wij ontvingen het op {fmt_date(options.received_on)}. " if options.received_on else ""
    )
    if term.weeks is None:
        return (
            received + "Voor een kadernota geldt geen wettelijke termijn. Wij reageren op tijd, "
            "zodat u onze reactie kunt gebruiken voor de ontwerpbegroting."
        )
    end = options.term_end
    if end is None:
        return (
            f"De raad heeft voor zijn zienswijze {term.weeks} weken ({term.source}). Die tijd "
            "gaat in op de dag dat u het ontwerp toestuurde."
        )
    return (
        received + f"De raad heeft voor zijn zienswijze {term.weeks} weken ({term.source}). "
        f"Die termijn loopt tot {fmt_date(end)}."
    )


def zienswijze_findings(facts: RoundFacts) -> str:
    themes = [t for t in facts.themes if t.code in ZIENSWIJZE_THEMES]
    scores = "; ".join(f"{t.code} {t.title}: {fmt_pct(t.score_pct)}" for t in themes)
    lead = (
        "Daarnaast vragen wij aandacht voor de positie van de raad en de financiële "
        f"spelregels. In de zelfevaluatie van {facts.period} kregen die deze scores: {scores}. "
        f"De streefwaarde is {facts.target_label}."
        if scores
        else "Daarnaast vragen wij aandacht voor de positie van de raad en de financiële "
        "spelregels."
    )
    gaps = [g for g in facts.gaps if concerns_zienswijze(g)]
    divergent = (
        [d for d in facts.divergences if concerns_zienswijze(d)] if facts.submitted > 1 else []
    )
    parts = [lead]
    if gaps:
        parts.append(
            "Deze aanbevelingen halen de streefwaarde niet:\n" + _items([gap_line(g) for g in gaps])
        )
    if divergent:
        parts.append(
            "Hierover verschillen de deelnemers sterk van mening:\n"
            + _items([divergence_line(d) for d in divergent])
        )
    if not gaps and not divergent:
        parts.append(
            "Op deze onderdelen halen alle aanbevelingen gemiddeld de streefwaarde, en de "
            "deelnemers verschillen er niet sterk van mening."
        )
    return _join(*parts)


def requests(facts: RoundFacts) -> str:
    gaps = [g for g in facts.gaps if concerns_zienswijze(g)]
    divergent = (
        [d for d in facts.divergences if concerns_zienswijze(d)] if facts.submitted > 1 else []
    )
    lines = [f"Wilt u werk maken van aanbeveling {g.label}?" for g in gaps[:DECISION_GAPS]]
    lines += [
        f"Wilt u met de deelnemers bespreken waarom zij verschillend oordelen over {d.label}?"
        for d in divergent[:SUMMARY_DIVERGENCES]
    ]
    if not lines:
        return "Over de positie van de raad en de financiële spelregels hebben wij geen verzoeken."
    return "Wij vragen u:\n" + _items(lines, numbered=True)


def zienswijze(facts: RoundFacts, options: ZienswijzeOptions) -> Draft:
    subject = SUBJECT_IN_SENTENCE[options.subject]
    return Draft(
        kind=CouncilKind.ZIENSWIJZE,
        title=f"Zienswijze op {subject} van {facts.partnership}",
        sections=[
            Section("aan", "Aan", addressee(facts)),
            Section(
                "onderwerp",
                "Onderwerp",
                f"Zienswijze van de raad van {facts.organisation} op {subject}",
            ),
            Section(
                "aanleiding",
                "Aanleiding",
                _join(
                    "Geacht bestuur,",
                    f"U vroeg de raad van {facts.organisation} om een zienswijze op {subject} "
                    f"van {facts.partnership}. Met deze brief geven wij die.",
                    term_text(facts, options),
                ),
            ),
            Section("inhoud", "Onze reactie op de inhoud", PLACEHOLDER_CONTENT),
            Section(
                "positie",
                "Positie van de raad en financiële spelregels",
                zienswijze_findings(facts),
            ),
            Section("verzoeken", "Onze verzoeken", requests(facts)),
            Section(
                "afsluiting",
                "Afsluiting",
                _join(
                    "Wilt u in uw besluit laten zien wat u met deze zienswijze doet? En wilt u "
                    "ons dat laten weten?",
                    "Met vriendelijke groet,",
                    f"de raad van {facts.organisation},",
                    "de griffier, de voorzitter,",
                ),
            ),
        ],
    )
