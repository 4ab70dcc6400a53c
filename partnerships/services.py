"""Writes for partnerships. Every function that touches several rows runs in one transaction.

Order matters because the models check the structure on every save (a centre only in a
centrumregeling, bodies that fit the legal form): a centre is cleared and a body that no
longer fits removed *before* the legal form changes, and a new centre or body is written
*after* it.
"""

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet

from .access import can_edit_partnership
from .constants import PARTICIPANT_BODY_KINDS, AttentionLevel, BodyKind, OrganisationKind
from .models import Body, Organisation, Participation, Partnership, Person, Seat
from .rules import body_kind_error

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from .forms import (
        BaseBodyFormSet,
        BaseParticipationFormSet,
        BaseSeatFormSet,
        PartnershipForm,
        SeatForm,
    )

PARTICIPANT_BODY_NAMES: dict[str, dict[str, str]] = {
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
DEFAULT_BODY_NAMES: dict[str, str] = {
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
    participations: "BaseParticipationFormSet",
    bodies: "BaseBodyFormSet",
    seats: "BaseSeatFormSet | None" = None,
    editor: "User | AnonymousUser | None" = None,
) -> Partnership:
    """Save a validated partnership page: the partnership, its participants, bodies, members."""
    partnership: Partnership = form.instance
    if partnership.pk:
        # 1. Undo what the new legal form may not have, before the form changes. The form
        # has already put the new legal form on the instance: what the stored form allows is
        # read from the database.
        stored_form = (
            Partnership.objects.filter(pk=partnership.pk).values_list("legal_form", flat=True).get()
        )
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
            if body_kind_error(stored_form, body_form.cleaned_data["kind"]) is None:
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
            seat_save(seat_form, editor)
    return partnership


def seat_save(seat_form: "SeatForm", editor: "User | AnonymousUser | None" = None) -> Seat:
    """A seat row names its person by name. Reuse that person only within the partnership's
    own organisations: the same name elsewhere is somebody else's data. The e-mail address of a
    person is changed only where the editor may edit every partnership that person sits in;
    otherwise this seat gets a person record of its own, so nothing changes elsewhere."""
    seat: Seat = seat_form.save(commit=False)
    if seat.represents_id and not Participation.objects.filter(pk=seat.represents_id).exists():
        seat.represents = None  # that participant was removed in the same save
    partnership = seat.body.partnership
    if partnership is None and seat.body.participation is not None:
        partnership = seat.body.participation.partnership
    assert partnership is not None  # every body belongs to a partnership or a participant
    name = seat_form.cleaned_data["person_name"].strip()
    email = seat_form.cleaned_data.get("person_email", "")
    organisation = seat.represents.organisation if seat.represents is not None else None
    if seat.pk and seat.person_id and seat.person.name == name:
        person = seat.person
    else:
        person = _person_to_reuse(partnership, name, organisation) or Person(
            name=name, organisation=organisation
        )
    if email and email != person.email:
        if person.pk and not _may_change_person(editor, person, partnership):
            person = Person(name=name, organisation=person.organisation or organisation)
        person.email = email
    if person.organisation_id is None and organisation is not None:
        person.organisation = organisation
    person.save()
    seat.person = person
    seat.save()
    return seat


def _partnerships_of(person: Person) -> QuerySet[Partnership]:
    return Partnership.objects.filter(
        Q(bodies__seats__person=person) | Q(participations__bodies__seats__person=person)
    ).distinct()


def _person_to_reuse(
    partnership: Partnership, name: str, organisation: Organisation | None
) -> Person | None:
    own_organisations = Participation.objects.filter(partnership=partnership).values(
        "organisation_id"
    )
    candidates = Person.objects.filter(name=name).order_by("pk")
    if organisation is not None:
        found = candidates.filter(organisation=organisation).first()
        if found is not None:
            return found
    found = candidates.filter(organisation_id__in=own_organisations).first()
    if found is not None:
        return found
    # Without an organisation: only somebody who sits in no other partnership.
    for person in candidates.filter(organisation__isnull=True):
        if not _partnerships_of(person).exclude(pk=partnership.pk).exists():
            return person
    return None


def _may_change_person(
    editor: "User | AnonymousUser | None", person: Person, partnership: Partnership
) -> bool:
    others = _partnerships_of(person).exclude(pk=partnership.pk)
    if editor is None:  # a command or an import: only within this partnership
        return not others.exists()
    return all(can_edit_partnership(editor, other) for other in others)


def set_attention_level(participation: Participation, level: str) -> bool:
    """Record how closely the raad follows this partnership ("" when not chosen yet).

    Raises ValueError for a value that is not one of AttentionLevel's (nothing is saved);
    returns whether the value changed."""
    if level and level not in AttentionLevel.values:
        raise ValueError(level)
    if participation.attention_level == level:
        return False
    participation.attention_level = level
    participation.save(update_fields=["attention_level"])
    return True
