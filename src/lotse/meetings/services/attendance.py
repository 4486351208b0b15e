"""The attendance list: guests approved by the network, and who came for whom."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import (
    Attendance,
    AttendanceKind,
    GuestRequest,
    GuestStatus,
    Meeting,
    MeetingStatus,
    Reply,
)
from lotse.meetings.services.common import require_manage, require_take_part, write_history
from lotse.meetings.services.invitations import member_organisations
from lotse.network.models import Organisation
from lotse.network.selectors import current_delegation

GUEST_PERSONAL_FIELDS = ("name",)


def _open_for_attendance(meeting: Meeting) -> None:
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError(_("The attendance list of this meeting is closed."))


@transaction.atomic
def request_guest(
    *, actor: User, commune: Commune, meeting: Meeting, name: str, affiliation: str, reason: str
) -> GuestRequest:
    """Members and the coordination may propose a guest; the network decides."""
    require_take_part(actor, commune)
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("Guests must be proposed before the meeting."))
    if not name.strip():
        raise ValidationError({"name": [_("Please give the guest's name.")]})
    guest: GuestRequest = GuestRequest.objects.for_commune(commune).create(
        commune=commune, meeting=meeting, name=name, affiliation=affiliation, reason=reason
    )
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.GUEST_REQUESTED,
        target=guest,
        changes={"name": (None, name)},
        personal_fields=GUEST_PERSONAL_FIELDS,
    )
    return guest


@transaction.atomic
def decide_guest(
    *, actor: User, commune: Commune, guest: GuestRequest, approve: bool, note: str
) -> GuestRequest:
    """The coordinator records the network's decision, before the meeting begins."""
    require_manage(actor, commune)
    guest = GuestRequest.objects.for_commune(commune).select_for_update().get(pk=guest.pk)
    if guest.status != GuestStatus.REQUESTED:
        raise ValidationError(_("The network has decided about this guest already."))
    if guest.meeting.starts_at <= timezone.now():
        raise ValidationError(_("A guest must be approved before the meeting begins."))
    if approve and not note.strip():
        raise ValidationError(
            {"note": [_("Please note how the network agreed (e.g. by e-mail on 3 March).")]}
        )
    old = guest.status
    guest.status = GuestStatus.APPROVED if approve else GuestStatus.REJECTED
    guest.approval_note = note
    guest.decided_at = timezone.now()
    guest.decided_by = actor
    guest.save()
    write_history(guest, commune=commune, actor=actor, from_status=old, to_status=guest.status)
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.GUEST_DECIDED,
        target=guest,
        changes={"status": (old, guest.status)},
    )
    return guest


@transaction.atomic
def add_attendance(
    *,
    actor: User,
    commune: Commune,
    meeting: Meeting,
    kind: str,
    name: str = "",
    organisation: Organisation | None = None,
    guest: GuestRequest | None = None,
    present: bool | None = None,
) -> Attendance:
    """Put a person on the list. An organisation has one seat: its delegate or, when the
    delegate cannot come, its deputy. A guest must have been approved."""
    require_manage(actor, commune)
    _open_for_attendance(meeting)
    if kind == AttendanceKind.GUEST:
        if guest is None or guest.meeting_id != meeting.pk:
            raise ValidationError({"guest": [_("Please choose a guest of this meeting.")]})
        if guest.status != GuestStatus.APPROVED:
            raise ValidationError(
                {"guest": [_("This guest has not been approved by the network.")]}
            )
        name, organisation = guest.name, None
    elif kind in (AttendanceKind.DELEGATE, AttendanceKind.DEPUTY):
        if organisation is None or organisation.commune_id != commune.pk:
            raise ValidationError({"organisation": [_("Please choose the organisation.")]})
        if not name.strip():
            delegate, deputy = current_delegation(
                organisation, timezone.localdate(meeting.starts_at)
            )
            person = delegate if kind == AttendanceKind.DELEGATE else deputy
            name = person.name if person is not None else ""
        if not name.strip():
            raise ValidationError({"name": [_("Please give the name of the person.")]})
    elif kind == AttendanceKind.STAFF:
        if not name.strip():
            raise ValidationError({"name": [_("Please give the name of the person.")]})
        organisation = None
    else:
        raise ValidationError({"kind": [_("Please choose the role.")]})
    try:
        with transaction.atomic():
            attendance: Attendance = Attendance.objects.for_commune(commune).create(
                commune=commune,
                meeting=meeting,
                kind=kind,
                name=name,
                organisation=organisation,
                guest=guest if kind == AttendanceKind.GUEST else None,
                present=present,
            )
    except IntegrityError:
        raise ValidationError(
            {"organisation": [_("This organisation is on the list already (delegate or deputy).")]}
        ) from None
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.ATTENDANCE_RECORDED,
        target=attendance,
        changes={"kind": (None, kind), "name": (None, name)},
        personal_fields=("name",),
    )
    return attendance


@transaction.atomic
def prepare_attendance_list(*, actor: User, commune: Commune, meeting: Meeting) -> int:
    """One line per member organisation with its delegate — or its deputy if the reply
    said so — ready to be ticked on the tablet or signed on paper. Returns lines added."""
    require_manage(actor, commune)
    _open_for_attendance(meeting)
    on = timezone.localdate(meeting.starts_at)
    listed = set(
        meeting.attendances.exclude(organisation=None).values_list("organisation_id", flat=True)
    )
    deputy_replies = set(
        meeting.invitations.filter(reply=Reply.DEPUTY_ATTENDS).values_list(
            "organisation_id", flat=True
        )
    )
    lines = []
    for organisation in member_organisations(meeting):
        if organisation.pk in listed:
            continue
        delegate, deputy = current_delegation(organisation, on)
        use_deputy = organisation.pk in deputy_replies and deputy is not None
        person = deputy if use_deputy else delegate
        lines.append(
            Attendance(
                commune=commune,
                meeting=meeting,
                organisation=organisation,
                person=person,
                name=person.name if person is not None else "",
                kind=AttendanceKind.DEPUTY if use_deputy else AttendanceKind.DELEGATE,
            )
        )
    Attendance.objects.for_commune(commune).bulk_create(lines)
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.ATTENDANCE_RECORDED,
        target=meeting,
        changes={"lines": (None, len(lines))},
    )
    return len(lines)


@transaction.atomic
def set_presence(
    *,
    actor: User,
    commune: Commune,
    attendance: Attendance,
    present: bool,
    kind: str | None = None,
    name: str | None = None,
) -> Attendance:
    """Tick a line during the meeting: present or not, and, if the deputy came instead of
    the delegate, say so."""
    require_manage(actor, commune)
    attendance = Attendance.objects.for_commune(commune).select_for_update().get(pk=attendance.pk)
    _open_for_attendance(attendance.meeting)
    if attendance.kind == AttendanceKind.GUEST and (
        attendance.guest is None or attendance.guest.status != GuestStatus.APPROVED
    ):
        raise ValidationError(_("This guest has not been approved by the network."))
    old = (attendance.present, attendance.kind)
    if kind is not None and attendance.organisation_id is not None:
        if kind not in (AttendanceKind.DELEGATE, AttendanceKind.DEPUTY):
            raise ValidationError({"kind": [_("Please choose the role.")]})
        attendance.kind = kind
    if name:
        attendance.name = name
    attendance.present = present
    attendance.save()
    record(
        actor=actor,
        commune=commune,
        action=MeetingAction.ATTENDANCE_RECORDED,
        target=attendance,
        changes={"present": (old[0], present), "kind": (old[1], attendance.kind)},
    )
    return attendance
