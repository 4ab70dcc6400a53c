"""The rows of the overview table (templates/assessments/dashboard.html), built in Python.

A page holds 25 partnerships of about 35 cells each; through the template language that was
the largest part of the page's time at national size (issue 8). Like the change list of
django.contrib.admin (`items_for_result`), the rows are put together here with format_html,
which escapes every value, and the template keeps the table around them.
"""

from collections.abc import Callable, Sequence
from datetime import date

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from assessments.dashboard import PartnershipRow

register = template.Library()

_MARKER = 987654321


def url_maker(name: str) -> Callable[[int], str]:
    """reverse() for a URL with one integer argument, resolved once for the page rather than
    twice a row."""
    before, after = reverse(name, args=[_MARKER]).split(str(_MARKER))
    return lambda pk: f"{before}{pk}{after}"


def short_date(day: date) -> str:
    """Like the template filter date:"j-n-Y": 7-3-2026."""
    return f"{day.day}-{day.month}-{day.year}"


def _round_cell(row: PartnershipRow, round_url: Callable[[int], str]) -> SafeString:
    badge = format_html('<span class="badge {}">{}</span>', row.state.css, row.state.label)
    if row.current_round is None:
        return badge
    return format_html(
        '{}<br><a class="small" href="{}">Ronde {}</a><span class="small"> · vóór {}</span>',
        badge,
        round_url(row.current_round.pk),
        row.current_round.period,
        short_date(row.current_round.due_on),
    )


def _score_cell(row: PartnershipRow) -> SafeString:
    if row.overall_pct is None:
        return mark_safe(
            '<td class="score-cell"><span class="text-body-secondary">nog geen</span></td>'
        )
    scored = ""
    if row.scored_round is not None:
        scored = format_html(
            '<br><span class="small fw-normal text-body-secondary">ronde {}, {} resp.</span>',
            row.scored_round.period,
            row.respondents,
        )
    return format_html(
        '<td class="score-cell fw-semibold">{}%{}</td>', floatformat(row.overall_pct, 1), scored
    )


def _trend_cell(row: PartnershipRow) -> SafeString:
    trend = row.trend
    if trend is None:
        return mark_safe('<td class="score-cell"><span class="text-body-secondary">—</span></td>')
    if trend > 0:
        return format_html(
            '<td class="score-cell"><span aria-hidden="true">▲</span> +{}'
            '<span class="visually-hidden"> procentpunt gestegen</span></td>',
            floatformat(trend, 1),
        )
    if trend < 0:
        return format_html(
            '<td class="score-cell"><span aria-hidden="true">▼</span> {}'
            '<span class="visually-hidden"> procentpunt gedaald</span></td>',
            floatformat(trend, 1),
        )
    return mark_safe(
        '<td class="score-cell"><span aria-hidden="true">=</span> 0'
        '<span class="visually-hidden"> gelijk gebleven</span></td>'
    )


def _evaluation_cell(row: PartnershipRow) -> SafeString:
    if row.next_evaluation_due is None:
        return mark_safe(
            '<td><span class="badge text-bg-warning">nog nooit geëvalueerd</span></td>'
        )
    overdue = (
        mark_safe(' <span class="badge text-bg-danger">verlopen</span>')
        if row.evaluation_overdue
        else ""
    )
    return format_html("<td>{}{}</td>", short_date(row.next_evaluation_due), overdue)


def _steps_cell(row: PartnershipRow) -> SafeString:
    late = (
        format_html(' <span class="badge text-bg-danger">{} te laat</span>', row.overdue_steps)
        if row.overdue_steps
        else ""
    )
    steps = ""
    if row.first_steps:
        steps = format_html(
            '<ul class="list-unstyled small mb-0">{}</ul>',
            format_html_join(
                "",
                "<li>{}{}</li>",
                (
                    (
                        f"{short_date(step.due_on)}: " if step.due_on else "",
                        Truncator(step.description).chars(60),
                    )
                    for step in row.first_steps
                ),
            ),
        )
    return format_html("<td>{}{}{}</td>", row.open_step_count, late, steps)


@register.simple_tag
def overview_rows(rows: Sequence[PartnershipRow]) -> SafeString:
    """The <tr> of each row: name and form, current round, total, change, the theme cells,
    next evaluation and open steps (the first three)."""
    detail_url = url_maker("partnerships:detail")
    round_url = url_maker("assessments:round")
    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}">{}</a><br>'
        '<span class="small text-body-secondary">{}</span></th>'
        "<td>{}</td>{}{}{}{}{}</tr>",
        (
            (
                detail_url(row.pk),
                row.name,
                row.legal_form,
                _round_cell(row, round_url),
                _score_cell(row),
                _trend_cell(row),
                row.cells_html,
                _evaluation_cell(row),
                _steps_cell(row),
            )
            for row in rows
        ),
    )
