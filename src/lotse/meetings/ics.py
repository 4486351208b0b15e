"""iCalendar (RFC 5545) for invitations and feeds. Times are written in Europe/Berlin
with a VTIMEZONE, so calendars show the local time whatever zone they run in; an update
or cancellation keeps the meeting's UID and raises its SEQUENCE."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from lotse.meetings.models import Meeting, MeetingStatus

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Lotse//Netzwerk Frühe Hilfen//DE"


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add_component(Timezone.from_tzinfo(BERLIN, first_date=date(2020, 1, 1)))
    return calendar


def _event(meeting: Meeting, *, organizer_email: str = "", attendee_email: str = "") -> Event:
    event = Event()
    event.add("uid", meeting.ics_uid)
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at, BERLIN))
    event.add("dtend", timezone.localtime(meeting.ends_at, BERLIN))
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    agenda = "\n".join(
        f"{item.position}. {item.title}" + (f" ({item.speaker})" if item.speaker else "")
        for item in meeting.agenda_items.all()
    )
    if agenda:
        event.add("description", agenda)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organizer_email:
        organizer = vCalAddress(f"mailto:{organizer_email}")
        organizer.params["cn"] = vText(meeting.commune.youth_office_name or meeting.commune.name)
        event["organizer"] = organizer
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)
    return event


def invitation_ics(meeting: Meeting, *, organizer_email: str, attendee_email: str) -> bytes:
    """The .ics attachment of an invitation, an update (same UID, higher SEQUENCE) or a
    cancellation (METHOD:CANCEL)."""
    cancelled = meeting.status == MeetingStatus.CANCELLED
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    calendar.add_component(
        _event(meeting, organizer_email=organizer_email, attendee_email=attendee_email)
    )
    return bytes(calendar.to_ical())


def feed_ics(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """A subscribable feed: no METHOD (RFC 7986 calendars), one event per meeting."""
    calendar = _calendar(None)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return bytes(calendar.to_ical())
