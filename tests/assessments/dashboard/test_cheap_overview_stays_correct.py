"""What makes the overview cheap at national size: the progress of a round counted in the
database, applicability shared between requests, the rows rendered by a Jinja2 partial and
the indexes on open next steps. Each test checks what a user (or an operator) would notice when
one of these went wrong: a wrong state, a stale applicability, an unescaped name."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from assessments.constants import NextStepStatus, Perspective
from assessments.dashboard.facts import NO_PROGRESS, RoundProgress
from assessments.dashboard.frameworks import FrameworkCache
from assessments.dashboard.page import build_dashboard
from assessments.dashboard.selectors import fetch_partnership_info
from assessments.templatetags.overview import overview_rows
from partnerships.applicability import PartnershipFacts
from partnerships.constants import CooperationModel, LegalForm, OrganisationKind, Role
from partnerships.models import Partnership
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

TODAY = timezone.localdate()


def short_date(day: date) -> str:
    """How the dashboards print a date ("j-n-Y"): 7-3-2026."""
    return f"{day.day}-{day.month}-{day.year}"


def test_round_progress_counts_the_organisations_assessments_or_everyones(gids):
    """The progress of each partnership's current round, counted in the partnership's own
    row: the organisation's assessments, or everyone's; never an older round's."""
    aalstad = make_organisation("Gemeente Aalstad")
    partner = make_organisation("Gemeente Bestad")
    p = make_partnership("Regio Zuid", participants=[aalstad, partner])
    older = make_round(p, period="2025", opens_on=TODAY - timedelta(days=400))
    make_assessment(older, organisation=aalstad, submitted=True, answers={"A1.1": 4})
    r = make_round(p, period="2026", opens_on=TODAY - timedelta(days=10))
    make_assessment(r, organisation=aalstad, answers={"A1.1": 3})  # a draft with an answer
    make_assessment(r, organisation=aalstad, perspective=Perspective.COLLEGE)  # an empty draft
    make_assessment(r, organisation=partner, submitted=True, answers={"A1.1": 2})
    noord = make_partnership("Regio Noord", participants=[aalstad])
    make_round(noord)  # a round without assessments
    west = make_partnership("Regio West", participants=[aalstad])  # no round at all
    shown = Partnership.objects.filter(pk__in=[p.pk, noord.pk, west.pk])

    def progress(organisation_id):
        infos = fetch_partnership_info(shown, with_progress=True, organisation_id=organisation_id)
        return {info.name: info.progress for info in infos}

    assert progress(aalstad.pk) == {
        "Regio Noord": NO_PROGRESS,
        "Regio West": NO_PROGRESS,
        "Regio Zuid": RoundProgress(assessments=2, submitted=0, started=1),
    }
    assert progress(None)["Regio Zuid"] == RoundProgress(assessments=3, submitted=1, started=2)
    assert progress(partner.pk)["Regio Zuid"] == RoundProgress(1, 1, 1)


def test_shared_applicability_follows_a_changed_framework(gids):
    """Applicability is kept between requests, keyed by the framework's content: a Part B
    recommendation that stops referring to its Part A chapter (load_gids can do that) is
    scored itself on the next request, without a restart."""
    network = PartnershipFacts(
        name="",
        cooperation_model=CooperationModel.NETWORK,
        legal_form=LegalForm.CONVENANT,
        participant_kinds=frozenset({OrganisationKind.GEMEENTE}),
    )
    before = FrameworkCache().applicability(network, gids.pk)
    assert FrameworkCache().applicability(network, gids.pk) is before  # shared, not recomputed
    assert before.theme("B6").items[0].startswith("A6.")
    rec = Recommendation.objects.get(theme__part__framework=gids, code="B6.1")
    rec.refers_to = None
    rec.save(update_fields=["refers_to"])

    after = FrameworkCache().applicability(network, gids.pk)
    assert after.theme("B6").items == ("B6.1",)


