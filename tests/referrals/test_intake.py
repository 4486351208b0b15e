"""Intake: no consent, no referral from a third party; data encrypted at rest; audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from lotse.core.models import AuditEvent, SocialArea, User
from lotse.core.permissions import Role
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import (
    Child,
    ConsentScope,
    Family,
    Referral,
    ReferralSource,
    ScreeningItem,
    ScreeningSheet,
)
from lotse.referrals.services.intake import (
    ChildInput,
    FamilyInput,
    ScreeningInput,
    create_referral,
    request_contact,
)
from lotse.referrals.services.settings import publish_consent_text
from tests.conftest import World
from tests.referrals.factories import consent_text, refer


def _family(world: World) -> FamilyInput:
    return FamilyInput(
        name="Familie Yilmaz",
        phone="0170 1234567",
        social_area=SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte"),
    )


def test_without_consent_a_third_party_cannot_refer_and_nothing_is_stored(
    world: World, navigator: User
) -> None:
    with pytest.raises(ValidationError) as error:
        create_referral(
            actor=navigator,
            commune=world.bergkamen,
            source=ReferralSource.BIRTH_CLINIC,
            received_at=timezone.now(),
            family=_family(world),
            children=[ChildInput(birth_date=timezone.localdate())],
            need="Erschöpfte Mutter",
            consent=None,
        )
    assert "Einwilligung" in error.value.message_dict["consent"][0]
    assert not Family.objects.for_commune(world.bergkamen).exists()
    assert not Referral.objects.for_commune(world.bergkamen).exists()


def test_every_problem_is_reported_at_once_in_german(world: World, navigator: User) -> None:
    with pytest.raises(ValidationError) as error:
        create_referral(
            actor=navigator,
            commune=world.bergkamen,
            source="hospital",
            received_at=timezone.now() + timedelta(days=1),
            family=FamilyInput(name="", languages=["deutsch"]),
            children=[ChildInput()],
            need="",
            consent=None,
        )
    fields = error.value.message_dict
    assert set(fields) >= {
        "source",
        "received_at",
        "family.name",
        "family.phone",
        "family.languages",
        "need",
        "children.0",
        "consent",
    }
    assert fields["received_at"] == ["Ein Zugang kann nicht in der Zukunft eingehen."]


def test_consent_must_name_the_early_help_team_and_use_the_current_text(
    world: World, navigator: User
) -> None:
    old = consent_text(world.bergkamen)
    publish_consent_text(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=world.bergkamen,
        values={
            "title": "Neu",
            "purpose": "Kontakt",
            "data": "Name",
            "recipients": "Familienbüro",
            "withdrawal": "formlos",
        },
    )
    with pytest.raises(ValidationError) as error:
        refer(actor=navigator, commune=world.bergkamen)
    assert "consent.text_version" in error.value.message_dict
    old.refresh_from_db()
    assert not old.is_current


def test_a_partner_refers_for_its_own_organisation_whatever_the_form_says(
    world: World,
) -> None:
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    referral = refer(actor=partner, commune=world.bergkamen, source=ReferralSource.PARTNER)
    assert referral.referring_organisation == world.organisations["bergkamen"]
    assert referral.referring_user == partner


def test_the_family_itself_needs_no_third_party_consent(world: World) -> None:
    referral = request_contact(
        commune=world.bergkamen,
        name="Lena Kraus",
        phone="",
        email="lena@example.org",
        social_area=None,
        languages=["uk"],
        message="Wir suchen ein Babycafé.",
        youngest_birth_date=None,
        due_date=timezone.localdate() + timedelta(days=60),
    )
    assert referral.source == ReferralSource.FAMILY
    assert referral.referring_user is None
    assert referral.consent is None
    assert Child.objects.for_commune(world.bergkamen).get().is_expected


def test_names_contact_data_need_and_health_details_are_not_stored_in_clear_text(
    world: World, navigator: User
) -> None:
    referral = refer(
        actor=navigator,
        commune=world.bergkamen,
        name="Familie Geheimnis",
        phone="0151 99887766",
        need="Frühgeburt, Mutter psychisch belastet",
    )
    child = referral.family.children.get()
    assert child.birth_date is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, phone, address FROM referrals_family WHERE id = %s",
            [referral.family_id],
        )
        stored = " ".join(cursor.fetchone())
        cursor.execute("SELECT need FROM referrals_referral WHERE id = %s", [referral.pk])
        stored += cursor.fetchone()[0]
        cursor.execute(
            "SELECT birth_date, premature FROM referrals_child WHERE id = %s", [child.pk]
        )
        stored += " ".join(cursor.fetchone())
    for clear in ("Geheimnis", "99887766", "Musterweg", "Frühgeburt", child.birth_date.isoformat()):
        assert clear not in stored
    referral.refresh_from_db()
    assert referral.family.name == "Familie Geheimnis"


def test_a_referral_is_audited_without_personal_values(world: World, navigator: User) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen, name="Familie Audit")
    event = AuditEvent.objects.for_commune(world.bergkamen).get(
        action=ReferralAction.REFERRAL_RECEIVED
    )
    assert event.object_id == str(referral.uuid)
    assert event.actor == navigator
    assert "Familie Audit" not in str(event.changes)
    assert event.changes["family"] == {"old": "•••", "new": "•••"}


def test_the_screening_result_is_kept_with_the_referral(world: World, navigator: User) -> None:
    sheet = ScreeningSheet.all_communes.create(
        commune=world.bergkamen, name="Beispielbogen", threshold=3
    )
    for position, points in ((1, 2), (2, 1), (3, 2)):
        ScreeningItem.all_communes.create(
            commune=world.bergkamen,
            sheet=sheet,
            position=position,
            text=f"Item {position}",
            points=points,
        )
    referral = refer(
        actor=navigator,
        commune=world.bergkamen,
        screening=ScreeningInput(
            sheet=sheet,
            ticked_positions=[1, 2, 9],
            observation="Unruhig",
            flagged_by_observation=True,
        ),
    )
    result = referral.screening_result
    assert result.score == 3
    assert result.positions == [1, 2]
    assert result.above_threshold
    assert result.suggests_conversation


def test_a_role_that_does_not_refer_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        refer(actor=world.user("bergkamen", Role.PLANNER), commune=world.bergkamen)
    assert ConsentScope.PASS_TO_EARLY_HELP in ConsentScope.values
