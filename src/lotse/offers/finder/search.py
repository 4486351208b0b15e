"""The finder's search: which offers fit a family, and in which order.

Shared by the HTML finder and the public JSON API, so both give the same answer. The
number of queries does not grow with the number of results: one count, one page, and one
prefetch per related list."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from lotse.core.models import Commune, SocialArea
from lotse.offers.ages import PHASE_MONTHS
from lotse.offers.finder import text
from lotse.offers.finder.models import EmptySearchCount, LifePhaseFacet
from lotse.offers.models import (
    CatalogSettings,
    CostKind,
    LocationAccessibility,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTranslation,
    Schedule,
    TaxonomyTerm,
)
from lotse.offers.selectors import catalog_settings, freshness, publicly_visible

PAGE_SIZE = 10
KM_PER_DEGREE = 111.2
# Without a language listed, an offer is held in German.
DEFAULT_OFFER_LANGUAGE = "de"
# An age span that cannot be narrower than any real one: offers without limits come last.
WIDEST_SPAN = 10_000


@dataclass
class Filters:
    """What a family asked for; every field optional."""

    query: str = ""
    age_months: int | None = None
    pregnancy_week: int | None = None
    social_area: SocialArea | None = None
    category: TaxonomyTerm | None = None
    language: str = ""
    free: bool = False
    no_registration: bool = False
    weekday: str = ""
    accessibility: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_origin(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def is_empty(self) -> bool:
        return not any(
            [
                self.query.strip(),
                self.age_months is not None,
                self.pregnancy_week is not None,
                self.social_area,
                self.category,
                self.language,
                self.free,
                self.no_registration,
                self.weekday,
                self.accessibility,
                self.has_origin,
            ]
        )

    def empty_facets(self) -> tuple[int | None, str]:
        """What a search that found nothing is counted under."""
        return (self.social_area.pk if self.social_area else None, self.life_phase())

    def life_phase(self) -> str:
        """The life phase this search is about, for the statistics of empty searches."""
        if self.pregnancy_week is not None:
            return LifePhaseFacet.PREGNANCY
        if self.age_months is not None:
            for phase, (first, last) in PHASE_MONTHS.items():
                if first <= self.age_months <= last:
                    return str(phase.value)
        return LifePhaseFacet.ANY


@dataclass
class Result:
    """One page of offers, best fit first."""

    offers: list[Offer]
    total: int
    page: int
    pages: int
    filters: Filters = field(default_factory=Filters)


def _age_filter(filters: Filters) -> Q | None:
    parts = []
    if filters.age_months is not None:
        months = filters.age_months
        parts.append(
            ~Q(
                min_age_months__isnull=True,
                max_age_months__isnull=True,
                from_pregnancy_week__isnull=False,
            )
            & (Q(min_age_months__isnull=True) | Q(min_age_months__lte=months))
            & (Q(max_age_months__isnull=True) | Q(max_age_months__gte=months))
        )
    if filters.pregnancy_week is not None:
        parts.append(
            Q(from_pregnancy_week__isnull=False, from_pregnancy_week__lte=filters.pregnancy_week)
        )
    if not parts:
        return None
    # A pregnant mother of a toddler is looking for both.
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def _text_relevance(terms: list[text.QueryTerm]) -> tuple[Q, Any]:
    """The filter (every term somewhere) and the relevance (a term in the title weighs
    three times one in the text)."""
    condition = Q()
    relevance: Any = Value(0)
    for term in terms:
        in_title = Q()
        in_body = Q()
        for pattern in term.patterns:
            in_title |= Q(search_document__title__contains=pattern)
            in_body |= Q(search_document__body__contains=pattern)
        condition &= in_title | in_body
        relevance = relevance + Case(
            When(in_title, then=Value(3)), When(in_body, then=Value(1)), default=Value(0)
        )
    return condition, relevance


def _in_area(area: SocialArea) -> Q:
    located = OfferLocation.objects.filter(offer=OuterRef("pk"), location__social_area=area)
    serving = Offer.service_areas.through.objects.filter(
        offer_id=OuterRef("pk"), socialarea_id=area.pk
    )
    return Q(Exists(located)) | Q(Exists(serving))


def _commune_wide() -> Q:
    """Offers bound to no social area: home visits, counselling by phone, online."""
    located = OfferLocation.objects.filter(
        offer=OuterRef("pk"), location__social_area__isnull=False
    )
    serving = Offer.service_areas.through.objects.filter(offer_id=OuterRef("pk"))
    return ~Q(Exists(located)) & ~Q(Exists(serving))


def _distance_squared(latitude: float, longitude: float) -> Subquery:
    """Squared distance in degrees of latitude to the offer's nearest place (an
    equirectangular approximation: exact enough inside one commune, and plain arithmetic
    that SQLite and PostgreSQL both do)."""
    scale = math.cos(math.radians(latitude))
    delta_lat = F("location__latitude") - Value(latitude)
    delta_lon = (F("location__longitude") - Value(longitude)) * Value(scale)
    nearest = (
        OfferLocation.objects.filter(
            offer=OuterRef("pk"),
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .annotate(
            d2=ExpressionWrapper(
                delta_lat * delta_lat + delta_lon * delta_lon, output_field=FloatField()
            )
        )
        .order_by("d2")
        .values("d2")[:1]
    )
    return Subquery(nearest, output_field=FloatField())


def matching(commune: Commune, filters: Filters, today: datetime.date) -> QuerySet[Offer]:
    """Every offer that fits, best fit first (without the page's related data)."""
    offers = publicly_visible(commune, today)
    age = _age_filter(filters)
    if age is not None:
        offers = offers.filter(age)
    order: list[Any] = ["temporarily_closed"]
    terms = text.query_terms(filters.query)
    if terms:
        condition, relevance = _text_relevance(terms)
        offers = offers.filter(condition).annotate(relevance=relevance)
        order.append(F("relevance").desc())
    if filters.social_area is not None:
        in_area = _in_area(filters.social_area)
        offers = offers.filter(in_area | _commune_wide()).annotate(
            area_fit=Case(When(in_area, then=Value(0)), default=Value(1))
        )
        order.append("area_fit")
    if filters.category is not None:
        offers = offers.filter(
            Exists(
                Offer.categories.through.objects.filter(
                    offer_id=OuterRef("pk"), taxonomyterm_id=filters.category.pk
                )
            )
        )
    if filters.language:
        spoken = Q(
            Exists(OfferLanguage.objects.filter(offer=OuterRef("pk"), code=filters.language))
        )
        if filters.language == DEFAULT_OFFER_LANGUAGE:
            spoken |= ~Q(Exists(OfferLanguage.objects.filter(offer=OuterRef("pk"))))
        offers = offers.filter(spoken)
    if filters.free:
        offers = offers.filter(cost_kind=CostKind.FREE)
    if filters.no_registration:
        offers = offers.filter(registration_required=False)
    if filters.weekday:
        day = filters.weekday
        offers = offers.filter(
            Exists(Schedule.objects.filter(offer=OuterRef("pk"), weekdays__contains=day))
            | Exists(
                Schedule.objects.filter(
                    offer_location__offer=OuterRef("pk"), weekdays__contains=day
                )
            )
        )
    if filters.accessibility:
        offers = offers.filter(
            Exists(
                LocationAccessibility.objects.filter(
                    location__offer_locations__offer=OuterRef("pk"),
                    feature=filters.accessibility,
                )
            )
        )
    if filters.latitude is not None and filters.longitude is not None:
        offers = offers.annotate(distance2=_distance_squared(filters.latitude, filters.longitude))
        order.append(F("distance2").asc(nulls_last=True))
    if filters.age_months is not None or filters.pregnancy_week is not None:
        # The narrower the age range, the more an offer is made for this child.
        offers = offers.annotate(
            age_span=Coalesce(F("max_age_months"), Value(WIDEST_SPAN))
            - Coalesce(F("min_age_months"), Value(0)),
        )
        order.append(F("age_span").asc())
    order += ["name", "pk"]
    return offers.order_by(*order)


def with_page_data(
    offers: QuerySet[Offer], language: str, *, accessibility: bool = False
) -> QuerySet[Offer]:
    """Everything a result card shows, fetched in a constant number of queries: the
    translations only for another language than German, the places' accessibility only
    for the detail page."""
    locations = OfferLocation.objects.select_related("location", "location__social_area")
    related: list[Any] = ["schedules"]
    if accessibility:
        related.append("location__accessibility")
    lookups: list[Any] = [
        "categories",
        "languages",
        "schedules",
        Prefetch(
            "offer_locations",
            locations.prefetch_related(*related).order_by("location__name"),
        ),
    ]
    if language != DEFAULT_OFFER_LANGUAGE:
        lookups.append(
            Prefetch(
                "translations",
                OfferTranslation.objects.filter(language=language),
                to_attr="chosen_translations",
            )
        )
    return offers.select_related("provider").prefetch_related(*lookups)


def search(
    commune: Commune,
    filters: Filters,
    today: datetime.date,
    *,
    page: int = 1,
    language: str = "de",
    page_size: int = PAGE_SIZE,
) -> Result:
    offers = matching(commune, filters, today)
    total = offers.count()
    pages = max(1, math.ceil(total / page_size))
    page = min(max(page, 1), pages)
    start = (page - 1) * page_size
    found = list(with_page_data(offers, language)[start : start + page_size])
    decorate(found, commune, filters, today, settings=catalog_settings(commune))
    if total == 0 and not filters.is_empty():
        count_empty_search(commune, *filters.empty_facets(), today)
    return Result(offers=found, total=total, page=page, pages=pages, filters=filters)


def decorate(
    offers: list[Offer],
    commune: Commune,
    filters: Filters,
    today: datetime.date,
    *,
    settings: CatalogSettings | None = None,
) -> None:
    """Attach what a card shows beyond the model: freshness, the translated texts, the
    distance to the family's place in km."""
    if not offers:
        return
    settings = settings or catalog_settings(commune)
    for offer in offers:
        offer.freshness = freshness(offer, today, settings)  # type: ignore[attr-defined]
        chosen = getattr(offer, "chosen_translations", [])
        translation = chosen[0] if chosen else None
        offer.shown_name = (translation.name if translation else "") or offer.name  # type: ignore[attr-defined]
        offer.shown_summary = (  # type: ignore[attr-defined]
            (translation.summary if translation else "") or offer.summary
        )
        offer.shown_description = (  # type: ignore[attr-defined]
            (translation.description if translation else "") or offer.description
        )
        offer.is_translated = translation is not None  # type: ignore[attr-defined]
        offer.distance_km = None  # type: ignore[attr-defined]
        if filters.latitude is not None and filters.longitude is not None:
            distances = [
                distance_km(
                    filters.latitude,
                    filters.longitude,
                    link.location.latitude,
                    link.location.longitude,
                )
                for link in offer.offer_locations.all()
                if link.location.latitude is not None and link.location.longitude is not None
            ]
            offer.distance_km = min(distances) if distances else None  # type: ignore[attr-defined]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def count_empty_search(
    commune: Commune, social_area_id: int | None, life_phase: str, today: datetime.date
) -> None:
    """Count a search that found nothing under its social area and life phase only."""
    facet = {"day": today, "social_area_id": social_area_id, "life_phase": life_phase}
    counts = EmptySearchCount.objects.for_commune(commune)
    if counts.filter(**facet).update(searches=F("searches") + 1):
        return
    try:
        with transaction.atomic():
            counts.create(commune=commune, searches=1, **facet)
    except IntegrityError:
        # Another request created the row first.
        counts.filter(**facet).update(searches=F("searches") + 1)
