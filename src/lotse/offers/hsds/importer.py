"""HSDS 3.0 → Lotse: check every record of a file first (official schema and Lotse's own
rules, :mod:`.checking`), then import all of it in one transaction, or nothing.

Accepted files: Lotse's export document (``taxonomy_terms``, ``organizations``,
``locations``, ``services``), a plain list of services, or an HSDS API page (``contents``).
HSDS ids become Lotse's UUIDs where they are free, so export → import → export gives the
same file. Organisations that look like one the commune already has (same name and address)
are not created twice: they go to the review queue.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.network.models import Organisation, Sector
from lotse.offers.hsds.actions import HsdsAction
from lotse.offers.hsds.checking import (
    TERM_FIELDS,
    ServiceRecord,
    check_document,
    existing_location,
    existing_organisation,
    existing_term,
    free_uuid,
)
from lotse.offers.hsds.readers import (
    Plan,
    first,
    normal,
    read_accessibility,
    read_location,
    traits_of,
)
from lotse.offers.hsds.reading import (
    as_uuid,
    objects,
    rest,
    text,
)
from lotse.offers.models import (
    Location,
    LocationAccessibility,
    Offer,
    OfferAttribute,
    OfferLanguage,
    OfferLocation,
    OrganisationMatchReview,
    RevisionAction,
    Schedule,
    TaxonomyTerm,
)
from lotse.offers.services.offers import revise


@dataclass
class ImportResult:
    offers: int = 0
    organisations_created: int = 0
    locations_created: int = 0
    terms_created: int = 0
    reviews: list[OrganisationMatchReview] = field(default_factory=list)


class _Writer:
    """The write phase: every record has been checked, so this only creates."""

    def __init__(self, actor: User | None, commune: Commune, source: str) -> None:
        self.actor, self.commune, self.source = actor, commune, source
        self.result = ImportResult()
        self.terms: dict[str, TaxonomyTerm] = {}
        self.organisations: dict[str, Organisation] = {}
        self.locations: dict[str, Location] = {}
        self.taken: dict[type[models.Model], set[uuid.UUID]] = {}
        self.review_offers: dict[str, list[str]] = {}
        self.catalog_empty = not Offer.objects.for_commune(commune).exists()

    def uuid_for(self, model: type[models.Model], hsds_id: Any) -> uuid.UUID:
        return free_uuid(model, as_uuid(hsds_id), self.taken.setdefault(model, set()))

    def term(self, plan: Plan, term_id: str, position: int = 0) -> TaxonomyTerm:
        if term_id in self.terms:
            return self.terms[term_id]
        existing = existing_term(self.commune, term_id)
        source = plan.terms.get(term_id)
        if existing is None and source is not None:
            taxonomy = text(source.get("taxonomy")) or "import"
            code = slugify(text(source.get("code")) or text(source.get("name")))[:80] or "term"
            existing = (
                TaxonomyTerm.objects.for_commune(self.commune)
                .filter(taxonomy=taxonomy, code=code)
                .first()
            )
            extra = rest(source, TERM_FIELDS)
            if code != text(source.get("code")):
                extra["code"] = source.get("code")
            if existing is not None and self.catalog_empty:
                # A fresh commune's default categories take over the file's ids and texts.
                TaxonomyTerm.all_communes.filter(pk=existing.pk).update(
                    uuid=self.uuid_for(TaxonomyTerm, term_id),
                    name=text(source.get("name"))[:120],
                    description=text(source.get("description")),
                    position=position,
                )
                existing.refresh_from_db()
            elif existing is None:
                parent_id = text(source.get("parent_id"))
                existing = TaxonomyTerm.all_communes.create(
                    commune=self.commune,
                    uuid=self.uuid_for(TaxonomyTerm, term_id),
                    taxonomy=taxonomy[:120],
                    code=code,
                    name=text(source.get("name"))[:120],
                    description=text(source.get("description")),
                    parent=self.term(plan, parent_id) if parent_id in plan.terms else None,
                    is_category=taxonomy == TaxonomyTerm.CATEGORY_TAXONOMY,
                    position=position,
                    language=text(source.get("language"))[:8],
                    term_uri=text(source.get("term_uri")),
                    hsds_extra=extra,
                )
                self.result.terms_created += 1
        if existing is None:  # check_document has made sure every term is known
            raise LookupError(term_id)
        self.terms[term_id] = existing
        return existing

    def organisation(self, plan: Plan, org_id: str) -> Organisation:
        if org_id in self.organisations:
            return self.organisations[org_id]
        found = existing_organisation(self.commune, org_id)
        if found is None:
            source = plan.organizations[org_id]
            found = self._new_or_review(source)
        self.organisations[org_id] = found
        return found

    def _new_or_review(self, source: dict[str, Any]) -> Organisation:
        values = organisation_values(source)
        same = [
            organisation
            for organisation in Organisation.objects.for_commune(self.commune).filter(
                postal_code=values["postal_code"]
            )
            if normal(organisation.name) == normal(values["name"])
            and normal(organisation.street) == normal(values["street"])
        ]
        if same:
            review = OrganisationMatchReview.all_communes.create(
                commune=self.commune,
                source=self.source[:200],
                imported_data=source,
                suspected_organisation=same[0],
            )
            self.result.reviews.append(review)
            suspected: Organisation = same[0]
            return suspected
        organisation: Organisation = Organisation.all_communes.create(
            commune=self.commune, uuid=self.uuid_for(Organisation, source["id"]), **values
        )
        self.result.organisations_created += 1
        return organisation

    def location(self, plan: Plan, location_id: str) -> Location:
        if location_id in self.locations:
            return self.locations[location_id]
        found = existing_location(self.commune, location_id)
        if found is None:
            source = plan.locations[location_id]
            found = read_location(plan, source, [])
            found.uuid = self.uuid_for(Location, location_id)
            org_id = text(source.get("organization_id"))
            if org_id in plan.organizations or existing_organisation(self.commune, org_id):
                found.organisation = self.organisation(plan, org_id)
            found.save()
            for item in objects(source.get("accessibility")):
                feature = read_accessibility(item)
                feature.uuid = self.uuid_for(LocationAccessibility, item.get("id"))
                feature.location = found
                feature.save()
            self.result.locations_created += 1
        self.locations[location_id] = found
        return found

    def save_schedule(self, schedule: Schedule) -> None:
        schedule.uuid = self.uuid_for(Schedule, schedule.uuid)
        schedule.save()

    def service(self, plan: Plan, item: ServiceRecord) -> Offer:
        offer = item.offer
        offer.uuid = self.uuid_for(Offer, offer.uuid)
        offer.provider = self.organisation(plan, item.organization_id)
        offer.save()
        for review in self.result.reviews:
            if str(review.imported_data.get("id")) == item.organization_id:
                self.review_offers.setdefault(str(review.uuid), []).append(str(offer.uuid))
        offer.categories.set([self.term(plan, term_id) for term_id in item.category_ids])
        areas = [plan.areas[normal(name)] for name in item.area_names]
        offer.service_areas.set(areas)
        for term_id, attribute in item.attributes:
            attribute.uuid = self.uuid_for(OfferAttribute, attribute.uuid)
            attribute.offer, attribute.term = offer, self.term(plan, term_id)
            attribute.save()
        for language in item.languages:
            language.uuid = self.uuid_for(OfferLanguage, language.uuid)
            language.offer = offer
            language.save()
        for translation in item.translations:
            translation.offer = offer
            translation.save()
        for schedule in item.schedules:
            schedule.offer = offer
            self.save_schedule(schedule)
        for offer_location, location_id, schedules in item.places:
            offer_location.uuid = self.uuid_for(OfferLocation, offer_location.uuid)
            offer_location.offer = offer
            offer_location.location = self.location(plan, location_id)
            offer_location.save()
            for schedule in schedules:
                schedule.offer_location = offer_location
                self.save_schedule(schedule)
        revise(
            offer,
            actor=self.actor,
            action=RevisionAction.IMPORTED,
            changes={},
            reason=_("HSDS import %(source)s") % {"source": self.source},
        )
        self.result.offers += 1
        return offer


def organisation_values(source: dict[str, Any]) -> dict[str, Any]:
    """The fields of a network organisation an HSDS organization gives."""
    traits = traits_of(objects(source.get("attributes")))
    location = (objects(source.get("locations")) or [{}])[0]
    address = (objects(location.get("addresses")) or [{}])[0]
    phones = objects(source.get("phones"))
    sector = first(traits, "handlungsfeld")
    return {
        "name": text(source.get("name"))[:200],
        "legal_carrier": (first(traits, "traeger") or "")[:200],
        "sector": sector if sector in Sector.values else Sector.OTHER,
        "street": text(address.get("address_1"))[:200],
        "postal_code": text(address.get("postal_code"))[:10],
        "city": text(address.get("city"))[:100],
        "website": text(source.get("website")),
        "phone": text(phones[0].get("number"))[:40] if phones else "",
        "email": text(source.get("email")),
    }


def import_catalog(
    *, actor: User | None, commune: Commune, document: Any, source: str = ""
) -> ImportResult:
    """Import an HSDS document into the commune's catalog, all or nothing. ``actor`` is
    None only for the operator's command line."""
    if actor is not None:
        require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    with transaction.atomic():
        plan, services = check_document(commune, document)
        writer = _Writer(actor, commune, source)
        for position, term_id in enumerate(plan.terms):
            writer.term(plan, term_id, position * 10)
        for location_id in plan.locations:
            writer.location(plan, location_id)
        for item in services:
            writer.service(plan, item)
        for review in writer.result.reviews:
            review.imported_data = {
                **review.imported_data,
                "lotse_offer_ids": writer.review_offers.get(str(review.uuid), []),
            }
            review.save(update_fields=["imported_data"])
        result = writer.result
        record(
            actor=actor,
            commune=commune,
            action=HsdsAction.IMPORTED,
            changes={
                "source": (None, source),
                "offers": (None, result.offers),
                "organisations": (None, result.organisations_created),
                "reviews": (None, len(result.reviews)),
            },
        )
    return result
