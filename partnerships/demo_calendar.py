"""Demo data for the partnership's calendar: idempotent."""

from .demo import Region


def seed_calendar(region: Region) -> None:
    """Adds the demo region's calendar."""
