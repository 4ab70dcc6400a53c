"""The input rules every form of the project applies to every field, in one place.

    class MyForm(CheckedInputMixin, forms.Form): ...

Every text field (CharField and its subclasses: e-mail, URL, hidden text) refuses the
characters of partnerships/text.py; every date field accepts only the range of
partnerships/dates.py. A date that records the past is named in `past_date_fields`; all
others are planning dates. The rules are attached when the form is validated, so fields a
form adds in its own __init__ are covered too. tests/test_input_text.py walks every form
class of the project and fails when one does not use this mixin.
"""

from typing import TYPE_CHECKING

from django import forms

from .dates import DATE_VALIDATORS, validate_past_date, validate_planning_date
from .text import validate_plain_text

# The type checker sees the mixin as a form, so that `self.fields` and super().full_clean()
# are typed; at run time it stays a plain mixin in front of the form class.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class CheckedInputMixin(_FormBase):
    past_date_fields: tuple[str, ...] = ()

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            add_input_rules(field, past=name in self.past_date_fields)
        super().full_clean()


def add_input_rules(field: forms.Field, *, past: bool = False) -> None:
    """Attach the rules to one (per-form copy of a) field; calling it twice adds nothing."""
    if isinstance(field, forms.CharField) and validate_plain_text not in field.validators:
        field.validators.append(validate_plain_text)
    if isinstance(field, forms.DateField) and not any(
        v in field.validators for v in DATE_VALIDATORS
    ):
        field.validators.append(validate_past_date if past else validate_planning_date)
