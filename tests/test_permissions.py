"""Who may see what: the access rules by hand, and a walk over EVERY URL of the project.

The walk iterates the URL resolver, so a URL added later is checked without anyone touching
this file; it fails when a URL has an argument it does not know how to fill (then add the
argument to ARG_KINDS below). Each URL is requested as anonymous, as every role and as an
account without a role, with objects of the own organisation, of another organisation in
the same partnership and of another partnership. It asserts:

- anonymous: a non-public page redirects to the login page;
- an object the user may not see: 403 or 404, never its data;
- the drafts of others and the names and answers of other partnerships never appear in any
  page a user may open (a draft's answers are marked with a unique text per draft);
- a change the user may not make (POST): 403, 404 or 405, and nothing changes in the database;
- a page the user may see: 200 (for the read pages in READ_PAGES);
- every answer to a signed-in user: Cache-Control with no-store;
- never a server error.

Views that are still placeholders (raise Http404 "Nog niet beschikbaar.") are reported as a
warning and get the refusal checks only.
"""

import inspect
import re
import traceback
import warnings
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from assessments.access import (
    assessments_for_user,
    can_edit_assessment,
    can_manage_next_steps,
    can_manage_round,
    editable_assessments_for_user,
    rounds_for_user,
)
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
from partnerships.access import (
    can_create_partnership,
    can_edit_partnership,
    can_import_partnerships,
    can_open_rounds,
    organisations_for_user,
    partnerships_for_user,
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

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def world(gids) -> World:
    return build_world()


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


# --- The access helpers against the hand-written rules ----------------------------------


@pytest.mark.parametrize("role", ROLES[1:])
def test_access_helpers_follow_the_rules(world, role):
    user = world.users[role]
    pk_to_key = {a.pk: k for k, a in world.assessments.items()}
    visible = {pk_to_key[pk] for pk in assessments_for_user(user).values_list("pk", flat=True)}
    assert visible == VISIBLE_ASSESSMENTS[role]
    for key, assessment in world.assessments.items():
        assert can_edit_assessment(user, assessment) == (key in EDITABLE_ASSESSMENTS[role]), key
    editable = {
        pk_to_key[pk] for pk in editable_assessments_for_user(user).values_list("pk", flat=True)
    }
    assert editable == EDITABLE_ASSESSMENTS[role]
    scopes = {k for k, p in world.partnerships.items() if p in partnerships_for_user(user)}
    assert scopes == VISIBLE_SCOPES[role]
    assert {k for k, r in world.rounds.items() if r in rounds_for_user(user)} == scopes
    for key in ("own", "other"):
        partnership, round_ = world.partnerships[key], world.rounds[key]
        assert can_edit_partnership(user, partnership) == may_change(
            role, "edit_partnership", "partnership", key
        )
        assert can_open_rounds(user, partnership) == may_change(role, "manage_round", "p", key)
        assert can_manage_round(user, round_) == may_change(role, "manage_round", "round", key)
        assert can_manage_next_steps(user, round_) == may_change(role, "manage_steps", "r", key)
    assert can_create_partnership(user) == (role in MAY["create_partnership"])
    assert can_import_partnerships(user) == (role in MAY["import_partnerships"])


def test_organisations_for_user(world):
    assert list(organisations_for_user(world.users["griffier"])) == [world.orgs["aalstad"]]
    assert set(organisations_for_user(world.users["directeur"])) == {
        world.orgs["aalstad"],
        world.orgs["beekdorp"],
    }
    assert organisations_for_user(world.users["beheerder"]).count() >= 4
    assert not organisations_for_user(world.users["norole"]).exists()


def test_superuser_counts_as_beheerder_and_inactive_as_nobody(world):
    boss = User.objects.create_superuser("baas", password="x")
    assert assessments_for_user(boss).count() == len(ASSESSMENTS)
    griffier = world.users["griffier"]
    griffier.is_active = False
    assert not partnerships_for_user(griffier).exists()


# --- The walk over every URL -------------------------------------------------------------

ARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# (the path segment before the argument, the argument's name) -> the kind of object.
ARG_KINDS = {
    ("evaluaties", "pk"): "assessment",
    ("raadspanel", "pk"): "assessment",
    ("rondes", "pk"): "round",
    ("samenwerkingsverbanden", "pk"): "partnership",
    ("samenwerkingsverbanden", "partnership_pk"): "partnership",
    ("deelnemers", "organisation_pk"): "organisation",
    ("organisaties", "pk"): "organisation",
    (None, "year"): "year",
    ("vervolgstappen", "pk"): "next_step",
    ("thema", "code"): "theme",
    ("gids", "code"): "theme",
    ("antwoord", "item"): "recommendation",
    ("herstellen", "uidb64"): "dummy",
    (None, "token"): "dummy",
    ("raadsstukken", "organisation_pk"): "organisation",
    ("documenten", "doc_pk"): "document",
    (None, "kind"): "council_kind",
}


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    callback: object

    @property
    def args(self) -> list[tuple[str | None, str]]:
        """(segment before, argument name) for every argument."""
        result = []
        for match in ARG.finditer(self.route):
            before = self.route[: match.start()].rstrip("/").split("/")
            result.append((before[-1] if before and before[-1] else None, match["name"]))
        return result

    def kind(self, before: str | None, name: str) -> str | None:
        return ARG_KINDS.get((before, name)) or ARG_KINDS.get((None, name))

    @property
    def object_kind(self) -> str | None:
        kinds = [self.kind(b, n) for b, n in self.args]
        objects = [
            k
            for k in kinds
            if k in ("assessment", "round", "partnership", "next_step", "organisation")
        ]
        return objects[0] if objects else None

    @property
    def is_public(self) -> bool:
        return self.name in PUBLIC or self.name.split(":")[0] in PUBLIC_NAMESPACES


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue  # Django's admin: staff only, checked in test_admin_is_for_staff
                ns = ":".join(filter(None, [namespace, p.namespace]))
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = ":".join(filter(None, [namespace, p.name or ""]))
                routes.append(Route(prefix + str(p.pattern), name or prefix, p.callback))

    walk(get_resolver().url_patterns, "", "")
    return routes


def is_placeholder(callback) -> bool:
    func = inspect.unwrap(callback)
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return False
    body = [line.strip() for line in source.splitlines() if line.strip()]
    return len(body) <= 3 and body[-1] == 'raise Http404("Nog niet beschikbaar.")'


def test_every_url_can_be_filled():
    """A new URL with an argument this walk does not know fails here: add it to ARG_KINDS."""
    unknown = []
    for route in all_routes():
        if "(?P" in route.route or "^" in route.route:
            unknown.append(f"{route.name}: regular-expression route {route.route!r}")
        for before, name in route.args:
            if route.kind(before, name) is None:
                unknown.append(f"{route.name}: <{name}> after {before!r} in {route.route!r}")
        if not route.name or route.name == route.route:
            unknown.append(f"unnamed URL {route.route!r}")
    assert not unknown, "URLs the permission walk cannot fill:\n" + "\n".join(unknown)
    assert len(all_routes()) >= 40


def _fill(route: Route, world: World, key: str) -> str:
    """The URL for `route` with its object argument set to world object `key`."""
    target = None
    if route.object_kind == "assessment":
        target = world.assessments[key]
    elif route.object_kind == "round":
        target = world.rounds[key]
    elif route.object_kind == "partnership":
        target = world.partnerships[key]
    elif route.object_kind == "next_step":
        target = world.steps[key]
    organisation = world.orgs["aalstad" if key == "own" else "zeestad"]

    def value(match: re.Match) -> str:
        before = route.route[: match.start()].rstrip("/").split("/")[-1] or None
        kind = route.kind(before, match["name"])
        if kind in ("assessment", "round", "partnership", "next_step"):
            return str(target.pk)
        if kind == "organisation":  # the own partnership's Aalstad, the other's Zeestad
            return str(organisation.pk)
        if kind == "year":
            return str(BBV_YEAR)
        if kind == "theme":
            return "A1"
        if kind == "recommendation":
            return "A1.1"
        if kind == "organisation":
            return str(world.orgs["aalstad" if key == "own" else "zeestad"].pk)
        if kind == "council_kind":
            return "raadsvoorstel"
        if kind == "document":  # the own partnership's regeling, or the other's
            return str(world.documents[key].pk)
        return "MQ" if match["name"] == "uidb64" else "abc-123"

    return "/" + ARG.sub(value, route.route)


def _keys(kind: str | None) -> list[str]:
    if kind is None:
        return [""]
    if kind == "assessment":
        return list(ASSESSMENTS)
    return ["own", "other"]


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


class Findings:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, ok: bool, message: str) -> None:
        if not ok:
            self.problems.append(message)


