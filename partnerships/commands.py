"""What the management commands share: finding the partnership a command is about."""

from django.core.management.base import CommandError

from .models import Partnership
from .selectors import find_partnership


def partnership_argument(identifier: object) -> Partnership:
    """The partnership named by a command's PARTNERSHIP argument (a name or an id), or a
    CommandError in Dutch."""
    text = str(identifier)
    partnership = find_partnership(text)
    if partnership is None:
        raise CommandError(f"Samenwerkingsverband '{text}' niet gevonden (naam of id).")
    return partnership
