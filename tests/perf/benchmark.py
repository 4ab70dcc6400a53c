"""Measure the main pages against the current database: queries and median time.

Run it once on the demo data (after seed_demo) and once on the national data set (after
seed_scale), each with a label; the results go to a JSON file and, when both labels are
there, a ratio table shows how the times grow with the size of the database.

It uses Django's test Client with force_login in this process, so it measures the
application (views, queries, templates, PDF), not a web server. It creates three accounts
named benchmark-* (no usable password) for the organisation with the most partnerships.
"""

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.constants import AssessmentStatus, Perspective, RoundStatus
from assessments.models import Answer, Assessment, AssessmentRound
from partnerships.constants import OrganisationKind, Role
from partnerships.models import Organisation, Partnership, Profile
from tests.htmlforms import post_forms
from tests.perf import scale

# The national page may take at most twice the demo page: what grows is the subject (a
# municipality in 103 partnerships against 8), not the database; query counts stay equal.
RATIO_TARGET = 2.0
DEFAULT_OUTPUT = Path(settings.BASE_DIR) / ".cache" / "benchmark.json"
MEASURES = [
    ("dashboard", "Dashboard (organisatie met de meeste verbanden)"),
    ("form", "Formulier: themapagina"),
    ("save_theme", "Thema opslaan (alle aanbevelingen)"),
    ("round_pdf", "Rondeverslag (PDF)"),
]


@dataclass
class Measure:
    name: str
    url: str = ""
    status: int | None = None
    queries: int | None = None
    median_ms: float | None = None
    runs_ms: list[float] = field(default_factory=list)
    note: str = ""


@dataclass
class Target:
    organisation: Organisation
    partnerships: int
    form_assessment: Assessment | None
    theme: str | None
    round: AssessmentRound | None


def busiest_organisation() -> tuple[Organisation, int]:
    row = (
        Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
        .annotate(n=Count("participations"))
        .order_by("-n", "name")
        .values_list("pk", "n")
        .first()
    )
    if row is None:
        raise SystemExit("Geen gemeente in de database: voer eerst seed_demo of seed_scale uit.")
    return Organisation.objects.get(pk=row[0]), row[1]


def find_target(organisation_name: str | None = None) -> Target:
    if organisation_name:
        organisation = Organisation.objects.filter(name=organisation_name).first()
        if organisation is None:
            raise CommandError(f"Geen organisatie met de naam {organisation_name!r}.")
        n = organisation.participations.count()
    else:
        organisation, n = busiest_organisation()
    drafts = Assessment.objects.filter(
        participation__organisation=organisation,
        perspective=Perspective.RAAD,
        status=AssessmentStatus.DRAFT,
        round__status=RoundStatus.OPEN,
    ).annotate(n_answers=Count("answers"))
    form_assessment = (
        drafts.select_related("round__partnership", "round__framework")
        .order_by("-n_answers", "-round__opens_on", "pk")
        .first()
    )
    theme = None
    if form_assessment is not None:
        from assessments.scores import round_applicability

        applicable = round_applicability(form_assessment.round).applicable_themes()
        # The theme with the most items: the heaviest page to show and to save.
        theme = max(applicable, key=lambda t: len(t.items)).code if applicable else None
    round_ = (
        AssessmentRound.objects.filter(partnership__participations__organisation=organisation)
        .annotate(
            n_submitted=Count(
                "assessments", filter=Q(assessments__status=AssessmentStatus.SUBMITTED)
            )
        )
        .order_by("-n_submitted", "-opens_on", "pk")
        .first()
    )
    return Target(organisation, n, form_assessment, theme, round_)