def test_rows_escape_what_users_typed_and_link_to_the_partnership(gids):
    aalstad = make_organisation("Gemeente Aalstad")
    p = make_partnership('Regio <script>alert("x")</script> & Co', participants=[aalstad])
    r = make_round(p, due_on=TODAY - timedelta(days=1))
    make_assessment(r, organisation=aalstad, answers={"A1.1": 2})
    make_next_step(r, description="<b>Vet</b> " + "lang " * 20, due_on=TODAY + timedelta(5))
    dashboard = build_dashboard(Partnership.objects.all(), organisation=aalstad, today=TODAY)

    html = str(overview_rows(dashboard.rows))

    assert "<script>" not in html and "<b>" not in html
    assert "Regio &lt;script&gt;alert(" in html  # quotes: &#34; from Jinja2, &quot; from Django
    assert '>Regio <script>alert("x")</script> & Co</a>' in unescape(html)
    assert f'href="{reverse("partnerships:detail", args=[p.pk])}"' in html
    assert f'href="{reverse("assessments:round", args=[r.pk])}"' in html
    assert '<span class="badge text-bg-danger">Te laat</span>' in html
    assert f"{short_date(TODAY + timedelta(5))}: &lt;b&gt;Vet&lt;/b&gt; lang" in html
    assert "…" in html  # the description is cut at 60 characters


def test_overview_page_shows_the_rows_of_the_partial(client, gids):
    aalstad = make_organisation("Gemeente Aalstad")
    p = make_partnership("Regio Oost", participants=[aalstad])
    r = make_round(p)
    make_assessment(r, organisation=aalstad, submitted=True, answers={"A1.1": 4})
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))

    html = client.get(reverse("assessments:dashboard")).content.decode()

    assert f'<a href="{reverse("partnerships:detail", args=[p.pk])}">Regio Oost</a>' in html
    assert '<span class="badge text-bg-success">Ingediend</span>' in html
    assert "1 resp.</span>" in html


def test_open_next_steps_have_their_partial_indexes():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "assessments_nextstep")
    assert {"nextstep_open_by_round", "nextstep_open_by_due"} <= set(found)


def test_open_steps_on_both_dashboards(client, gids):
    """The list of open next steps: overdue marked, the step linked to the round's next steps,
    what users typed escaped; the overview names the partnership, a partnership's own
    dashboard does not."""
    aalstad = make_organisation("Gemeente Aalstad")
    p = make_partnership("Regio <Zuid>", participants=[aalstad])
    r = make_round(p)
    make_next_step(
        r, description="Stel <i>kaders</i> op", due_on=TODAY - timedelta(2), recommendation="A1.1"
    )
    make_next_step(r, description="Zonder datum", due_on=None, owner="Griffie")
    steps_url = reverse("assessments:next_steps", args=[r.pk])

    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))
    overview = client.get(reverse("assessments:dashboard")).content.decode()
    partnership = client.get(
        reverse("assessments:partnership_dashboard", args=[p.pk])
    ).content.decode()

    late = short_date(TODAY - timedelta(2))
    for html in (overview, partnership):
        assert f'<td>{late} <span class="badge text-bg-danger">te laat</span></td>' in html
        assert f'<a href="{steps_url}">A1.1: Stel &lt;i&gt;kaders&lt;/i&gt; op</a>' in html
        assert '<span class="text-body-secondary">geen datum</span>' in html
        assert "<td>Griffie</td>" in html and "<td>—</td>" in html
    assert "<td>Regio &lt;Zuid&gt;</td>" in overview
    assert "<td>Regio &lt;Zuid&gt;</td>" not in partnership


def test_a_rows_steps_come_from_all_its_rounds_and_no_other_partnership(client, gids):
    """The page finds a row's open steps through the ids of all its rounds: a step planned in
    last year's round still shows and counts as overdue; another partnership's does not."""
    aalstad = make_organisation("Gemeente Aalstad")
    p = make_partnership("Regio Zuid", participants=[aalstad])
    old = make_round(p, period="2025", opens_on=date(2025, 1, 6))
    new = make_round(p, period="2026", opens_on=date(2026, 1, 5))
    make_next_step(old, description="Stap uit de vorige ronde", due_on=TODAY - timedelta(9))
    make_next_step(new, description="Stap uit deze ronde", due_on=TODAY + timedelta(9))
    make_next_step(old, description="Afgeronde stap", status=NextStepStatus.AFGEROND)
    other = make_partnership("Regio Noord", participants=[make_organisation("Gemeente Bestad")])
    make_next_step(make_round(other), description="Stap van een ander verband")

    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))
    html = client.get(reverse("assessments:dashboard")).content.decode()
    row = html[html.index("Regio Zuid</a>") :].split("</tr>")[0]
    assert '2 <span class="badge text-bg-danger">1 te laat</span>' in row
    assert "Stap uit de vorige ronde" in row and "Stap uit deze ronde" in row
    assert "Afgeronde stap" not in html and "Stap van een ander verband" not in html
