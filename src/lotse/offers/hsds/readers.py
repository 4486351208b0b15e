"""Reading single HSDS 3.0 records into unsaved Lotse objects — schedules, translations,
locations and their accessibility — with the problems each one has, and the small helpers
the whole import shares. :mod:`lotse.offers.hsds.checking` puts them together."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from lotse.core.models import Commune, SocialArea
from lotse.offers.hsds.reading import (
    as_uuid,
    objects,
    read_date,
    read_int,
    read_time,
    rest,
    text,
)
from lotse.offers.hsds.vocabulary import trait_code
from lotse.offers.models import (
    AccessibilityFeature,
    Location,
    LocationAccessibility,
    OfferTranslation,
    Schedule,
    ScheduleKind,
)
from lotse.offers.services.places import schedule_errors

LOCATION_FIELDS = frozenset(
    {
        "id", "location_type", "url", "organization_id", "name", "description",
        "transportation", "latitude", "longitude", "addresses", "accessibility", "attributes",
    }
)  # fmt: skip
SCHEDULE_FIELDS = frozenset(
    {
        "id", "service_id", "service_at_location_id", "freq", "interval", "byday", "dtstart",
        "count", "valid_from", "valid_to", "opens_at", "closes_at", "description", "attributes",
    }
)  # fmt: skip


def normal(value: str) -> str:
    """Name or address as people may write it differently: case, spaces, "Str."."""
    value = re.sub(r"str(a(ß|ss)e|\.)", "str", value.casefold())
    return re.sub(r"[\s.,\-]+", " ", value).strip()


def model_problems(instance: models.Model, exclude: list[str]) -> list[str]:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            f"{getattr(instance._meta.get_field(name), 'verbose_name', name)}: {message}"
            if name != "__all__"
            else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


@dataclass
class Plan:
    commune: Commune
    problems: list[str] = field(default_factory=list)
    terms: dict[str, dict[str, Any]] = field(default_factory=dict)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    locations: dict[str, dict[str, Any]] = field(default_factory=dict)
    areas: dict[str, SocialArea] = field(default_factory=dict)


def traits_of(attributes: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for attribute in attributes:
        code = trait_code(attribute)
        if code is not None:
            found.setdefault(code, []).append(text(attribute.get("value")))
    return found


def first(traits: dict[str, list[str]], code: str) -> str | None:
    values = traits.get(code)
    return values[0] if values else None


def read_schedule(source: dict[str, Any], problems: list[str]) -> Schedule:
    traits = traits_of(objects(source.get("attributes")))
    frequency, interval = (
        text(source.get("freq")),
        read_int(source.get("interval"), "interval", problems),
    )
    count = read_int(source.get("count"), "count", problems)
    kind = first(traits, "rhythmus")
    if kind not in ScheduleKind.values:
        if frequency == "MONTHLY":
            kind = ScheduleKind.MONTHLY
        elif frequency == "WEEKLY":
            kind = (
                ScheduleKind.EVERY_TWO_WEEKS
                if interval == 2
                else ScheduleKind.COURSE
                if count
                else ScheduleKind.WEEKLY
            )
        else:
            kind = ScheduleKind.ONE_OFF if source.get("dtstart") else ScheduleKind.BY_ARRANGEMENT
    schedule = Schedule(
        uuid=as_uuid(source.get("id")),
        kind=kind,
        weekdays=text(source.get("byday")),
        opens_at=read_time(source.get("opens_at"), "opens_at", problems),
        closes_at=read_time(source.get("closes_at"), "closes_at", problems),
        dtstart=read_date(source.get("dtstart"), "dtstart", problems),
        count=count,
        valid_from=read_date(source.get("valid_from"), "valid_from", problems),
        valid_until=read_date(source.get("valid_to"), "valid_to", problems),
        description=text(source.get("description")),
        hsds_extra=rest(source, SCHEDULE_FIELDS),
    )
    values = {
        name: getattr(schedule, name)
        for name in ("kind", "weekdays", "opens_at", "closes_at", "dtstart", "count")
    } | {"valid_from": schedule.valid_from, "valid_until": schedule.valid_until}
    problems.extend(str(m) for messages in schedule_errors(values).values() for m in messages)
    problems.extend(model_problems(schedule, ["offer", "offer_location"]))
    return schedule


def read_translation(attribute: dict[str, Any], problems: list[str]) -> OfferTranslation:
    try:
        data = json.loads(text(attribute.get("value")))
    except ValueError:
        data = None
    if not isinstance(data, dict) or not data.get("language") or not data.get("name"):
        problems.append(_("A translation is not of the form {language, name, description}."))
        data = {}
    return OfferTranslation(
        language=text(data.get("language")),
        name=text(data.get("name")),
        description=text(data.get("description")),
        summary=text(data.get("summary")),
    )


def read_location(plan: Plan, source: dict[str, Any], problems: list[str]) -> Location:
    address = (objects(source.get("addresses")) or [{}])[0]
    traits = traits_of(objects(source.get("attributes")))
    area_name = first(traits, "sozialraum")
    area = plan.areas.get(normal(area_name)) if area_name else None
    if area_name and area is None:
        problems.append(_("The commune has no social area “%(name)s”.") % {"name": area_name})
    latitude, longitude = source.get("latitude"), source.get("longitude")
    location = Location(
        commune=plan.commune,
        uuid=as_uuid(source.get("id")),
        location_type=text(source.get("location_type")) or "physical",
        name=text(source.get("name")) or text(address.get("address_1")),
        description=text(source.get("description")),
        street=text(address.get("address_1")),
        postal_code=text(address.get("postal_code")),
        city=text(address.get("city")),
        social_area=area,
        latitude=float(latitude) if isinstance(latitude, int | float) else None,
        longitude=float(longitude) if isinstance(longitude, int | float) else None,
        transportation=text(source.get("transportation")),
        url=text(source.get("url")),
        hsds_extra=rest(source, LOCATION_FIELDS),
    )
    problems.extend(model_problems(location, ["commune", "organisation", "social_area"]))
    return location


def read_accessibility(source: dict[str, Any]) -> LocationAccessibility:
    feature = first(traits_of(objects(source.get("attributes"))), "barrierefreiheit")
    return LocationAccessibility(
        uuid=as_uuid(source.get("id")),
        feature=feature if feature in AccessibilityFeature.values else AccessibilityFeature.OTHER,
        description=text(source.get("description"))[:300],
        details=text(source.get("details")),
        url=text(source.get("url")),
    )
