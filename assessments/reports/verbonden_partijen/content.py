"""The paragraaf verbonden partijen as plain data, ready for a page, a Word document or a
spreadsheet.

The four BBV groups in their order, one block per verbonden partij with its facts, its
latest governance score and its three largest gaps. A partnership in which the organisation
has no bestuurlijk or no financieel belang is no verbonden partij (art. 1 BBV): it is left
out and named in a note, as is a partnership without facts for the year.

Queries: a fixed number for the facts and the scores (the dashboards' selectors and score
cache), plus a few per scored partnership for its gaps.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.db.models import Q

from assessments.dashboard.selectors import cached_round_scores, fetch_page_rounds
from assessments.models import AssessmentRound
from assessments.presentation import distance_label, fmt_euro, fmt_pct, short_title
from assessments.reports.findings import round_gaps
from assessments.scores import round_score
from partnerships.bbv import missing_interests
from partnerships.constants import BbvGroup
from partnerships.models import Organisation, Participation, VerbondenPartijFacts
from principles.models import Recommendation

GAPS_SHOWN = 3
TITLE_LENGTH = 90
NO_FACTS = "Voor {year} zijn nog geen gegevens ingevuld."
NOT_VERBONDEN = "Geen verbonden partij: geen {missing}."
NO_SCORE = "Nog geen ingediende evaluatie"


@dataclass(frozen=True)
class GapLine:
    code: str
    title: str  # the recommendation's text, shortened
    distance: str  # "1,8 punten onder de norm", or "weet niet"

    @property
    def label(self) -> str:
        return f"{self.code} {self.title} ({self.distance})"


@dataclass(frozen=True)
class Party:
    """One verbonden partij: its facts (amounts as Decimal, None when not filled in), its
    latest governance score and its largest gaps."""

    name: str
    legal_form: str
    location: str
    public_interest: str
    seat: str
    votes: int | None
    contribution: Decimal | None
    liability: str
    equity_start: Decimal | None
    equity_end: Decimal | None
    debt_start: Decimal | None
    debt_end: Decimal | None
    result: Decimal | None
    risks: str
    score_pct: float | None = None
    score_round: str = ""  # the period of the round the score comes from
    gaps: list[GapLine] = field(default_factory=list)

    @property
    def bestuurlijk_label(self) -> str:
        votes = (
            "" if self.votes is None else f"{self.votes} {'stem' if self.votes == 1 else 'stemmen'}"
        )
        return "; ".join(part for part in (self.seat, votes) if part) or "—"

    @property
    def financieel_label(self) -> str:
        parts = []
        if self.contribution is not None:
            parts.append(f"bijdrage {fmt_euro(self.contribution)}")
        if self.liability:
            parts.append(self.liability)
        return "; ".join(parts) or "—"

    @property
    def score_label(self) -> str:
        if self.score_pct is None:
            return NO_SCORE
        return f"{fmt_pct(self.score_pct)} (ronde {self.score_round})"

    def fact_rows(self) -> list[tuple[str, str]]:
        """(label, text) per fact, in the order the paragraaf lists them."""
        return [
            ("Vorm", self.legal_form),
            ("Vestigingsplaats", self.location or "—"),
            ("Openbaar belang", self.public_interest or "—"),
            ("Bestuurlijk belang", self.bestuurlijk_label),
            ("Financieel belang", self.financieel_label),
            ("Eigen vermogen begin jaar", fmt_euro(self.equity_start)),
            ("Eigen vermogen eind jaar", fmt_euro(self.equity_end)),
            ("Vreemd vermogen begin jaar", fmt_euro(self.debt_start)),
            ("Vreemd vermogen eind jaar", fmt_euro(self.debt_end)),
            ("Resultaat", fmt_euro(self.result)),
            ("Risico's", self.risks or "—"),
            ("Governance-score (Gids)", self.score_label),
            (
                "Grootste verbeterpunten",
                "\n".join(g.label for g in self.gaps) if self.gaps else "—",
            ),
        ]


@dataclass(frozen=True)
class PartyGroup:
    code: str
    title: str
    parties: list[Party]


@dataclass(frozen=True)
class LeftOut:
    name: str
    reason: str


@dataclass(frozen=True)
class Paragraaf:
    organisation: str
    year: int
    groups: list[PartyGroup]
    left_out: list[LeftOut]

    @property
    def title(self) -> str:
        return f"Paragraaf verbonden partijen {self.year}"

    @property
    def parties(self) -> list[tuple[PartyGroup, Party]]:
        return [(group, party) for group in self.groups for party in group.parties]

    @property
    def note(self) -> str:
        """Why some partnerships are not in the paragraaf; empty when all are."""
        if not self.left_out:
            return ""
        return (
            "Niet opgenomen: een samenwerking waarin "
            f"{self.organisation} geen bestuurlijk of geen financieel belang heeft, is geen "
            "verbonden partij (artikel 1 BBV). Ook een samenwerking zonder gegevens over "
            f"{self.year} staat hier niet in."
        )


def _active_participations(organisation: Organisation, year: int) -> list[Participation]:
    """The organisation's participations that ran in (part of) the year, by partnership."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return list(
        Participation.objects.filter(organisation=organisation)
        .filter(Q(since__isnull=True) | Q(since__lte=last))
        .filter(Q(until__isnull=True) | Q(until__gte=first))
        .select_related("partnership", "organisation")
        .order_by("partnership__name")
    )


