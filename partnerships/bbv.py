"""Rules, reads and writes for the BBV facts of a verbonden partij (partnerships.models_bbv).

Callers fetch the participation through partnerships.access first
(`get_bbv_participation_for_user`): these functions do not check who asks.
"""

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction

from .amounts import format_euro
from .audit import ChangeRecord, change_records
from .constants import BBV_FIRST_YEAR, BBV_LAST_YEAR, BbvGroup
from .models import Participation
from .models_bbv import VerbondenPartijFacts, default_bbv_group

AMOUNT_FIELDS = (
    "contribution",
    "equity_start",
    "equity_end",
    "debt_start",
    "debt_end",
    "result",
)
NOT_NEGATIVE = ("contribution", "debt_start", "debt_end")
# What a new year starts with from the year before (the figures start empty, but the balance
# at the end of last year is the start of this one).
CARRIED_OVER = ("bbv_group", "location", "public_interest", "seat", "votes", "liability", "risks")

MSG_YEAR = f"Kies een jaar van {BBV_FIRST_YEAR} tot en met {BBV_LAST_YEAR}."
MSG_NOT_NEGATIVE = "Dit bedrag kan niet negatief zijn."
MSG_GROUP_WGR = "Een gemeenschappelijke regeling hoort in de groep ‘Gemeenschappelijke regelingen’."
MSG_GROUP_NETWORK = (
    "Alleen een gemeenschappelijke regeling hoort in de groep ‘Gemeenschappelijke regelingen’. "
    "Kies voor dit netwerk een andere groep."
)
MSG_NOT_VERBONDEN = (
    "Geen verbonden partij: {organisation} heeft hier geen {missing}. Zo'n samenwerking staat "
    "niet in de paragraaf verbonden partijen, wel in de toelichting daarop."
)


def field_label(name: str) -> str:
    """The verbose name of a field of the facts ("eigen vermogen begin jaar (€)")."""
    model_field = cast(models.Field[Any, Any], VerbondenPartijFacts._meta.get_field(name))
    return str(model_field.verbose_name)


def year_in_range(year: int) -> bool:
    return BBV_FIRST_YEAR <= year <= BBV_LAST_YEAR


def parse_year(text: str) -> int | None:
    """A year typed by a user or on a command line, within the range; None otherwise."""
    try:
        year = int(text.strip())
    except (ValueError, InvalidOperation):
        return None
    return year if year_in_range(year) else None


def group_error(participation: Participation, group: str) -> str | None:
    """A Wgr partnership is a gemeenschappelijke regeling; only a Wgr partnership is one."""
    is_gr = default_bbv_group(participation.partnership) == BbvGroup.GEMEENSCHAPPELIJKE_REGELING
    if is_gr and group != BbvGroup.GEMEENSCHAPPELIJKE_REGELING:
        return MSG_GROUP_WGR
    if not is_gr and group == BbvGroup.GEMEENSCHAPPELIJKE_REGELING:
        return MSG_GROUP_NETWORK
    return None


def missing_interests(facts: VerbondenPartijFacts) -> list[str]:
    """What makes the partnership no verbonden partij, in Dutch; empty when it is one."""
    missing = []
    if not facts.has_bestuurlijk_interest:
        missing.append("bestuurlijk belang (geen zetel en geen stemmen)")
    if not facts.has_financial_interest:
        missing.append("financieel belang (geen bijdrage en geen aansprakelijkheid)")
    return missing


def not_verbonden_message(facts: VerbondenPartijFacts) -> str:
    """Why the facts show no verbonden partij; empty when they do."""
    missing = missing_interests(facts)
    if not missing:
        return ""
    return MSG_NOT_VERBONDEN.format(
        organisation=facts.participation.organisation.name, missing=" en geen ".join(missing)
    )


def facts_for(participation: Participation, year: int) -> VerbondenPartijFacts:
    """The stored facts of the year, or unsaved new ones: the group from the partnership and,
    as a start, the previous year's descriptions and the end of its balance as the start."""
    found = VerbondenPartijFacts.objects.filter(participation=participation, year=year).first()
    if found is not None:
        return found
    facts = VerbondenPartijFacts(
        participation=participation,
        year=year,
        bbv_group=default_bbv_group(participation.partnership),
        votes=participation.voting_weight,
        contribution=participation.financial_contribution,
    )
    previous = (
        VerbondenPartijFacts.objects.filter(participation=participation, year__lt=year)
        .order_by("-year")
        .first()
    )
    if previous is not None:
        for name in CARRIED_OVER:
            setattr(facts, name, getattr(previous, name))
        facts.equity_start = previous.equity_end
        facts.debt_start = previous.debt_end
    return facts


@transaction.atomic
def save_facts(
    facts: VerbondenPartijFacts, editor: User | AnonymousUser | None
) -> VerbondenPartijFacts:
    """Save validated facts (a form checked them); the history records who did it."""
    facts.updated_by = editor if isinstance(editor, User) else None
    facts.save()
    return facts


def _euro_text(text: str) -> str:
    try:
        return format_euro(Decimal(text))
    except InvalidOperation:
        return text


def facts_history(facts: VerbondenPartijFacts) -> list[ChangeRecord]:
    """Every change of these facts, newest first, amounts in euros as the page shows them."""
    if facts.pk is None:
        return []
    labels = {field_label(name) for name in AMOUNT_FIELDS}
    records = change_records(
        VerbondenPartijFacts.history.filter(id=facts.pk),
        VerbondenPartijFacts,
        exclude=("participation", "year", "updated_at", "updated_by"),
        fallback_user="updated_by",
    )
    return [
        replace(
            record,
            changes=[
                replace(change, old=_euro_text(change.old), new=_euro_text(change.new))
                if change.label in labels
                else change
                for change in record.changes
            ],
        )
        for record in records
    ]