def bench_user(role: str, organisation: Organisation, partnership: Partnership | None) -> User:
    user, _ = User.objects.get_or_create(
        username=f"benchmark-{role}", defaults={"first_name": "Benchmark"}
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    scope = {"organisation": organisation, "partnership": None}
    if role == Role.DIRECTEUR:
        scope = {"organisation": None, "partnership": partnership}
    Profile.objects.update_or_create(user=user, defaults={"role": role, **scope})
    return user


def measure(
    client: Client,
    name: str,
    request: Callable[[int], object],
    *,
    repeat: int,
    ok: tuple[int, ...] = (200,),
) -> Measure:
    """Run request(i) once to warm up, then `repeat` times; the query count of the last run."""
    result = Measure(name=name)
    response = request(-1)
    result.status = response.status_code
    if response.status_code not in ok:
        result.note = f"status {response.status_code}"
        return result
    for i in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = request(i)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code not in ok:
            result.note = f"status {response.status_code} in run {i + 1}"
            return result
        result.runs_ms.append(round(elapsed, 1))
        result.queries = len(ctx.captured_queries)
    result.median_ms = round(statistics.median(result.runs_ms), 1)
    return result


def theme_form_data(html: str, iteration: int) -> dict[str, str] | None:
    """The theme form as a browser would send it, with every item given a (new) score."""
    forms = [f for f in post_forms(html) if any(n.endswith("-value") for n in f.names())]
    if not forms:
        return None
    form = forms[0]
    data = form.data()
    for name in form.names():
        if name.endswith("-value"):
            data[name] = str(2 + (iteration + hash(name)) % 2)  # alternate 2 and 3: a real change
    return data


def run_benchmark(
    *, repeat: int, only: set[str] | None = None, organisation: str | None = None
) -> tuple[dict[str, object], list[Measure]]:
    target = find_target(organisation)
    org = target.organisation
    partnership = target.round.partnership if target.round else None
    secretaris = bench_user(Role.GEMEENTESECRETARIS, org, None)
    griffier = bench_user(Role.GRIFFIER, org, None)
    directeur = bench_user(Role.DIRECTEUR, org, partnership) if partnership else None
    wanted = only or {name for name, _ in MEASURES}
    clients: list[Client] = []
    try:
        measures = _measure_all(target, wanted, repeat, (secretaris, griffier, directeur), clients)
    finally:
        # Log out: every run would otherwise leave three sessions behind, and on a database
        # without autovacuum their dead rows slow the session lookup of the next runs.
        for client in clients:
            client.logout()
    size = {
        "database": connection.vendor,
        "organisation": org.name,
        "organisation_partnerships": target.partnerships,
        "organisations": Organisation.objects.count(),
        "partnerships": Partnership.objects.count(),
        "rounds": AssessmentRound.objects.count(),
        "assessments": Assessment.objects.count(),
        "answers": Answer.objects.count(),
        "scale_data": scale.scale_data_exists(),
        "theme": target.theme,
        "round": str(target.round) if target.round else None,
    }
    return size, measures


def _measure_all(
    target: Target,
    wanted: set[str],
    repeat: int,
    users: tuple[User, User, User | None],
    clients: list[Client],
) -> list[Measure]:
    """The requests, each measured with its role's client (kept in `clients`)."""
    secretaris, griffier, directeur = users
    measures: list[Measure] = []
    client = Client()
    clients.append(client)
    client.force_login(secretaris)
    url = reverse("assessments:dashboard")
    if "dashboard" in wanted:
        m = measure(client, "dashboard", lambda i: client.get(url), repeat=repeat)
        m.url = url
        measures.append(m)

    griffier_client = Client()
    clients.append(griffier_client)
    griffier_client.force_login(griffier)
    if target.form_assessment and target.theme:
        url = reverse("assessments:theme", args=[target.form_assessment.pk, target.theme])
        if "form" in wanted:
            m = measure(griffier_client, "form", lambda i: griffier_client.get(url), repeat=repeat)
            m.url = url
            measures.append(m)
        if "save_theme" in wanted:
            measures.append(measure_post(griffier_client, "save_theme", url, repeat=repeat))
    else:
        note = "geen open concept (raad) voor deze organisatie"
        measures.extend(Measure(n, note=note) for n in ("form", "save_theme") if n in wanted)

    if "round_pdf" not in wanted:
        pass
    elif target.round:
        url = reverse("assessments:round_report_pdf", args=[target.round.pk])
        pdf_client = Client()
        clients.append(pdf_client)
        pdf_client.force_login(directeur or secretaris)
        m = measure(pdf_client, "round_pdf", lambda i: pdf_client.get(url), repeat=repeat)
        m.url = url
        measures.append(m)
    else:
        measures.append(Measure("round_pdf", note="geen ronde"))
    return measures


def measure_post(client: Client, name: str, url: str, *, repeat: int) -> Measure:
    """Saving a theme: GET the page (untimed), then time the POST of the whole theme form."""
    result = Measure(name=name, url=url)
    for i in range(-1, repeat):
        page = client.get(url)
        data = theme_form_data(page.content.decode(), i)
        if data is None:
            result.status = page.status_code
            result.note = "geen themaformulier op de pagina"
            return result
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.post(url, data)
            elapsed = (time.perf_counter() - started) * 1000
        result.status = response.status_code
        if response.status_code != 302:
            result.note = f"status {response.status_code} (verwacht 302)"
            return result
        if i >= 0:
            result.runs_ms.append(round(elapsed, 1))
            result.queries = len(ctx.captured_queries)
    result.median_ms = round(statistics.median(result.runs_ms), 1)
    return result


def merge_measures(
    earlier: dict[str, dict[str, object]], fresh: dict[str, dict[str, object]]
) -> dict[str, dict[str, object]]:
    """Earlier runs plus fresh ones, per measure; the median over all of them. A measure
    whose query count changed starts over (the code changed in between)."""
    merged = dict(earlier)
    for name, measure in fresh.items():
        before = earlier.get(name)
        if before and before.get("queries") == measure.get("queries") and measure["runs_ms"]:
            runs = before["runs_ms"] + measure["runs_ms"]
            measure = {**measure, "runs_ms": runs, "median_ms": round(statistics.median(runs), 1)}
        merged[name] = measure
    return merged


def load_results(path: Path) -> dict[str, object]:
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


def format_table(results: dict[str, object]) -> list[str]:
    """One line per data set, then per measure: queries and median ms per label, and the ratio
    of each other label's median to the demo's (target: at most RATIO_TARGET, same query
    count)."""
    lines = []
    labels = list(results)
    others = [label for label in labels if label != "demo"] if "demo" in results else []
    for label in labels:
        size = results[label]["size"]
        lines.append(
            f"[{label}] {size['database']}: {size['organisations']} organisaties, "
            f"{size['partnerships']} verbanden, {size['assessments']} zelfevaluaties, "
            f"{size['answers']} antwoorden; {size['organisation']} zit in "
            f"{size['organisation_partnerships']} verbanden; ronde {size['round']}"
        )
    header = f"{'meting':<12}" + "".join(f"{label[:14]:>16}" for label in labels)
    header += "".join(f"{'x ' + label[:10]:>14}" for label in others)
    lines.append(header + "   (queries / mediaan ms)")
    for name, _ in MEASURES:
        row = f"{name:<12}"
        values = {}
        for label in labels:
            m = results[label]["measures"].get(name, {})
            q, ms = m.get("queries"), m.get("median_ms")
            values[label] = (q, ms)
            cell = f"{q} / {ms:.0f}" if q is not None and ms is not None else (m.get("note") or "-")
            row += f"{cell[:15]:>16}"
        for label in others:
            (dq, dms), (oq, oms) = values["demo"], values[label]
            if dms and oms:
                ok = oms / dms <= RATIO_TARGET and dq == oq
                row += f"{oms / dms:>9.2f} {'ok' if ok else 'MISS':>4}"
            else:
                row += f"{'-':>14}"
        lines.append(row)
    return lines


class Command(BaseCommand):
    help = (
        "Meet aantal queries en mediane tijd van dashboard, formulier, thema opslaan en "
        "rondeverslag (PDF) op de huidige database; vergelijkt demo- met landelijke omvang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--label",
            help="Naam van deze meting: demo of national (standaard: national als er een "
            "schaaldataset is, anders demo).",
        )
        parser.add_argument("--repeat", type=int, default=7, help="Aantal metingen per pagina.")
        parser.add_argument(
            "--output", default=str(DEFAULT_OUTPUT), help="JSON-bestand met de resultaten."
        )
        parser.add_argument(
            "--only",
            help="Alleen deze metingen, met komma's: " + ",".join(n for n, _ in MEASURES),
        )
        parser.add_argument(
            "--organisation",
            help="Meet voor deze organisatie (naam) in plaats van die met de meeste verbanden, "
            "bijvoorbeeld om dezelfde demogemeente op de landelijke database te meten.",
        )
        parser.add_argument(
            "--show", action="store_true", help="Alleen de opgeslagen resultaten tonen."
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Voeg de metingen toe aan die van dezelfde naam in plaats van ze te vervangen; "
            "de mediaan gaat dan over alle metingen. Wissel demo en landelijk een paar keer af "
            "(make bench-compare): op een gedeelde machine verschuift de snelheid met de tijd.",
        )

    def handle(self, *args, **options):
        path = Path(options["output"])
        results = load_results(path)
        if not options["show"]:
            label = options["label"] or ("national" if scale.scale_data_exists() else "demo")
            with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
                only = set(options["only"].split(",")) if options["only"] else None
                size, measures = run_benchmark(
                    repeat=max(1, options["repeat"]),
                    only=only,
                    organisation=options["organisation"],
                )
            fresh = {m.name: asdict(m) for m in measures}
            if options["append"] and label in results:
                fresh = merge_measures(results[label]["measures"], fresh)
            results[label] = {"size": size, "measures": fresh}
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
            self.stdout.write(f"Resultaten '{label}' bewaard in {path}")
        for line in format_table(results):
            self.stdout.write(line)
