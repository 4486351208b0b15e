"""The network indicator of plenary attendance: seats taken by members' delegates or
deputies over the plenary meetings held in the year (commune-wide)."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.meetings.models import Attendance, AttendanceKind, BodyKind, Meeting
from lotse.meetings.models.bodies import HELD_STATUSES
from lotse.network.models import Organisation
from lotse.reports.indicators.base import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)
from lotse.reports.indicators.network import german_date, organisation_table, share


def _plenary_meetings(scope: Scope) -> list[Meeting]:
    meetings: list[Meeting] = list(
        Meeting.objects.for_commune(scope.commune)
        .filter(
            body__kind=BodyKind.PLENARY,
            status__in=HELD_STATUSES,
            is_template=False,
            starts_at__date__gte=scope.start,
            starts_at__date__lte=scope.end,
            starts_at__lte=timezone.now(),
        )
        .order_by("starts_at", "pk")
    )
    return meetings


def _attendance(
    scope: Scope, meetings: list[Meeting]
) -> tuple[dict[int, list[Organisation]], dict[int, set[int]]]:
    """Per meeting: the member organisations expected (members on the meeting's day) and
    the ids of those present through their delegate or deputy. Three queries."""
    organisations = list(
        Organisation.objects.for_commune(scope.commune)
        .filter(member_since__isnull=False)
        .select_related("institution_type")
        .order_by("name", "pk")
    )
    present: dict[int, set[int]] = defaultdict(set)
    rows = (
        Attendance.objects.for_commune(scope.commune)
        .filter(
            meeting__in=meetings,
            kind__in=[AttendanceKind.DELEGATE, AttendanceKind.DEPUTY],
            present=True,
            organisation__isnull=False,
        )
        .values_list("meeting_id", "organisation_id")
    )
    for meeting_id, organisation_id in rows:
        present[meeting_id].add(organisation_id)
    expected: dict[int, list[Organisation]] = {}
    for meeting in meetings:
        day = timezone.localdate(meeting.starts_at)
        expected[meeting.pk] = [o for o in organisations if o.is_member_on(day)]
        present[meeting.pk] &= {o.pk for o in expected[meeting.pk]}
    return expected, present


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.title} ({german_date(timezone.localdate(meeting.starts_at))})"


def meeting_attendance(scope: Scope) -> Result:
    meetings = _plenary_meetings(scope)
    expected, present = _attendance(scope, meetings)
    breakdown = []
    for meeting in meetings:
        seats, came = len(expected[meeting.pk]), len(present[meeting.pk])
        breakdown.append(
            Figure(
                key=str(meeting.uuid),
                label=_meeting_label(meeting),
                value=share(came, seats),
                numerator=came,
                denominator=seats,
            )
        )
    attended = sum(len(present[meeting.pk]) for meeting in meetings)
    seats = sum(len(expected[meeting.pk]) for meeting in meetings)
    return Result(
        value=share(attended, seats),
        numerator=attended,
        denominator=seats,
        breakdown=breakdown,
        note=_("Plenary meetings held: %(count)d") % {"count": len(meetings)},
    )


def meeting_attendance_drilldown(scope: Scope, row_key: str | None) -> Table:
    meetings = _plenary_meetings(scope)
    expected, present = _attendance(scope, meetings)
    if row_key is None:
        return Table(
            columns=[
                Column(_("Meeting")),
                Column(_("Date")),
                Column(_("Members present"), Unit.COUNT),
                Column(_("Members"), Unit.COUNT),
                Column(_("Attendance rate"), Unit.SHARE),
            ],
            rows=[
                [
                    meeting.title,
                    german_date(timezone.localdate(meeting.starts_at)),
                    len(present[meeting.pk]),
                    len(expected[meeting.pk]),
                    share(len(present[meeting.pk]), len(expected[meeting.pk])),
                ]
                for meeting in meetings
            ],
            links=[
                reverse(
                    "meetings:meeting_detail",
                    kwargs={"commune_slug": scope.commune.slug, "meeting_uuid": meeting.uuid},
                )
                for meeting in meetings
            ],
        )
    meeting = next((m for m in meetings if str(m.uuid) == row_key), None)
    if meeting is None:
        return organisation_table(scope, [], [Column(_("Present"))], {})
    yes, no = str(_("yes")), str(_("no"))
    return organisation_table(
        scope,
        expected[meeting.pk],
        [Column(_("Present"))],
        {o.pk: [yes if o.pk in present[meeting.pk] else no] for o in expected[meeting.pk]},
    )


INDICATORS: list[Indicator] = [
    Indicator(
        key="network.meeting_attendance",
        group=Group.NETWORK,
        title=_("Plenary meeting attendance"),
        definition=_(
            "Seats taken by member organisations (delegate or deputy present) divided by "
            "the member organisations on each meeting's day, over the plenary meetings "
            "held in the year."
        ),
        unit=Unit.SHARE,
        compute=meeting_attendance,
        drilldown=meeting_attendance_drilldown,
        by_social_area=False,
    ),
]
