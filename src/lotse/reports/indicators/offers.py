"""Indicators of the group "offers": the catalog as families find it.

Every figure counts the offers the public finder shows on the scope's reference date
(the year's last day, or today in the current year): published, inside their publishing
window and not hidden for lack of confirmation. An offer belongs to the social areas of
its places and the areas it serves; one with neither serves the whole commune and counts
in every area (:func:`lotse.offers.chain.area_ids_of`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.models import SocialArea
from lotse.offers.ages import LifePhase
from lotse.offers.chain import area_ids_of
from lotse.offers.models import CatalogSettings, CostKind, Offer, OfferLocation
from lotse.offers.selectors import Freshness, catalog_settings, freshness, publicly_visible
from lotse.reports.gaps import population_figures
from lotse.reports.indicators.base import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)

NO_CATEGORY = "none"
WITHOUT_REGISTRATION = "without_registration"
WITH_REGISTRATION = "with_registration"
CONFIRMED = "confirmed"
NOT_CONFIRMED = "not_confirmed"
# The life phases of children aged 0 to 3 (the age group of the population figures).
UNDER_THREE = frozenset({LifePhase.AGE_0_1, LifePhase.AGE_1_3})
PER_1000_PLACES = Decimal("0.1")


def share(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` as a Decimal from 0 to 1; None without a denominator."""
    if denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def per_1000(count: int, children: int) -> Decimal | None:
    if children == 0:
        return None
    return (Decimal(count) * 1000 / Decimal(children)).quantize(PER_1000_PLACES)


@dataclass
class Catalog:
    """The visible offers of a scope with the social areas each serves."""

    areas: list[SocialArea]
    offers: list[Offer]
    offer_areas: dict[int, set[int]]
    settings: CatalogSettings

    def serving(self, area_id: int) -> list[Offer]:
        return [offer for offer in self.offers if area_id in self.offer_areas[offer.pk]]


def catalog(scope: Scope) -> Catalog:
    """Visible offers on the reference date (in the scope's social area), in a fixed
    number of queries, read once for all offer indicators of the scope."""
    return scope.shared("offers_catalog", lambda: _load_catalog(scope))


def _load_catalog(scope: Scope) -> Catalog:
    areas = list(SocialArea.objects.for_commune(scope.commune).order_by("name"))
    all_ids = {area.pk for area in areas}
    settings = catalog_settings(scope.commune)
    offers: list[Offer] = list(
        publicly_visible(scope.commune, scope.reference_date)
        # An offer entered after the reference date was not there to be found.
        .filter(created_at__date__lte=scope.reference_date)
        .select_related("provider")
        .prefetch_related(
            Prefetch(
                "offer_locations",
                queryset=OfferLocation.objects.select_related("location"),
            ),
            "service_areas",
            "categories",
        )
        .order_by("name", "pk")
    )
    offer_areas = {offer.pk: area_ids_of(offer, all_ids) for offer in offers}
    if scope.social_area is not None:
        area_id = scope.social_area.pk
        offers = [offer for offer in offers if area_id in offer_areas[offer.pk]]
        areas = [area for area in areas if area.pk == area_id]
    return Catalog(areas=areas, offers=offers, offer_areas=offer_areas, settings=settings)


def _categories(offer: Offer) -> list[tuple[str, str, int]]:
    """(code, name, position) of the offer's categories."""
    return [
        (term.code, term.name, term.position) for term in offer.categories.all() if term.is_category
    ]


def _is_overdue(offer: Offer, found: Catalog, scope: Scope) -> bool:
    return freshness(offer, scope.reference_date, found.settings) != Freshness.CONFIRMED


def _offer_table(scope: Scope, found: Catalog, offers: list[Offer]) -> Table:
    yes, no = str(_("yes")), str(_("no"))
    rows = []
    for offer in offers:
        rows.append(
            [
                offer.name,
                offer.provider.name,
                ", ".join(str(phase.label) for phase in offer.life_phases),
                ", ".join(
                    name
                    for _code, name, _position in sorted(
                        _categories(offer), key=lambda term: (term[2], term[1])
                    )
                ),
                str(CostKind(offer.cost_kind).label),
                yes if offer.registration_required else no,
                offer.last_confirmed_at.strftime("%d.%m.%Y") if offer.last_confirmed_at else "",
                no if _is_overdue(offer, found, scope) else yes,
            ]
        )
    return Table(
        columns=[
            Column(_("Offer")),
            Column(_("Provider")),
            Column(_("Life phases")),
            Column(_("Categories")),
            Column(_("Cost")),
            Column(_("Registration required")),
            Column(_("Last confirmed on")),
            Column(_("Confirmed in time")),
        ],
        rows=rows,
        links=[
            reverse(
                "offers:offer_detail",
                kwargs={"commune_slug": scope.commune.slug, "offer_uuid": offer.uuid},
            )
            for offer in offers
        ],
    )


