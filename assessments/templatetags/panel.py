"""{% raad_panel_summary assessment %}: the raad panel's counts on the results page."""

from typing import Any

from django import template

from assessments.models import Assessment
from assessments.questionnaire.panel.selectors import panel_summary

register = template.Library()


@register.inclusion_tag("assessments/panel/_results_summary.html")
def raad_panel_summary(assessment: Assessment) -> dict[str, Any]:
    return {"panel": panel_summary(assessment)}