def _is_login_redirect(response) -> bool:
    login = resolve_url(settings.LOGIN_URL)
    return response.status_code == 302 and response["Location"].startswith(login)


def _text(response) -> str:
    if any(response.get("Content-Disposition", "").endswith(f'{s}"') for s in BINARY_SUFFIXES):
        return ""
    if response.get("Content-Type", "").startswith(("application/pdf", "application/vnd")):
        return ""
    content = getattr(response, "content", b"")
    return content.decode("utf-8", errors="replace")


def _request(client, method: str, url: str, findings: Findings, label: str):
    client.raise_request_exception = False
    response = getattr(client, method)(url, {})
    if response.status_code >= 500:
        detail = ""
        exc_info = getattr(response, "exc_info", None)
        if exc_info:
            detail = "\n" + "".join(traceback.format_exception(*exc_info)[-3:])
        findings.check(False, f"{label}: server error {response.status_code}{detail}")
    return response


@pytest.mark.parametrize("role", ROLES)
def test_walk_every_url_as_every_role(client, world, role):
    findings = Findings()
    placeholders = []
    if role != "anonymous":
        client.force_login(world.users[role])
    hidden = secrets_hidden_from(role)

    for route in all_routes():
        placeholder = is_placeholder(route.callback)
        if placeholder:
            placeholders.append(route.name)
        kind = route.object_kind
        permission = WRITE_PAGES.get(route.name)
        slow_done = False
        for key in _keys(kind):
            visible = route_visible(route.name, role, kind, key) or (
                kind is None and role == "anonymous"
            )
            if route.route.endswith(SLOW_SUFFIXES) and visible and role != "anonymous":
                # A PDF takes seconds to render and its text cannot be searched for secrets:
                # its preview page is. Render one per route (as beheerder), refuse all others.
                if slow_done or role != "beheerder":
                    continue
                slow_done = True
            url = _fill(route, world, key)
            label = f"{role} GET {url} ({route.name}{', ' + key if key else ''})"
            response = _request(client, "get", url, findings, label)
            status = response.status_code
            text = _text(response)
            for secret in hidden:
                findings.check(secret not in text, f"{label}: shows {secret!r}")
            if role != "anonymous":
                # A shared computer or a proxy must not keep an organisation's pages.
                findings.check(
                    "no-store" in response.get("Cache-Control", ""),
                    f"{label}: Cache-Control {response.get('Cache-Control')!r} without no-store",
                )

            if route.is_public:
                findings.check(status in (200, 301, 302, 404, 405), f"{label}: {status}")
                continue
            if role == "anonymous":
                findings.check(
                    _is_login_redirect(response) or (placeholder and status == 404),
                    f"{label}: {status} instead of a redirect to the login page",
                )
                continue
            if not visible:
                findings.check(
                    status in (403, 404, 405), f"{label}: {status} for an object not theirs"
                )
                continue
            if placeholder:
                continue
            if role == "norole":
                # 405: a GET on a form that only posts (it shows and changes nothing)
                findings.check(
                    status in (200, 302, 403, 404, 405), f"{label}: {status} without a role"
                )
                continue
            if role == "raadslid" and route.name in OPEN_PAGES:
                # Nothing of the organisation: a refusal, or an empty list.
                findings.check(status in (200, 302, 403, 404), f"{label}: {status}")
                continue
            if route.name in ORGANISATION_PAGES:
                expected = (200,) if role in ORGANISATION_PAGES[route.name] else (403, 404)
                if role == "beheerder":
                    expected = (200, 302)
                findings.check(status in expected, f"{label}: {status}")
                continue
            if route.name in READ_PAGES or (route.name in OPEN_PAGES and kind is None):
                findings.check(status == 200, f"{label}: {status} for a page they may see")

        # Changes: POST wherever the user may not change, nothing may change.
        for key in _keys(kind):
            visible = route_visible(route.name, role, kind, key)
            allowed = visible and may_change(role, permission, kind or "", key)
            if route.is_public or allowed or (visible and permission is None):
                continue
            url = _fill(route, world, key)
            label = f"{role} POST {url} ({route.name}{', ' + key if key else ''})"
            before = snapshot()
            response = _request(client, "post", url, findings, label)
            status = response.status_code
            if role == "anonymous":
                findings.check(
                    _is_login_redirect(response) or (placeholder and status == 404),
                    f"{label}: {status} instead of a redirect to the login page",
                )
            else:
                findings.check(status in (403, 404, 405), f"{label}: {status} for a refused change")
            findings.check(snapshot() == before, f"{label}: changed the database")
            text = _text(response)
            for secret in hidden:
                findings.check(secret not in text, f"{label}: shows {secret!r}")

    if placeholders and role == "beheerder":
        warnings.warn(
            "Placeholder views (refusal checks only): " + ", ".join(sorted(placeholders)),
            stacklevel=1,
        )
    assert not findings.problems, f"{len(findings.problems)} problems:\n" + "\n".join(
        findings.problems[:60]
    )


