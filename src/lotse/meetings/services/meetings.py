"""Bodies, meetings, their agenda and documents; cloning a meeting from a template."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, User
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Body,
    BodyKind,
    Document,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from lotse.meetings.models.bodies import ALLOWED_DOCUMENT_TYPES, MAX_DOCUMENT_BYTES
from lotse.meetings.services.common import require_manage, write_history

BODY_FIELDS = ("name", "kind", "social_area", "description")
MEETING_FIELDS = ("title", "kind", "starts_at", "ends_at", "place", "online_url", "capacity")
# Meeting statuses that allow a move, as in the lifecycle table (DESIGN.md).
MEETING_TRANSITIONS: dict[str, tuple[str, ...]] = {
    MeetingStatus.PLANNED: (MeetingStatus.INVITED, MeetingStatus.HELD, MeetingStatus.CANCELLED),
    MeetingStatus.INVITED: (MeetingStatus.HELD, MeetingStatus.CANCELLED),
    MeetingStatus.HELD: (MeetingStatus.MINUTES_APPROVED,),
    MeetingStatus.MINUTES_APPROVED: (),
    MeetingStatus.CANCELLED: (),
}


def _check_body(commune: Commune, values: dict[str, Any]) -> None:
    area = values.get("social_area")
    if area is not None and area.commune_id != commune.pk:
        raise ValidationError({"social_area": [_("Please choose a social area of this commune.")]})
    if values.get("kind") == BodyKind.STEERING_GROUP and area is None:
        raise ValidationError(
            {"social_area": [_("A steering group works for one social area: please choose it.")]}
        )
    duplicate = Body.objects.for_commune(commune).filter(name=values.get("name"))
    if values.get("pk"):
        duplicate = duplicate.exclude(pk=values["pk"])
    if duplicate.exists():
        raise ValidationError({"name": [_("A body of this name exists already.")]})


@transaction.atomic
def save_body(
    *,
    actor: User,
    commune: Commune,
    values: dict[str, Any],
    organisations: list[Any] | None = None,
    people: list[User] | None = None,
    body: Body | None = None,
    expected_version: int | None = None,
) -> Body:
    """Create a body, or change one (optimistic locking on ``expected_version``)."""
    require_manage(actor, commune)
    _check_body(commune, {**values, "pk": body.pk if body else None})
    for organisation in organisations or []:
        if organisation.commune_id != commune.pk:
            raise ValidationError(
                {"organisations": [_("Please choose organisations of this commune.")]}
            )
    if body is None:
        body = Body(commune=commune)
        old: dict[str, Any] = {}
    else:
        body = Body.objects.for_commune(commune).select_for_update().get(pk=body.pk)
        check_version(body, expected_version=expected_version, yours=values, fields=BODY_FIELDS)
        old = {field: getattr(body, field) for field in BODY_FIELDS}
        body.version += 1
    for field in BODY_FIELDS:
        setattr(body, field, values.get(field, getattr(body, field, None)))
    body.save()
    if organisations is not None:
        body.organisations.set(organisations)
    if people is not None:
        body.people.set(people)
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.BODY_SAVED,
        target=body,
        changes={
            f: (old.get(f), getattr(body, f)) for f in BODY_FIELDS if old.get(f) != getattr(body, f)
        },
    )
    return body


@transaction.atomic
def close_working_group(
    *,
    actor: User,
    commune: Commune,
    body: Body,
    closed_on: date,
    results: str,
    presented_at: Meeting | None = None,
) -> Body:
    """A working group whose topic is done is closed; its results are presented to the
    network (seed 000: "erarbeiten Ergebnisse und stellen diese dem Netzwerk vor")."""
    require_manage(actor, commune)
    body = Body.objects.for_commune(commune).select_for_update().get(pk=body.pk)
    if body.kind != BodyKind.WORKING_GROUP:
        raise ValidationError(_("Only a working group is closed when its topic is done."))
    if body.is_closed:
        raise ValidationError(_("This working group is closed already."))
    if not results.strip():
        raise ValidationError({"results": [_("Please describe the results for the network.")]})
    if presented_at is not None and (
        presented_at.commune_id != commune.pk or presented_at.body.kind != BodyKind.PLENARY
    ):
        raise ValidationError(
            {"presented_at": [_("Results are presented at a meeting of the network plenary.")]}
        )
    body.closed_on = closed_on
    body.results = results
    body.results_presented_at = presented_at
    body.version += 1
    body.save()
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.BODY_CLOSED,
        target=body,
        changes={"closed_on": (None, closed_on)},
    )
    return body


def _check_meeting(commune: Commune, body: Body, values: dict[str, Any]) -> None:
    if body.commune_id != commune.pk:
        raise ValidationError({"body": [_("Please choose a body of this commune.")]})
    if body.is_closed:
        raise ValidationError({"body": [_("This working group is closed: it meets no more.")]})
    starts_at: datetime | None = values.get("starts_at")
    ends_at: datetime | None = values.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("The meeting must end after it starts.")]})
    if not values.get("place") and not values.get("online_url"):
        raise ValidationError({"place": [_("Please give a place or an online link.")]})
    if values.get("kind") == MeetingKind.CONFERENCE_DAY and not values.get("capacity"):
        raise ValidationError({"capacity": [_("A Fachtag needs a capacity for registrations.")]})


@transaction.atomic
def create_meeting(
    *,
    actor: User,
    commune: Commune,
    body: Body,
    values: dict[str, Any],
    is_template: bool = False,
    standard_agenda: bool = True,
) -> Meeting:
    """Plan a meeting. Plenary meetings get the standing item "news from the institutions"
    (seed 000: "Aktuelle Informationen aus den Einrichtungen … werden vorgestellt")."""
    require_manage(actor, commune)
    _check_meeting(commune, body, values)
    meeting = Meeting(commune=commune, body=body, is_template=is_template)
    for field in MEETING_FIELDS:
        if field in values:
            setattr(meeting, field, values[field])
    meeting.save()
    if standard_agenda and body.kind == BodyKind.PLENARY:
        AgendaItem.objects.for_commune(commune).create(
            commune=commune,
            meeting=meeting,
            position=1,
            kind=AgendaItemKind.NEWS,
            title=_("News from the institutions"),
        )
    record(actor=actor, commune=commune, action=MeetingAction.MEETING_SAVED, target=meeting)
    return meeting


@transaction.atomic
def update_meeting(
    *,
    actor: User,
    commune: Commune,
    meeting: Meeting,
    values: dict[str, Any],
    expected_version: int | None,
) -> Meeting:
    """Change date, place or title. Invited members get an update later
    (:func:`lotse.meetings.services.invitations.send_invitations`)."""
    require_manage(actor, commune)
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=meeting.pk)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError(_("This meeting can no longer be changed."))
    merged = {field: values.get(field, getattr(meeting, field)) for field in MEETING_FIELDS}
    _check_meeting(commune, meeting.body, merged)
    check_version(meeting, expected_version=expected_version, yours=values, fields=MEETING_FIELDS)
    changes = {
        field: (getattr(meeting, field), merged[field])
        for field in MEETING_FIELDS
        if getattr(meeting, field) != merged[field]
    }
    for field, value in merged.items():
        setattr(meeting, field, value)
    meeting.version += 1
    if changes and meeting.status == MeetingStatus.INVITED:
        meeting.ics_sequence += 1
    meeting.save()
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.MEETING_SAVED,
        target=meeting,
        changes=changes,
    )
    return meeting


@transaction.atomic
def clone_meeting(
    *,
    actor: User,
    commune: Commune,
    template: Meeting,
    starts_at: datetime,
    title: str = "",
) -> Meeting:
    """A new planned meeting with the template's body, place, duration and agenda."""
    require_manage(actor, commune)
    if template.commune_id != commune.pk:
        raise ValidationError(_("Please choose a meeting of this commune."))
    if template.body.is_closed:
        raise ValidationError(_("This working group is closed: it meets no more."))
    meeting: Meeting = Meeting.objects.for_commune(commune).create(
        commune=commune,
        body=template.body,
        kind=template.kind,
        title=title or template.title,
        starts_at=starts_at,
        ends_at=starts_at + (template.ends_at - template.starts_at),
        place=template.place,
        online_url=template.online_url,
        capacity=template.capacity,
    )
    AgendaItem.objects.for_commune(commune).bulk_create(
        [
            AgendaItem(
                commune=commune,
                meeting=meeting,
                position=item.position,
                kind=item.kind,
                title=item.title,
                speaker=item.speaker,
                description=item.description,
            )
            for item in template.agenda_items.all()
        ]
    )
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.MEETING_CLONED,
        target=meeting,
        changes={"template": (None, template)},
    )
    return meeting


