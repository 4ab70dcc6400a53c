"""{% overview_rows rows %}: the rows of the overview table (templates/assessments/
dashboard.html), rendered by the Jinja2 partial templates/jinja2/assessments/overview_rows.html.

Django's template language cannot include a Jinja2 template; this tag renders it and hands
its output back as safe: Jinja2 has escaped every value it printed (autoescaping is on).
"""

from collections.abc import Collection, Sequence

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

from assessments.dashboard.page import PartnershipRow

register = template.Library()

ROWS_TEMPLATE = "assessments/overview_rows.html"


@register.simple_tag
def overview_rows(
    rows: Sequence[PartnershipRow], shown: Collection[str] | None = None, own_label: str = ""
) -> SafeString:
    """`shown`: the theme codes of the columns shown (Dashboard.shown_codes; None: every
    cell of the rows); `own_label`:
    what the organisation's own score covers, when the overview is of one organisation."""
    rows_template = engines["jinja2"].get_template(ROWS_TEMPLATE)
    context = {"rows": rows, "shown": shown, "own_label": own_label}
    return mark_safe(rows_template.render(context))  # escaped by Jinja2
