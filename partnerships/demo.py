"""The fictional demo region (issue 3). Placeholder until built."""

from dataclasses import dataclass, field

from .models import Organisation, Partnership


@dataclass
class Region:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    partnerships: dict[str, Partnership] = field(default_factory=dict)


def seed_region() -> Region:
    """Create or update the demo region; idempotent."""
    return Region()
