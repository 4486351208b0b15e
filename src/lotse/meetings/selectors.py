"""Reads shared by pages, the API, funding and reports; always scoped to one commune."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from lotse.core.models import Commune
from lotse.meetings.models import Attendance, AttendanceKind, BodyKind, Meeting, MeetingSettings
from lotse.meetings.models.bodies import HELD_STATUSES
from lotse.network.models import Organisation

RATE_PLACES = Decimal("0.01")


def meeting_settings(commune: Commune) -> MeetingSettings:
    """The commune's meeting rules; the defaults until the coordinator changes them."""
    found, _created = MeetingSettings.objects.get_or_create(commune=commune)
    return found


def held_plenary_meetings(commune: Commune, *, before: datetime | None = None) -> QuerySet[Meeting]:
    """Plenary meetings that took place, newest first."""
    meetings: QuerySet[Meeting] = (
        Meeting.objects.for_commune(commune)
        .filter(
            body__kind=BodyKind.PLENARY,
            status__in=HELD_STATUSES,
            is_template=False,
            starts_at__lte=before or timezone.now(),
        )
        .order_by("-starts_at")
    )
    return meetings


def attendance_rate(organisation: Organisation, *, last: int | None = None) -> Decimal | None:
    """Share (0.00–1.00) of the last ``last`` held plenary meetings at which the
    organisation was present through its delegate or deputy; ``last`` defaults to the
    commune's attendance window. None when no plenary meeting has been held yet."""
    commune = organisation.commune
    window = last if last is not None else meeting_settings(commune).attendance_window
    meeting_ids = list(held_plenary_meetings(commune).values_list("pk", flat=True)[:window])
    if not meeting_ids:
        return None
    attended = (
        Attendance.objects.for_commune(commune)
        .filter(
            meeting_id__in=meeting_ids,
            organisation=organisation,
            kind__in=[AttendanceKind.DELEGATE, AttendanceKind.DEPUTY],
            present=True,
        )
        .values("meeting_id")
        .distinct()
        .count()
    )
    return (Decimal(attended) / Decimal(len(meeting_ids))).quantize(RATE_PLACES)


def is_actively_involved(organisation: Organisation) -> bool:
    """The funding test "actively involved in the network" (seed 000): the attendance rate
    reaches the commune's threshold. With no plenary meeting held yet nobody can have
    missed one, so every organisation counts as involved."""
    rate = attendance_rate(organisation)
    if rate is None:
        return True
    return rate >= meeting_settings(organisation.commune).attendance_threshold


def attendance_rates(commune: Commune, organisations: list[Organisation]) -> dict[int, Decimal]:
    """Attendance rate per organisation id in two queries, for the participation page."""
    window = meeting_settings(commune).attendance_window
    meeting_ids = list(held_plenary_meetings(commune).values_list("pk", flat=True)[:window])
    if not meeting_ids:
        return {}
    counts: dict[int, int] = {organisation.pk: 0 for organisation in organisations}
    rows = (
        Attendance.objects.for_commune(commune)
        .filter(
            meeting_id__in=meeting_ids,
            organisation__in=organisations,
            kind__in=[AttendanceKind.DELEGATE, AttendanceKind.DEPUTY],
            present=True,
        )
        .values_list("organisation_id", "meeting_id")
        .distinct()
    )
    for organisation_id, _meeting_id in rows:
        counts[organisation_id] += 1
    return {
        pk: (Decimal(count) / Decimal(len(meeting_ids))).quantize(RATE_PLACES)
        for pk, count in counts.items()
    }