def _distance(distance: float | None) -> str:
    return "weet niet" if distance is None else f"{distance_label(distance)} onder de norm"


def _gaps(rounds: list[AssessmentRound]) -> dict[int, list[GapLine]]:
    """{partnership id: the largest gaps of its round}, with the recommendations' texts."""
    found: dict[int, list[tuple[str, str]]] = {}
    for round_ in rounds:
        score = round_score(round_)
        found[round_.partnership_id] = [
            (g.stats.id, _distance(g.distance))
            for g in round_gaps(score.items, target=round_.target)[:GAPS_SHOWN]
        ]
    codes = {code for gaps in found.values() for code, _ in gaps}
    frameworks = {r.framework_id for r in rounds}
    texts: dict[tuple[int, str], str] = {
        (framework_id, code): text
        for framework_id, code, text in Recommendation.objects.filter(
            code__in=codes, theme__part__framework_id__in=frameworks
        ).values_list("theme__part__framework_id", "code", "text")
    }
    framework_of = {r.partnership_id: r.framework_id for r in rounds}
    return {
        pk: [
            GapLine(
                code,
                short_title(texts.get((framework_of[pk], code), ""), TITLE_LENGTH),
                distance,
            )
            for code, distance in gaps
        ]
        for pk, gaps in found.items()
    }


def _party(facts: VerbondenPartijFacts) -> Party:
    partnership = facts.participation.partnership
    return Party(
        name=partnership.name,
        legal_form=partnership.get_legal_form_display(),
        location=facts.location,
        public_interest=facts.public_interest,
        seat=facts.seat,
        votes=facts.votes,
        contribution=facts.contribution,
        liability=facts.liability,
        equity_start=facts.equity_start,
        equity_end=facts.equity_end,
        debt_start=facts.debt_start,
        debt_end=facts.debt_end,
        result=facts.result,
        risks=facts.risks,
    )


def build_paragraaf(organisation: Organisation, year: int) -> Paragraaf:
    """The organisation's paragraaf verbonden partijen over `year`."""
    participations = _active_participations(organisation, year)
    stored = {
        f.participation_id: f
        for f in VerbondenPartijFacts.objects.filter(
            participation__in=participations, year=year
        ).select_related("participation__partnership", "participation__organisation")
    }
    left_out: list[LeftOut] = []
    included: list[VerbondenPartijFacts] = []
    for participation in participations:
        facts = stored.get(participation.pk)
        if facts is None:
            left_out.append(LeftOut(participation.partnership.name, NO_FACTS.format(year=year)))
        elif missing := missing_interests(facts):
            reason = NOT_VERBONDEN.format(missing=" en geen ".join(missing))
            left_out.append(LeftOut(participation.partnership.name, reason))
        else:
            included.append(facts)

    partnership_ids = [f.participation.partnership_id for f in included]
    scored, _ = fetch_page_rounds(partnership_ids)
    latest = {pk: rounds[0] for pk, rounds in scored.items()}
    summaries = cached_round_scores(latest.values())
    rounds = list(
        AssessmentRound.objects.filter(pk__in=[r.pk for r in latest.values()]).select_related(
            "partnership", "framework"
        )
    )
    gaps = _gaps(rounds)

    groups = []
    for group in BbvGroup:
        parties = []
        for facts in included:
            if facts.bbv_group != group:
                continue
            pk = facts.participation.partnership_id
            party = _party(facts)
            if pk in latest:
                party = replace(
                    party,
                    score_pct=summaries[latest[pk].pk].overall_pct,
                    score_round=latest[pk].period,
                    gaps=gaps.get(pk, []),
                )
            parties.append(party)
        groups.append(PartyGroup(group.value, group.label, parties))
    return Paragraaf(organisation.name, year, groups, left_out)
