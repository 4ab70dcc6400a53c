"""Demo rounds and answers (issues 4 and 5). Placeholder until built."""

from partnerships.demo import Region


def seed_assessments(region: Region) -> None:
    """Create rounds with realistic answers, some draft and some submitted; idempotent."""
