"""The rules of the catalog's services: who may do what, bad input, history and audit."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lotse.core.locking import EditConflict
from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.offers.models import Offer, OfferRevision, OfferStatus, TaxonomyTerm
from lotse.offers.services.offers import (
    change_offer_status,
    confirm_offer,
    create_offer,
    update_offer,
)
from tests.conftest import World
from tests.network.factories import OrganisationFactory


def _values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Baby-Café",
        "description": "Offener Treff für Eltern mit Babys.",
        "min_age_months": 0,
        "max_age_months": 12,
        "cost_kind": "free",
    }
    return values | changes


def test_partner_staff_create_a_draft_of_their_own_organisation(world: World) -> None:
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    course = TaxonomyTerm.objects.for_commune(world.bergkamen).get(code="cafe-treffpunkt")
    offer = create_offer(
        actor=partner,
        commune=world.bergkamen,
        provider=world.organisations["bergkamen"],
        values=_values(),
        categories=[course],
        languages=["de", "tr"],
    )
    assert offer.status == OfferStatus.DRAFT
    assert sorted(offer.languages.values_list("code", flat=True)) == ["de", "tr"]
    assert list(offer.categories.all()) == [course]
    revision = OfferRevision.objects.get(offer=offer)
    assert revision.actor == partner
    assert revision.snapshot["name"] == "Baby-Café"
    event = AuditEvent.objects.for_commune(world.bergkamen).get(action="offers.offer_created")
    assert event.actor == partner


def test_partner_staff_cannot_create_an_offer_of_another_organisation(world: World) -> None:
    stranger = OrganisationFactory(commune=world.bergkamen)
    with pytest.raises(PermissionDenied):
        create_offer(
            actor=world.user("bergkamen", Role.PARTNER_STAFF),
            commune=world.bergkamen,
            provider=stranger,
            values=_values(),
        )
    assert not Offer.objects.for_commune(world.bergkamen).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"min_age_months": 13},
            "max_age_months",
            "Das Höchstalter darf nicht unter dem Mindestalter liegen.",
        ),
        ({"cost_kind": "amount"}, "cost_amount", "Bitte geben Sie den Betrag an."),
        (
            {"cost_amount": Decimal("5.00")},
            "cost_amount",
            "Ein kostenloses Angebot hat keinen Betrag.",
        ),
        (
            {"publish_from": datetime.date(2027, 2, 1), "publish_until": datetime.date(2027, 1, 1)},
            "publish_until",
            "Das Ende der Sichtbarkeit darf nicht vor ihrem Beginn liegen.",
        ),
        (
            {"from_pregnancy_week": 43},
            "from_pregnancy_week",
            "Eine Schwangerschaftswoche liegt zwischen 1 und 42.",
        ),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_saved(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        create_offer(
            actor=world.user("bergkamen", Role.COORDINATOR),
            commune=world.bergkamen,
            provider=world.organisations["bergkamen"],
            values=_values(**changes),
        )
    assert caught.value.message_dict[field] == [message]
    assert not Offer.objects.for_commune(world.bergkamen).exists()
    assert (
        not AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action__startswith="offers.")
        .exists()
    )


def test_an_unknown_language_code_is_refused(world: World) -> None:
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        create_offer(
            actor=world.user("bergkamen", Role.COORDINATOR),
            commune=world.bergkamen,
            provider=world.organisations["bergkamen"],
            values=_values(),
            languages=["xx"],
        )
    assert caught.value.message_dict["languages"] == ["Unbekannter Sprachcode: xx."]


def _draft(world: World) -> Offer:
    return create_offer(
        actor=world.user("bergkamen", Role.PARTNER_STAFF),
        commune=world.bergkamen,
        provider=world.organisations["bergkamen"],
        values=_values(),
    )


def test_partner_staff_submit_and_only_the_coordination_publishes(world: World) -> None:
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    offer = change_offer_status(actor=partner, offer=_draft(world), to_status=OfferStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        change_offer_status(actor=partner, offer=offer, to_status=OfferStatus.PUBLISHED)
    offer = change_offer_status(
        actor=world.user("bergkamen", Role.COORDINATOR),
        offer=offer,
        to_status=OfferStatus.PUBLISHED,
        today=datetime.date(2026, 11, 23),
    )
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.last_confirmed_at == datetime.date(2026, 11, 23), "publishing confirms"
    steps = list(
        OfferRevision.objects.filter(offer=offer, action="status_changed")
        .order_by("pk")
        .values_list("from_status", "to_status")
    )
    assert steps == [("draft", "in_review"), ("in_review", "published")]


def test_sending_an_offer_back_needs_a_reason_and_a_withdrawn_offer_cannot_be_published(
    world: World,
) -> None:
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    offer = change_offer_status(
        actor=world.user("bergkamen", Role.PARTNER_STAFF),
        offer=_draft(world),
        to_status=OfferStatus.IN_REVIEW,
    )
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        change_offer_status(actor=coordinator, offer=offer, to_status=OfferStatus.DRAFT)
    assert caught.value.message_dict["reason"] == ["Bitte sagen Sie, was sich ändern muss."]
    offer = change_offer_status(
        actor=coordinator, offer=offer, to_status=OfferStatus.WITHDRAWN, reason="doppelt"
    )
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        change_offer_status(actor=coordinator, offer=offer, to_status=OfferStatus.PUBLISHED)
    assert refused.value.messages == [
        "Ein Angebot kann nicht von „Zurückgezogen“ zu „Veröffentlicht“ wechseln."
    ]


def test_a_stale_save_overwrites_nothing_and_names_the_differences(world: World) -> None:
    offer = _draft(world)
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    update_offer(
        actor=coordinator,
        offer=offer,
        values=_values(name="Baby-Café Mitte"),
        categories=[],
        service_areas=[],
        languages=[],
        expected_version=offer.version,
    )
    with pytest.raises(EditConflict) as caught:
        update_offer(
            actor=world.user("bergkamen", Role.PARTNER_STAFF),
            offer=offer,
            values=_values(name="Baby-Café Oberaden"),
            categories=[],
            service_areas=[],
            languages=[],
            expected_version=offer.version,
        )
    assert [(d.field, d.saved, d.yours) for d in caught.value.differences] == [
        ("name", "Baby-Café Mitte", "Baby-Café Oberaden")
    ]
    offer.refresh_from_db()
    assert offer.name == "Baby-Café Mitte"


def test_an_edit_is_kept_in_the_history_with_before_and_after(world: World) -> None:
    offer = _draft(world)
    update_offer(
        actor=world.user("bergkamen", Role.PARTNER_STAFF),
        offer=offer,
        values=_values(max_age_months=11),
        categories=[],
        service_areas=[],
        languages=["ar"],
        expected_version=offer.version,
    )
    revision = OfferRevision.objects.filter(offer=offer).first()
    assert revision is not None
    assert revision.changes == {"max_age_months": [12, 11], "languages": [[], ["ar"]]}
    event = AuditEvent.objects.for_commune(world.bergkamen).get(action="offers.offer_changed")
    assert event.changes["max_age_months"] == {"old": 12, "new": 11}


def test_partner_staff_cannot_touch_another_organisations_offer(world: World) -> None:
    stranger_offer = create_offer(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=world.bergkamen,
        provider=OrganisationFactory(commune=world.bergkamen),
        values=_values(),
    )
    with pytest.raises(PermissionDenied):
        change_offer_status(
            actor=world.user("bergkamen", Role.PARTNER_STAFF),
            offer=stranger_offer,
            to_status=OfferStatus.IN_REVIEW,
        )
    with pytest.raises(PermissionDenied):
        confirm_offer(actor=world.user("dortmund", Role.COORDINATOR), offer=stranger_offer)


def test_confirming_resets_the_reminders(world: World) -> None:
    offer = _draft(world)
    offer.status = OfferStatus.PUBLISHED
    offer.confirmation_reminders_sent = 2
    offer.save()
    confirmed = confirm_offer(
        actor=world.user("bergkamen", Role.PARTNER_STAFF),
        offer=offer,
        today=datetime.date(2026, 11, 23),
    )
    assert confirmed.last_confirmed_at == datetime.date(2026, 11, 23)
    assert confirmed.confirmation_reminders_sent == 0
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action="offers.offer_confirmed")
        .count()
        == 1
    )
