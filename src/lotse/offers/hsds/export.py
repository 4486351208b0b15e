"""Lotse → HSDS 3.0: an offer as a fully nested HSDS ``service``, and a commune's whole
catalog as one export document (see docs/hsds.md for the field-by-field mapping)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from lotse.core.models import Commune
from lotse.network.models import Organisation
from lotse.offers.hsds.records import (
    drop_empty,
    location_document,
    organization_document,
    schedule_document,
    service_at_location_document,
    taxonomy_document,
    term_attribute,
    term_document,
    with_extra,
)
from lotse.offers.hsds.vocabulary import (
    TRAITS,
    TRAITS_TAXONOMY,
    derived_id,
    trait_attribute,
    trait_term,
)
from lotse.offers.languages import LANGUAGE_NAMES
from lotse.offers.models import (
    CostKind,
    Location,
    Offer,
    OfferLocation,
    OfferQuerySet,
    OfferStatus,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"
COST_OPTION_LABELS: dict[str, str] = {
    CostKind.FREE: "kostenlos",
    CostKind.REDUCED: "ermäßigt möglich",
    CostKind.AMOUNT: "Gebühr",
}


def hsds_status(offer: Offer) -> str:
    """HSDS knows active, inactive, defunct and temporarily closed; Lotse's own status
    travels as the trait "bearbeitungsstand"."""
    if offer.temporarily_closed:
        return "temporarily closed"
    statuses: dict[str, str] = {OfferStatus.PUBLISHED: "active", OfferStatus.WITHDRAWN: "defunct"}
    return statuses.get(offer.status, "inactive")


def years(months: int) -> float:
    """Months as decimal years, as HSDS ``minimum_age``/``maximum_age`` wants them."""
    return float(round(Decimal(months) / 12, 2))


def _offer_attributes(offer: Offer) -> list[dict[str, Any]]:
    offer_id = str(offer.uuid)
    attributes = [trait_attribute(offer_id, "service", "bearbeitungsstand", offer.status)]
    simple: list[tuple[str, Any]] = [
        ("alter-ab-monate", offer.min_age_months),
        ("alter-bis-monate", offer.max_age_months),
        ("werdende-eltern", offer.from_pregnancy_week),
        ("einfache-sprache", offer.summary or None),
        ("sichtbar-ab", offer.publish_from),
        ("sichtbar-bis", offer.publish_until),
        ("freie-plaetze", offer.free_places),
        ("angelegt-am", offer.created_at),
        ("veroeffentlicht-am", offer.published_at),
    ]
    for code, value in simple:
        if value is not None:
            text = value.isoformat() if isinstance(value, datetime.date) else str(value)
            attributes.append(trait_attribute(offer_id, "service", code, text))
    if not offer.registration_required:
        attributes.append(trait_attribute(offer_id, "service", "ohne-anmeldung"))
    if offer.cost_kind == CostKind.FREE:
        attributes.append(trait_attribute(offer_id, "service", "kostenlos"))
    if offer.cost_kind == CostKind.REDUCED:
        attributes.append(trait_attribute(offer_id, "service", "ermaessigt"))
    for index, phase in enumerate(offer.life_phases):
        attributes.append(trait_attribute(offer_id, "service", "lebensphase", phase.value, index))
    for index, translation in enumerate(offer.translations.all()):
        value = json.dumps(
            {
                "language": translation.language,
                "name": translation.name,
                "description": translation.description,
                "summary": translation.summary,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        attributes.append(trait_attribute(offer_id, "service", "uebersetzung", value, index))
    for term in sorted(offer.categories.all(), key=lambda t: str(t.uuid)):
        attributes.append(term_attribute(offer_id, "service", term, "", term.uuid))
    for attribute in sorted(offer.attributes.all(), key=lambda a: str(a.uuid)):
        document = term_attribute(offer_id, "service", attribute.term, attribute.value, "x")
        document["id"] = str(attribute.uuid)
        attributes.append(with_extra(attribute.hsds_extra, document))
    return attributes


def service_core(offer: Offer) -> dict[str, Any]:
    """The one-to-one fields of a service, as the HSDS lists show them."""
    document: dict[str, Any] = {
        "id": str(offer.uuid),
        "organization_id": str(offer.provider.uuid),
        "name": offer.name,
        "alternate_name": offer.alternate_name,
        "description": offer.description,
        "url": offer.website or None,
        "email": offer.contact_email or None,
        "status": hsds_status(offer),
        "application_process": offer.application_process,
        "fees_description": offer.cost_note,
        "eligibility_description": offer.eligibility_description,
        "minimum_age": years(offer.min_age_months) if offer.min_age_months is not None else None,
        "maximum_age": years(offer.max_age_months) if offer.max_age_months is not None else None,
        "assured_date": offer.last_confirmed_at.isoformat() if offer.last_confirmed_at else None,
        "alert": offer.closed_note or None,
        "last_modified": offer.updated_at.isoformat(),
    }
    return with_extra(_scalar_extra(offer.hsds_extra), document)


def _scalar_extra(extra: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in extra.items() if not isinstance(value, list | dict)}


def service_document(offer: Offer) -> dict[str, Any]:
    """A fully nested HSDS service (the shape of ``compiled/service.json``)."""
    offer_id = str(offer.uuid)
    contacts = []
    if offer.contact_name or offer.contact_email or offer.contact_phone:
        contact_id = derived_id(offer_id, "contact")
        contacts.append(
            drop_empty(
                {
                    "id": contact_id,
                    "service_id": offer_id,
                    "name": offer.contact_name,
                    "email": offer.contact_email or None,
                    "phones": (
                        [
                            {
                                "id": derived_id(offer_id, "contact-phone"),
                                "contact_id": contact_id,
                                "number": offer.contact_phone,
                            }
                        ]
                        if offer.contact_phone
                        else []
                    ),
                }
            )
        )
    cost_option: dict[str, Any] = {
        "id": derived_id(offer_id, "cost"),
        "service_id": offer_id,
        "option": COST_OPTION_LABELS[offer.cost_kind],
        "currency": offer.cost_currency,
        "amount": float(offer.cost_amount) if offer.cost_amount is not None else None,
        "amount_description": offer.cost_note,
    }
    nested: dict[str, Any] = {
        "organization": organization_document(offer.provider),
        "contacts": contacts,
        "phones": [],
        "schedules": [
            schedule_document(schedule, "service_id", offer_id)
            for schedule in sorted(offer.schedules.all(), key=lambda s: str(s.uuid))
        ],
        "service_areas": [
            {
                "id": derived_id(offer_id, f"area:{area.name}"),
                "service_id": offer_id,
                "name": area.name,
                "description": "",
            }
            for area in sorted(offer.service_areas.all(), key=lambda a: a.name)
        ],
        "service_at_locations": [
            service_at_location_document(offer_location)
            for offer_location in sorted(offer.offer_locations.all(), key=lambda o: str(o.uuid))
        ],
        "languages": [
            drop_empty(
                {
                    "id": str(language.uuid),
                    "service_id": offer_id,
                    "name": str(LANGUAGE_NAMES.get(language.code, language.code)),
                    "code": language.code,
                    "note": language.note or None,
                }
            )
            for language in sorted(offer.languages.all(), key=lambda item: item.code)
        ],
        "cost_options": [drop_empty(cost_option)],
        "attributes": _offer_attributes(offer),
    }
    list_extra = {k: v for k, v in offer.hsds_extra.items() if isinstance(v, list | dict)}
    return {**service_core(offer), **list_extra, **nested}


def with_catalog(offers: OfferQuerySet) -> OfferQuerySet:
    """Everything :func:`service_document` reads, in a fixed number of queries."""
    locations = Location.all_communes.select_related(
        "organisation", "social_area", "commune"
    ).prefetch_related("accessibility")
    result: OfferQuerySet = offers.select_related(
        "provider", "provider__commune", "commune"
    ).prefetch_related(
        Prefetch("categories", queryset=TaxonomyTerm.all_communes.select_related("parent")),
        "service_areas",
        "languages",
        "translations",
        Prefetch("attributes__term", queryset=TaxonomyTerm.all_communes.select_related("parent")),
        "schedules",
        Prefetch(
            "offer_locations",
            queryset=OfferLocation.objects.select_related("offer").prefetch_related(
                Prefetch("location", queryset=locations), "schedules"
            ),
        ),
    )
    return result


def _taxonomies(terms: Iterable[TaxonomyTerm]) -> list[dict[str, Any]]:
    names = {term.taxonomy for term in terms} | {TRAITS_TAXONOMY}
    return sorted((taxonomy_document(name) for name in names), key=lambda t: t["id"])


def trait_terms() -> list[dict[str, Any]]:
    return [trait_term(trait) for trait in TRAITS.values()]


def export_catalog(commune: Commune) -> dict[str, Any]:
    """The commune's whole catalog (every status) as one HSDS document: taxonomies and
    terms, the providers, every location (also unused ones) and the fully nested services.
    Deterministic, so two exports of the same catalog are identical."""
    offers = with_catalog(Offer.objects.for_commune(commune)).order_by("name", "uuid")
    terms = list(
        TaxonomyTerm.objects.for_commune(commune)
        .select_related("parent")
        .order_by("taxonomy", "position", "name", "uuid")
    )
    services = [service_document(offer) for offer in offers]
    locations = (
        Location.objects.for_commune(commune)
        .select_related("organisation", "social_area", "commune")
        .prefetch_related("accessibility")
        .order_by("name", "uuid")
    )
    provider_ids = {service["organization_id"] for service in services} | {
        str(location.organisation.uuid) for location in locations if location.organisation
    }
    organisations = (
        Organisation.objects.for_commune(commune)
        .filter(uuid__in=provider_ids)
        .select_related("commune")
        .order_by("name", "uuid")
    )
    return {
        "hsds_version": HSDS_VERSION,
        "taxonomies": _taxonomies(terms),
        "taxonomy_terms": [term_document(term) for term in terms] + trait_terms(),
        "organizations": [organization_document(org) for org in organisations],
        "locations": [location_document(location) for location in locations],
        "services": services,
    }


def organization_core(organisation: Organisation) -> dict[str, Any]:
    """The one-to-one fields of an organization, as the HSDS lists show them."""
    return drop_empty(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "description": "",
            "email": organisation.email or None,
            "website": organisation.website or None,
        }
    )


def service_list_item(offer: Offer) -> dict[str, Any]:
    return {**service_core(offer), "organization": organization_core(offer.provider)}


def location_core(location: Location) -> dict[str, Any]:
    document = location_document(location)
    return {key: value for key, value in document.items() if not isinstance(value, list | dict)}


def service_at_location_list_item(offer_location: OfferLocation) -> dict[str, Any]:
    return drop_empty(
        {
            "id": str(offer_location.uuid),
            "service_id": str(offer_location.offer.uuid),
            "location_id": str(offer_location.location.uuid),
            "description": offer_location.description,
            "location": location_core(offer_location.location),
            "service": service_core(offer_location.offer),
        }
    )
