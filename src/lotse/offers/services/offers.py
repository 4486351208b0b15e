"""Creating, changing, reviewing and confirming offers.

Every function checks that the actor may work on the offer, runs in one transaction and
writes one audit event and one revision (the offer's history)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, SocialArea, User, capabilities_of
from lotse.core.permissions import Capability
from lotse.network.models import Organisation
from lotse.offers.access import manages_catalog, own_organisation_ids, require_offer_editor
from lotse.offers.audit import OfferAction
from lotse.offers.languages import LANGUAGE_CODES
from lotse.offers.models import (
    STATUS_TRANSITIONS,
    CostKind,
    Offer,
    OfferLanguage,
    OfferRevision,
    OfferStatus,
    RevisionAction,
    TaxonomyTerm,
)

# The fields of an offer people edit in its form (relations are passed separately).
OFFER_FIELDS: tuple[str, ...] = (
    "name",
    "alternate_name",
    "summary",
    "description",
    "eligibility_description",
    "application_process",
    "min_age_months",
    "max_age_months",
    "from_pregnancy_week",
    "registration_required",
    "cost_kind",
    "cost_amount",
    "cost_currency",
    "cost_note",
    "temporarily_closed",
    "closed_note",
    "publish_from",
    "publish_until",
    "free_places",
    "places",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
)

# Who may move an offer from one status to another: partner staff submit, take back and
# withdraw their own offers; publishing and sending back are the coordination's.
PROVIDER_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (OfferStatus.DRAFT, OfferStatus.IN_REVIEW),
        (OfferStatus.IN_REVIEW, OfferStatus.DRAFT),
        (OfferStatus.PUBLISHED, OfferStatus.WITHDRAWN),
        (OfferStatus.IN_REVIEW, OfferStatus.WITHDRAWN),
        (OfferStatus.WITHDRAWN, OfferStatus.DRAFT),
    }
)


def offer_errors(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """Rule violations between fields, by field."""
    errors: dict[str, list[str]] = {}
    low, high = values.get("min_age_months"), values.get("max_age_months")
    if low is not None and high is not None and low > high:
        errors["max_age_months"] = [_("The maximum age must not be below the minimum age.")]
    start, end = values.get("publish_from"), values.get("publish_until")
    if start is not None and end is not None and start > end:
        errors["publish_until"] = [_("The end of visibility must not be before its start.")]
    week = values.get("from_pregnancy_week")
    if week is not None and not 1 <= week <= 42:
        errors["from_pregnancy_week"] = [_("A week of pregnancy lies between 1 and 42.")]
    kind, amount = values.get("cost_kind"), values.get("cost_amount")
    if kind == CostKind.AMOUNT and amount is None:
        errors["cost_amount"] = [_("Please give the fee.")]
    if kind == CostKind.FREE and amount not in (None, Decimal(0)):
        errors["cost_amount"] = [_("A free offer has no fee.")]
    if amount is not None and amount < 0:
        errors["cost_amount"] = [_("A fee cannot be negative.")]
    if values.get("temporarily_closed") is False and values.get("closed_note"):
        errors["closed_note"] = [_("A note on the closure needs the offer to be closed.")]
    return errors


def snapshot(offer: Offer) -> dict[str, Any]:
    """The offer as its history keeps it: its fields and the names of its relations."""
    data: dict[str, Any] = {field: _plain(getattr(offer, field)) for field in OFFER_FIELDS}
    data["status"] = offer.status
    data["provider"] = offer.provider.name
    data["last_confirmed_at"] = _plain(offer.last_confirmed_at)
    data["categories"] = sorted(term.name for term in offer.categories.all())
    data["service_areas"] = sorted(area.name for area in offer.service_areas.all())
    data["languages"] = sorted(language.code for language in offer.languages.all())
    return data


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def revise(
    offer: Offer,
    *,
    actor: User | None,
    action: str,
    changes: Mapping[str, Any],
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
) -> OfferRevision:
    revision: OfferRevision = OfferRevision.objects.create(
        offer=offer,
        actor=actor,
        action=action,
        version=offer.version,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        changes=dict(changes),
        snapshot=snapshot(offer),
    )
    return revision


def _check_provider(actor: User, commune: Commune, provider: Organisation) -> None:
    if provider.commune_id != commune.pk:
        raise ValidationError({"provider": [_("Please choose an organisation of this commune.")]})
    if not manages_catalog(actor, commune) and provider.pk not in own_organisation_ids(
        actor, commune
    ):
        raise PermissionDenied(_("You can only add offers of your own organisation."))


def _check_relations(
    commune: Commune,
    categories: Iterable[TaxonomyTerm],
    service_areas: Iterable[SocialArea],
    languages: Iterable[str],
) -> None:
    errors: dict[str, list[str]] = {}
    if any(term.commune_id != commune.pk or not term.is_category for term in categories):
        errors["categories"] = [_("Please choose categories of this commune.")]
    if any(area.commune_id != commune.pk for area in service_areas):
        errors["service_areas"] = [_("Please choose social areas of this commune.")]
    unknown = sorted(set(languages) - LANGUAGE_CODES)
    if unknown:
        errors["languages"] = [
            _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    if errors:
        raise ValidationError(errors)


def _set_relations(
    offer: Offer,
    categories: Sequence[TaxonomyTerm],
    service_areas: Sequence[SocialArea],
    languages: Sequence[str],
) -> None:
    offer.categories.set(categories)
    offer.service_areas.set(service_areas)
    wanted = set(languages)
    offer.languages.exclude(code__in=wanted).delete()
    present = set(offer.languages.values_list("code", flat=True))
    OfferLanguage.objects.bulk_create(
        OfferLanguage(offer=offer, code=code) for code in sorted(wanted - present)
    )


@transaction.atomic
def create_offer(
    *,
    actor: User,
    commune: Commune,
    provider: Organisation,
    values: Mapping[str, Any],
    categories: Sequence[TaxonomyTerm] = (),
    service_areas: Sequence[SocialArea] = (),
    languages: Sequence[str] = (),
) -> Offer:
    """A new offer, as a draft. Partner staff may only create their own organisation's."""
    capabilities = capabilities_of(actor, commune)
    if not capabilities & {Capability.MANAGE_OFFERS, Capability.EDIT_OWN_OFFERS}:
        raise PermissionDenied(_("Your role does not allow this."))
    _check_provider(actor, commune, provider)
    unknown = set(values) - set(OFFER_FIELDS)
    if unknown:
        raise ValueError(f"Not an offer field: {', '.join(sorted(unknown))}")
    errors = offer_errors(values)
    if errors:
        raise ValidationError(errors)
    _check_relations(commune, categories, service_areas, languages)
    offer = Offer(commune=commune, provider=provider, **values)
    if offer.free_places is not None:
        offer.free_places_updated_at = timezone.now()
    offer.full_clean(exclude=["commune", "provider"], validate_constraints=False)
    offer.save()
    _set_relations(offer, categories, service_areas, languages)
    data = snapshot(offer)
    revise(offer, actor=actor, action=RevisionAction.CREATED, changes=_diff({}, data))
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.OFFER_CREATED,
        target=offer,
        changes={"name": (None, offer.name), "provider": (None, provider.name)},
    )
    return offer


