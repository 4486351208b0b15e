"""Offers of the finder's own tests, built directly (the catalog's services are the catalog
engineer's; here only what a family sees matters)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from lotse.core.models import Commune, SocialArea
from lotse.network.models import Organisation
from lotse.offers.models import (
    Location,
    LocationAccessibility,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferStatus,
    Schedule,
    TaxonomyTerm,
)
from tests.conftest import World

TODAY = datetime.date(2026, 11, 23)
# The Pestalozzihaus in Bergkamen-Mitte and the Rathaus in Oberaden (approximate).
MITTE = (51.6160, 7.6340)
OBERADEN = (51.5930, 7.5630)

MakeOffer = Callable[..., Offer]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    """Every finder test runs on the same Monday (freshness depends on the day)."""
    time_machine.move_to(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=True)


def category(commune: Commune, code: str) -> TaxonomyTerm:
    term: TaxonomyTerm = TaxonomyTerm.objects.for_commune(commune).get(code=code)
    return term


@pytest.fixture
def make_offer(world: World) -> MakeOffer:
    def make(
        name: str,
        *,
        commune: Commune | None = None,
        provider: Organisation | None = None,
        place: str = "",
        area: SocialArea | None = None,
        coordinates: tuple[float, float] | None = None,
        categories: tuple[str, ...] = (),
        languages: tuple[str, ...] = (),
        weekdays: str = "",
        accessibility: tuple[str, ...] = (),
        **fields: Any,
    ) -> Offer:
        commune = commune or world.bergkamen
        provider = provider or world.organisations[commune.slug]
        fields.setdefault("description", f"{name}: ein Angebot für Familien.")
        fields.setdefault("status", OfferStatus.PUBLISHED)
        fields.setdefault("last_confirmed_at", TODAY - datetime.timedelta(days=30))
        offer: Offer = Offer.objects.for_commune(commune).create(
            commune=commune, provider=provider, name=name, **fields
        )
        if place:
            location = Location.objects.for_commune(commune).create(
                commune=commune,
                name=place,
                street="Musterstraße 1",
                postal_code="59192",
                city=commune.name,
                social_area=area,
                latitude=coordinates[0] if coordinates else None,
                longitude=coordinates[1] if coordinates else None,
            )
            link = OfferLocation.objects.create(offer=offer, location=location)
            for feature in accessibility:
                LocationAccessibility.objects.create(location=location, feature=feature)
            if weekdays:
                Schedule.objects.create(offer_location=link, kind="weekly", weekdays=weekdays)
        elif weekdays:
            Schedule.objects.create(offer=offer, kind="weekly", weekdays=weekdays)
        for code in languages:
            OfferLanguage.objects.create(offer=offer, code=code)
        if categories:
            offer.categories.set([category(commune, code) for code in categories])
        return offer

    return make


@pytest.fixture
def mitte(world: World) -> SocialArea:
    area: SocialArea = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    return area


@pytest.fixture
def oberaden(world: World) -> SocialArea:
    area: SocialArea = SocialArea.objects.for_commune(world.bergkamen).create(
        commune=world.bergkamen, name="Oberaden", slug="oberaden"
    )
    return area


@pytest.fixture
def bergkamen_offers(
    make_offer: MakeOffer, mitte: SocialArea, oberaden: SocialArea
) -> dict[str, Offer]:
    """Bergkamen as its concept describes it (seed 001), shortened."""
    return {
        "baby_cafe": make_offer(
            "Baby-Café",
            summary="Treffen für Eltern mit Babys im ersten Lebensjahr.",
            min_age_months=0,
            max_age_months=12,
            place="Familienzentrum Mitte",
            area=mitte,
            coordinates=MITTE,
            categories=("cafe-treffpunkt",),
            weekdays="TU",
            languages=("de", "ar"),
        ),
        "elterncafe": make_offer(
            "Offenes Elterncafé",
            summary="Offenes Café im Pestalozzihaus für Eltern mit Babys bis zu einem Jahr.",
            min_age_months=0,
            max_age_months=12,
            place="Pestalozzihaus",
            area=mitte,
            coordinates=(51.6170, 7.6350),
            categories=("cafe-treffpunkt",),
            weekdays="TH",
            accessibility=("step_free", "pram_parking"),
        ),
        "still_cafe": make_offer(
            "Still-Café",
            summary="Beratung und Austausch rund ums Stillen.",
            min_age_months=0,
            max_age_months=12,
            from_pregnancy_week=1,
            place="Hebammenpraxis Oberaden",
            area=oberaden,
            coordinates=OBERADEN,
            categories=("cafe-treffpunkt",),
            registration_required=True,
            weekdays="WE",
        ),
        "elternstartkurs": make_offer(
            "Elternstartkurs Oberaden",
            summary="Neun kostenlose Treffen für Eltern von Neugeborenen.",
            min_age_months=0,
            max_age_months=12,
            place="Familienbildung Oberaden",
            area=oberaden,
            coordinates=OBERADEN,
            categories=("kurs",),
            registration_required=True,
        ),
        "familienhebamme": make_offer(
            "Familienhebamme",
            summary="Begleitung in der Schwangerschaft bis zum 1. Geburtstag.",
            min_age_months=0,
            max_age_months=12,
            from_pregnancy_week=1,
            categories=("gesundheitsfachkraft", "hausbesuche"),
        ),
        "fruehfoerderung": make_offer(
            "Interdisziplinäre Frühförderung",
            summary="Förderung für Kinder bis zum Schulbeginn.",
            min_age_months=0,
            max_age_months=72,
            categories=("beratung",),
            cost_kind="amount",
            cost_amount="15.00",
            registration_required=True,
        ),
    }
