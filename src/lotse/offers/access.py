"""Who may work on which offer: holders of ``MANAGE_OFFERS`` on every offer of their
commune, partner staff (``EDIT_OWN_OFFERS``) on their own organisation's offers only.
An offer someone may not work on is "not found" for them, like one of another commune."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, commune_of, get_for_commune
from lotse.core.models import Commune, Membership, User, capabilities_of
from lotse.core.permissions import Capability, Role
from lotse.offers.models import Location, Offer, OfferQuerySet


def own_organisation_ids(user: User, commune: Commune) -> set[int]:
    """The organisations the user works for as partner staff in this commune."""
    return set(
        Membership.objects.for_commune(commune)
        .filter(user=user, role=Role.PARTNER_STAFF, is_active=True)
        .values_list("organisation_id", flat=True)
    )


def manages_catalog(user: User, commune: Commune) -> bool:
    return Capability.MANAGE_OFFERS in capabilities_of(user, commune)


def may_edit_offer(user: User, commune: Commune, offer: Offer) -> bool:
    if offer.commune_id != commune.pk:
        return False
    capabilities = capabilities_of(user, commune)
    if Capability.MANAGE_OFFERS in capabilities:
        return True
    return Capability.EDIT_OWN_OFFERS in capabilities and offer.provider_id in own_organisation_ids(
        user, commune
    )


def may_edit_location(user: User, commune: Commune, location: Location) -> bool:
    if location.commune_id != commune.pk:
        return False
    if manages_catalog(user, commune):
        return True
    return location.organisation_id in own_organisation_ids(user, commune)


def require_offer_editor(actor: User, offer: Offer) -> Commune:
    """For services: the actor may work on this offer; returns its commune."""
    commune: Commune = offer.commune
    if not may_edit_offer(actor, commune, offer):
        raise PermissionDenied(_("Your role does not allow this."))
    return commune


def offers_for_user(request: HttpRequest) -> OfferQuerySet:
    commune = commune_of(request)
    offers: OfferQuerySet = Offer.objects.for_commune(commune)
    if Capability.MANAGE_OFFERS in request.capabilities:  # type: ignore[attr-defined]
        return offers
    return offers.filter(provider_id__in=own_organisation_ids(acting_user(request), commune))


def get_offer_for_user(request: HttpRequest, uuid: Any) -> Offer:
    """The offer with this UUID if the requesting user may work on it, else 404."""
    offer = get_for_commune(Offer, commune_of(request), uuid)
    if not may_edit_offer(acting_user(request), commune_of(request), offer):
        raise Http404(_("Not found."))
    return offer


def get_location_for_user(request: HttpRequest, uuid: Any) -> Location:
    location = get_for_commune(Location, commune_of(request), uuid)
    if not may_edit_location(acting_user(request), commune_of(request), location):
        raise Http404(_("Not found."))
    return location