def test_admin_is_for_staff_only(client, world):
    for role in ("anonymous", "griffier", "secretaris", "directeur", "beheerder"):
        if role != "anonymous":
            client.force_login(world.users[role])
        response = client.get("/beheer/")
        assert response.status_code == 302, role
        assert response["Location"].startswith("/beheer/login/"), role
        client.logout()
    staff = User.objects.create_superuser("staf", password="x")
    client.force_login(staff)
    assert client.get("/beheer/").status_code == 200


def _admin_urls() -> list[str]:
    """The list and add page of every model in the admin (axes' login records included)."""
    from django.contrib import admin
    from django.urls import reverse

    urls = ["/beheer/", "/beheer/password_change/"]
    for model in admin.site._registry:
        meta = model._meta
        for view in ("changelist", "add"):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}"))
    return urls


def test_walk_every_admin_url(client, world):
    """Every admin page: a login redirect for every role that is not staff, 200 or a refusal
    (never a server error) for a superuser, and each change refused without staff."""
    client.raise_request_exception = False
    urls = _admin_urls()
    assert any("/axes/accessattempt/" in url for url in urls)
    problems = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        for url in urls:
            for method in ("get", "post"):
                before = snapshot()
                response = getattr(client, method)(url, {})
                location = response.get("Location", "")
                if response.status_code != 302 or not location.startswith("/beheer/login/"):
                    problems.append(f"{role} {method.upper()} {url}: {response.status_code}")
                if snapshot() != before:
                    problems.append(f"{role} {method.upper()} {url}: changed the database")
    client.force_login(User.objects.create_superuser("staf", password="x"))
    for url in urls:
        status = client.get(url).status_code
        if status not in (200, 403):  # 403: axes' records are read-only, they have no add page
            problems.append(f"superuser GET {url}: {status}")
    assert not problems, "\n".join(problems)


