"""Changing agenda items after they were added: their text and their order."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from lotse.meetings.services.common import require_manage

AGENDA_FIELDS = ("title", "kind", "speaker", "description")
UP = "up"
DOWN = "down"


def _check_changeable(meeting: Meeting) -> None:
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError(_("The agenda of this meeting can no longer be changed."))


@transaction.atomic
def update_agenda_item(
    *, actor: User, commune: Commune, item: AgendaItem, values: dict[str, Any]
) -> AgendaItem:
    """Title, kind, speaker and description; an expert talk keeps needing its speaker."""
    require_manage(actor, commune)
    item = AgendaItem.objects.for_commune(commune).select_for_update().get(pk=item.pk)
    _check_changeable(item.meeting)
    if not values.get("title", "").strip():
        raise ValidationError({"title": [_("Please give the item a title.")]})
    if values.get("kind") not in AgendaItemKind.values:
        raise ValidationError({"kind": [_("Please choose a kind.")]})
    if values["kind"] == AgendaItemKind.EXPERT_TALK and not values.get("speaker", "").strip():
        raise ValidationError({"speaker": [_("An expert talk needs the name of the speaker.")]})
    changes = {
        field: (getattr(item, field), values.get(field, ""))
        for field in AGENDA_FIELDS
        if getattr(item, field) != values.get(field, "")
    }
    for field, (_old, new) in changes.items():
        setattr(item, field, new)
    item.save(update_fields=[*changes])
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.AGENDA_ITEM_SAVED,
        target=item,
        changes=changes,
        personal_fields=("speaker",),
    )
    return item


@transaction.atomic
def move_agenda_item(
    *, actor: User, commune: Commune, item: AgendaItem, direction: str
) -> AgendaItem:
    """Swap the item with its neighbour above or below. Positions are renumbered 1..n on
    the way, so gaps left by older data cannot make a move do nothing."""
    require_manage(actor, commune)
    if direction not in (UP, DOWN):
        raise ValidationError(_("Please choose up or down."))
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=item.meeting_id)
    _check_changeable(meeting)
    items: list[AgendaItem] = list(meeting.agenda_items.order_by("position", "pk"))
    index = next(i for i, candidate in enumerate(items) if candidate.pk == item.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(items):
        raise ValidationError(
            _("This item is first already.") if direction == UP else _("This item is last already.")
        )
    old_position = items[index].position
    items[index], items[other] = items[other], items[index]
    for position, candidate in enumerate(items, start=1):
        if candidate.position != position:
            candidate.position = position
            candidate.save(update_fields=["position"])
    moved: AgendaItem = items[other]
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.AGENDA_ITEM_SAVED,
        target=moved,
        changes={"position": (old_position, moved.position)},
    )
    return moved