@transaction.atomic
def update_offer(
    *,
    actor: User,
    offer: Offer,
    values: Mapping[str, Any],
    categories: Sequence[TaxonomyTerm],
    service_areas: Sequence[SocialArea],
    languages: Sequence[str],
    expected_version: int | None = None,
    provider: Organisation | None = None,
) -> Offer:
    """Change an offer's texts, limits and relations. A published offer stays published:
    the change is in its history, where the coordination sees it. Nothing is written when
    nothing differs; a save over someone else's newer version raises ``EditConflict``."""
    commune = require_offer_editor(actor, offer)
    current: Offer = Offer.objects.for_commune(commune).select_for_update().get(pk=offer.pk)
    check_version(current, expected_version=expected_version, yours=values, fields=OFFER_FIELDS)
    unknown = set(values) - set(OFFER_FIELDS)
    if unknown:
        raise ValueError(f"Not an offer field: {', '.join(sorted(unknown))}")
    errors = offer_errors({**{f: getattr(current, f) for f in OFFER_FIELDS}, **values})
    if errors:
        raise ValidationError(errors)
    _check_relations(commune, categories, service_areas, languages)
    if provider is not None and provider.pk != current.provider_id:
        _check_provider(actor, commune, provider)
        current.provider = provider
    before = snapshot(current)
    if values.get("free_places", current.free_places) != current.free_places:
        current.free_places_updated_at = timezone.now()
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean(exclude=["commune", "provider"], validate_constraints=False)
    _set_relations(current, categories, service_areas, languages)
    changes = _diff(before, snapshot(current))
    if not changes:
        return current
    current.version += 1
    current.updated_at = timezone.now()
    current.save()
    revise(current, actor=actor, action=RevisionAction.UPDATED, changes=changes)
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.OFFER_CHANGED,
        target=current,
        changes={field: (old, new) for field, (old, new) in changes.items()},
    )
    return current


