"""HSDS 3.0 → Lotse, first step: read every record of a file into unsaved Lotse objects and
check it against the official schema and Lotse's own rules, collecting every problem.

Accepted files: Lotse's export document (``taxonomy_terms``, ``organizations``,
``locations``, ``services``), a plain list of services, or an HSDS API page (``contents``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.models import Commune, SocialArea
from lotse.network.models import Organisation
from lotse.offers.hsds.readers import (
    Plan,
    first,
    model_problems,
    normal,
    read_location,
    read_schedule,
    read_translation,
    traits_of,
)
from lotse.offers.hsds.reading import (
    ImportRejected,
    as_uuid,
    months_from_years,
    objects,
    read_amount,
    read_date,
    read_datetime,
    read_int,
    rest,
    text,
)
from lotse.offers.hsds.validation import schema_errors
from lotse.offers.hsds.vocabulary import TRAITS_TAXONOMY, trait_code
from lotse.offers.languages import LANGUAGE_CODES
from lotse.offers.models import (
    CostKind,
    Location,
    Offer,
    OfferAttribute,
    OfferLanguage,
    OfferLocation,
    OfferStatus,
    OfferTranslation,
    Schedule,
    TaxonomyTerm,
)
from lotse.offers.services.offers import offer_errors

SERVICE_FIELDS = frozenset(
    {
        "id", "organization_id", "name", "alternate_name", "description", "url", "email",
        "status", "application_process", "fees_description", "eligibility_description",
        "minimum_age", "maximum_age", "assured_date", "alert", "last_modified", "organization",
        "contacts", "phones", "schedules", "service_areas", "service_at_locations", "languages",
        "cost_options", "attributes",
    }
)  # fmt: skip
SAL_FIELDS = frozenset({"id", "service_id", "location_id", "description", "schedules", "location"})
TERM_FIELDS = frozenset(
    {"id", "code", "name", "description", "taxonomy", "taxonomy_id", "parent_id", "language",
     "term_uri"}
)  # fmt: skip
ATTRIBUTE_FIELDS = frozenset(
    {"id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value", "taxonomy_term"}
)
STATUS_FROM_HSDS = {
    "active": OfferStatus.PUBLISHED,
    "temporarily closed": OfferStatus.PUBLISHED,
    "inactive": OfferStatus.DRAFT,
    "defunct": OfferStatus.WITHDRAWN,
}
COST_FROM_OPTION = {"kostenlos": CostKind.FREE, "ermäßigt möglich": CostKind.REDUCED}


def record_label(kind: str, document: dict[str, Any], index: int) -> str:
    name = text(document.get("name")) or text(document.get("id"))
    return _("%(kind)s no. %(number)s “%(name)s”") % {
        "kind": kind,
        "number": index + 1,
        "name": name,
    }


def free_uuid(model: type[models.Model], wanted: uuid.UUID, taken: set[uuid.UUID]) -> uuid.UUID:
    """The HSDS id if no object of another commune has it, else a new one."""
    if wanted in taken or model._default_manager.filter(uuid=wanted).exists():
        return uuid.uuid4()
    taken.add(wanted)
    return wanted


def services_of(document: Any) -> tuple[list[Any], dict[str, Any]]:
    """The services and the rest of an accepted file shape."""
    if isinstance(document, list):
        return document, {}
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"], {}
    if isinstance(document, dict) and isinstance(document.get("services"), list):
        return document["services"], document
    raise ImportRejected(
        [
            _(
                "The file contains no HSDS services: expected a list of services, an object "
                "with “services” or an HSDS API page with “contents”."
            )
        ]
    )


def collect_references(  # noqa: PLR0912 - one loop per kind of record in the file
    plan: Plan, services: list[Any], extra: dict[str, Any]
) -> None:
    for index, term in enumerate(objects(extra.get("taxonomy_terms"))):
        errors = schema_errors(term, "taxonomy_term.json")
        if errors:
            label = record_label(_("Taxonomy term"), term, index)
            plan.problems.extend(f"{label}: {error}" for error in errors)
        elif term.get("taxonomy") != TRAITS_TAXONOMY:
            plan.terms.setdefault(str(term["id"]), term)
    for index, organization in enumerate(objects(extra.get("organizations"))):
        errors = schema_errors(organization, "compiled/organization.json")
        if errors:
            label = record_label(_("Organisation"), organization, index)
            plan.problems.extend(f"{label}: {error}" for error in errors)
        else:
            plan.organizations.setdefault(str(organization["id"]), organization)
    for index, location in enumerate(objects(extra.get("locations"))):
        errors = schema_errors(location, "location.json")
        if errors:
            label = record_label(_("Location"), location, index)
            plan.problems.extend(f"{label}: {error}" for error in errors)
        else:
            plan.locations.setdefault(str(location["id"]), location)
    for service in objects(services):
        nested_organization = service.get("organization")
        if isinstance(nested_organization, dict) and nested_organization.get("id"):
            plan.organizations.setdefault(str(nested_organization["id"]), nested_organization)
        for attribute in objects(service.get("attributes")):
            nested_term = attribute.get("taxonomy_term")
            if (
                isinstance(nested_term, dict)
                and nested_term.get("id")
                and trait_code(attribute) is None
            ):
                plan.terms.setdefault(str(nested_term["id"]), nested_term)
        for sal in objects(service.get("service_at_locations")):
            nested_location = sal.get("location")
            if isinstance(nested_location, dict) and nested_location.get("id"):
                plan.locations.setdefault(str(nested_location["id"]), nested_location)


@dataclass
class ServiceRecord:
    source: dict[str, Any]
    offer: Offer
    organization_id: str
    category_ids: list[str]
    attributes: list[tuple[str, OfferAttribute]]
    area_names: list[str]
    languages: list[OfferLanguage]
    translations: list[OfferTranslation]
    schedules: list[Schedule]
    places: list[tuple[OfferLocation, str, list[Schedule]]]


def read_service(  # noqa: PLR0912, PLR0915 - the field-by-field mapping of one service
    plan: Plan, source: dict[str, Any], problems: list[str]
) -> ServiceRecord:
    traits = traits_of(objects(source.get("attributes")))
    status_code = first(traits, "bearbeitungsstand")
    hsds_status = text(source.get("status"))
    status = status_code if status_code in OfferStatus.values else STATUS_FROM_HSDS.get(hsds_status)
    contact = (objects(source.get("contacts")) or [{}])[0]
    phones = objects(contact.get("phones")) or objects(source.get("phones"))
    cost = (objects(source.get("cost_options")) or [{}])[0]
    if not cost:
        problems.append(
            _(
                "The cost is missing: please give a cost option (“kostenlos”, "
                "“ermäßigt möglich” or an amount)."
            )
        )
    amount = read_amount(cost.get("amount"), "cost_options.amount", problems)
    if "kostenlos" in traits:
        cost_kind = CostKind.FREE
    elif "ermaessigt" in traits:
        cost_kind = CostKind.REDUCED
    else:
        cost_kind = COST_FROM_OPTION.get(text(cost.get("option")), CostKind.AMOUNT)
        if cost_kind == CostKind.AMOUNT and amount == 0:
            cost_kind = CostKind.FREE
    min_months = first(traits, "alter-ab-monate")
    max_months = first(traits, "alter-bis-monate")
    offer = Offer(
        commune=plan.commune,
        uuid=as_uuid(source.get("id")),
        name=text(source.get("name")),
        alternate_name=text(source.get("alternate_name")),
        description=text(source.get("description")),
        summary=first(traits, "einfache-sprache") or "",
        eligibility_description=text(source.get("eligibility_description")),
        application_process=text(source.get("application_process")),
        status=status or OfferStatus.DRAFT,
        temporarily_closed=hsds_status == "temporarily closed",
        closed_note=text(source.get("alert")),
        publish_from=read_date(first(traits, "sichtbar-ab"), "sichtbar-ab", problems),
        publish_until=read_date(first(traits, "sichtbar-bis"), "sichtbar-bis", problems),
        last_confirmed_at=read_date(source.get("assured_date"), "assured_date", problems),
        registration_required="ohne-anmeldung" not in traits,
        cost_kind=cost_kind,
        cost_amount=amount if cost_kind != CostKind.FREE or amount else None,
        cost_currency=text(cost.get("currency")) or "EUR",
        cost_note=text(cost.get("amount_description") or source.get("fees_description")),
        min_age_months=(
            read_int(min_months, "alter-ab-monate", problems)
            if min_months is not None
            else months_from_years(source.get("minimum_age"), "minimum_age", problems)
        ),
        max_age_months=(
            read_int(max_months, "alter-bis-monate", problems)
            if max_months is not None
            else months_from_years(source.get("maximum_age"), "maximum_age", problems)
        ),
        from_pregnancy_week=read_int(first(traits, "werdende-eltern"), "werdende-eltern", problems),
        free_places=read_int(first(traits, "freie-plaetze"), "freie-plaetze", problems),
        contact_name=text(contact.get("name")),
        contact_email=text(contact.get("email") or source.get("email")),
        contact_phone=text(phones[0].get("number")) if phones else "",
        website=text(source.get("url")),
        hsds_extra=rest(source, SERVICE_FIELDS),
    )
    now = timezone.now()
    offer.created_at = read_datetime(first(traits, "angelegt-am"), "angelegt-am", problems) or now
    offer.updated_at = read_datetime(source.get("last_modified"), "last_modified", problems) or now
    offer.published_at = read_datetime(
        first(traits, "veroeffentlicht-am"), "veroeffentlicht-am", problems
    )
    if offer.status == OfferStatus.PUBLISHED and offer.published_at is None:
        offer.published_at = now
    values = {name: getattr(offer, name) for name in ("min_age_months", "max_age_months")} | {
        "publish_from": offer.publish_from,
        "publish_until": offer.publish_until,
        "from_pregnancy_week": offer.from_pregnancy_week,
        "cost_kind": offer.cost_kind,
        "cost_amount": offer.cost_amount,
        "temporarily_closed": offer.temporarily_closed,
        "closed_note": offer.closed_note,
    }
    problems.extend(str(m) for messages in offer_errors(values).values() for m in messages)
    problems.extend(model_problems(offer, ["commune", "provider"]))

    category_ids: list[str] = []
    attributes: list[tuple[str, OfferAttribute]] = []
    translations: list[OfferTranslation] = []
    for attribute in objects(source.get("attributes")):
        code = trait_code(attribute)
        if code == "uebersetzung":
            translations.append(read_translation(attribute, problems))
        if code is not None:
            continue
        term_id = text(attribute.get("taxonomy_term_id")) or text(
            (attribute.get("taxonomy_term") or {}).get("id")
        )
        if not term_id:
            problems.append(_("An attribute names no taxonomy term."))
            continue
        if term_id not in plan.terms and not existing_term(plan.commune, term_id):
            problems.append(
                _("The taxonomy term %(id)s is neither in the file nor in the catalog.")
                % {"id": term_id}
            )
            continue
        value = text(attribute.get("value"))
        if not value and is_category(plan, term_id):
            category_ids.append(term_id)
        else:
            attributes.append(
                (
                    term_id,
                    OfferAttribute(
                        uuid=as_uuid(attribute.get("id")),
                        value=value,
                        hsds_extra=rest(attribute, ATTRIBUTE_FIELDS),
                    ),
                )
            )
    area_names = [text(area.get("name")) for area in objects(source.get("service_areas"))]
    for name in area_names:
        if normal(name) not in plan.areas:
            problems.append(_("The commune has no social area “%(name)s”.") % {"name": name})
    languages = []
    for language in objects(source.get("languages")):
        code = text(language.get("code")).lower()
        if code not in LANGUAGE_CODES:
            problems.append(_("Unknown language code: %(codes)s.") % {"codes": code or "–"})
        languages.append(
            OfferLanguage(
                uuid=as_uuid(language.get("id")), code=code, note=text(language.get("note"))
            )
        )
    organization_id = text(source.get("organization_id")) or text(
        (source.get("organization") or {}).get("id")
    )
    if organization_id not in plan.organizations and not existing_organisation(
        plan.commune, organization_id
    ):
        problems.append(
            _("The provider organisation %(id)s is neither in the file nor in the network.")
            % {"id": organization_id or "–"}
        )
    schedules = [read_schedule(item, problems) for item in objects(source.get("schedules"))]
    places = []
    for sal in objects(source.get("service_at_locations")):
        location_id = text(sal.get("location_id")) or text((sal.get("location") or {}).get("id"))
        if location_id not in plan.locations and not existing_location(plan.commune, location_id):
            problems.append(
                _("The location %(id)s is neither in the file nor in the catalog.")
                % {"id": location_id or "–"}
            )
        places.append(
            (
                OfferLocation(
                    uuid=as_uuid(sal.get("id")),
                    description=text(sal.get("description")),
                    hsds_extra=rest(sal, SAL_FIELDS),
                ),
                location_id,
                [read_schedule(item, problems) for item in objects(sal.get("schedules"))],
            )
        )
    return ServiceRecord(
        source, offer, organization_id, category_ids, attributes, area_names, languages,
        translations, schedules, places,
    )  # fmt: skip


def existing_term(commune: Commune, term_id: str) -> TaxonomyTerm | None:
    found: TaxonomyTerm | None = (
        TaxonomyTerm.objects.for_commune(commune).filter(uuid=as_uuid(term_id)).first()
    )
    return found


def existing_organisation(commune: Commune, org_id: str) -> Organisation | None:
    if not org_id:
        return None
    found: Organisation | None = (
        Organisation.objects.for_commune(commune).filter(uuid=as_uuid(org_id)).first()
    )
    return found


def existing_location(commune: Commune, location_id: str) -> Location | None:
    if not location_id:
        return None
    found: Location | None = (
        Location.objects.for_commune(commune).filter(uuid=as_uuid(location_id)).first()
    )
    return found


def is_category(plan: Plan, term_id: str) -> bool:
    term = plan.terms.get(term_id)
    if term is not None:
        return term.get("taxonomy") == TaxonomyTerm.CATEGORY_TAXONOMY
    existing = existing_term(plan.commune, term_id)
    return existing is not None and existing.is_category


def check_document(commune: Commune, document: Any) -> tuple[Plan, list[ServiceRecord]]:
    """Every record against the schema and Lotse's rules; raises with every problem."""
    services, extra = services_of(document)
    plan = Plan(commune=commune)
    plan.areas = {normal(area.name): area for area in SocialArea.objects.for_commune(commune)}
    collect_references(plan, services, extra)
    checked = []
    seen: set[str] = set()
    existing_offers = set(Offer.objects.for_commune(commune).values_list("uuid", flat=True))
    for index, service in enumerate(services):
        label = record_label(_("Offer"), service if isinstance(service, dict) else {}, index)
        errors = schema_errors(service, "compiled/service.json")
        if errors:
            plan.problems.extend(f"{label}: {error}" for error in errors)
            continue
        problems: list[str] = []
        item = read_service(plan, service, problems)
        if str(service["id"]) in seen:
            problems.append(_("The id appears twice in the file."))
        seen.add(str(service["id"]))
        if item.offer.uuid in existing_offers:
            problems.append(_("This offer is already in the catalog."))
        plan.problems.extend(f"{label}: {problem}" for problem in dict.fromkeys(problems))
        checked.append(item)
    for location_id, location in plan.locations.items():
        problems = []
        read_location(plan, location, problems)
        label = _("Location “%(name)s”") % {"name": text(location.get("name")) or location_id}
        plan.problems.extend(f"{label}: {problem}" for problem in dict.fromkeys(problems))
    if plan.problems:
        raise ImportRejected(plan.problems)
    return plan, checked
