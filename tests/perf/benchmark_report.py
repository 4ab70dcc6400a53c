"""`python manage.py benchmark_report`: how long the council report of the largest round takes.

The largest round is the one with the most submitted assessments (the demo data's biggest).
Prints the total time and the share spent building the view-model, rendering the HTML and
in WeasyPrint. Best of --repeat runs (the first run also warms WeasyPrint's font cache).
"""

import time
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

from assessments.constants import AssessmentStatus
from assessments.models import AssessmentRound
from assessments.presentation import fmt_number
from assessments.reports.pdf import html_to_pdf
from assessments.reports.render import render_report_html
from assessments.reports.round_report import build_round_report

GOAL_SECONDS = 2.0


@dataclass
class Run:
    build: float  # wall-clock seconds per phase
    html: float
    pdf: float
    cpu: float  # CPU seconds of the whole run (this process)
    pages: int
    size: int

    @property
    def total(self) -> float:
        return self.build + self.html + self.pdf


class Command(BaseCommand):
    help = "Meet hoe lang het raadsrapport van de grootste ronde (de meeste ingediende evaluaties) duurt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", type=int, dest="round_id", help="Meet deze ronde.")
        parser.add_argument("--repeat", type=int, default=3, help="Aantal metingen (standaard 3).")

    def handle(self, *args: object, **options: object) -> None:
        rounds = AssessmentRound.objects.select_related("partnership", "framework", "previous")
        if options["round_id"]:
            round_ = rounds.filter(pk=options["round_id"]).first()
            if round_ is None:
                raise CommandError(f"Ronde {options['round_id']} bestaat niet.")
        else:
            round_ = (
                rounds.annotate(
                    submitted=Count(
                        "assessments", filter=Q(assessments__status=AssessmentStatus.SUBMITTED)
                    )
                )
                .filter(submitted__gt=0)
                .order_by("-submitted", "pk")
                .first()
            )
            if round_ is None:
                self.stdout.write(
                    "Geen ronde met ingediende zelfevaluaties gevonden: er is niets te meten. "
                    "Laad eerst de Gids en de demodata (python manage.py load_gids && "
                    "python manage.py seed_demo), of geef een ronde op met --round."
                )
                return
        repeat = max(1, int(options["repeat"]))  # type: ignore[arg-type]
        runs = [self._run(round_) for _ in range(repeat)]
        best = min(runs, key=lambda r: r.total)
        respondents = round_.assessments.filter(status=AssessmentStatus.SUBMITTED).count()
        self.stdout.write(
            f"Raadsrapport van ronde {round_.pk} ({round_}): {respondents} ingediende "
            f"zelfevaluaties, {best.pages} pagina's, {fmt_number(best.size / 1024, 0)} kB"
        )
        self.stdout.write(f"Beste van {repeat} metingen:")
        for label, seconds in (
            ("view-model bouwen (queries)", best.build),
            ("HTML renderen", best.html),
            ("WeasyPrint (opmaak + PDF)", best.pdf),
        ):
            share = seconds / best.total * 100 if best.total else 0
            self.stdout.write(
                f"  {label:<30} {fmt_number(seconds, 3):>7} s  {fmt_number(share, 0):>3}%"
            )
        verdict = "gehaald" if best.total < GOAL_SECONDS else "NIET gehaald"
        self.stdout.write(
            f"  {'totaal':<30} {fmt_number(best.total, 3):>7} s  "
            f"(doel: onder {fmt_number(GOAL_SECONDS)} s: {verdict})"
        )
        self.stdout.write(
            f"  {'CPU-tijd van dit proces':<30} {fmt_number(best.cpu, 3):>7} s  "
            "(veel lager dan de totaaltijd? Dan is de machine druk met iets anders.)"
        )
        if repeat > 1:
            first = runs[0]
            self.stdout.write(
                f"Eerste meting (koud): {fmt_number(first.total, 3)} s; "
                f"alle metingen: {', '.join(fmt_number(r.total, 3) for r in runs)} s"
            )

    def _run(self, round_: AssessmentRound) -> Run:
        cpu = time.process_time()
        start = time.perf_counter()
        report = build_round_report(round_)
        built = time.perf_counter()
        html = render_report_html(report)
        rendered = time.perf_counter()
        pdf, pages = html_to_pdf(html)
        done = time.perf_counter()
        return Run(
            built - start,
            rendered - built,
            done - rendered,
            time.process_time() - cpu,
            pages,
            len(pdf),
        )
