"""Reads of the raad panel: the griffier's side-by-side page, a raadslid's questionnaire, the
counts the report may show, and the answers the beheerder's JSON export carries.

Which answers count: those of members who handed in ("klaar"). A member's answers before
that are their own draft; the griffier sees how far they are, not what they answered.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from assessments import presentation
from assessments.models import Answer, Assessment, Panel, PanelAnswer, PanelMember
from assessments.questionnaire.question_sets import question_set
from assessments.questionnaire.selectors import RecommendationView, recommendation_views
from assessments.scores import round_applicability
from principles.models import Theme
from principles.selectors import question_texts

from . import rules

RAAD = "raad"


@dataclass(frozen=True)
class PanelItemAnswer:
    member: str
    value: int | str | None
    explanation: str

    @property
    def label(self) -> str:
        return presentation.value_label(self.value)


@dataclass(frozen=True)
class RaadAnswer:
    value: int | str | None
    explanation: str
    version: int

    @property
    def label(self) -> str:
        return presentation.value_label(self.value)


@dataclass(frozen=True)
class PanelItem:
    """One of the raad's questions, with what the panel (and the raad) answered."""

    recommendation: RecommendationView
    question: str  # our plain-Dutch question; "" when there is none yet
    answers: list[PanelItemAnswer]  # of the members who handed in
    stats: rules.PanelItemStats
    raad: RaadAnswer | None
    own: PanelItemAnswer | None = None  # on a raadslid's page: their own answer

    @property
    def code(self) -> str:
        return self.recommendation.code

    @property
    def slug(self) -> str:
        return self.recommendation.slug

    @property
    def proposal_label(self) -> str:
        if self.stats.proposal is None:
            return "Geen voorstel: nog geen antwoorden"
        return presentation.value_label(self.stats.proposal)

    @property
    def raad_differs(self) -> bool:
        """The raad's answer is not what the panel proposes (the griffier adds a note)."""
        return (
            self.raad is not None
            and self.stats.proposal is not None
            and self.raad.value != self.stats.proposal
        )


@dataclass(frozen=True)
class PanelTheme:
    code: str
    title: str
    items: list[PanelItem]


@dataclass(frozen=True)
class MemberRow:
    pk: int
    name: str
    email: str
    invited_at: object
    invitation_error: str
    submitted_at: object
    answered: int
    questions: int

    @property
    def status(self) -> str:
        if self.submitted_at is not None:
            return "Klaar"
        if self.invitation_error:
            return f"Uitnodiging niet verstuurd: {self.invitation_error}"
        if self.invited_at is None:
            return "Uitnodiging wordt verstuurd"
        return f"Bezig: {self.answered} van {self.questions} beantwoord"


@dataclass(frozen=True)
class PanelPage:
    """Everything the griffier's panel page (or a member's shared overview) shows."""

    assessment: Assessment
    panel: Panel | None
    members: list[MemberRow]
    themes: list[PanelTheme]
    submitted_count: int
    questions: int
    items_without_raad_answer: int  # that have a proposal
    divergent: list[str] = field(default_factory=list)


def raad_codes(assessment: Assessment) -> list[str]:
    """The raad's own questions in this assessment (the question set of perspective raad)."""
    return list(question_set(round_applicability(assessment.round), RAAD).items)


def _theme_of(assessment: Assessment) -> dict[str, str]:
    themes: dict[str, str] = {}
    for code, theme in round_applicability(assessment.round).item_pairs():
        themes.setdefault(code, theme)
    return themes


def _answer_values(members: Sequence[PanelMember]) -> dict[int, dict[str, PanelAnswer]]:
    """{member pk: {code: answer}} in one query."""
    result: dict[int, dict[str, PanelAnswer]] = {m.pk: {} for m in members}
    for answer in PanelAnswer.objects.filter(member__in=list(members)).select_related(
        "recommendation"
    ):
        result[answer.member_id][answer.recommendation.code] = answer
    return result


def _raad_answers(assessment: Assessment, codes: Sequence[str]) -> dict[str, RaadAnswer]:
    return {
        a.recommendation.code: RaadAnswer(a.value, a.explanation, a.version)
        for a in Answer.objects.filter(
            assessment=assessment, recommendation__code__in=list(codes)
        ).select_related("recommendation")
    }


def _members(panel: Panel | None) -> list[PanelMember]:
    if panel is None:
        return []
    return list(panel.members.select_related("user").order_by("pk"))


