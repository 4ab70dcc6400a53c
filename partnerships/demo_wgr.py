"""Demo data for the partnership's wgr: idempotent."""

from .demo import Region


def seed_wgr(region: Region) -> None:
    """Adds the demo region's wgr."""
