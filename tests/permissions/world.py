"""The world the permission tests walk: roles, the hand-written rules of who may see and
change what, and the objects of three organisations and two partnerships."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone

from assessments.constants import Perspective
from assessments.models import (
    Answer,
    Assessment,
    AssessmentRound,
    CouncilDocument,
    CouncilTemplate,
    NextStep,
    Panel,
    PanelAnswer,
    PanelMember,
)
from partnerships.constants import Role
from partnerships.models import (
    Organisation,
    Participation,
    Partnership,
    PartnershipDocument,
    Profile,
    VerbondenPartijFacts,
)
from principles.models import Recommendation
from tests.factories import (
    make_assessment,
    make_next_step,
    make_organisation,
    make_partnership,
    make_round,
    make_user,
)

ROLES = [
    "anonymous",
    "norole",
    "griffier",
    "secretaris",
    "contramal",
    "directeur",
    "beheerder",
    "raadslid",
]
ROLE_OF = {
    "griffier": Role.GRIFFIER,
    "secretaris": Role.GEMEENTESECRETARIS,
    "contramal": Role.CONTRAMAL,
    "directeur": Role.DIRECTEUR,
    "beheerder": Role.BEHEERDER,
    "raadslid": Role.RAADSLID,
}

OTHER_PARTNERSHIP = "Geheim Verband Zeestad"
OTHER_ANSWER = "ANTWOORD-ZEESTAD-INGEDIEND"
# The BBV facts of a verbonden partij: the organisation's own document. Its griffier,
# gemeentesecretaris and contramal read it, its contramal (and a beheerder) changes it; a
# directeur and a raadslid see none of it, nor anyone of another organisation.
BBV_OWN = "BBV-BELANG-AALSTAD"
BBV_OTHER = "BBV-BELANG-ZEESTAD"
BBV_YEAR = timezone.localdate().year
BBV_ROUTES = {
    "partnerships:verbonden_partij",
    "assessments:verbonden_partijen_start",
    "assessments:verbonden_partijen",
    "assessments:verbonden_partijen_docx",
    "assessments:verbonden_partijen_xlsx",
}
BBV_READERS = {"griffier", "secretaris", "contramal"}

# --- The world, and who may see and change what in it (written by hand) ------------------

# Every assessment: (organisation or None, perspective, submitted, marker text in its answer).
ASSESSMENTS = {
    "raad_aalstad": ("Gemeente Aalstad", Perspective.RAAD, False, "CONCEPT-RAAD-AALSTAD"),
    "college_aalstad": ("Gemeente Aalstad", Perspective.COLLEGE, False, "CONCEPT-COLLEGE-AALSTAD"),
    "contramal_aalstad": ("Gemeente Aalstad", Perspective.CONTRAMAL, True, "INGEDIEND-AALSTAD"),
    "raad_beekdorp": ("Gemeente Beekdorp", Perspective.RAAD, False, "CONCEPT-RAAD-BEEKDORP"),
    "college_beekdorp": ("Gemeente Beekdorp", Perspective.COLLEGE, True, "INGEDIEND-BEEKDORP"),
    "ab": (None, Perspective.AB, False, "CONCEPT-AB-REGIO"),
    "raad_zeestad": ("Gemeente Zeestad", Perspective.RAAD, True, OTHER_ANSWER),
    "college_zeestad": ("Gemeente Zeestad", Perspective.COLLEGE, False, "CONCEPT-COLLEGE-ZEESTAD"),
}
OWN_SUBMITTED = {"contramal_aalstad", "college_beekdorp"}
VISIBLE_ASSESSMENTS = {
    "norole": set(),
    "griffier": OWN_SUBMITTED | {"raad_aalstad"},
    "secretaris": OWN_SUBMITTED | {"raad_aalstad", "college_aalstad"},
    "contramal": OWN_SUBMITTED | {"college_aalstad"},
    "directeur": OWN_SUBMITTED | {"ab"},
    "beheerder": set(ASSESSMENTS),
    "raadslid": set(),
}
EDITABLE_ASSESSMENTS = {
    "norole": set(),
    "griffier": {"raad_aalstad"},
    "secretaris": set(),
    "contramal": {"college_aalstad", "contramal_aalstad"},
    "directeur": {"ab"},
    "beheerder": set(ASSESSMENTS),
    "raadslid": set(),
}
# Partnerships, rounds and next steps: "own" (Aalstad and Beekdorp) or "other" (Zeestad).
VISIBLE_SCOPES = {
    "norole": set(),
    "griffier": {"own"},
    "secretaris": {"own"},
    "contramal": {"own"},
    "directeur": {"own"},
    "beheerder": {"own", "other"},
    "raadslid": set(),
}
# The raad panel of raad_aalstad: the raadslid (of Aalstad) and one other member, both klaar,
# the overview not shared. Their answers: only for the griffie's panel page (griffier,
# beheerder) and each member's own page.
PANEL_ASSESSMENT = "raad_aalstad"
PANEL_OWN_ANSWER = "PANEL-RAADSLID-AALSTAD"
PANEL_OTHER_ANSWER = "PANEL-ANDER-RAADSLID"
PANEL_SEEN_BY = {
    PANEL_OWN_ANSWER: {"griffier", "beheerder", "raadslid"},
    PANEL_OTHER_ANSWER: {"griffier", "beheerder"},
}
# A raadslid's own panel pages: only for a member of that assessment's panel (the overview
# only once shared, which it is not here).
PANEL_MEMBER_PAGES = {"assessments:panel_member", "assessments:panel_overview"}
# Council documents (raadsstukken) of a round and a participating organisation: read by its
# griffier and gemeentesecretaris (and the beheerder), written by the griffier and the
# beheerder. The walk fills the organisation with Aalstad ("own") or Zeestad ("other").
COUNCIL_PAGES = {
    "assessments:council_index",
    "assessments:council_document",
    "assessments:council_generate",
    "assessments:council_docx",
    "assessments:council_pdf",
    "assessments:council_templates",
}
COUNCIL_READERS = {"griffier", "secretaris", "beheerder"}
COUNCIL_MARKERS = {
    "RAADSSTUK-AALSTAD": {"griffier", "secretaris", "beheerder"},
    "RAADSSTUK-BEEKDORP": {"beheerder"},
}
MAY = {  # permission -> roles that have it for the own partnership (beheerder: everywhere)
    "edit_partnership": {"contramal", "directeur", "beheerder"},
    "manage_round": {"directeur", "beheerder"},
    "manage_steps": {"griffier", "secretaris", "directeur", "beheerder"},
    "create_partnership": {"contramal", "beheerder"},
    "import_partnerships": {"beheerder"},
    "council_write": {"griffier", "beheerder"},
    # The raad's attention level (Gids A7.2): the griffier records the raad's choice.
    "set_attention_level": {"griffier", "beheerder"},
    "edit_bbv": {"contramal", "beheerder"},
}

# URL name -> the permission a change (POST) through it needs.
WRITE_PAGES = {
    "assessments:theme": "edit_assessment",
    "assessments:answer_save": "edit_assessment",
    "assessments:submit": "edit_assessment",
    "assessments:reopen": "edit_assessment",
    "assessments:confirm_taken_over": "edit_assessment",
    "assessments:next_step_create": "manage_steps",
    "assessments:next_step_edit": "manage_steps",
    "assessments:next_step_delete": "manage_steps",
    "assessments:round_create": "manage_round",
    "assessments:round_remind": "manage_round",
    "assessments:round_next": "manage_round",
    "assessments:round_close": "manage_round",
    "assessments:round_invite": "manage_round",
    "assessments:panel": "edit_assessment",
    "assessments:panel_raad_answer": "edit_assessment",
    "assessments:panel_member": "panel_member",
    "assessments:council_document": "council_write",
    "assessments:council_generate": "council_write",
    "assessments:council_templates": "council_write",
    "partnerships:edit": "edit_partnership",
    "partnerships:create": "create_partnership",
    "partnerships:import": "import_partnerships",
    "assessments:attention_level": "set_attention_level",
    "partnerships:verbonden_partij": "edit_bbv",
}
# Pages that answer 200 to whoever may see their object.
READ_PAGES = {
    "assessments:detail",
    "assessments:results",
    "assessments:trend",
    "assessments:next_steps",
    "assessments:round",
    "assessments:round_compare",
    "assessments:round_trend",
    "assessments:partnership_dashboard",
    "partnerships:detail",
    "assessments:panel_member",
    "partnerships:verbonden_partij",
    "assessments:verbonden_partijen",
}
# Pages that answer 200 to every signed-in user with a role.
OPEN_PAGES = {"assessments:list", "assessments:dashboard", "partnerships:list"}
# Pages of one organisation (the raad's overview): 200 for these roles, a refusal for the
# others (a beheerder first picks an organisation: the page, or a redirect to it).
ORGANISATION_PAGES = {
    "assessments:raad_overview": {"griffier", "secretaris", "contramal", "beheerder"},
    "assessments:raad_overview_docx": {"griffier", "secretaris", "contramal"},
    "assessments:raad_overview_pdf": {"griffier", "secretaris", "contramal"},
}
PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "assessments:glossary",  # words only, like the Gids pages
    "home",  # a visitor reads what Regiespiegel is; a user's own start page needs a login
    # Calendar programs cannot log in: the secret token in the address is the right to read
    # (an unknown or revoked token is a 404, tested in tests/assessments/test_calendar_feed.py).
    "assessments:agenda_feed",
    "favicon",  # the icon, for anyone's browser
}
PUBLIC_NAMESPACES = {"principles"}
BINARY_SUFFIXES = (".pdf", ".xlsx", ".docx")
SLOW_SUFFIXES = (".pdf",)


@dataclass
class World:
    orgs: dict[str, Organisation]
    partnerships: dict[str, Partnership]
    rounds: dict[str, AssessmentRound]
    steps: dict[str, NextStep]
    assessments: dict[str, Assessment]
    users: dict[str, User]
    documents: dict[str, PartnershipDocument]


def build_world() -> World:
    aalstad = make_organisation("Gemeente Aalstad")
    beekdorp = make_organisation("Gemeente Beekdorp")
    zeestad = make_organisation("Gemeente Zeestad")
    verweg = make_organisation("Gemeente Verweg")
    own = make_partnership("Regio Eigen Verband", participants=[aalstad, beekdorp])
    other = make_partnership(OTHER_PARTNERSHIP, participants=[zeestad, verweg])
    rounds = {"own": make_round(own, period="2026"), "other": make_round(other, period="2026")}
    assessments = {}
    for key, (org, perspective, submitted, marker) in ASSESSMENTS.items():
        round_ = rounds["other" if org == "Gemeente Zeestad" else "own"]
        assessments[key] = make_assessment(
            round_,
            organisation=org,
            perspective=perspective,
            submitted=submitted,
            answers={"A1.1": (2, marker), "A1.2": 3},
        )
    steps = {
        "own": make_next_step(rounds["own"], description="Stap van het eigen verband"),
        "other": make_next_step(rounds["other"], description="Stap van Zeestad GEHEIM"),
    }
    users = {
        "norole": User.objects.create_user("zonder-rol", password="x"),
        "griffier": make_user(Role.GRIFFIER, organisation=aalstad),
        "secretaris": make_user(Role.GEMEENTESECRETARIS, organisation=aalstad),
        "contramal": make_user(Role.CONTRAMAL, organisation=aalstad),
        "directeur": make_user(Role.DIRECTEUR, partnership=own),
        "beheerder": make_user(Role.BEHEERDER),
        "raadslid": make_user(Role.RAADSLID, organisation=aalstad),
    }
    _panel(assessments[PANEL_ASSESSMENT], users["raadslid"], users["griffier"])
    for org, marker in ((aalstad, "RAADSSTUK-AALSTAD"), (beekdorp, "RAADSSTUK-BEEKDORP")):
        CouncilDocument.objects.create(
            round=rounds["own"],
            organisation=org,
            kind="raadsvoorstel",
            title=f"Raadsvoorstel {marker}",
            sections=[{"key": "onderwerp", "title": "Onderwerp", "text": marker}],
            generated_at=timezone.now(),
        )
    for partnership, organisation, marker in ((own, aalstad, BBV_OWN), (other, zeestad, BBV_OTHER)):
        VerbondenPartijFacts.objects.create(
            participation=Participation.objects.get(
                partnership=partnership, organisation=organisation
            ),
            year=BBV_YEAR,
            bbv_group="gemeenschappelijke_regeling",
            public_interest=marker,
            seat="Wethouder in het AB",
            contribution=1000,
        )
    documents = {}
    for key, partnership, title in (
        ("own", own, "Regeling van het eigen verband"),
        ("other", other, "Regeling van Zeestad GEHEIM"),
    ):
        documents[key] = PartnershipDocument(partnership=partnership, kind="regeling", title=title)
        documents[key].file.save("regeling.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return World(
        orgs={"aalstad": aalstad, "beekdorp": beekdorp, "zeestad": zeestad},
        partnerships={"own": own, "other": other},
        rounds=rounds,
        steps=steps,
        assessments=assessments,
        users=users,
        documents=documents,
    )


def _panel(raad: Assessment, raadslid: User, griffier: User) -> None:
    panel = Panel.objects.create(assessment=raad, created_by=griffier)
    other = make_user(Role.RAADSLID, organisation=raadslid.profile.organisation)
    rec = Recommendation.objects.get(theme__part__framework=raad.round.framework, code="A2.1")
    for user, marker in ((raadslid, PANEL_OWN_ANSWER), (other, PANEL_OTHER_ANSWER)):
        member = PanelMember.objects.create(
            panel=panel, user=user, invited_at=timezone.now(), submitted_at=timezone.now()
        )
        PanelAnswer.objects.create(member=member, recommendation=rec, score=2, explanation=marker)


def route_visible(route_name: str, role: str, kind: str | None, key: str) -> bool:
    if role == "anonymous":
        return False
    if route_name in COUNCIL_PAGES:
        return role in COUNCIL_READERS and (key == "own" or role == "beheerder")
    if route_name in BBV_ROUTES:
        return role == "beheerder" or (role in BBV_READERS and key == "own")
    if route_name in PANEL_MEMBER_PAGES:
        return route_name == "assessments:panel_member" and (
            role == "raadslid" and key == PANEL_ASSESSMENT
        )
    return kind is None or may_see(role, kind, key)


def may_see(role: str, kind: str, key: str) -> bool:
    if role == "anonymous":
        return False
    if kind == "assessment":
        return key in VISIBLE_ASSESSMENTS[role]
    return key in VISIBLE_SCOPES[role]


def may_change(role: str, permission: str | None, kind: str, key: str) -> bool:
    if role in ("anonymous", "norole"):
        return False
    if permission is None:
        return True
    if permission == "edit_assessment":
        return key in EDITABLE_ASSESSMENTS[role]
    if permission == "panel_member":
        return role == "raadslid" and key == PANEL_ASSESSMENT
    if role == "beheerder":
        return True
    if kind == "assessment":
        return False
    if not kind:  # a page without an object, e.g. "new partnership"
        return role in MAY[permission]
    return key == "own" and role in MAY[permission]


def secrets_hidden_from(role: str) -> list[str]:
    """Texts that must never appear in a page the role opens."""
    hidden = [
        marker
        for key, (_, _, _, marker) in ASSESSMENTS.items()
        if role == "anonymous" or key not in VISIBLE_ASSESSMENTS[role]
    ]
    if role == "anonymous" or "other" not in VISIBLE_SCOPES[role]:
        hidden += [OTHER_PARTNERSHIP, "Stap van Zeestad GEHEIM", "Regeling van Zeestad GEHEIM"]
    hidden += [marker for marker, roles in PANEL_SEEN_BY.items() if role not in roles]
    hidden += [marker for marker, roles in COUNCIL_MARKERS.items() if role not in roles]
    if role != "beheerder":
        hidden.append(BBV_OTHER)
        if role not in BBV_READERS:
            hidden.append(BBV_OWN)
    return hidden


def snapshot() -> tuple:
    """Everything a refused change could have touched."""
    return (
        list(Answer.objects.order_by("pk").values_list("pk", "score", "special", "explanation")),
        list(Assessment.objects.order_by("pk").values_list("pk", "status", "perspective")),
        list(AssessmentRound.objects.order_by("pk").values_list("pk", "period", "status")),
        list(NextStep.objects.order_by("pk").values_list("pk", "description", "status", "due_on")),
        list(Partnership.objects.order_by("pk").values_list("pk", "name", "legal_form")),
        list(
            Participation.objects.order_by("pk").values_list(
                "pk", "organisation_id", "attention_level"
            )
        ),
        list(Organisation.objects.order_by("pk").values_list("pk", "name")),
        list(Profile.objects.order_by("pk").values_list("pk", "role")),
        list(Panel.objects.order_by("pk").values_list("pk", "shared_at")),
        list(PanelMember.objects.order_by("pk").values_list("pk", "user_id", "submitted_at")),
        list(PanelAnswer.objects.order_by("pk").values_list("pk", "score", "explanation")),
        list(CouncilDocument.objects.order_by("pk").values_list("pk", "title", "sections")),
        list(CouncilTemplate.objects.order_by("pk").values_list("pk", "kind", "file")),
        list(PartnershipDocument.objects.order_by("pk").values_list("pk", "title", "file", "url")),
        list(
            VerbondenPartijFacts.objects.order_by("pk").values_list(
                "pk", "year", "public_interest", "contribution", "updated_at"
            )
        ),
    )
