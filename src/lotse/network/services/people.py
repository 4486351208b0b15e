"""People of an organisation and their delegation as delegate or deputy."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import User
from lotse.network.access import require_edit_organisation
from lotse.network.actions import NetworkAction
from lotse.network.models import Delegation, DelegationKind, Organisation, Person

PERSON_FIELDS: tuple[str, ...] = (
    "name",
    "function",
    "email",
    "phone",
    "has_network_knowledge",
    "is_active",
)
PERSONAL_FIELDS = ("email", "phone")


def save_person(
    *,
    actor: User,
    organisation: Organisation,
    values: Mapping[str, Any],
    person: Person | None = None,
) -> Person:
    """Add a person to the organisation or change one of its people."""
    require_edit_organisation(actor, organisation)
    if person is not None and person.organisation_id != organisation.pk:
        raise ValidationError(_("This person does not work for this organisation."))
    name = " ".join(str(values.get("name", "")).split())
    if not name:
        raise ValidationError({"name": _("Please enter a name.")})
    cleaned = {**values, "name": name}
    with transaction.atomic():
        if person is None:
            person = Person.all_communes.create(
                commune=organisation.commune,
                organisation=organisation,
                **{field: cleaned[field] for field in PERSON_FIELDS if field in cleaned},
            )
            changes = {field: ("", getattr(person, field)) for field in ("name", "email")}
        else:
            changes = {
                field: (getattr(person, field), cleaned[field])
                for field in PERSON_FIELDS
                if field in cleaned and getattr(person, field) != cleaned[field]
            }
            for field, (_old, new) in changes.items():
                setattr(person, field, new)
            person.save()
        record(
            actor=actor,
            commune=organisation.commune,
            action=NetworkAction.PERSON_SAVED,
            target=person,
            changes=changes,
            personal_fields=PERSONAL_FIELDS,
        )
    return person


def appoint(
    *,
    actor: User,
    organisation: Organisation,
    person: Person,
    kind: str,
    valid_from: date,
) -> Delegation:
    """Name ``person`` delegate or deputy from ``valid_from`` on. The one named before
    for that role ends the day before, so the history shows every change."""
    require_edit_organisation(actor, organisation)
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": _("This person does not work for this organisation.")})
    if not person.is_active:
        raise ValidationError({"person": _("This person no longer works for the organisation.")})
    if kind == DelegationKind.DEPUTY and not person.has_network_knowledge:
        raise ValidationError(
            {
                "person": _(
                    "A deputy must know the network. Mark the person as knowing the network first."
                )
            }
        )
    with transaction.atomic():
        Organisation.objects.for_commune(organisation.commune).select_for_update().get(
            pk=organisation.pk
        )
        same_kind = Delegation.objects.for_commune(organisation.commune).filter(
            organisation=organisation, kind=kind
        )
        if same_kind.filter(valid_from__gte=valid_from).exists():
            raise ValidationError(
                {
                    "valid_from": _(
                        "Someone is already named for this role from %(date)s or later. "
                        "Choose a later date."
                    )
                    % {"date": date_format(valid_from, "SHORT_DATE_FORMAT")}
                }
            )
        previous = (
            same_kind.filter(valid_until__isnull=True).first()
            or same_kind.filter(valid_until__gte=valid_from).first()
        )
        if previous is not None:
            previous.valid_until = valid_from - timedelta(days=1)
            previous.save(update_fields=["valid_until"])
        delegation: Delegation = Delegation.all_communes.create(
            commune=organisation.commune,
            organisation=organisation,
            person=person,
            kind=kind,
            valid_from=valid_from,
        )
        record(
            actor=actor,
            commune=organisation.commune,
            action=NetworkAction.DELEGATION_APPOINTED,
            target=delegation,
            changes={
                "kind": ("", kind),
                "person": (previous.person.name if previous else "", person.name),
                "valid_from": ("", valid_from.isoformat()),
            },
        )
    return delegation


def end_delegation(*, actor: User, delegation: Delegation, valid_until: date) -> Delegation:
    """End a delegation without naming a successor (the organisation is then flagged)."""
    require_edit_organisation(actor, delegation.organisation)
    if valid_until < delegation.valid_from:
        raise ValidationError({"valid_until": _("A delegation cannot end before it starts.")})
    if delegation.valid_until is not None and delegation.valid_until < valid_until:
        raise ValidationError({"valid_until": _("This delegation has already ended.")})
    with transaction.atomic():
        old = delegation.valid_until
        delegation.valid_until = valid_until
        delegation.save(update_fields=["valid_until"])
        record(
            actor=actor,
            commune=delegation.commune,
            action=NetworkAction.DELEGATION_ENDED,
            target=delegation,
            changes={"valid_until": (old, valid_until.isoformat())},
        )
    return delegation