def test_the_admin_login_is_limited_like_the_app_login(client, world, settings):
    """Guessing the beheerder's password at /beheer/login/ is stopped as at /accounts/login/."""
    settings.LOGIN_MAX_FAILURES = 3
    User.objects.create_superuser("staf", password="juist-wachtwoord-1")
    for _ in range(3):
        client.post("/beheer/login/", {"username": "staf", "password": "fout"})
    response = client.post("/beheer/login/", {"username": "staf", "password": "juist-wachtwoord-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/").status_code == 302


def test_draft_of_another_organisation_is_not_found(client, world):
    """The rule in one readable example: Beekdorp's raad draft is invisible to Aalstad."""
    client.force_login(world.users["secretaris"])
    draft = world.assessments["raad_beekdorp"]
    response = client.get(f"/evaluaties/{draft.pk}/")
    assert response.status_code == 404
    assert "CONCEPT-RAAD-BEEKDORP" not in response.content.decode()


def test_griffier_and_contramal_keep_their_drafts_apart(world):
    """Dualism: the raad's draft is not the college's business, and the other way round."""
    raad, college = world.assessments["raad_aalstad"], world.assessments["college_aalstad"]
    assert raad in assessments_for_user(world.users["griffier"])
    assert college not in assessments_for_user(world.users["griffier"])
    assert college in assessments_for_user(world.users["contramal"])
    assert raad not in assessments_for_user(world.users["contramal"])
    both = assessments_for_user(world.users["secretaris"])
    assert raad in both and college in both
    assert not can_edit_assessment(world.users["secretaris"], raad)
