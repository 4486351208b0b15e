"""The Open Referral HSDS 3.0 API of the offer catalog, at ``/api/hsds/v3/``.

Public and read-only: it shows exactly the offers the public finder shows. The paths are
the standard's (``/services``, ``/organizations``, …), so HSDS tools work unchanged; the
commune is the required query parameter ``commune`` (its URL name, e.g. ``bergkamen``).
An unknown commune is a 404, like an id of another commune.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query, Schema
from pydantic import Field

from lotse.api.errors import NOT_FOUND, install_exception_handlers
from lotse.core.models import Commune
from lotse.offers.hsds import selectors
from lotse.offers.hsds.export import (
    HSDS_VERSION,
    organization_core,
    service_at_location_list_item,
    service_document,
    service_list_item,
    trait_terms,
    with_catalog,
)
from lotse.offers.hsds.reading import as_uuid
from lotse.offers.hsds.records import (
    organization_document,
    service_at_location_document,
    taxonomy_document,
    term_document,
)
from lotse.offers.models import OfferLocation, TaxonomyTerm

hsds_api = NinjaAPI(
    title="Lotse HSDS API",
    version="3.0",
    description=(
        "The public offer catalog of a commune as Open Referral HSDS 3.0. Every operation "
        "needs the query parameter `commune` (the commune's URL name, e.g. `bergkamen`) and "
        "shows only offers the public finder shows. Lists are paged with `page` and "
        "`per_page` (at most 100)."
    ),
    urls_namespace="api-hsds",
    docs_url=None,  # Swagger UI would load scripts from a CDN; the CSP forbids that.
)
install_exception_handlers(hsds_api)

MAX_PER_PAGE = 100


class CommuneQuery(Schema):
    commune: str = Field(
        ..., min_length=1, max_length=60, description="The commune's URL name, e.g. bergkamen."
    )


class PageQuery(CommuneQuery):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description="Results per page.")
    search: str = Field("", max_length=200, description="Free-text search.")


class ServiceQuery(PageQuery):
    taxonomy_term_id: str = Field("", max_length=100, description="Only with this term.")
    taxonomy_id: str = Field("", max_length=100, description="Only with a term of this taxonomy.")
    organization_id: str = Field("", max_length=100, description="Only of this organization.")
    modified_after: datetime.datetime | None = Field(
        None, description="Only changed on or after this moment (ISO 8601)."
    )


class TermQuery(PageQuery):
    taxonomy_id: str = Field("", max_length=100, description="Only terms of this taxonomy.")


def _commune(query: CommuneQuery) -> Commune:
    commune = Commune.objects.filter(slug=query.commune, is_active=True).first()
    if commune is None:
        raise Http404(NOT_FOUND)
    return commune


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment


@hsds_api.get("/", summary="About this API", tags=["hsds"])
def about(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": request.build_absolute_uri("openapi.json"),
    }


@hsds_api.get("/services", summary="Services (offers), paged", tags=["hsds"])
def list_services(request: HttpRequest, query: Query[ServiceQuery]) -> dict[str, Any]:
    commune = _commune(query)
    offers = selectors.services(
        commune,
        search=query.search,
        taxonomy_term_id=query.taxonomy_term_id,
        taxonomy=query.taxonomy_id,
        organization_id=query.organization_id,
        modified_after=_aware(query.modified_after),
    ).select_related("provider")
    return selectors.paginate(offers, query.page, query.per_page, service_list_item)


@hsds_api.get("/services/{id}", summary="One service, fully nested", tags=["hsds"])
def get_service(request: HttpRequest, id: str, query: Query[CommuneQuery]) -> dict[str, Any]:
    commune = _commune(query)
    offer = with_catalog(selectors.public_offers(commune)).filter(uuid=as_uuid(id)).first()
    if offer is None:
        raise Http404(NOT_FOUND)
    return service_document(offer)


@hsds_api.get("/organizations", summary="Organizations with public offers", tags=["hsds"])
def list_organizations(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    commune = _commune(query)
    found = selectors.providers(commune, query.search)
    return selectors.paginate(found, query.page, query.per_page, organization_core)


@hsds_api.get("/organizations/{id}", summary="One organization with its services", tags=["hsds"])
def get_organization(request: HttpRequest, id: str, query: Query[CommuneQuery]) -> dict[str, Any]:
    commune = _commune(query)
    organisation = selectors.providers(commune).filter(uuid=as_uuid(id)).first()
    if organisation is None:
        raise Http404(NOT_FOUND)
    offers = selectors.services(commune, organization_id=str(organisation.uuid))
    document = organization_document(organisation)
    document["services"] = [service_list_item(offer) for offer in offers.select_related("provider")]
    return document


def _terms(commune: Commune, taxonomy: str = "", search: str = "") -> list[dict[str, Any]]:
    terms = [
        term_document(term)
        for term in TaxonomyTerm.objects.for_commune(commune)
        .select_related("parent")
        .order_by("taxonomy", "position", "name", "uuid")
    ] + trait_terms()
    if taxonomy:
        terms = [term for term in terms if term.get("taxonomy_id") == taxonomy]
    for word in search.casefold().split():
        terms = [term for term in terms if word in str(term.get("name", "")).casefold()]
    return terms


@hsds_api.get("/taxonomies", summary="Taxonomies", tags=["hsds"])
def list_taxonomies(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    commune = _commune(query)
    names = selectors.taxonomy_names(commune)
    found = [taxonomy_document(names[key]) for key in sorted(names)]
    for word in query.search.casefold().split():
        found = [item for item in found if word in item["name"].casefold()]
    return selectors.paginate(found, query.page, query.per_page, lambda item: item)


@hsds_api.get("/taxonomies/{id}", summary="One taxonomy", tags=["hsds"])
def get_taxonomy(request: HttpRequest, id: str, query: Query[CommuneQuery]) -> dict[str, Any]:
    names = selectors.taxonomy_names(_commune(query))
    if id not in names:
        raise Http404(NOT_FOUND)
    return taxonomy_document(names[id])


@hsds_api.get("/taxonomy_terms", summary="Taxonomy terms", tags=["hsds"])
def list_taxonomy_terms(request: HttpRequest, query: Query[TermQuery]) -> dict[str, Any]:
    terms = _terms(_commune(query), query.taxonomy_id, query.search)
    return selectors.paginate(terms, query.page, query.per_page, lambda item: item)


@hsds_api.get("/taxonomy_terms/{id}", summary="One taxonomy term", tags=["hsds"])
def get_taxonomy_term(request: HttpRequest, id: str, query: Query[CommuneQuery]) -> dict[str, Any]:
    for term in _terms(_commune(query)):
        if term["id"] == id:
            return term
    raise Http404(NOT_FOUND)


@hsds_api.get("/service_at_locations", summary="Services at locations, paged", tags=["hsds"])
def list_service_at_locations(request: HttpRequest, query: Query[ServiceQuery]) -> dict[str, Any]:
    commune = _commune(query)
    offers = selectors.services(
        commune,
        search=query.search,
        taxonomy_term_id=query.taxonomy_term_id,
        taxonomy=query.taxonomy_id,
        organization_id=query.organization_id,
        modified_after=_aware(query.modified_after),
    )
    found = selectors.offer_locations(commune, offers)
    return selectors.paginate(found, query.page, query.per_page, service_at_location_list_item)


@hsds_api.get("/service_at_locations/{id}", summary="One service at a location", tags=["hsds"])
def get_service_at_location(
    request: HttpRequest,
    id: str,
    query: Query[CommuneQuery],
) -> dict[str, Any]:
    commune = _commune(query)
    offer_location: OfferLocation | None = (
        selectors.offer_locations(commune, selectors.public_offers(commune))
        .prefetch_related("schedules", "location__accessibility")
        .filter(uuid=as_uuid(id))
        .first()
    )
    if offer_location is None:
        raise Http404(NOT_FOUND)
    document = service_at_location_document(offer_location)
    offer = with_catalog(selectors.public_offers(commune)).get(pk=offer_location.offer_id)
    document["service"] = service_list_item(offer)
    return document
