"""Minutes per agenda item, with decisions (numbered per year) and action items;
draft → circulated → approved. The circulated draft and the approved minutes go to every
member as PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.locking import EditConflict, FieldDifference
from lotse.core.models import Commune, User
from lotse.core.outbox import Attachment, queue_email
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
)
from lotse.meetings.models.bodies import AgendaOutcome
from lotse.meetings.pdf import minutes_pdf
from lotse.meetings.services.common import require_manage, write_history
from lotse.meetings.services.invitations import recipients
from lotse.meetings.services.meetings import _move

ITEM_FIELDS = ("discussion", "outcome", "decision", "vote_result")
# Members may still send corrections for a circulated draft, so it stays editable.
EDITABLE_STATUSES = (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED)


def minutes_of(meeting: Meeting) -> Minutes:
    found: Minutes
    found, _created = Minutes.objects.for_commune(meeting.commune).get_or_create(
        commune=meeting.commune, meeting=meeting
    )
    return found


def _check_items(items: dict[AgendaItem, dict[str, Any]]) -> None:
    for item, values in items.items():
        if (
            values.get("outcome") == AgendaOutcome.DECIDED
            and not values.get("decision", "").strip()
        ):
            raise ValidationError(
                _("Item %(position)s is marked as decided: please write down the decision.")
                % {"position": item.position}
            )


def _next_decision_number(commune: Commune, year: int) -> int:
    highest = (
        AgendaItem.objects.for_commune(commune)
        .filter(decision_year=year)
        .aggregate(highest=Max("decision_number"))["highest"]
    )
    return (highest or 0) + 1


@transaction.atomic
def save_minutes(
    *,
    actor: User,
    commune: Commune,
    meeting: Meeting,
    introduction: str,
    items: dict[AgendaItem, dict[str, Any]],
    expected_version: int | None,
) -> Minutes:
    """Save the draft. Two people writing at once: the later save is refused with both
    versions (optimistic locking), nothing is overwritten. A decision gets the next number
    of the meeting's year when it is first written down."""
    require_manage(actor, commune)
    if not meeting.is_held:
        raise ValidationError(_("Minutes are written once the meeting has been held."))
    minutes: Minutes = (
        Minutes.objects.for_commune(commune).select_for_update().get(pk=minutes_of(meeting).pk)
    )
    if minutes.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Approved minutes can no longer be changed."))
    if expected_version is not None and minutes.version != expected_version:
        differences = [FieldDifference("introduction", minutes.introduction, introduction)]
        differences += [
            FieldDifference(f"{item.position}.{field}", getattr(item, field), values[field])
            for item, values in items.items()
            for field in ITEM_FIELDS
            if field in values and getattr(item, field) != values[field]
        ]
        raise EditConflict(current=minutes, differences=differences)
    _check_items(items)
    year = timezone.localdate(meeting.starts_at).year
    for item, values in items.items():
        if item.meeting_id != meeting.pk:
            raise ValidationError(_("Please choose an item of this meeting."))
        for field in ITEM_FIELDS:
            if field in values:
                setattr(item, field, values[field])
        if item.outcome == AgendaOutcome.DECIDED and item.decision_number is None:
            item.decision_year = year
            item.decision_number = _next_decision_number(commune, year)
        item.save()
    minutes.introduction = introduction
    minutes.version += 1
    minutes.save()
    record(actor=actor, commune=commune, action=MeetingAction.MINUTES_SAVED, target=minutes)
    return minutes


@transaction.atomic
def add_action_item(
    *,
    actor: User,
    commune: Commune,
    item: AgendaItem,
    description: str,
    owner: str,
    due_on: date | None,
) -> ActionItem:
    require_manage(actor, commune)
    if not description.strip():
        raise ValidationError({"description": [_("Please describe the task.")]})
    if not owner.strip():
        raise ValidationError({"owner": [_("Please name who is responsible.")]})
    minutes = minutes_of(item.meeting)
    if minutes.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Approved minutes can no longer be changed."))
    action: ActionItem = ActionItem.objects.for_commune(commune).create(
        commune=commune, agenda_item=item, description=description, owner=owner, due_on=due_on
    )
    record(actor=actor, commune=commune, action=MeetingAction.MINUTES_SAVED, target=action)
    return action


@transaction.atomic
def mark_action_item_done(
    *, actor: User, commune: Commune, action: ActionItem, done_on: date
) -> ActionItem:
    """Action items stay open across meetings until someone ticks them off."""
    require_manage(actor, commune)
    action = ActionItem.objects.for_commune(commune).select_for_update().get(pk=action.pk)
    if action.done_on is not None:
        raise ValidationError(_("This task is done already."))
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.ACTION_ITEM_DONE,
        target=action,
        changes={"done_on": (None, done_on)},
    )
    return action


