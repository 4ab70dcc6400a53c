"""A command that writes a document in docs/ from data in the code, or checks that the committed
copy is current (`--check`, run by the test suite)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class GeneratedDocCommand(BaseCommand):
    """Subclasses name the file (`doc`, relative to docs/) and build its text (`content`)."""

    doc: str

    def content(self) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="schrijf niets; stop met een fout als het document verouderd is",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(settings.BASE_DIR) / "docs" / self.doc
        name = f"docs/{self.doc}"
        content = self.content()
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != content:
                command = Path(self.__module__.replace(".", "/")).name
                raise CommandError(f"{name} is verouderd; draai {command}.")
            self.stdout.write(f"{name} is actueel.")
            return
        path.write_text(content, encoding="utf-8")
        self.stdout.write(f"{name} geschreven.")
