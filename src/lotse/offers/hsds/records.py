"""Lotse → HSDS 3.0 records other than the service: taxonomy terms, organizations,
locations, schedules and services at locations (used by the export and the HSDS API)."""

from __future__ import annotations

import datetime
from typing import Any

from lotse.network.models import Organisation
from lotse.offers.hsds.vocabulary import (
    TRAITS_TAXONOMY,
    derived_id,
    taxonomy_id,
    trait_attribute,
    trait_taxonomy,
)
from lotse.offers.models import Location, OfferLocation, Schedule, ScheduleKind, TaxonomyTerm

SCHEDULE_FREQUENCY: dict[str, tuple[str, int]] = {
    ScheduleKind.WEEKLY: ("WEEKLY", 1),
    ScheduleKind.EVERY_TWO_WEEKS: ("WEEKLY", 2),
    ScheduleKind.COURSE: ("WEEKLY", 1),
    ScheduleKind.MONTHLY: ("MONTHLY", 1),
}


def time_text(value: datetime.time) -> str:
    return value.isoformat(timespec="minutes" if not value.second else "seconds")


def drop_empty(document: dict[str, Any]) -> dict[str, Any]:
    """HSDS fields are typed: an absent value is left out, never ``null``."""
    return {key: value for key, value in document.items() if value is not None}


def with_extra(extra: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """HSDS fields Lotse has no column for (kept from an import), then ours on top."""
    return {**extra, **drop_empty(document)}


def term_document(term: TaxonomyTerm) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": str(term.uuid),
        "code": term.hsds_extra.get("code", term.code),
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy,
        "taxonomy_id": taxonomy_id(term.taxonomy),
        "parent_id": str(term.parent.uuid) if term.parent_id and term.parent else None,
        "language": term.language or None,
        "term_uri": term.term_uri or None,
    }
    return with_extra(term.hsds_extra, document)


def taxonomy_document(taxonomy: str) -> dict[str, Any]:
    if taxonomy == TRAITS_TAXONOMY:
        return trait_taxonomy()
    if taxonomy == TaxonomyTerm.CATEGORY_TAXONOMY:
        return {
            "id": taxonomy_id(taxonomy),
            "name": "Lotse-Angebotsarten",
            "description": "Die Angebotsarten des Katalogs einer Kommune.",
        }
    return {"id": taxonomy_id(taxonomy), "name": taxonomy, "description": taxonomy}


def term_attribute(
    parent_id: Any, entity: str, term: TaxonomyTerm, value: str, key: Any
) -> dict[str, Any]:
    return {
        "id": derived_id(parent_id, f"term:{key}"),
        "link_id": str(parent_id),
        "link_type": term.taxonomy,
        "link_entity": entity,
        "taxonomy_term_id": str(term.uuid),
        "value": value,
        "taxonomy_term": term_document(term),
    }


def address_document(
    parent_id: Any, street: str, postal_code: str, city: str, state: str
) -> dict[str, Any]:
    return {
        "id": derived_id(parent_id, "address"),
        "location_id": str(parent_id),
        "address_1": street,
        "city": city,
        "state_province": state,
        "postal_code": postal_code,
        "country": "DE",
        "address_type": "physical",
    }


def organization_document(organisation: Organisation) -> dict[str, Any]:
    """The provider's public identity. Network membership stays in the network module."""
    org_id = str(organisation.uuid)
    document: dict[str, Any] = {
        "id": org_id,
        "name": organisation.name,
        "description": "",
        "email": organisation.email or None,
        "website": organisation.website or None,
        "phones": (
            [
                {
                    "id": derived_id(org_id, "phone"),
                    "organization_id": org_id,
                    "number": organisation.phone,
                }
            ]
            if organisation.phone
            else []
        ),
        "attributes": [
            trait_attribute(org_id, "organization", "handlungsfeld", organisation.sector)
        ],
    }
    if organisation.legal_carrier:
        document["attributes"].append(
            trait_attribute(org_id, "organization", "traeger", organisation.legal_carrier)
        )
    if organisation.street or organisation.postal_code or organisation.city:
        location_id = derived_id(org_id, "location")
        address = address_document(
            location_id,
            organisation.street,
            organisation.postal_code,
            organisation.city,
            organisation.commune.federal_state,
        )
        address["address_type"] = "postal"
        document["locations"] = [
            {
                "id": location_id,
                "location_type": "postal",
                "organization_id": org_id,
                "name": organisation.name,
                "addresses": [address],
            }
        ]
    return drop_empty(document)


def location_document(location: Location) -> dict[str, Any]:
    location_id = str(location.uuid)
    attributes = []
    if location.social_area_id and location.social_area:
        attributes.append(
            trait_attribute(location_id, "location", "sozialraum", location.social_area.name)
        )
    accessibility = []
    for feature in sorted(location.accessibility.all(), key=lambda item: str(item.uuid)):
        feature_id = str(feature.uuid)
        accessibility.append(
            drop_empty(
                {
                    "id": feature_id,
                    "location_id": location_id,
                    "description": feature.description,
                    "details": feature.details,
                    "url": feature.url or None,
                    "attributes": [
                        trait_attribute(
                            feature_id, "accessibility", "barrierefreiheit", feature.feature
                        )
                    ],
                }
            )
        )
    document: dict[str, Any] = {
        "id": location_id,
        "location_type": location.location_type,
        "url": location.url or None,
        "organization_id": str(location.organisation.uuid) if location.organisation else None,
        "name": location.name,
        "description": location.description,
        "transportation": location.transportation,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "accessibility": accessibility,
        "attributes": attributes,
    }
    if location.street or location.postal_code or location.city:
        document["addresses"] = [
            address_document(
                location_id,
                location.street,
                location.postal_code,
                location.city,
                location.commune.federal_state,
            )
        ]
    return with_extra(location.hsds_extra, document)


def schedule_document(schedule: Schedule, parent_key: str, parent_id: str) -> dict[str, Any]:
    schedule_id = str(schedule.uuid)
    frequency = SCHEDULE_FREQUENCY.get(schedule.kind)
    document: dict[str, Any] = {
        "id": schedule_id,
        parent_key: parent_id,
        "freq": frequency[0] if frequency else None,
        "interval": frequency[1] if frequency else None,
        "byday": schedule.weekdays or None,
        "dtstart": schedule.dtstart.isoformat() if schedule.dtstart else None,
        "count": schedule.count,
        "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
        "valid_to": schedule.valid_until.isoformat() if schedule.valid_until else None,
        "opens_at": time_text(schedule.opens_at) if schedule.opens_at else None,
        "closes_at": time_text(schedule.closes_at) if schedule.closes_at else None,
        "description": schedule.description,
        "attributes": [trait_attribute(schedule_id, "schedule", "rhythmus", schedule.kind)],
    }
    return with_extra(schedule.hsds_extra, document)


def service_at_location_document(offer_location: OfferLocation) -> dict[str, Any]:
    sal_id = str(offer_location.uuid)
    document: dict[str, Any] = {
        "id": sal_id,
        "service_id": str(offer_location.offer.uuid),
        "location_id": str(offer_location.location.uuid),
        "description": offer_location.description,
        "schedules": [
            schedule_document(schedule, "service_at_location_id", sal_id)
            for schedule in sorted(offer_location.schedules.all(), key=lambda s: str(s.uuid))
        ],
        "location": location_document(offer_location.location),
    }
    return with_extra(offer_location.hsds_extra, document)
