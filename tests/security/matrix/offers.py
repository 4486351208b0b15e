"""Rules for the offer catalog's staff pages (the finder and HSDS have their own)."""

from __future__ import annotations

from typing import Any

from lotse.core.models import Membership, SocialArea, User
from lotse.core.permissions import Capability, Role
from lotse.offers.confirmation import make_token
from lotse.offers.models import Location, Offer, OfferLocation, Schedule, TaxonomyTerm
from tests.conftest import World
from tests.offers.factories import (
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    ScheduleFactory,
)
from tests.security.matrix import PUBLIC, Rule

C = Capability


def _own_offer(world: World) -> Offer:
    """The offer of the Bergkamen partner organisation the matrix uses."""
    offer: Offer | None = (
        Offer.objects.for_commune(world.bergkamen).filter(name="Matrix-Angebot").first()
    )
    if offer is None:
        offer = OfferFactory(
            commune=world.bergkamen,
            provider=world.organisations["bergkamen"],
            name="Matrix-Angebot",
        )
    return offer


def _offer(world: World, user: User) -> dict[str, Any]:
    return {"offer_uuid": _own_offer(world).uuid}


def _offer_location(world: World, user: User) -> dict[str, Any]:
    offer = _own_offer(world)
    item = OfferLocation.objects.filter(offer=offer).first() or OfferLocationFactory(offer=offer)
    return {"offer_uuid": offer.uuid, "offer_location_uuid": item.uuid}


def _schedule(world: World, user: User) -> dict[str, Any]:
    offer = _own_offer(world)
    schedule = Schedule.objects.filter(offer=offer).first() or ScheduleFactory(offer=offer)
    return {"offer_uuid": offer.uuid, "schedule_uuid": schedule.uuid}


def _translation(world: World, user: User) -> dict[str, Any]:
    return {"offer_uuid": _own_offer(world).uuid, "language": "tr"}


def _token(world: World, user: User) -> dict[str, Any]:
    # A public page of a commune: the matrix adds no commune to it.
    return {"commune_slug": "bergkamen", "token": make_token(_own_offer(world))}


def _location(world: World, user: User) -> dict[str, Any]:
    location = Location.objects.for_commune(world.bergkamen).filter(name="Matrix-Ort").first()
    if location is None:
        location = LocationFactory(
            commune=world.bergkamen,
            name="Matrix-Ort",
            organisation=world.organisations["bergkamen"],
        )
    return {"location_uuid": location.uuid}


def _term(world: World, user: User) -> dict[str, Any]:
    term = TaxonomyTerm.objects.for_commune(world.bergkamen).get(code="kurs")
    return {"term_uuid": term.uuid}


def _cell(world: World, user: User) -> dict[str, Any]:
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    return {"area_slug": area.slug, "phase": "0-1"}


def _works_for_provider(world: World, user: User) -> bool:
    """Partner staff reach their own organisation's offers and places; the coordination
    (MANAGE_OFFERS) reaches all. The matrix offer is the partner organisation's."""
    return (
        Membership.objects.for_commune(world.bergkamen)
        .filter(user=user, role__in=[Role.COORDINATOR, Role.PARTNER_STAFF])
        .exists()
    )


WEB: dict[str, Rule] = {
    "offers:offer_list": Rule(C.EDIT_OWN_OFFERS),
    "offers:offer_create": Rule(C.EDIT_OWN_OFFERS),
    "offers:offer_detail": Rule(C.EDIT_OWN_OFFERS, kwargs=_offer, only=_works_for_provider),
    "offers:offer_edit": Rule(C.EDIT_OWN_OFFERS, kwargs=_offer, only=_works_for_provider),
    "offers:offer_status": Rule(C.EDIT_OWN_OFFERS, post_only=True, kwargs=_offer),
    "offers:offer_confirm": Rule(C.EDIT_OWN_OFFERS, post_only=True, kwargs=_offer),
    "offers:offer_history": Rule(C.EDIT_OWN_OFFERS, kwargs=_offer, only=_works_for_provider),
    "offers:offer_location_add": Rule(C.EDIT_OWN_OFFERS, post_only=True, kwargs=_offer),
    "offers:offer_location_remove": Rule(C.EDIT_OWN_OFFERS, post_only=True, kwargs=_offer_location),
    "offers:schedule_add": Rule(C.EDIT_OWN_OFFERS, kwargs=_offer, only=_works_for_provider),
    "offers:schedule_remove": Rule(C.EDIT_OWN_OFFERS, post_only=True, kwargs=_schedule),
    "offers:translation_edit": Rule(
        C.EDIT_OWN_OFFERS, kwargs=_translation, only=_works_for_provider
    ),
    "offers:offer_confirm_link": Rule(PUBLIC, kwargs=_token),
    "offers:location_list": Rule(C.EDIT_OWN_OFFERS),
    "offers:location_create": Rule(C.EDIT_OWN_OFFERS),
    "offers:location_edit": Rule(C.EDIT_OWN_OFFERS, kwargs=_location, only=_works_for_provider),
    "offers:category_list": Rule(C.MANAGE_OFFERS),
    "offers:category_edit": Rule(C.MANAGE_OFFERS, kwargs=_term),
    "offers:category_remove": Rule(C.MANAGE_OFFERS, post_only=True, kwargs=_term),
    "offers:catalog_settings": Rule(C.MANAGE_OFFERS),
    "offers:brochure": Rule(C.MANAGE_OFFERS),
    "offers:chain": Rule(C.VIEW_REPORTS),
    "offers:chain_cell": Rule(C.VIEW_REPORTS, kwargs=_cell),
}
API: dict[tuple[str, str], Any] = {}