def _drilldown(
    keys_of: Callable[[Scope, Catalog, Offer], set[str]],
    counted: Callable[[Offer], bool] | None = None,
) -> Callable[[Scope, str | None], Table]:
    """A drill-down listing the offers whose keys (breakdown rows) include ``row_key``;
    without a row, every offer the headline counts (all, or those ``counted``)."""

    def drilldown(scope: Scope, row_key: str | None) -> Table:
        found = catalog(scope)
        offers = found.offers
        if counted is not None:
            offers = [offer for offer in offers if counted(offer)]
        if row_key is not None:
            offers = [offer for offer in offers if row_key in keys_of(scope, found, offer)]
        return _offer_table(scope, found, offers)

    return drilldown


# By life phase ---------------------------------------------------------------------


def _phase_keys(scope: Scope, found: Catalog, offer: Offer) -> set[str]:
    return {phase.value for phase in offer.life_phases}


def offers_by_life_phase(scope: Scope) -> Result:
    found = catalog(scope)
    return Result(
        value=len(found.offers),
        breakdown=[
            Figure(
                key=phase.value,
                label=phase.label,
                value=sum(1 for offer in found.offers if phase in offer.life_phases),
            )
            for phase in LifePhase
        ],
    )


# By category -----------------------------------------------------------------------


def _category_keys(scope: Scope, found: Catalog, offer: Offer) -> set[str]:
    return {code for code, _name, _position in _categories(offer)} or {NO_CATEGORY}


def offers_by_category(scope: Scope) -> Result:
    found = catalog(scope)
    terms: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    for offer in found.offers:
        for code, name, position in _categories(offer):
            terms[code] = (position, name)
        for key in _category_keys(scope, found, offer):
            counts[key] = counts.get(key, 0) + 1
    breakdown = [
        Figure(key=code, label=name, value=counts[code])
        for code, (_position, name) in sorted(terms.items(), key=lambda item: item[1])
    ]
    if counts.get(NO_CATEGORY):
        breakdown.append(Figure(key=NO_CATEGORY, label=_("No category"), value=counts[NO_CATEGORY]))
    return Result(value=len(found.offers), breakdown=breakdown)


# By social area --------------------------------------------------------------------


def _area_keys(scope: Scope, found: Catalog, offer: Offer) -> set[str]:
    ids = found.offer_areas[offer.pk]
    return {area.slug for area in found.areas if area.pk in ids}


def offers_by_social_area(scope: Scope) -> Result:
    found = catalog(scope)
    return Result(
        value=len(found.offers),
        breakdown=[
            Figure(key=area.slug, label=area.name, value=len(found.serving(area.pk)))
            for area in found.areas
        ],
    )


# Offers per 1,000 children aged 0-3 -------------------------------------------------


def _is_under_three(offer: Offer) -> bool:
    return bool(UNDER_THREE & set(offer.life_phases))


def _under_three_keys(scope: Scope, found: Catalog, offer: Offer) -> set[str]:
    return _area_keys(scope, found, offer) if _is_under_three(offer) else set()


def offers_per_1000_children(scope: Scope) -> Result:
    found = catalog(scope)
    children: dict[int, int] = {
        area_id: figures.children_0_3
        for area_id, figures in population_figures(scope.commune, scope.year).items()
    }
    young = [offer for offer in found.offers if _is_under_three(offer)]
    breakdown = []
    for area in found.areas:
        count = sum(1 for offer in young if area.pk in found.offer_areas[offer.pk])
        area_children = children.get(area.pk)
        breakdown.append(
            Figure(
                key=area.slug,
                label=area.name,
                value=per_1000(count, area_children) if area_children is not None else None,
                numerator=count,
                denominator=area_children,
            )
        )
    counted = {area.pk for area in found.areas if area.pk in children}
    offers = sum(1 for offer in young if found.offer_areas[offer.pk] & counted)
    total_children = sum(children[area_id] for area_id in counted)
    missing = [area.name for area in found.areas if area.pk not in children]
    note = (
        _("No population figures for %(year)d: %(areas)s")
        % {"year": scope.year, "areas": ", ".join(missing)}
        if missing
        else ""
    )
    return Result(
        value=per_1000(offers, total_children) if counted else None,
        numerator=offers,
        denominator=total_children if counted else None,
        breakdown=breakdown,
        note=note,
    )


# Shares: free of charge, without registration, not confirmed recently ----------------


def _cost_keys(scope: Scope, found: Catalog, offer: Offer) -> set[str]:
    return {offer.cost_kind}


def free_share(scope: Scope) -> Result:
    found = catalog(scope)
    free = sum(1 for offer in found.offers if offer.cost_kind == CostKind.FREE)
    return Result(
        value=share(free, len(found.offers)),
        numerator=free,
        denominator=len(found.offers),
        breakdown=[
            Figure(
                key=kind.value,
                label=kind.label,
                value=sum(1 for offer in found.offers if offer.cost_kind == kind),
            )
            for kind in CostKind
        ],
    )


