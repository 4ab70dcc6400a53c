import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from principles.models import Framework
from tests.perf import scale


class Command(BaseCommand):
    help = (
        "Vult de database met een fictieve dataset op landelijke schaal: 375 organisaties, "
        "1.100 samenwerkingsverbanden, vijf jaarlijkse rondes, miljoenen antwoorden. "
        "Bedoeld voor benchmarks; gebruik een aparte database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Deel van de landelijke omvang (standaard 1.0; 0.01 voor een snelle test).",
        )
        parser.add_argument("--seed", type=int, default=2021, help="Startwaarde van het toeval.")
        parser.add_argument(
            "--reset", action="store_true", help="Verwijder eerst een eerdere schaaldataset."
        )

    def handle(self, *args, **options):
        if not Framework.objects.filter(is_current=True).exists():
            raise CommandError("De Gids is nog niet geladen: voer eerst load_gids uit.")
        if not 0 < options["scale"] <= 1:
            raise CommandError("--scale moet groter dan 0 en hoogstens 1 zijn.")
        log = self.stdout.write if options["verbosity"] else (lambda _: None)
        if options["reset"] and scale.scale_data_exists():
            scale.reset_scale(log=log)
        if scale.scale_data_exists():
            raise CommandError("Er staat al een schaaldataset in de database (gebruik --reset).")
        started = time.monotonic()
        log(f"Schaaldataset maken op {connection.vendor}, schaal {options['scale']} ...")
        try:
            result = scale.seed_scale(scale=options["scale"], seed=options["seed"], log=log)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.monotonic() - started
        log(
            self.style.SUCCESS(
                f"Klaar in {seconds:.0f} s: {result.organisations} organisaties, "
                f"{result.partnerships} samenwerkingsverbanden, {result.participations} deelnames, "
                f"{result.rounds} rondes, {result.assessments} zelfevaluaties, "
                f"{result.next_steps} vervolgstappen, "
                f"{result.answers} antwoorden."
            )
        )
        log(f"Tijd per stap (s): {result.seconds}")
