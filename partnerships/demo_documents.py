"""Demo data for the partnership's documents: idempotent."""

from .demo import Region


def seed_documents(region: Region) -> None:
    """Adds the demo region's documents."""
