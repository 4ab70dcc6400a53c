"""{% load glossary %}: the words and number formats of `assessments.presentation` in the
page templates, so that a page says what the PDF says.

- `{% term "scored" %}` -> "Gescoord" (see `presentation.GLOSSARY`);
- `{% term_url "documented" %}` -> "/begrippen/#vastgelegd" (the glossary page);
- `{{ value|pct }}` -> "63%" (whole percentages; "—" without a value);
- `{{ delta|points }}` -> "+6", "−2", "0" (whole percentage points);
- `{{ target|target_label }}` -> "3 – grotendeels (75%)";
- `{{ day|short_date }}` -> "3 dec. 2026" (`|short_date:True` adds the time).
- `{{ a.perspective|perspective_name:kind }}` -> "Provinciale Staten" (`perspective_short`: tables).
"""

from datetime import date, datetime

from django import template
from django.urls import reverse
from django.utils import timezone

from assessments import bodies, presentation
from partnerships import dates

register = template.Library()


@register.simple_tag
def term(key: str) -> str:
    return presentation.term(key)


@register.filter
def pct(value: float | None) -> str:
    return presentation.fmt_pct(value, "—")


@register.filter
def points(value: float | None) -> str:
    return "—" if value is None else presentation.fmt_points(value)


@register.filter
def target_label(value: int) -> str:
    return presentation.target_label(value)


@register.filter
def pct_change(before: float | None, after: float | None) -> str:
    """{{ before|pct_change:after }} -> "+3": the change between the whole percentages shown."""
    if before is None or after is None:
        return "—"
    return presentation.fmt_points(presentation.pct_change(before, after))


@register.simple_tag
def term_url(key: str) -> str:
    """{% term_url "documented" %} -> "/begrippen/#vastgelegd": the word on the glossary page."""
    return f"{reverse('assessments:glossary')}#{presentation.GLOSSARY[key].anchor}"


@register.filter
def short_date(value: date | datetime | None, with_time: bool = False) -> str:
    """ "3 dec. 2026" (or "3 dec. 2026, 14:05" with ``|short_date:True``), in local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        text = dates.short_date(moment.date())
        return f"{text}, {moment:%H:%M}" if with_time else text
    return dates.short_date(value)


@register.filter
def perspective_name(perspective: str, organisation_kind: str | None = None) -> str:
    """{{ a.perspective|perspective_name:organisation.kind }} -> "Provinciale Staten": the body
    in the words of its kind of organisation (long form, see `assessments.bodies`)."""
    return bodies.perspective_name(perspective, organisation_kind or None)


@register.filter
def perspective_short(perspective: str, organisation_kind: str | None = None) -> str:
    """The short form for tables: "AB waterschap", "Raad"."""
    return bodies.perspective_name(perspective, organisation_kind or None, short=True)
