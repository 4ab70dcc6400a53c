"""Placeholder until the Gids fixture lands."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Laadt of actualiseert De Gids voor Regionale Samenwerking."

    def handle(self, *args: object, **options: object) -> None:
        pass