def _registration_keys(scope: Scope, found: Catalog, offer: Offer) -> set[str]:
    return {WITH_REGISTRATION if offer.registration_required else WITHOUT_REGISTRATION}


def without_registration_share(scope: Scope) -> Result:
    found = catalog(scope)
    open_offers = sum(1 for offer in found.offers if not offer.registration_required)
    return Result(
        value=share(open_offers, len(found.offers)),
        numerator=open_offers,
        denominator=len(found.offers),
        breakdown=[
            Figure(key=WITHOUT_REGISTRATION, label=_("Without registration"), value=open_offers),
            Figure(
                key=WITH_REGISTRATION,
                label=_("Registration required"),
                value=len(found.offers) - open_offers,
            ),
        ],
    )


def _confirmation_keys(scope: Scope, found: Catalog, offer: Offer) -> set[str]:
    return {NOT_CONFIRMED if _is_overdue(offer, found, scope) else CONFIRMED}


def not_confirmed_share(scope: Scope) -> Result:
    found = catalog(scope)
    overdue = sum(1 for offer in found.offers if _is_overdue(offer, found, scope))
    return Result(
        value=share(overdue, len(found.offers)),
        numerator=overdue,
        denominator=len(found.offers),
        breakdown=[
            Figure(key=CONFIRMED, label=_("Confirmed in time"), value=len(found.offers) - overdue),
            Figure(key=NOT_CONFIRMED, label=_("Confirmation overdue"), value=overdue),
        ],
        note=_("Confirmation interval: %(months)d months")
        % {"months": found.settings.confirmation_interval_months},
    )


INDICATORS: list[Indicator] = [
    Indicator(
        key="offers.by_life_phase",
        group=Group.OFFERS,
        title=_("Offers by life phase"),
        definition=_(
            "Offers the public finder shows on the reference date (the year's last day or "
            "today), by the life phases of the prevention chain they are for; an offer for "
            "several life phases counts in each."
        ),
        unit=Unit.COUNT,
        compute=offers_by_life_phase,
        drilldown=_drilldown(_phase_keys),
    ),
    Indicator(
        key="offers.by_category",
        group=Group.OFFERS,
        title=_("Offers by category"),
        definition=_(
            "Offers the public finder shows on the reference date, by their categories; an "
            "offer in several categories counts in each."
        ),
        unit=Unit.COUNT,
        compute=offers_by_category,
        drilldown=_drilldown(_category_keys),
    ),
    Indicator(
        key="offers.by_social_area",
        group=Group.OFFERS,
        title=_("Offers per social area"),
        definition=_(
            "Offers the public finder shows on the reference date, by the social areas of "
            "their places and the areas they serve; an offer with neither serves the whole "
            "commune and counts in every area."
        ),
        unit=Unit.COUNT,
        compute=offers_by_social_area,
        drilldown=_drilldown(_area_keys),
    ),
    Indicator(
        key="offers.per_1000_children",
        group=Group.OFFERS,
        title=_("Offers per 1,000 children aged 0 to 3"),
        definition=_(
            "Offers for children aged 0 to 3 the public finder shows on the reference date, "
            "per 1,000 children aged 0 to 3 in the social areas' population figures of the "
            "year (or the latest earlier year); no value where there are none."
        ),
        unit=Unit.PER_1000,
        compute=offers_per_1000_children,
        drilldown=_drilldown(_under_three_keys, _is_under_three),
    ),
    Indicator(
        key="offers.free_share",
        group=Group.OFFERS,
        title=_("Offers free of charge"),
        definition=_(
            "Share of the offers the public finder shows on the reference date that are "
            "free of charge."
        ),
        unit=Unit.SHARE,
        compute=free_share,
        drilldown=_drilldown(_cost_keys),
        breakdown_unit=Unit.COUNT,
    ),
    Indicator(
        key="offers.without_registration_share",
        group=Group.OFFERS,
        title=_("Offers without registration"),
        definition=_(
            "Share of the offers the public finder shows on the reference date that families "
            "can use without registering."
        ),
        unit=Unit.SHARE,
        compute=without_registration_share,
        drilldown=_drilldown(_registration_keys),
        breakdown_unit=Unit.COUNT,
    ),
    Indicator(
        key="offers.not_confirmed_share",
        group=Group.OFFERS,
        title=_("Offers not confirmed recently"),
        definition=_(
            "Share of the offers the public finder shows on the reference date whose provider "
            "has not confirmed them within the catalog's confirmation interval; the finder "
            "still shows them, marked as not confirmed."
        ),
        unit=Unit.SHARE,
        compute=not_confirmed_share,
        drilldown=_drilldown(_confirmation_keys),
        breakdown_unit=Unit.COUNT,
    ),
]
