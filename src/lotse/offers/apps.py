"""Offer catalog: offers (HSDS services), locations, schedules, taxonomy; providers' and
coordinators' tools, HSDS import/export, brochure and the prevention-chain view."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability


def _commune_saved(sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any) -> None:
    if created and not raw:
        from lotse.offers.defaults import ensure_catalog_defaults  # noqa: PLC0415

        ensure_catalog_defaults(instance)


class OffersConfig(AppConfig):
    name = "lotse.offers"
    label = "offers"
    verbose_name = _("Offers")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = [
        (_("Offers"), "offers:offer_list", Capability.EDIT_OWN_OFFERS),
        (_("Prevention chain"), "offers:chain", Capability.VIEW_REPORTS),
    ]

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.offers.audit import OfferAction  # noqa: PLC0415

        register_actions(OfferAction)
        post_save.connect(_commune_saved, sender="core.Commune", dispatch_uid="offers-defaults")
