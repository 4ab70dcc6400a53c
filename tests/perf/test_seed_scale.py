"""seed_scale builds a national-size data set; at 1% it is small enough to check in every run."""

import json
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse

from assessments.constants import AssessmentStatus, NextStepStatus, Perspective, RoundStatus
from assessments.models import Answer, Assessment, AssessmentRound, NextStep
from assessments.scores import round_applicability
from partnerships.constants import OrganisationKind, Role
from partnerships.models import Organisation, Participation, Partnership
from tests.factories import make_user
from tests.perf import scale


@pytest.fixture(scope="module")
def _scaled_once(django_db_setup, django_db_blocker):
    """Seeded once for the module (committed), removed again after its last test."""
    out = StringIO()
    with django_db_blocker.unblock():
        call_command("seed_scale", "--scale", "0.01", stdout=out)
    yield scale.ScalePlan.for_scale(0.01), out.getvalue()
    with django_db_blocker.unblock():
        scale.reset_scale()


@pytest.fixture
def scaled(_scaled_once, db):
    return _scaled_once


def test_plan_at_full_scale_is_national_size():
    plan = scale.ScalePlan.for_scale(1.0)
    assert (plan.gemeenten, plan.provincies, plan.waterschappen) == (342, 12, 21)
    assert plan.organisations == 375
    assert plan.partnerships == 1100
    assert plan.years == 5


def test_scale_must_be_a_fraction(gids):
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_scale", "--scale", "0")
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_scale", "--scale", "1.5")


@pytest.mark.django_db
def test_refuses_without_the_gids():
    from principles.models import Framework

    Framework.objects.update(is_current=False)
    with pytest.raises(CommandError, match="load_gids"):
        call_command("seed_scale", "--scale", "0.01")


def test_counts_follow_the_plan(scaled):
    plan, output = scaled
    orgs = Organisation.objects.filter(name__contains=f" {scale.SCALE_MARK}")
    assert orgs.filter(kind=OrganisationKind.GEMEENTE).count() == plan.gemeenten
    assert orgs.filter(kind=OrganisationKind.PROVINCIE).count() == plan.provincies
    assert orgs.filter(kind=OrganisationKind.WATERSCHAP).count() == plan.waterschappen
    partnerships = Partnership.objects.filter(name__startswith=f"{scale.SCALE_MARK}regio ")
    assert partnerships.count() == plan.partnerships
    participations = Participation.objects.filter(partnership__in=partnerships).count()
    assert participations >= 2 * plan.partnerships

    rounds = AssessmentRound.objects.filter(partnership__in=partnerships)
    assert rounds.count() == plan.partnerships * plan.years
    assert rounds.filter(status=RoundStatus.OPEN).count() == plan.partnerships
    assert rounds.filter(previous__isnull=False).count() == plan.partnerships * (plan.years - 1)

    assessments = Assessment.objects.filter(round__in=rounds)
    # three perspectives per participant plus the directeur, in every round
    assert assessments.count() == plan.years * (3 * participations + plan.partnerships)
    assert assessments.filter(perspective=Perspective.DIRECTEUR).count() == rounds.count()
    assert assessments.filter(status=AssessmentStatus.SUBMITTED).exists()
    assert assessments.filter(status=AssessmentStatus.DRAFT).exists()

    counts = scale.counts()
    assert counts["antwoorden"] == Answer.objects.count() > 10 * counts["zelfevaluaties"]
    assert f"{counts['antwoorden']} antwoorden" in output

    # Next steps as councils make them: older ones done, recent ones open or under way.
    steps = NextStep.objects.filter(round__in=rounds)
    assert counts["vervolgstappen"] == steps.count() > plan.partnerships
    assert set(steps.values_list("status", flat=True)) == set(NextStepStatus.values)
    done = steps.filter(status=NextStepStatus.AFGEROND)
    assert not done.filter(completed_on__isnull=True).exists()
    oldest = str(scale.FIRST_YEAR)
    assert not steps.filter(round__period=oldest).exclude(status=NextStepStatus.AFGEROND).exists()
    assert f"{counts['vervolgstappen']} vervolgstappen" in output

    # Some drafts are started (with answers), others untouched: the overview shows both.
    answered = (
        Assessment.objects.filter(status=AssessmentStatus.DRAFT)
        .annotate(answered=Exists(Answer.objects.filter(assessment_id=OuterRef("pk"))))
        .values_list("answered", flat=True)
    )
    assert any(answered) and not all(answered)


