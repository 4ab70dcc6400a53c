"""Demo accounts for every role (issue 7). Placeholder until built."""

from .demo import Region


def seed_accounts(region: Region, *, password: str) -> list[dict[str, str]]:
    """Create or update one account per role; returns [{"username", "role", "organisation"}]."""
    return []