@transaction.atomic
def add_agenda_item(
    *, actor: User, commune: Commune, meeting: Meeting, values: dict[str, Any]
) -> AgendaItem:
    require_manage(actor, commune)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError(_("The agenda of this meeting can no longer be changed."))
    if values.get("kind") == AgendaItemKind.EXPERT_TALK and not values.get("speaker", "").strip():
        raise ValidationError({"speaker": [_("An expert talk needs the name of the speaker.")]})
    last = meeting.agenda_items.order_by("-position").first()
    item: AgendaItem = AgendaItem.objects.for_commune(commune).create(
        commune=commune,
        meeting=meeting,
        position=(last.position + 1) if last else 1,
        kind=values.get("kind", AgendaItemKind.REGULAR),
        title=values["title"],
        speaker=values.get("speaker", ""),
        description=values.get("description", ""),
    )
    record(actor=actor, commune=commune, action=MeetingAction.AGENDA_ITEM_SAVED, target=item)
    return item


def check_upload(upload: UploadedFile) -> str:
    """The content type of an allowed upload, or a German error for the ``file`` field."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            {"file": [_("Please upload a PDF, office document, image or text file.")]}
        )
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": [_("The file is larger than 10 MB.")]})
    if suffix == ".pdf":
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise ValidationError({"file": [_("This file is not a PDF document.")]})
    return ALLOWED_DOCUMENT_TYPES[suffix]


@transaction.atomic
def attach_document(
    *,
    actor: User,
    commune: Commune,
    meeting: Meeting,
    title: str,
    upload: UploadedFile,
    agenda_item: AgendaItem | None = None,
) -> Document:
    require_manage(actor, commune)
    content_type = check_upload(upload)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": [_("Please choose an item of this meeting.")]})
    document = Document(
        commune=commune,
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        original_name=PurePath(upload.name or "").name[:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    document.file.save(upload.name or "document", upload, save=False)
    document.save()
    record(actor=actor, commune=commune, action=MeetingAction.DOCUMENT_UPLOADED, target=document)
    return document


@transaction.atomic
def change_meeting_status(
    *, actor: User, commune: Commune, meeting: Meeting, to_status: str, reason: str = ""
) -> Meeting:
    """Move a meeting along its lifecycle; refuses moves the table does not allow."""
    require_manage(actor, commune)
    meeting = Meeting.objects.for_commune(commune).select_for_update().get(pk=meeting.pk)
    return _move(actor=actor, commune=commune, meeting=meeting, to_status=to_status, reason=reason)


def _move(
    *, actor: User | None, commune: Commune, meeting: Meeting, to_status: str, reason: str = ""
) -> Meeting:
    """Inside a caller's transaction, with ``meeting`` locked."""
    if to_status not in MEETING_TRANSITIONS[meeting.status]:
        raise ValidationError(
            _("A meeting that is “%(old)s” cannot become “%(new)s”.")
            % {"old": meeting.get_status_display(), "new": MeetingStatus(to_status).label}
        )
    if to_status == MeetingStatus.HELD and meeting.starts_at > timezone.now():
        raise ValidationError(_("A meeting can only be marked as held once it has begun."))
    old = meeting.status
    meeting.status = to_status
    if to_status == MeetingStatus.CANCELLED:
        meeting.ics_sequence += 1
    meeting.save(update_fields=["status", "ics_sequence"])
    write_history(
        meeting, commune=commune, actor=actor, from_status=old, to_status=to_status, reason=reason
    )
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.MEETING_STATUS_CHANGED,
        target=meeting,
        changes={"status": (old, to_status)},
    )
    return meeting


