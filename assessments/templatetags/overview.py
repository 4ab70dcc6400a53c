"""The rows of the overview table and of the open next steps (templates/assessments/
dashboard.html and dashboard_partnership.html), built in Python.

A page holds 25 partnerships of about 35 cells each and 20 open steps; through the template
language that was the largest part of the page's time at national size (issue 8). Like the
change list of django.contrib.admin (`items_for_result`), the rows are put together here and
the template keeps the table around them.

Escaping: every text a user typed (names, descriptions, owners, periods) goes through `esc`;
everything else is a fixed string of this module, a number, a date or a URL from `reverse`.
"""

import html
from collections.abc import Callable, Sequence
from datetime import date

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from assessments.dashboard import PartnershipRow, StepFacts

register = template.Library()

_MARKER = 987654321


def url_maker(name: str) -> Callable[[int], str]:
    """reverse() for a URL with one integer argument, resolved once for the page rather than
    twice a row."""
    before, after = reverse(name, args=[_MARKER]).split(str(_MARKER))
    return lambda pk: f"{before}{pk}{after}"


def esc(text: str) -> str:
    """django.utils.html.escape without its lazy-string wrapper and SafeString: the same
    characters (Django's calls html.escape too), for a string that goes into a larger one
    marked safe once. A page escapes some 250 of them."""
    return html.escape(str(text))


def one_decimal(value: float) -> str:
    """Like the template filter floatformat:1 in Dutch: 72,5 and -3,0. Scores and changes
    carry one decimal already (assessments.scoring rounds them), so formatting with one
    decimal shows them exactly; floatformat goes through Decimal and the locale, which took
    1 ms for a page of 25 rows (issue 8)."""
    return f"{value:.1f}".replace(".", ",")


def short_date(day: date) -> str:
    """Like the template filter date:"j-n-Y": 7-3-2026."""
    return f"{day.day}-{day.month}-{day.year}"


def truncate(text: str, length: int) -> str:
    """Like the template filter truncatechars: at most `length` characters, "…" included."""
    return text if len(text) <= length else f"{text[: length - 1]}…"


def _round_cell(row: PartnershipRow, round_url: Callable[[int], str]) -> str:
    badge = f'<span class="badge {row.state.css}">{row.state.label}</span>'
    current = row.current_round
    if current is None:
        return f"<td>{badge}</td>"
    return (
        f'<td>{badge}<br><a class="small" href="{round_url(current.pk)}">Ronde '
        f'{esc(current.period)}</a><span class="small"> · vóór {short_date(current.due_on)}'
        "</span></td>"
    )


def _score_cell(row: PartnershipRow) -> str:
    if row.overall_pct is None:
        return '<td class="score-cell"><span class="text-body-secondary">nog geen</span></td>'
    scored = ""
    if row.scored_round is not None:
        scored = (
            f'<br><span class="small fw-normal text-body-secondary">ronde '
            f"{esc(row.scored_round.period)}, {row.respondents} resp.</span>"
        )
    return f'<td class="score-cell fw-semibold">{one_decimal(row.overall_pct)}%{scored}</td>'


def _trend_cell(row: PartnershipRow) -> str:
    trend = row.trend
    if trend is None:
        return '<td class="score-cell"><span class="text-body-secondary">—</span></td>'
    if trend > 0:
        return (
            f'<td class="score-cell"><span aria-hidden="true">▲</span> +{one_decimal(trend)}'
            '<span class="visually-hidden"> procentpunt gestegen</span></td>'
        )
    if trend < 0:
        return (
            f'<td class="score-cell"><span aria-hidden="true">▼</span> {one_decimal(trend)}'
            '<span class="visually-hidden"> procentpunt gedaald</span></td>'
        )
    return (
        '<td class="score-cell"><span aria-hidden="true">=</span> 0'
        '<span class="visually-hidden"> gelijk gebleven</span></td>'
    )


def _evaluation_cell(row: PartnershipRow) -> str:
    if row.next_evaluation_due is None:
        return '<td><span class="badge text-bg-warning">nog nooit geëvalueerd</span></td>'
    overdue = (
        ' <span class="badge text-bg-danger">verlopen</span>' if row.evaluation_overdue else ""
    )
    return f"<td>{short_date(row.next_evaluation_due)}{overdue}</td>"


def _steps_cell(row: PartnershipRow) -> str:
    late = (
        f' <span class="badge text-bg-danger">{row.overdue_steps} te laat</span>'
        if row.overdue_steps
        else ""
    )
    steps = ""
    if row.first_steps:
        items = "".join(
            f"<li>{f'{short_date(step.due_on)}: ' if step.due_on else ''}"
            f"{esc(truncate(step.description, 60))}</li>"
            for step in row.first_steps
        )
        steps = f'<ul class="list-unstyled small mb-0">{items}</ul>'
    return f"<td>{row.open_step_count}{late}{steps}</td>"


@register.simple_tag
def overview_rows(rows: Sequence[PartnershipRow]) -> SafeString:
    """The <tr> of each row: name and form, current round, total, change, the theme cells,
    next evaluation and open steps (the first three)."""
    detail_url = url_maker("partnerships:detail")
    round_url = url_maker("assessments:round")
    return mark_safe(
        "\n".join(
            f'<tr><th scope="row"><a href="{detail_url(row.pk)}">{esc(row.name)}</a><br>'
            f'<span class="small text-body-secondary">{esc(row.legal_form)}</span></th>'
            f"{_round_cell(row, round_url)}{_score_cell(row)}{_trend_cell(row)}"
            f"{row.cells_html}{_evaluation_cell(row)}{_steps_cell(row)}</tr>"
            for row in rows
        )
    )


def _due_cell(step: StepFacts, today: date) -> str:
    if step.due_on is None:
        return '<td><span class="text-body-secondary">geen datum</span></td>'
    if step.due_on < today:
        return (
            f'<td>{short_date(step.due_on)} <span class="badge text-bg-danger">te laat</span></td>'
        )
    return f"<td>{short_date(step.due_on)}</td>"


@register.simple_tag
def open_step_rows(steps: Sequence[StepFacts], today: date, show_partnership: bool) -> SafeString:
    """The <tr> of each open next step (both dashboards): due date, marked when overdue; the
    partnership (overview only); the step, linked to the round's next steps; owner; status."""
    steps_url = url_maker("assessments:next_steps")
    return mark_safe(
        "\n".join(
            f"<tr>{_due_cell(step, today)}"
            f"{f'<td>{esc(step.partnership_name)}</td>' if show_partnership else ''}"
            f'<td><a href="{steps_url(step.round_id)}">'
            f"{f'{esc(step.recommendation)}: ' if step.recommendation else ''}"
            f"{esc(truncate(step.description, 120))}</a></td>"
            f"<td>{esc(step.owner or '—')}</td><td>{step.status_label}</td></tr>"
            for step in steps
        )
    )
