"""Keeps each offer's :class:`SearchDocument` current.

Receivers registered in :class:`FinderConfig.ready` watch everything whose words a family
may search for: the offer, its translations, categories, places and provider. Each change
rebuilds the documents of the offers it touches in the same transaction, so a rolled-back
change leaves no stale document behind. ``lotse rebuild-finder-index`` rebuilds them all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save

from lotse.offers.finder import text
from lotse.offers.finder.models import SearchDocument
from lotse.offers.models import (
    CatalogSettings,
    Location,
    LocationAccessibility,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTranslation,
    Schedule,
    TaxonomyTerm,
)

BATCH = 500


def documents_of(offers: Iterable[Offer]) -> list[SearchDocument]:
    """Unsaved documents for offers fetched with :func:`offers_for_indexing`."""
    documents = []
    for offer in offers:
        categories = [term.name for term in offer.categories.all()]
        places: list[str] = []
        for offer_location in offer.offer_locations.all():
            location = offer_location.location
            places += [location.name, location.street, location.city]
            if location.social_area is not None:
                places.append(location.social_area.name)
        places += [area.name for area in offer.service_areas.all()]
        translations: list[str] = []
        for translation in offer.translations.all():
            translations += [translation.name, translation.summary, translation.description]
        documents.append(
            SearchDocument(
                commune_id=offer.commune_id,
                offer=offer,
                title=text.document(offer.name, offer.alternate_name, *categories),
                body=text.document(
                    offer.summary,
                    offer.description,
                    offer.eligibility_description,
                    offer.provider.name,
                    *places,
                    *translations,
                ),
            )
        )
    return documents


def offers_for_indexing(offer_ids: Iterable[int]) -> Any:
    return (
        Offer.all_communes.filter(pk__in=list(offer_ids))
        .select_related("provider")
        .prefetch_related(
            "categories",
            "service_areas",
            "translations",
            Prefetch(
                "offer_locations",
                OfferLocation.objects.select_related("location__social_area"),
            ),
        )
    )


def refresh(offer_ids: Iterable[int]) -> int:
    """Rebuild the documents of these offers; returns how many were written."""
    ids = sorted(set(offer_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        documents = documents_of(offers_for_indexing(chunk))
        SearchDocument.all_communes.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["offer"],
            update_fields=["title", "body", "updated_at"],
        )
        written += len(documents)
    return written


def refresh_commune(commune: Any) -> int:
    return refresh(Offer.objects.for_commune(commune).values_list("pk", flat=True))


def _schedule(offer_ids: Iterable[int]) -> None:
    """Rebuild at once, inside the caller's transaction: a rolled-back change rolls the
    document back with it."""
    ids = list(offer_ids)
    if ids:
        refresh(ids)


def _schedule_deleted(offer_ids: Iterable[int]) -> None:
    """After a delete, rebuild once the transaction has committed: when a whole offer is
    deleted its parts go first, and a document rebuilt meanwhile would point to an offer
    that is about to disappear."""
    ids = list(offer_ids)
    if ids:
        transaction.on_commit(lambda: refresh(ids))


def _offer_saved(sender: Any, instance: Offer, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _schedule([instance.pk])


def _child_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.offer_id is not None:
        _schedule([instance.offer_id])


def _child_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.offer_id is not None:
        _schedule_deleted([instance.offer_id])


def _offers_of_schedule(instance: Schedule) -> list[int]:
    if instance.offer_id is not None:
        return [instance.offer_id]
    if instance.offer_location_id is None:
        return []
    return list(
        OfferLocation.objects.filter(pk=instance.offer_location_id).values_list(
            "offer_id", flat=True
        )
    )


def _schedule_saved(sender: Any, instance: Schedule, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _schedule(_offers_of_schedule(instance))


def _schedule_deleted_receiver(sender: Any, instance: Schedule, **kwargs: Any) -> None:
    _schedule_deleted(_offers_of_schedule(instance))


def _offers_at(location_id: int) -> list[int]:
    return list(
        OfferLocation.objects.filter(location_id=location_id).values_list("offer_id", flat=True)
    )


def _accessibility_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _schedule(_offers_at(instance.location_id))


def _accessibility_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    _schedule_deleted(_offers_at(instance.location_id))


def _settings_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    # Visibility depends on the confirmation interval: every cached page is stale.
    if not raw:
        _schedule(
            Offer.all_communes.filter(commune_id=instance.commune_id).values_list("pk", flat=True)
        )


def _location_saved(sender: Any, instance: Location, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _schedule(
            OfferLocation.objects.filter(location=instance).values_list("offer_id", flat=True)
        )


def _term_saved(sender: Any, instance: TaxonomyTerm, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _schedule(
            Offer.categories.through.objects.filter(taxonomyterm=instance).values_list(
                "offer_id", flat=True
            )
        )


def _organisation_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _schedule(Offer.all_communes.filter(provider=instance).values_list("pk", flat=True))


def _m2m_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        _schedule([instance.pk])
    elif pk_set:
        _schedule(pk_set)
    else:
        # A term or area cleared from all its offers: which ones is no longer known, so
        # rebuild the commune's documents (rare: only on bulk edits).
        _schedule(
            Offer.all_communes.filter(commune_id=instance.commune_id).values_list("pk", flat=True)
        )


def connect() -> None:
    uid = "finder-index"
    post_save.connect(_offer_saved, sender=Offer, dispatch_uid=f"{uid}-offer")
    # Changes that alter what a card shows but not its words still touch the document,
    # so the page cache (keyed by the documents' newest change) notices them.
    for model, saved, deleted in (
        (Schedule, _schedule_saved, _schedule_deleted_receiver),
        (LocationAccessibility, _accessibility_saved, _accessibility_deleted),
    ):
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"{uid}-{model.__name__}-d")
    post_save.connect(_settings_saved, sender=CatalogSettings, dispatch_uid=f"{uid}-settings")
    children: tuple[type[models.Model], ...] = (OfferTranslation, OfferLocation, OfferLanguage)
    for child in children:
        post_save.connect(_child_changed, sender=child, dispatch_uid=f"{uid}-{child.__name__}")
        post_delete.connect(_child_deleted, sender=child, dispatch_uid=f"{uid}-{child.__name__}-d")
    post_save.connect(_location_saved, sender=Location, dispatch_uid=f"{uid}-location")
    post_save.connect(_term_saved, sender=TaxonomyTerm, dispatch_uid=f"{uid}-term")
    post_save.connect(
        _organisation_saved, sender="network.Organisation", dispatch_uid=f"{uid}-organisation"
    )
    for through in (Offer.categories.through, Offer.service_areas.through):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}-{through.__name__}")
