"""Helpers of the HSDS tests: communes to import into, and how to empty one."""

from __future__ import annotations

from typing import Any

from lotse.core.models import Commune
from lotse.network.models import Organisation
from lotse.offers.finder.models import SearchDocument
from lotse.offers.models import Location, Offer, TaxonomyTerm
from tests.core.factories import CommuneFactory, SocialAreaFactory


def commune_with_areas(slug: str) -> Commune:
    """A commune with the social areas the catalog fixture uses (Mitte, Oberaden)."""
    commune: Commune = CommuneFactory(slug=slug, name=slug.title())
    SocialAreaFactory(commune=commune, name="Mitte", slug="mitte")
    SocialAreaFactory(commune=commune, name="Oberaden", slug="oberaden")
    return commune


def remove_catalog(commune: Commune) -> None:
    """Delete a commune's catalog and providers, so their ids are free again."""
    Offer.objects.for_commune(commune).delete()
    Location.objects.for_commune(commune).delete()
    TaxonomyTerm.objects.for_commune(commune).delete()
    Organisation.objects.for_commune(commune).delete()
    # The finder's index may re-add a row for an offer deleted with its children.
    SearchDocument.all_communes.filter(commune=commune).delete()


def service_named(document: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in document["services"] if s["name"] == name)
    return found


def trait_values(service: dict[str, Any], code: str) -> list[str]:
    return [
        attribute["value"]
        for attribute in service["attributes"]
        if attribute["taxonomy_term"].get("code") == code
        and attribute["taxonomy_term"].get("taxonomy") == "lotse-merkmal"
    ]
