"""`manage.py benchmark_report`: a development tool; the code lives in tests/perf/benchmark_report.py, away from the
product code, and needs a checkout with tests/ (it is not part of a production install)."""

from tests.perf.benchmark_report import Command

__all__ = ["Command"]
