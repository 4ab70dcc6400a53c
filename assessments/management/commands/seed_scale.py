"""`manage.py seed_scale`: a development tool; the code lives in tests/perf/seed_scale.py, away from the
product code, and needs a checkout with tests/ (it is not part of a production install)."""

from tests.perf.seed_scale import Command

__all__ = ["Command"]