def build_panel_page(assessment: Assessment, *, viewer: PanelMember | None = None) -> PanelPage:
    """The side-by-side page: per theme and item the answers of the members who handed in,
    lowest, highest, spread, proposal and the raad's current answer. With `viewer` (a
    raadslid's page) each item also carries the viewer's own answer."""
    panel = Panel.objects.filter(assessment=assessment).first()
    members = _members(panel)
    codes = raad_codes(assessment)
    by_member = _answer_values(members)
    raad = _raad_answers(assessment, codes)
    framework_id = assessment.round.framework_id
    views = recommendation_views(framework_id, codes)
    questions = question_texts(framework_id=framework_id)
    theme_of = _theme_of(assessment)
    submitted = [m for m in members if m.is_submitted]

    grouped: dict[str, list[PanelItem]] = {}
    for code in codes:
        answers = [
            PanelItemAnswer(m.name, by_member[m.pk][code].value, by_member[m.pk][code].explanation)
            for m in submitted
            if code in by_member[m.pk]
        ]
        own = None
        if viewer is not None and code in by_member.get(viewer.pk, {}):
            mine = by_member[viewer.pk][code]
            own = PanelItemAnswer(viewer.name, mine.value, mine.explanation)
        grouped.setdefault(theme_of.get(code, ""), []).append(
            PanelItem(
                recommendation=views[code],
                question=questions.get(code, ""),
                answers=answers,
                stats=rules.item_stats([a.value for a in answers]),
                raad=raad.get(code),
                own=own,
            )
        )
    titles = dict(
        Theme.objects.filter(part__framework_id=framework_id, code__in=list(grouped)).values_list(
            "code", "title"
        )
    )
    themes = [PanelTheme(code, titles.get(code, ""), items) for code, items in grouped.items()]
    all_items = [i for t in themes for i in t.items]
    return PanelPage(
        assessment=assessment,
        panel=panel,
        members=[
            MemberRow(
                pk=m.pk,
                name=m.name,
                email=m.user.email,
                invited_at=m.invited_at,
                invitation_error=m.invitation_error,
                submitted_at=m.submitted_at,
                answered=sum(1 for c in by_member[m.pk] if c in codes),
                questions=len(codes),
            )
            for m in members
        ],
        themes=themes,
        submitted_count=len(submitted),
        questions=len(codes),
        items_without_raad_answer=sum(
            1 for i in all_items if i.raad is None and i.stats.proposal is not None
        ),
        divergent=[i.code for i in all_items if i.stats.divergent],
    )


# --- What a raadslid sees --------------------------------------------------------------


def memberships_for(user: User) -> list[PanelMember]:
    """The panels the user is invited to, newest first."""
    return list(
        PanelMember.objects.filter(user=user)
        .select_related(
            "panel__assessment__round__partnership",
            "panel__assessment__participation__organisation",
        )
        .order_by("-panel__assessment__round__opens_on", "-pk")
    )


# --- What may leave the griffie: counts, never answers or names ---------------------------


@dataclass(frozen=True)
class PanelSummary:
    """For the report and the results page: how many raadsleden answered, where they differed."""

    invited: int
    answered: int
    divergent: list[tuple[str, int, int]]  # (code, lowest, highest)

    @property
    def divergent_text(self) -> str:
        return ", ".join(f"{code} ({low}–{high})" for code, low, high in self.divergent)


def panel_summary(assessment: Assessment) -> PanelSummary | None:
    """None when the assessment has no panel."""
    if not Panel.objects.filter(assessment=assessment).exists():
        return None
    page = build_panel_page(assessment)
    divergent = [
        (i.code, i.stats.lowest or 0, i.stats.highest or 0)
        for t in page.themes
        for i in t.items
        if i.stats.divergent
    ]
    return PanelSummary(
        invited=len(page.members), answered=page.submitted_count, divergent=divergent
    )


# --- The beheerder's JSON export ------------------------------------------------------------


def panel_answers_by_item(assessment: Assessment) -> dict[str, list[PanelItemAnswer]]:
    """{code: every member's answer} for the JSON export: every member, handed in or not
    (value None where they gave none), so the export is the panel's full record."""
    panel = Panel.objects.filter(assessment=assessment).first()
    members = _members(panel)
    if not members:
        return {}
    by_member = _answer_values(members)
    codes = set(raad_codes(assessment)) | {c for answers in by_member.values() for c in answers}
    result: dict[str, list[PanelItemAnswer]] = {}
    for code in codes:
        result[code] = [
            PanelItemAnswer(
                m.name,
                by_member[m.pk][code].value if code in by_member[m.pk] else None,
                by_member[m.pk][code].explanation if code in by_member[m.pk] else "",
            )
            for m in members
        ]
    return result
