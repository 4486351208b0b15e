"""``audit.record``: masked personal values, the changed object, and append-only rows."""

from __future__ import annotations

import pytest

from lotse.core.audit import MASK, CoreAction, record
from lotse.core.models import AuditEvent, SocialArea
from lotse.core.permissions import Role
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_record_masks_the_values_of_personal_fields(world: World) -> None:
    event = record(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=world.bergkamen,
        action=CoreAction.USER_INVITED,
        changes={"email": ("", "frau.schmidt@example.org"), "role": (None, "planner")},
        personal_fields={"email"},
    )
    stored = AuditEvent.objects.for_commune(world.bergkamen).get(pk=event.pk)
    assert stored.changes["email"] == {"old": MASK, "new": MASK}
    assert stored.changes["role"] == {"old": None, "new": "planner"}
    assert "frau.schmidt" not in str(stored.changes)


def test_record_stores_the_object_type_and_uuid(world: World) -> None:
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    actor = world.user("bergkamen", Role.COORDINATOR)
    event = record(
        actor=actor,
        commune=world.bergkamen,
        action=CoreAction.SOCIAL_AREA_FIGURES_SAVED,
        target=area,
        changes={"name": ("Mitte", "Bergkamen-Mitte")},
    )
    stored = AuditEvent.objects.for_commune(world.bergkamen).get(pk=event.pk)
    assert stored.object_type == "core.SocialArea"
    assert stored.object_id == str(area.uuid)
    assert stored.action == "core.social_area_figures_saved"
    assert stored.actor == actor
    assert stored.changes == {"name": {"old": "Mitte", "new": "Bergkamen-Mitte"}}


def test_record_stores_model_values_by_their_uuid(world: World) -> None:
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    event = record(
        actor=None,
        commune=world.bergkamen,
        action=CoreAction.SOCIAL_AREA_FIGURES_SAVED,
        changes={"social_area": (None, area)},
    )
    assert event.changes["social_area"] == {"old": None, "new": str(area.uuid)}
    assert event.actor is None


def test_saving_an_existing_event_again_is_refused(world: World) -> None:
    event = record(actor=None, commune=world.bergkamen, action=CoreAction.USER_INVITED)
    event.action = "core.something_else"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.for_commune(world.bergkamen).get(pk=event.pk).action == (
        "core.user_invited"
    )


def test_deleting_an_event_is_refused(world: World) -> None:
    event = record(actor=None, commune=world.bergkamen, action=CoreAction.USER_INVITED)
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.for_commune(world.bergkamen).filter(pk=event.pk).exists()


def test_audit_events_cannot_be_read_without_naming_the_commune(world: World) -> None:
    record(actor=None, commune=world.bergkamen, action=CoreAction.USER_INVITED)
    record(actor=None, commune=world.dortmund, action=CoreAction.USER_INVITED)
    assert AuditEvent.objects.for_commune(world.dortmund).count() == 1
    with pytest.raises(RuntimeError):
        AuditEvent.objects.all()


def test_bulk_updates_and_deletes_of_audit_events_are_refused(world: World) -> None:
    record(actor=None, commune=world.bergkamen, action="core.test_bulk")
    events = AuditEvent.objects.for_commune(world.bergkamen)
    with pytest.raises(PermissionError):
        events.update(action="core.forged")
    with pytest.raises(PermissionError):
        events.delete()
    with pytest.raises(PermissionError):
        AuditEvent.all_communes.all().delete()
