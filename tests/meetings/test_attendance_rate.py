"""Participation: the attendance rate over the last N held plenary meetings, and the
"actively involved" test that funding applications use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from lotse.meetings.models import AttendanceKind, BodyKind, MeetingStatus
from lotse.meetings.selectors import attendance_rate, is_actively_involved, meeting_settings
from tests.conftest import World
from tests.meetings.factories import AttendanceFactory, BodyFactory, MeetingFactory


def _held_plenary_meetings(world: World, count: int) -> list:  # type: ignore[type-arg]
    plenary = BodyFactory(commune=world.bergkamen, kind=BodyKind.PLENARY)
    return [
        MeetingFactory(
            body=plenary,
            status=MeetingStatus.HELD,
            starts_at=datetime(2025, 1, 15, 13, tzinfo=UTC) + timedelta(days=60 * number),
        )
        for number in range(count)
    ]


def test_no_held_meeting_means_no_rate_and_nobody_is_flagged(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    assert attendance_rate(organisation) is None
    assert is_actively_involved(organisation)


def test_the_rate_counts_the_last_n_held_plenary_meetings_only(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    meetings = _held_plenary_meetings(world, 6)
    # Present at the two oldest (outside the window of 4) and at 2 of the last 4.
    for meeting in (meetings[0], meetings[1], meetings[3], meetings[5]):
        AttendanceFactory(meeting=meeting, organisation=organisation)
    # A working group does not count, nor does a planned meeting.
    MeetingFactory(
        body=BodyFactory(commune=world.bergkamen, kind=BodyKind.WORKING_GROUP),
        status=MeetingStatus.HELD,
        starts_at=datetime(2026, 1, 1, 10, tzinfo=UTC),
    )
    assert attendance_rate(organisation) == Decimal("0.50")
    assert attendance_rate(organisation, last=6) == Decimal("0.67")
    assert attendance_rate(organisation, last=1) == Decimal("1.00")


def test_the_deputy_attending_counts_and_a_no_show_does_not(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    first, second = _held_plenary_meetings(world, 2)
    AttendanceFactory(meeting=first, organisation=organisation, kind=AttendanceKind.DEPUTY)
    AttendanceFactory(meeting=second, organisation=organisation, present=False)
    assert attendance_rate(organisation) == Decimal("0.50")


def test_an_organisation_below_the_commune_threshold_is_not_actively_involved(
    world: World,
) -> None:
    organisation = world.organisations["bergkamen"]
    meetings = _held_plenary_meetings(world, 4)
    AttendanceFactory(meeting=meetings[0], organisation=organisation)
    AttendanceFactory(meeting=meetings[1], organisation=organisation)
    assert is_actively_involved(organisation)  # 2 of 4 = 0.50, the default threshold
    settings = meeting_settings(world.bergkamen)
    settings.attendance_threshold = Decimal("0.75")
    settings.save()
    assert not is_actively_involved(organisation)
