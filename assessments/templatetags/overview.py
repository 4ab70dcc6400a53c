"""{% overview_rows rows %}: the rows of the overview table (templates/assessments/
dashboard.html), rendered by the Jinja2 partial templates/jinja2/assessments/overview_rows.html.

Django's template language cannot include a Jinja2 template; this tag renders it and hands
its output back as safe: Jinja2 has escaped every value it printed (autoescaping is on).
"""

from collections.abc import Sequence

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

from assessments.dashboard.page import PartnershipRow

register = template.Library()

ROWS_TEMPLATE = "assessments/overview_rows.html"


@register.simple_tag
def overview_rows(rows: Sequence[PartnershipRow]) -> SafeString:
    rows_template = engines["jinja2"].get_template(ROWS_TEMPLATE)
    return mark_safe(rows_template.render({"rows": rows}))  # escaped by Jinja2
