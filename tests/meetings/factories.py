from __future__ import annotations

from datetime import UTC, datetime, timedelta

import factory

from lotse.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    Body,
    BodyKind,
    Meeting,
    MeetingStatus,
)
from tests.core.factories import CommuneFactory, TenantFactory


class BodyFactory(TenantFactory):
    class Meta:
        model = Body

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Netzwerk Frühe Hilfen {n}")
    kind = BodyKind.PLENARY


class MeetingFactory(TenantFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    commune = factory.LazyAttribute(lambda o: o.body.commune)
    title = factory.Sequence(lambda n: f"Netzwerktreffen {n}")
    starts_at = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Rathaus, Großer Sitzungssaal"
    status = MeetingStatus.PLANNED


class AgendaItemFactory(TenantFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    commune = factory.LazyAttribute(lambda o: o.meeting.commune)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")


class AttendanceFactory(TenantFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    commune = factory.LazyAttribute(lambda o: o.meeting.commune)
    name = "Vera Beispiel"
    kind = AttendanceKind.DELEGATE
    present = True
