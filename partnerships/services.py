"""Writes for partnerships. Every function that touches several rows runs in one transaction.

Order matters because the database checks the structure on every statement (migration
0002): a centre is cleared and an AB/DB removed *before* the legal form changes, and a
new centre or AB/DB is written *after* it.
"""

from typing import TYPE_CHECKING

from django.db import transaction

from .constants import PARTICIPANT_BODY_KINDS, BodyKind, OrganisationKind
from .models import Body, Participation, Partnership, Person, Seat
from .rules import ABDB_KINDS

if TYPE_CHECKING:
    from .forms import BodyFormSet, ParticipationFormSet, PartnershipForm, SeatFormSet

PARTICIPANT_BODY_NAMES = {
    OrganisationKind.GEMEENTE: {
        BodyKind.RAAD: "Gemeenteraad {place}",
        BodyKind.COLLEGE: "College van B en W {place}",
        BodyKind.CONTRAMAL: "Contramal {place}",
    },
    OrganisationKind.PROVINCIE: {
        BodyKind.RAAD: "Provinciale Staten {place}",
        BodyKind.COLLEGE: "Gedeputeerde Staten {place}",
        BodyKind.CONTRAMAL: "Contramal {place}",
    },
    OrganisationKind.WATERSCHAP: {
        BodyKind.RAAD: "Algemeen bestuur {name}",
        BodyKind.COLLEGE: "Dagelijks bestuur {name}",
        BodyKind.CONTRAMAL: "Contramal {name}",
    },
}
DEFAULT_BODY_NAMES = {
    BodyKind.RAAD: "Politiek orgaan {name}",
    BodyKind.COLLEGE: "Bestuur {name}",
    BodyKind.CONTRAMAL: "Contramal {name}",
}


def participant_body_name(participation: Participation, kind: str) -> str:
    organisation = participation.organisation
    names = PARTICIPANT_BODY_NAMES.get(organisation.kind, DEFAULT_BODY_NAMES)
    first, _, rest = organisation.name.partition(" ")
    place = rest if organisation.kind in PARTICIPANT_BODY_NAMES and rest else organisation.name
    return names[kind].format(place=place, name=organisation.name)


def ensure_participant_bodies(partnership: Partnership) -> None:
    """Every participant has its raad, college and contramal for this partnership."""
    participations = list(partnership.participations.select_related("organisation"))
    existing = set(
        Body.objects.filter(participation__partnership=partnership).values_list(
            "participation_id", "kind"
        )
    )
    Body.objects.bulk_create(
        [
            Body(participation=p, kind=kind, name=participant_body_name(p, kind))
            for p in participations
            for kind in PARTICIPANT_BODY_KINDS
            if (p.pk, kind) not in existing
        ]
    )


@transaction.atomic
def partnership_save(
    *,
    form: "PartnershipForm",
    participations: "ParticipationFormSet",
    bodies: "BodyFormSet",
    seats: "SeatFormSet | None" = None,
) -> Partnership:
    """Save a validated partnership page: the partnership, its participants, bodies, members."""
    partnership: Partnership = form.instance
    if partnership.pk:
        # 1. Undo what the new legal form may not have, before the form changes.
        Participation.objects.filter(partnership=partnership, is_centre=True).update(
            is_centre=False
        )
        if seats is not None:
            for seat_form in seats.deleted_forms:
                if seat_form.instance.pk:
                    seat_form.instance.delete()
        for body_form in bodies.deleted_forms:
            if body_form.instance.pk:
                body_form.instance.delete()
        for body_form in bodies.initial_forms:
            if body_form in bodies.deleted_forms or not body_form.has_changed():
                continue
            if body_form.cleaned_data["kind"] not in ABDB_KINDS:
                body_form.save()
        for participation_form in participations.deleted_forms:
            if participation_form.instance.pk:
                participation_form.instance.delete()

    # 2. The partnership itself.
    partnership = form.save()

    # 3. What the new legal form allows.
    for body_form in bodies.forms:
        if body_form in bodies.deleted_forms or not body_form.has_changed():
            continue
        body = body_form.save(commit=False)
        body.partnership = partnership
        body.participation = None
        body.save()
    for participation_form in participations.forms:
        if participation_form in participations.deleted_forms:
            continue
        if participation_form.instance.pk is None and not participation_form.has_changed():
            continue
        participation = participation_form.save(commit=False)
        participation.partnership = partnership
        participation.save()
    ensure_participant_bodies(partnership)

    if seats is not None:
        for seat_form in seats.forms:
            if seat_form in seats.deleted_forms or not seat_form.has_changed():
                continue
            if not Body.objects.filter(pk=seat_form.cleaned_data["body"].pk).exists():
                continue  # its body was removed in the same save
            seat_save(seat_form)
    return partnership


def seat_save(seat_form) -> Seat:
    """A seat row names its person by name; reuse that person when the name already exists."""
    seat: Seat = seat_form.save(commit=False)
    if seat.represents_id and not Participation.objects.filter(pk=seat.represents_id).exists():
        seat.represents = None  # that participant was removed in the same save
    name = seat_form.cleaned_data["person_name"].strip()
    email = seat_form.cleaned_data.get("person_email", "")
    organisation = seat.represents.organisation if seat.represents_id else None
    if seat.pk and seat.person_id and seat.person.name == name:
        person = seat.person
    else:
        person = (
            Person.objects.filter(name=name, organisation=organisation).first()
            or Person.objects.filter(name=name).first()
            or Person(name=name, organisation=organisation)
        )
    if email:
        person.email = email
    if person.organisation_id is None and organisation is not None:
        person.organisation = organisation
    person.save()
    seat.person = person
    seat.save()
    return seat
