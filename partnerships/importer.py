"""Import partnerships from CSV (DESIGN.md "CSV import"): all or nothing.

    result = import_partnerships(data)   # bytes of the file; raises ImportFailed

The file is read and checked first (partnerships/csv_parse.py); nothing is saved unless the
whole file is correct. Importing the same file again updates and never duplicates:
partnerships and organisations are found by name.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from .constants import NETWORK_FORMS, CooperationModel, LegalForm, NetworkVariant
from .csv_parse import NETWORK, ImportFailed, ImportProblem, Row, parse
from .models import Body, Organisation, Participation, Partnership
from .rules import legal_form_change_errors, organisation_kind_for, participant_kind_error
from .services import ensure_participant_bodies
from .text import lower_first


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # only those the file changed
    unchanged: list[str] = field(default_factory=list)
    organisations_created: list[str] = field(default_factory=list)
    # Organisations looked up so far, by lower-case name: a file names the same few hundred
    # municipalities over and over.
    known_organisations: dict[str, Organisation] = field(default_factory=dict, repr=False)

    @property
    def count(self) -> int:
        return len(self.created) + len(self.updated)

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated or self.organisations_created)


def _organisation(name: str, result: ImportResult) -> Organisation:
    known = result.known_organisations.get(name.lower())
    if known is not None:
        return known
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name, kind=organisation_kind_for(name))
        result.organisations_created.append(name)
    result.known_organisations[name.lower()] = organisation
    return organisation


MSG_STALE_WITH_ASSESSMENTS = (
    "{name} staat niet meer in het bestand, maar heeft al zelfevaluaties in dit "
    "samenwerkingsverband en kan daarom niet worden verwijderd. Zet de deelnemer terug "
    "in de lijst; een beheerder kan de deelname beëindigen met een einddatum."
)


def _after_colon(message: str) -> str:
    """A rule's message as it reads after "Regel 2, kolom vorm:" (which starts the sentence)."""
    return lower_first(message)


def _apply(row: Row, result: ImportResult, errors: list[ImportProblem]) -> None:
    partnership = Partnership.objects.filter(name__iexact=row.name).first()
    if row.form == NETWORK:
        model = CooperationModel.NETWORK
        if partnership is not None and partnership.legal_form in NETWORK_FORMS:
            legal_form = partnership.legal_form  # keep the network's own form
        else:
            legal_form = LegalForm.CONVENANT
    else:
        model, legal_form = CooperationModel.WGR, row.form

    organisations = [_organisation(name, result) for name in row.participants]
    centre = next(
        (o for o, name in zip(organisations, row.participants, strict=True) if name == row.centre),
        None,
    )

    problems: list[ImportProblem] = []
    if partnership is not None:
        # The file names no bodies, so the stored ones must fit the new legal form.
        problems += [
            ImportProblem(row.line, "vorm", _after_colon(error))
            for error in legal_form_change_errors(
                legal_form,
                body_kinds=Body.objects.filter(partnership=partnership).values_list(
                    "kind", flat=True
                ),
            )
        ]
    # A new organisation is never private (its kind follows from its name), an existing one
    # may be: the file cannot make it take part in a gemeenschappelijke regeling.
    problems += [
        ImportProblem(row.line, "deelnemers", error)
        for o in organisations
        if (error := participant_kind_error(legal_form, o.kind, o.name)) is not None
    ]
    if problems:
        errors.extend(problems)
        return

    is_new = changed = partnership is None
    if partnership is None:
        partnership = Partnership(name=row.name)
    else:
        stale = partnership.participations.exclude(organisation__in=organisations).select_related(
            "organisation"
        )
        blocked = [p for p in stale if p.assessments.exists()]
        for participation in blocked:
            errors.append(
                ImportProblem(
                    row.line,
                    "deelnemers",
                    MSG_STALE_WITH_ASSESSMENTS.format(name=participation.organisation),
                )
            )
        if blocked:
            return
        removed, _ = stale.delete()
        changed = removed > 0
        centre_before = (
            partnership.participations.filter(is_centre=True)
            .values_list("organisation_id", flat=True)
            .first()
        )
        if centre_before != (centre.pk if centre else None):
            # Clear the centre before the legal form changes (the database checks each step).
            partnership.participations.filter(is_centre=True).update(is_centre=False)
            changed = True

    facts = {
        "cooperation_model": model,
        "legal_form": legal_form,
        "is_triple_helix": NetworkVariant.TRIPLE_HELIX in row.variants,
        "is_chain": NetworkVariant.KETEN in row.variants,
        "network_weight": row.weight,
        "council_powers": row.council_powers,
        "philosophy": row.philosophy,
        "policy_domain": row.domain,
        "is_statutory": row.statutory,
    }
    for name, value in facts.items():
        if getattr(partnership, name) != value:
            setattr(partnership, name, value)
            changed = True
    # An unchanged partnership is not saved: no write, and no empty entry in its history.
    if changed:
        partnership.save()

    # One query for what exists and one insert for what is new: a per-participant
    # update_or_create made the import outlast a proxy's minute at a thousand rows.
    existing = {p.organisation_id: p for p in partnership.participations.all()}
    new_participations = []
    for organisation in organisations:
        current = existing.get(organisation.pk)
        if current is None and organisation == centre:
            # Through save(): the rule that a centre needs a centrumregeling is checked there.
            Participation.objects.create(
                partnership=partnership, organisation=organisation, is_centre=True
            )
            changed = True
        elif current is None:
            new_participations.append(
                Participation(partnership=partnership, organisation=organisation)
            )
        elif current.is_centre != (organisation == centre):
            current.is_centre = organisation == centre
            current.save(update_fields=["is_centre"])
    Participation.objects.bulk_create(new_participations)
    if new_participations:
        changed = True
    if is_new:
        result.created.append(row.name)
    elif changed:
        result.updated.append(partnership.name)
    else:
        result.unchanged.append(partnership.name)
    ensure_participant_bodies(partnership)


def import_partnerships(data: bytes, max_rows: int | None = None) -> ImportResult:
    """Import the whole file in one transaction, or nothing; raises ImportFailed."""
    rows = parse(data, max_rows=max_rows)
    result = ImportResult()
    errors: list[ImportProblem] = []
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    _apply(row, result, errors)
            except IntegrityError as exc:
                result.known_organisations.clear()  # what this row created is rolled back
                errors.append(
                    ImportProblem(
                        row.line, "naam", f"de database weigert dit samenwerkingsverband ({exc})."
                    )
                )
        if errors:
            raise ImportFailed(errors)  # rolls back everything written above
    return result