def test_answers_are_valid_and_only_for_applicable_items(scaled):
    # Every answer satisfies the model's rules (the database constraints hold them too).
    for answer in Answer.objects.order_by("?")[:300]:
        answer.full_clean()
    # A submitted assessment answers every applicable item; nothing outside applicability.
    for round_ in AssessmentRound.objects.filter(period="2023").select_related(
        "partnership", "framework"
    )[:5]:
        applicable = {code for code, _ in round_applicability(round_).item_pairs()}
        for assessment in round_.assessments.all():
            codes = set(assessment.answers.values_list("recommendation__code", flat=True))
            assert codes <= applicable
            if assessment.status == AssessmentStatus.SUBMITTED:
                assert codes == applicable


def test_same_seed_gives_the_same_data_set_and_reset_removes_it(scaled):
    before = scale.counts()
    call_command("seed_scale", "--scale", "0.01", "--reset", stdout=StringIO())
    assert scale.counts() == before
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_scale", "--scale", "0.01")
    scale.reset_scale()
    assert all(n == 0 for n in scale.counts().values())


def _busiest_municipality() -> Organisation:
    return (
        Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
        .annotate(n=Count("participations"))
        .order_by("-n")
        .first()
    )


def test_the_main_pages_work_on_the_scale_data(scaled, client):
    organisation = _busiest_municipality()
    draft = (
        Assessment.objects.filter(
            participation__organisation=organisation,
            perspective=Perspective.RAAD,
            status=AssessmentStatus.DRAFT,
            round__status=RoundStatus.OPEN,
        )
        .select_related("round__partnership", "round__framework")
        .first()
    )
    assert draft is not None
    round_ = draft.round
    theme = round_applicability(round_).applicable_themes()[0].code

    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=organisation))
    for url in [
        reverse("assessments:dashboard"),
        reverse("assessments:partnership_dashboard", args=[round_.partnership_id]),
        reverse("partnerships:list"),
        reverse("partnerships:detail", args=[round_.partnership_id]),
        reverse("assessments:round", args=[round_.pk]),
        reverse("assessments:round_compare", args=[round_.pk]),
        reverse("assessments:round_trend", args=[round_.pk]),
        reverse("assessments:round_report_preview", args=[round_.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    response = client.get(reverse("assessments:dashboard_export"))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"  # an xlsx is a zip file

    client.force_login(make_user(Role.GRIFFIER, organisation=organisation))
    for url in [
        reverse("assessments:list"),
        reverse("assessments:detail", args=[draft.pk]),
        reverse("assessments:theme", args=[draft.pk, theme]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert organisation.name in client.get(reverse("assessments:detail", args=[draft.pk])).text


def test_benchmark_runs_on_the_scale_data(scaled, tmp_path):
    output = tmp_path / "bench.json"
    out = StringIO()
    call_command(
        "benchmark",
        "--label=national",
        "--repeat=1",
        "--only=dashboard,form,save_theme",  # the PDF is measured by hand: it takes seconds
        f"--output={output}",
        stdout=out,
    )
    results = json.loads(output.read_text())
    measures = results["national"]["measures"]
    assert set(measures) == {"dashboard", "form", "save_theme"}
    for name in ("dashboard", "form", "save_theme"):
        assert measures[name]["queries"] > 0, measures[name]
        assert measures[name]["median_ms"] > 0, measures[name]
    assert "dashboard" in out.getvalue()

    # --append adds runs to the same label; the median is over all of them.
    call_command(
        "benchmark",
        "--label=national",
        "--repeat=2",
        "--only=dashboard",
        "--append",
        f"--output={output}",
        stdout=StringIO(),
    )
    dashboard = json.loads(output.read_text())["national"]["measures"]["dashboard"]
    assert len(dashboard["runs_ms"]) == 3
    assert dashboard["median_ms"] == sorted(dashboard["runs_ms"])[1]
    # Its logins are logged out again: runs leave no sessions behind.
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_scale_codes_leave_the_demo_codes_free():
    """seed_demo can be loaded next to a national data set (the same municipality can be
    measured at both sizes): the scale organisations never take a demo CBS code."""
    from partnerships.demo import ORGANISATIONS

    demo_codes = {code for _, _, code in ORGANISATIONS.values()}
    codes = list(scale._free_codes("GM", 400, 4))
    assert len(set(codes)) == 400
    assert not demo_codes & set(codes)


@pytest.mark.django_db
def test_benchmark_names_an_unknown_organisation(gids):
    with pytest.raises(CommandError, match="Geen organisatie met de naam 'Gemeente Nergens'"):
        call_command("benchmark", "--organisation=Gemeente Nergens", stdout=StringIO())
