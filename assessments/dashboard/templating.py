"""The Jinja2 environment of the one Jinja2 partial, the overview's table rows
(templates/jinja2/assessments/overview_rows.html, configured in config/settings/base.py).

A page has 25 rows of about 30 cells: Django's template language took about 13 ms for them,
Jinja2 about 5 (the national data set's busiest municipality). The partial uses Django's own
filters under their Django names, so it prints numbers and dates exactly as the Django
templates around it do. Autoescaping is on (the Django backend's default for Jinja2).
"""

from typing import Any

from django.template import defaultfilters
from django.urls import reverse
from jinja2 import Environment


def url(name: str, *args: object) -> str:
    """{% url name arg %} of Django's template language."""
    return reverse(name, args=args)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals["url"] = url
    env.filters.update(
        date=defaultfilters.date,
        floatformat=defaultfilters.floatformat,
        truncatechars=defaultfilters.truncatechars,
    )
    return env
