"""Reads of the public HSDS API: only what the public finder shows, of one commune."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.utils import timezone

from lotse.core.models import Commune
from lotse.network.models import Organisation
from lotse.offers.hsds.reading import as_uuid
from lotse.offers.hsds.vocabulary import TRAIT_BY_ID, TRAITS_TAXONOMY, taxonomy_id
from lotse.offers.models import CostKind, OfferLocation, OfferQuerySet, TaxonomyTerm
from lotse.offers.selectors import publicly_visible

T = TypeVar("T")

# What a trait means as a filter: the offers that carry it.
TRAIT_FILTERS: dict[str, Q] = {
    "werdende-eltern": Q(from_pregnancy_week__isnull=False),
    "alter-ab-monate": Q(min_age_months__isnull=False),
    "alter-bis-monate": Q(max_age_months__isnull=False),
    "ohne-anmeldung": Q(registration_required=False),
    "kostenlos": Q(cost_kind=CostKind.FREE),
    "ermaessigt": Q(cost_kind=CostKind.REDUCED),
    "einfache-sprache": ~Q(summary=""),
    "uebersetzung": Q(translations__isnull=False),
    "freie-plaetze": Q(free_places__isnull=False),
    "sichtbar-ab": Q(publish_from__isnull=False),
    "sichtbar-bis": Q(publish_until__isnull=False),
    "bearbeitungsstand": Q(),
    "angelegt-am": Q(),
    "veroeffentlicht-am": Q(published_at__isnull=False),
}
NOTHING = Q(pk__in=[])


def public_offers(commune: Commune) -> OfferQuerySet:
    return publicly_visible(commune, timezone.localdate())


def taxonomy_names(commune: Commune) -> dict[str, str]:
    """HSDS taxonomy id → the taxonomy's name in Lotse, for the commune's terms."""
    names = set(
        TaxonomyTerm.objects.for_commune(commune).values_list("taxonomy", flat=True).distinct()
    )
    return {taxonomy_id(name): name for name in names | {TRAITS_TAXONOMY}}


def _term_filter(commune: Commune, term_id: str) -> Q:
    trait = TRAIT_BY_ID.get(term_id)
    if trait is not None:
        return TRAIT_FILTERS.get(trait.code, NOTHING)
    wanted = as_uuid(term_id)
    return Q(categories__uuid=wanted) | Q(attributes__term__uuid=wanted)


def _taxonomy_filter(commune: Commune, wanted: str) -> Q:
    name = taxonomy_names(commune).get(wanted)
    if name is None:
        return NOTHING
    if name == TRAITS_TAXONOMY:
        return Q()
    return Q(categories__taxonomy=name) | Q(attributes__term__taxonomy=name)


def _search(words: str) -> Q:
    found = Q()
    for word in words.split():
        found &= (
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
            | Q(summary__icontains=word)
            | Q(provider__name__icontains=word)
        )
    return found


def services(
    commune: Commune,
    *,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy: str = "",
    organization_id: str = "",
    modified_after: datetime.datetime | None = None,
) -> OfferQuerySet:
    offers = public_offers(commune)
    condition = _search(search)
    if taxonomy_term_id:
        condition &= _term_filter(commune, taxonomy_term_id)
    if taxonomy:
        condition &= _taxonomy_filter(commune, taxonomy)
    if organization_id:
        condition &= Q(provider__uuid=as_uuid(organization_id))
    if modified_after is not None:
        condition &= Q(updated_at__gte=modified_after)
    # The joins over categories and attributes can repeat an offer: select by id.
    ids = offers.filter(condition).values("pk")
    result: OfferQuerySet = public_offers(commune).filter(pk__in=ids).order_by("name", "uuid")
    return result


def providers(commune: Commune, search: str = "") -> QuerySet[Organisation]:
    offering = public_offers(commune).values("provider_id")
    found = Organisation.objects.for_commune(commune).filter(pk__in=offering)
    for word in search.split():
        found = found.filter(name__icontains=word)
    result: QuerySet[Organisation] = found.select_related("commune").order_by("name", "uuid")
    return result


def offer_locations(commune: Commune, offers: OfferQuerySet) -> QuerySet[OfferLocation]:
    result: QuerySet[OfferLocation] = (
        OfferLocation.objects.filter(offer__in=offers.values("pk"), offer__commune=commune)
        .select_related(
            "offer", "offer__provider", "location", "location__commune", "location__social_area"
        )
        .prefetch_related("location__accessibility")
        .order_by("offer__name", "uuid")
    )
    return result


@dataclass(frozen=True)
class Page:
    """The HSDS paging envelope."""

    total_items: int
    page_number: int
    size: int
    per_page: int

    @property
    def total_pages(self) -> int:
        return math.ceil(self.total_items / self.per_page)

    def envelope(self, contents: list[Any]) -> dict[str, Any]:
        return {
            "total_items": self.total_items,
            "total_pages": self.total_pages,
            "page_number": self.page_number,
            "size": len(contents),
            "first_page": self.page_number == 1,
            "last_page": self.page_number >= self.total_pages,
            "empty": not contents,
            "contents": contents,
        }


def paginate(
    items: QuerySet[Any] | Sequence[T],
    page: int,
    per_page: int,
    render: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    total = items.count() if isinstance(items, QuerySet) else len(items)
    start = (page - 1) * per_page
    chosen = list(items[start : start + per_page])
    contents = [render(item) for item in chosen]
    return Page(total, page, len(contents), per_page).envelope(contents)
