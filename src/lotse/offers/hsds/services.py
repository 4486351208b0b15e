"""Deciding the review queue of organisations an HSDS import suspected to exist already.

While a review is pending, the imported offers belong to the suspected existing
organisation. "Merge" confirms that; "create" makes a new organisation from the imported
data (under a name that tells it apart) and moves those offers to it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.network.models import Organisation
from lotse.offers.hsds.actions import HsdsAction
from lotse.offers.hsds.importer import organisation_values
from lotse.offers.models import MatchReviewStatus, Offer, OrganisationMatchReview

ALREADY_DECIDED = _("This organisation has already been decided.")


def _pending(commune: Commune, review: OrganisationMatchReview) -> OrganisationMatchReview:
    locked: OrganisationMatchReview = (
        OrganisationMatchReview.objects.for_commune(commune).select_for_update().get(pk=review.pk)
    )
    if locked.status != MatchReviewStatus.PENDING or locked.suspected_organisation is None:
        raise ValidationError(ALREADY_DECIDED)
    return locked


def _decided(
    review: OrganisationMatchReview, actor: User, status: str, result: Organisation
) -> None:
    review.status = status
    review.resulting_organisation = result
    review.decided_by = actor
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "resulting_organisation", "decided_by", "decided_at"])


@transaction.atomic
def merge_match(*, actor: User, commune: Commune, review: OrganisationMatchReview) -> Organisation:
    """The imported organisation is the one we have: keep its offers there."""
    require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    review = _pending(commune, review)
    existing = review.suspected_organisation
    if existing is None:  # _pending has checked it; the type checker needs it again
        raise ValidationError(ALREADY_DECIDED)
    _decided(review, actor, MatchReviewStatus.MERGED, existing)
    record(
        actor=actor,
        commune=commune,
        action=HsdsAction.MATCH_MERGED,
        target=existing,
        changes={"imported": (None, review.imported_data.get("name", ""))},
    )
    return existing


@transaction.atomic
def create_from_match(
    *, actor: User, commune: Commune, review: OrganisationMatchReview, name: str
) -> Organisation:
    """The imported organisation is another one: create it under ``name`` and move the
    offers of the import to it."""
    require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    review = _pending(commune, review)
    values = organisation_values(review.imported_data)
    values["name"] = name.strip()[:200]
    if not values["name"]:
        raise ValidationError({"name": [_("Please give a name.")]})
    clash = Organisation.objects.for_commune(commune).filter(
        name=values["name"], street=values["street"], postal_code=values["postal_code"]
    )
    if clash.exists():
        raise ValidationError(
            {
                "name": [
                    _(
                        "An organisation with this name and address exists already; please "
                        "give a name that tells the two apart."
                    )
                ]
            }
        )
    organisation: Organisation = Organisation.all_communes.create(commune=commune, **values)
    offer_ids = review.imported_data.get("lotse_offer_ids", [])
    moved = Offer.objects.for_commune(commune).filter(
        uuid__in=offer_ids, provider=review.suspected_organisation
    )
    count = 0
    for offer in moved:  # one by one, so the finder's index hears of each change
        offer.provider = organisation
        offer.updated_at = timezone.now()
        offer.save(update_fields=["provider", "updated_at"])
        count += 1
    _decided(review, actor, MatchReviewStatus.CREATED, organisation)
    record(
        actor=actor,
        commune=commune,
        action=HsdsAction.MATCH_CREATED,
        target=organisation,
        changes={"name": (None, organisation.name), "offers": (None, count)},
    )
    return organisation