@transaction.atomic
def change_offer_status(
    *,
    actor: User,
    offer: Offer,
    to_status: str,
    reason: str = "",
    today: datetime.date | None = None,
) -> Offer:
    """Move an offer along its lifecycle (see ``STATUS_TRANSITIONS``). Publishing counts
    as a confirmation: the offer is current as of that day."""
    commune = require_offer_editor(actor, offer)
    current: Offer = Offer.objects.for_commune(commune).select_for_update().get(pk=offer.pk)
    from_status = current.status
    if to_status not in STATUS_TRANSITIONS.get(from_status, frozenset()):
        raise ValidationError(
            _("An offer cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": OfferStatus(from_status).label,
                "to": OfferStatus(to_status).label if to_status in OfferStatus.values else "?",
            }
        )
    if (from_status, to_status) not in PROVIDER_TRANSITIONS:
        require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    sent_back = (from_status, to_status) == (OfferStatus.IN_REVIEW, OfferStatus.DRAFT)
    if sent_back and not reason and current.provider_id not in own_organisation_ids(actor, commune):
        raise ValidationError({"reason": [_("Please say what needs to change.")]})
    current.status = to_status
    current.version += 1
    current.updated_at = timezone.now()
    if to_status == OfferStatus.PUBLISHED:
        current.published_at = timezone.now()
        current.last_confirmed_at = today or timezone.localdate()
        current.confirmation_reminders_sent = 0
    current.save()
    revise(
        current,
        actor=actor,
        action=RevisionAction.STATUS_CHANGED,
        changes={"status": [from_status, to_status]},
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.OFFER_STATUS_CHANGED,
        target=current,
        changes={"status": (from_status, to_status), "reason": ("", reason)},
    )
    return current


@transaction.atomic
def confirm_offer(*, actor: User | None, offer: Offer, today: datetime.date | None = None) -> Offer:
    """The provider says the offer is still as described. ``actor`` is ``None`` when the
    confirmation came through the signed link of a reminder e-mail."""
    commune: Commune = offer.commune
    if actor is not None:
        require_offer_editor(actor, offer)
    current: Offer = Offer.objects.for_commune(commune).select_for_update().get(pk=offer.pk)
    if current.status != OfferStatus.PUBLISHED:
        raise ValidationError(_("Only published offers are confirmed."))
    day = today or timezone.localdate()
    before = current.last_confirmed_at
    current.last_confirmed_at = day
    current.confirmation_reminders_sent = 0
    current.save(update_fields=["last_confirmed_at", "confirmation_reminders_sent"])
    revise(
        current,
        actor=actor,
        action=RevisionAction.CONFIRMED,
        changes={"last_confirmed_at": [_plain(before), day.isoformat()]},
    )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.OFFER_CONFIRMED,
        target=current,
        changes={"last_confirmed_at": (_plain(before), day.isoformat())},
    )
    return current
