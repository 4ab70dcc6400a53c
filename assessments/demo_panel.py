"""The demo's raad panel: three raadsleden of Cederveen give their view on GGD Zuidland for the
raad's assessment of this year's round (still a draft, so the griffier can merge the answers).

Their answers differ for real: a spread of two points or more on some questions, and on one
in every five a majority that does not know. All three are klaar; the overview is not shared
yet. Idempotent: accounts, panel and members are found by their keys; answers are only added
to a member that was just created, so a demo user's changes survive a rerun.
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.utils import timezone

from partnerships.constants import Role
from partnerships.demo import Region
from partnerships.models import Participation, Profile
from principles.models import Recommendation

from .constants import Perspective
from .demo_rounds import PARTNERSHIP_KEY
from .models import Assessment, Panel, PanelAnswer, PanelMember
from .questionnaire.panel.selectors import raad_codes

ORGANISATION_KEY = "cederveen"
EMAIL_DOMAIN = "demo.regiespiegel.local"
W = "weet_niet"
MEMBERS = (
    ("jansen", "Sanne", "Jansen"),
    ("bakker", "Youssef", "Bakker"),
    ("visser", "Petra", "Visser"),
)
# Per question (cycling): each member's value. Pattern 0 and 4 differ by 2 points or more,
# pattern 2 has a "weet niet" majority.
PATTERNS: tuple[tuple[int | str, int | str, int | str], ...] = (
    (3, 1, 3),
    (1, 2, 2),
    (W, W, 2),
    (2, 2, 1),
    (4, 1, 3),
)
EXPLANATIONS: dict[int | str, str] = {
    0: "Hier merken wij als raad niets van.",
    1: "Er is over gesproken, maar het werkt nog niet.",
    2: "Soms goed geregeld, soms niet: het hangt van de vergadering af.",
    3: "Meestal goed; de stukken komen op tijd.",
    4: "Dit loopt goed en wordt ook bijgehouden.",
    W: "Dat weet ik niet; daar heb ik geen zicht op.",
}


def _raadslid(key: str, first: str, last: str, participation: Participation, pw: str) -> User:
    username = f"raadslid.{ORGANISATION_KEY}.{key}"
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first, last
    user.email = f"{username}@{EMAIL_DOMAIN}"
    user.is_active, user.is_staff, user.is_superuser = True, False, False
    user.password = pw
    user.save()
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "role": Role.RAADSLID,
            "organisation": participation.organisation,
            "partnership": None,
        },
    )
    return user


def seed_panel(region: Region, *, password: str) -> list[dict[str, str]]:
    """The panel and its accounts; returns the accounts (the `seed_demo --json` contract)."""
    partnership = region.partnerships.get(PARTNERSHIP_KEY)
    organisation = region.organisations.get(ORGANISATION_KEY)
    if partnership is None or organisation is None:
        return []
    assessment = (
        Assessment.objects.filter(
            round__partnership=partnership,
            round__period=str(timezone.localdate().year),
            participation__organisation=organisation,
            perspective=Perspective.RAAD,
        )
        .select_related("round", "participation__organisation")
        .first()
    )
    if assessment is None or assessment.participation is None:
        return []
    pw = make_password(password)
    griffier = User.objects.filter(username=f"griffier.{ORGANISATION_KEY}").first()
    panel, _ = Panel.objects.get_or_create(assessment=assessment, defaults={"created_by": griffier})
    codes = raad_codes(assessment)
    recs = {
        r.code: r
        for r in Recommendation.objects.filter(
            theme__part__framework_id=assessment.round.framework_id, code__in=codes
        )
    }
    accounts = []
    now = timezone.now()
    for index, (key, first, last) in enumerate(MEMBERS):
        user = _raadslid(key, first, last, assessment.participation, pw)
        accounts.append(
            {
                "username": user.username,
                "role": str(Role.RAADSLID),
                "organisation": organisation.name,
            }
        )
        member, created = PanelMember.objects.get_or_create(
            panel=panel,
            user=user,
            defaults={"invited_at": now, "invited_by": griffier, "submitted_at": now},
        )
        if not created:
            continue
        for n, code in enumerate(codes):
            value = PATTERNS[n % len(PATTERNS)][index]
            PanelAnswer.objects.create(
                member=member,
                recommendation=recs[code],
                score=value if isinstance(value, int) else None,
                special=value if isinstance(value, str) else "",
                explanation=EXPLANATIONS[value],
            )
    return accounts
