"""Reads and writes of the Wgr check (the rules are in partnerships/wgr.py).

Callers fetch the partnership through partnerships.access first: these functions do not
check who asks.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from .audit import ChangeRecord, change_records
from .constants import CheckStatus, WgrClauseCode
from .models import Partnership
from .models_year import WgrClause
from .wgr import WgrCheck, applies_to, build_check


def stored_clauses(partnership: Partnership) -> list[WgrClause]:
    """The partnership's stored clauses: those prefetched on it (a page that shows the check
    and the evaluation text prefetches once), else read now, never cached on the instance so
    a later reader sees later changes."""
    if "wgr_clauses" in getattr(partnership, "_prefetched_objects_cache", {}):
        return list(partnership.wgr_clauses.all())
    return list(WgrClause.objects.filter(partnership=partnership))


def wgr_check_for(partnership: Partnership) -> WgrCheck:
    """The check of one partnership (one query, none when the clauses are prefetched)."""
    rows = stored_clauses(partnership)
    return build_check(partnership.pk, partnership.name, partnership.legal_form, rows)


def wgr_checks_for(partnerships: Iterable[Partnership]) -> dict[int, WgrCheck]:
    """The checks of many partnerships, by id (one query, none for network cooperation)."""
    return wgr_checks_from_facts((p.pk, p.name, p.legal_form) for p in partnerships)


def wgr_checks_from_facts(facts: Iterable[tuple[int, str, str]]) -> dict[int, WgrCheck]:
    """The checks by id from (id, name, legal form) of each partnership: for the overviews,
    which read those facts already (one query, none for network cooperation)."""
    facts = list(facts)
    wanted = [pk for pk, _, form in facts if applies_to(form)]
    rows: dict[int, list[WgrClause]] = defaultdict(list)
    if wanted:
        for row in WgrClause.objects.filter(partnership_id__in=wanted):
            rows[row.partnership_id].append(row)
    return {pk: build_check(pk, name, form, rows.get(pk, [])) for pk, name, form in facts}


@dataclass(frozen=True)
class ClauseInput:
    """What the edit page posts for one clause."""

    status: str
    article: str
    note: str


def save_clauses(
    partnership: Partnership,
    values: Mapping[str, ClauseInput],
    editor: User | AnonymousUser | None,
) -> int:
    """Store the posted clauses in one transaction; only rows that change are saved (so the
    history shows real changes). A clause still ``onbekend`` without article or note gets no
    row. Returns how many clauses changed."""
    user = editor if isinstance(editor, User) else None
    changed = 0
    with transaction.atomic():
        existing = {
            row.code: row
            for row in WgrClause.objects.select_for_update().filter(partnership=partnership)
        }
        for code, value in values.items():
            if code not in WgrClauseCode.values:
                continue
            row = existing.get(code)
            if row is None:
                if value.status == CheckStatus.ONBEKEND and not value.article and not value.note:
                    continue
                row = WgrClause(partnership=partnership, code=code)
            elif (row.status, row.article, row.note) == (value.status, value.article, value.note):
                continue
            row.status = value.status
            row.article = value.article
            row.note = value.note
            row.updated_by = user
            row.save()
            changed += 1
    return changed


def wgr_history(partnership: Partnership) -> list[ChangeRecord]:
    """Every change of the partnership's Wgr check, newest first, per clause."""
    labels = dict(WgrClauseCode.choices)
    return change_records(
        WgrClause.history.filter(partnership_id=partnership.pk),
        WgrClause,
        exclude=("partnership", "code", "updated_at", "updated_by"),
        fallback_user="updated_by",
        subject=lambda row: str(labels.get(getattr(row, "code", ""), "")),
    )
