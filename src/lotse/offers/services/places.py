"""Places, schedules and translations of offers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, User, capabilities_of
from lotse.core.permissions import Capability
from lotse.network.models import Organisation
from lotse.offers.access import (
    manages_catalog,
    may_edit_location,
    own_organisation_ids,
    require_offer_editor,
)
from lotse.offers.audit import OfferAction
from lotse.offers.languages import LANGUAGE_CODES
from lotse.offers.models import (
    WEEKDAY_CODES,
    Location,
    LocationAccessibility,
    Offer,
    OfferLocation,
    OfferTranslation,
    RevisionAction,
    Schedule,
    ScheduleKind,
)
from lotse.offers.services.offers import revise

LOCATION_FIELDS: tuple[str, ...] = (
    "name",
    "location_type",
    "description",
    "street",
    "postal_code",
    "city",
    "social_area",
    "latitude",
    "longitude",
    "transportation",
    "url",
)

SCHEDULE_FIELDS: tuple[str, ...] = (
    "kind",
    "weekdays",
    "opens_at",
    "closes_at",
    "dtstart",
    "count",
    "valid_from",
    "valid_until",
    "description",
)


def _touch(offer: Offer) -> None:
    """A change to a part of the offer is a new version of the offer: an edit form opened
    before it then meets a conflict instead of silently undoing it."""
    offer.version += 1
    offer.updated_at = timezone.now()
    offer.save(update_fields=["version", "updated_at"])


def _lock_offer(actor: User, offer: Offer) -> tuple[Commune, Offer]:
    commune = require_offer_editor(actor, offer)
    locked: Offer = Offer.objects.for_commune(commune).select_for_update().get(pk=offer.pk)
    return commune, locked


# Locations


def _location_errors(values: Mapping[str, Any], commune: Commune) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    area = values.get("social_area")
    if area is not None and area.commune_id != commune.pk:
        errors["social_area"] = [_("Please choose a social area of this commune.")]
    latitude, longitude = values.get("latitude"), values.get("longitude")
    if (latitude is None) != (longitude is None):
        errors["longitude"] = [_("Please give both latitude and longitude, or neither.")]
    if latitude is not None and not -90 <= latitude <= 90:
        errors["latitude"] = [_("A latitude lies between -90 and 90.")]
    if longitude is not None and not -180 <= longitude <= 180:
        errors["longitude"] = [_("A longitude lies between -180 and 180.")]
    return errors


def _set_accessibility(location: Location, features: Sequence[str]) -> None:
    wanted = set(features)
    location.accessibility.exclude(feature__in=wanted).delete()
    present = set(location.accessibility.values_list("feature", flat=True))
    LocationAccessibility.objects.bulk_create(
        LocationAccessibility(location=location, feature=feature)
        for feature in sorted(wanted - present)
    )


@transaction.atomic
def create_location(
    *,
    actor: User,
    commune: Commune,
    values: Mapping[str, Any],
    accessibility: Sequence[str] = (),
    organisation: Organisation | None = None,
) -> Location:
    """A new place. Partner staff create places of their own organisation."""
    capabilities = capabilities_of(actor, commune)
    if not capabilities & {Capability.MANAGE_OFFERS, Capability.EDIT_OWN_OFFERS}:
        raise PermissionDenied(_("Your role does not allow this."))
    if not manages_catalog(actor, commune):
        own = own_organisation_ids(actor, commune)
        if organisation is None or organisation.pk not in own:
            raise PermissionDenied(_("You can only add places of your own organisation."))
    errors = _location_errors(values, commune)
    if errors:
        raise ValidationError(errors)
    location = Location(commune=commune, organisation=organisation, **values)
    location.full_clean(exclude=["commune", "organisation", "social_area"])
    location.save()
    _set_accessibility(location, accessibility)
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.LOCATION_CREATED,
        target=location,
        changes={"name": (None, location.name)},
    )
    return location


@transaction.atomic
def update_location(
    *,
    actor: User,
    location: Location,
    values: Mapping[str, Any],
    accessibility: Sequence[str],
    expected_version: int | None = None,
) -> Location:
    commune: Commune = location.commune
    if not may_edit_location(actor, commune, location):
        raise PermissionDenied(_("Your role does not allow this."))
    current: Location = (
        Location.objects.for_commune(commune).select_for_update().get(pk=location.pk)
    )
    check_version(current, expected_version=expected_version, yours=values, fields=LOCATION_FIELDS)
    errors = _location_errors(values, commune)
    if errors:
        raise ValidationError(errors)
    changes: dict[str, tuple[Any, Any]] = {}
    for field, value in values.items():
        if getattr(current, field) != value:
            changes[field] = (getattr(current, field), value)
            setattr(current, field, value)
    before = sorted(current.accessibility.values_list("feature", flat=True))
    if before != sorted(set(accessibility)):
        changes["accessibility"] = (before, sorted(set(accessibility)))
    if not changes:
        return current
    current.full_clean(exclude=["commune", "organisation", "social_area"])
    current.version += 1
    current.save()
    _set_accessibility(current, accessibility)
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.LOCATION_CHANGED,
        target=current,
        changes=changes,
    )
    return current


# Offer at a location


@transaction.atomic
def add_offer_location(
    *, actor: User, offer: Offer, location: Location, description: str = ""
) -> OfferLocation:
    commune, locked = _lock_offer(actor, offer)
    if location.commune_id != commune.pk:
        raise ValidationError({"location": [_("Please choose a place of this commune.")]})
    if locked.offer_locations.filter(location=location).exists():
        raise ValidationError({"location": [_("The offer already takes place there.")]})
    offer_location: OfferLocation = OfferLocation.objects.create(
        offer=locked, location=location, description=description
    )
    _touch(locked)
    revise(
        locked,
        actor=actor,
        action=RevisionAction.UPDATED,
        changes={"location": [None, location.name]},
    )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.OFFER_LOCATION_ADDED,
        target=locked,
        changes={"location": (None, location.name)},
    )
    return offer_location


@transaction.atomic
def remove_offer_location(*, actor: User, offer_location: OfferLocation) -> None:
    commune, locked = _lock_offer(actor, offer_location.offer)
    name = offer_location.location.name
    offer_location.delete()
    _touch(locked)
    revise(locked, actor=actor, action=RevisionAction.UPDATED, changes={"location": [name, None]})
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.OFFER_LOCATION_REMOVED,
        target=locked,
        changes={"location": (name, None)},
    )


# Schedules


def schedule_errors(values: Mapping[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    kind = values.get("kind")
    weekdays = [code for code in (values.get("weekdays") or "").split(",") if code]
    if any(code not in WEEKDAY_CODES for code in weekdays):
        errors["weekdays"] = [_("Unknown weekday.")]
    recurring = (ScheduleKind.WEEKLY, ScheduleKind.EVERY_TWO_WEEKS, ScheduleKind.COURSE)
    if kind in recurring and not weekdays:
        errors["weekdays"] = [_("Please choose at least one weekday.")]
    if kind in (ScheduleKind.COURSE, ScheduleKind.ONE_OFF) and not values.get("dtstart"):
        errors["dtstart"] = [_("Please give the first date.")]
    if kind == ScheduleKind.COURSE and not values.get("count"):
        errors["count"] = [_("Please give the number of sessions.")]
    opens, closes = values.get("opens_at"), values.get("closes_at")
    if opens is not None and closes is not None and closes <= opens:
        errors["closes_at"] = [_("The end must be after the start.")]
    start, end = values.get("valid_from"), values.get("valid_until")
    if start is not None and end is not None and end < start:
        errors["valid_until"] = [_("The end must not be before the start.")]
    return errors


@transaction.atomic
def add_schedule(
    *,
    actor: User,
    offer: Offer,
    values: Mapping[str, Any],
    offer_location: OfferLocation | None = None,
) -> Schedule:
    """When the offer takes place, for the offer as a whole or at one of its places. A
    one-off event's weekday is that of its date, so the finder's weekday filter finds it."""
    commune, locked = _lock_offer(actor, offer)
    if offer_location is not None and offer_location.offer_id != locked.pk:
        raise ValidationError({"offer_location": [_("Please choose a place of this offer.")]})
    errors = schedule_errors(values)
    if errors:
        raise ValidationError(errors)
    data = dict(values)
    if data.get("kind") == ScheduleKind.ONE_OFF and data.get("dtstart"):
        data["weekdays"] = WEEKDAY_CODES[data["dtstart"].weekday()]
    schedule = Schedule(
        offer=None if offer_location else locked, offer_location=offer_location, **data
    )
    schedule.full_clean(exclude=["offer", "offer_location"])
    schedule.save()
    _touch(locked)
    summary = str(schedule)
    revise(
        locked, actor=actor, action=RevisionAction.UPDATED, changes={"schedule": [None, summary]}
    )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.SCHEDULE_ADDED,
        target=locked,
        changes={"schedule": (None, summary)},
    )
    return schedule


@transaction.atomic
def remove_schedule(*, actor: User, offer: Offer, schedule: Schedule) -> None:
    commune, locked = _lock_offer(actor, offer)
    owner = schedule.offer_id or (schedule.offer_location and schedule.offer_location.offer_id)
    if owner != locked.pk:
        raise ValueError("The schedule belongs to another offer")
    summary = str(schedule)
    schedule.delete()
    _touch(locked)
    revise(
        locked, actor=actor, action=RevisionAction.UPDATED, changes={"schedule": [summary, None]}
    )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.SCHEDULE_REMOVED,
        target=locked,
        changes={"schedule": (summary, None)},
    )


# Translations


@transaction.atomic
def save_translation(
    *, actor: User, offer: Offer, language: str, name: str, description: str, summary: str
) -> OfferTranslation:
    """The offer's texts in another language than German (German lives on the offer)."""
    commune, locked = _lock_offer(actor, offer)
    if language not in LANGUAGE_CODES or language == "de":
        raise ValidationError({"language": [_("Please choose a language other than German.")]})
    if not name.strip():
        raise ValidationError({"name": [_("Please give the name in this language.")]})
    translation, created = OfferTranslation.objects.get_or_create(
        offer=locked, language=language, defaults={"name": name}
    )
    before = {"name": translation.name, "description": translation.description}
    before["summary"] = translation.summary
    translation.name, translation.description, translation.summary = name, description, summary
    translation.save()
    changes = {
        f"{language}:{field}": [None if created else old, getattr(translation, field)]
        for field, old in before.items()
        if created or old != getattr(translation, field)
    }
    if changes:
        _touch(locked)
        revise(locked, actor=actor, action=RevisionAction.UPDATED, changes=changes)
        record(
            actor=actor,
            commune=commune,
            action=OfferAction.TRANSLATION_SAVED,
            target=locked,
            changes={"language": (None, language)},
        )
    return translation


@transaction.atomic
def remove_translation(*, actor: User, offer: Offer, language: str) -> None:
    commune, locked = _lock_offer(actor, offer)
    deleted, _counts = locked.translations.filter(language=language).delete()
    if not deleted:
        return
    _touch(locked)
    revise(
        locked,
        actor=actor,
        action=RevisionAction.UPDATED,
        changes={f"{language}:name": ["…", None]},
    )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.TRANSLATION_REMOVED,
        target=locked,
        changes={"language": (language, None)},
    )