@transaction.atomic
def update_meeting_settings(*, actor: User, commune: Commune, values: dict[str, Any]) -> None:
    """Attendance window and threshold, tie rule, quorum, Fachtag votes."""
    from lotse.meetings.models import MeetingSettings  # noqa: PLC0415

    require_manage(actor, commune)
    current, _created = MeetingSettings.objects.select_for_update().get_or_create(commune=commune)
    changes = {
        field: (getattr(current, field), value)
        for field, value in values.items()
        if getattr(current, field) != value
    }
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean()
    current.save()
    record(actor=actor, commune=commune, action=MeetingAction.SETTINGS_CHANGED, changes=changes)


@transaction.atomic
def renew_calendar_feed(*, actor: User, commune: Commune) -> Any:
    """A new secret address for the person's calendar feed; the old one stops working."""
    from lotse.meetings.models import CalendarFeed  # noqa: PLC0415
    from lotse.meetings.services.common import require_take_part  # noqa: PLC0415

    require_take_part(actor, commune)
    CalendarFeed.objects.for_commune(commune).filter(user=actor).delete()
    feed: CalendarFeed = CalendarFeed.objects.for_commune(commune).create(
        commune=commune, user=actor
    )
    record(actor=actor, commune=commune, action=MeetingAction.CALENDAR_FEED_RENEWED, target=actor)
    return feed
