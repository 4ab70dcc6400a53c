"""`manage.py benchmark`: a development tool; the code lives in tests/perf/benchmark.py, away from the
product code, and needs a checkout with tests/ (it is not part of a production install)."""

from tests.perf.benchmark import Command

__all__ = ["Command"]