def _refuse_open_items(meeting: Meeting) -> None:
    open_items = [item for item in meeting.agenda_items.all() if item.outcome == AgendaOutcome.OPEN]
    if open_items:
        raise ValidationError(
            _("Items without an outcome: %(items)s. Please complete the minutes first.")
            % {"items": ", ".join(str(item.position) for item in open_items)}
        )


def _send_to_members(*, commune: Commune, meeting: Meeting, minutes: Minutes, kind: str) -> int:
    """The minutes as PDF to everyone invited and every current member; returns how many."""
    pdf = minutes_pdf(minutes)
    addresses = sorted(
        {invitation.email for invitation in meeting.invitations.all()}
        | {recipient.email for recipient in recipients(meeting)}
    )
    context = {"meeting": meeting, "starts_at": timezone.localtime(meeting.starts_at)}
    for address in addresses:
        queue_email(
            kind=f"meetings.{kind}",
            to=[address],
            subject=render_to_string(f"meetings/emails/{kind}_subject.txt", context),
            body=render_to_string(f"meetings/emails/{kind}.txt", context),
            commune=commune,
            attachments=[Attachment("protokoll.pdf", pdf, "application/pdf")],
        )
    return len(addresses)


@transaction.atomic
def circulate_minutes(*, actor: User, commune: Commune, meeting: Meeting) -> Minutes:
    """Send the complete draft to the members so they can read it before the approval."""
    require_manage(actor, commune)
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Only the minutes of a held meeting can be circulated."))
    minutes: Minutes = (
        Minutes.objects.for_commune(commune).select_for_update().get(pk=minutes_of(meeting).pk)
    )
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(_("Only a draft can be circulated."))
    _refuse_open_items(meeting)
    minutes.status = MinutesStatus.CIRCULATED
    minutes.circulated_at = timezone.now()
    minutes.version += 1
    minutes.save()
    write_history(
        minutes,
        commune=commune,
        actor=actor,
        from_status=MinutesStatus.DRAFT,
        to_status=MinutesStatus.CIRCULATED,
    )
    sent = _send_to_members(
        commune=commune, meeting=meeting, minutes=minutes, kind="minutes_circulated"
    )
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.MINUTES_CIRCULATED,
        target=minutes,
        changes={
            "status": (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED),
            "sent_to": (None, sent),
        },
    )
    return minutes


@transaction.atomic
def approve_minutes(
    *, actor: User, commune: Commune, meeting: Meeting, approved_how: str
) -> Minutes:
    """Approve (by the next meeting or the board), freeze who attended, close the meeting
    and send the minutes as PDF to every member. Refused while an item is undecided.
    Normally the draft has been circulated first; a draft may still be approved at once
    (e.g. the board approves it in the same sitting), so the step is not forced."""
    require_manage(actor, commune)
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Only the minutes of a held meeting can be approved."))
    if not approved_how.strip():
        raise ValidationError(
            {"approved_how": [_("Please say who approved the minutes (next meeting or board).")]}
        )
    minutes: Minutes = (
        Minutes.objects.for_commune(commune).select_for_update().get(pk=minutes_of(meeting).pk)
    )
    if minutes.status not in EDITABLE_STATUSES:
        raise ValidationError(_("These minutes have been approved already."))
    _refuse_open_items(meeting)
    previous = minutes.status
    minutes.attendance_snapshot = [
        {
            "name": line.name,
            "organisation": line.organisation.name if line.organisation else "",
            "kind": str(line.get_kind_display()),
        }
        for line in meeting.attendances.filter(present=True).select_related("organisation")
    ]
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = actor
    minutes.approved_how = approved_how
    minutes.version += 1
    minutes.save()
    write_history(
        minutes,
        commune=commune,
        actor=actor,
        from_status=previous,
        to_status=MinutesStatus.APPROVED,
        reason=approved_how,
    )
    _move(actor=actor, commune=commune, meeting=meeting, to_status=MeetingStatus.MINUTES_APPROVED)
    sent = _send_to_members(commune=commune, meeting=meeting, minutes=minutes, kind="minutes")
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.MINUTES_APPROVED,
        target=minutes,
        changes={
            "status": (previous, MinutesStatus.APPROVED),
            "sent_to": (None, sent),
        },
    )
    return minutes
