"""The pages: calendar list and month view, uploads, the calendar feed, exports (audited),
the minutes form, and that list pages do not grow their queries with rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from icalendar import Calendar
from pytest_django import DjangoAssertNumQueries
from pytest_django import Settings as SettingsWrapper

from lotse.core.models import AuditEvent
from lotse.meetings.models import CalendarFeed, Document, MeetingStatus, MinutesStatus
from lotse.meetings.services.meetings import change_meeting_status, clone_meeting
from lotse.meetings.services.minutes import minutes_of
from tests.meetings.conftest import AFTER_MEETING, Network
from tests.meetings.factories import MeetingFactory

ClientFor = Callable[[str, str], Client]


@pytest.fixture(autouse=True)
def _media(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _url(network: Network, name: str = "") -> str:
    return f"/bergkamen/meetings/{network.meeting.uuid}/{name}"


def test_the_calendar_lists_upcoming_meetings_in_a_constant_number_of_queries(
    network: Network, client_for: ClientFor, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for("bergkamen", "partner_staff")
    for number in range(15):
        MeetingFactory(
            body=network.plenary,
            title=f"Treffen {number}",
            starts_at=network.meeting.starts_at + timedelta(days=number),
        )
    with django_assert_max_num_queries(20):
        page = client.get("/bergkamen/meetings/")
    assert page.status_code == 200
    assert "Treffen 14" in page.content.decode()
    assert "Treffen planen" not in page.content.decode(), "partners do not plan meetings"


def test_the_month_view_shows_the_meeting_on_its_day(
    network: Network, client_for: ClientFor
) -> None:
    page = client_for("bergkamen", "coordinator").get("/bergkamen/meetings/month/?month=2026-03")
    assert page.status_code == 200
    assert "Netzwerktreffen März" in page.content.decode()
    assert (
        client_for("bergkamen", "coordinator").get("/bergkamen/meetings/month/?month=x").status_code
        == 404
    )


def test_a_document_of_a_forbidden_type_is_refused_and_nothing_is_stored(
    network: Network, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", "coordinator")
    upload = SimpleUploadedFile("skript.exe", b"MZ...", content_type="application/octet-stream")
    page = client.post(
        _url(network, "documents/"), {"title": "Skript", "file": upload}, follow=True
    )
    assert "Bitte laden Sie ein PDF" in page.content.decode()
    assert not Document.objects.for_commune(network.world.bergkamen).exists()


def test_a_document_is_stored_under_a_random_name_and_downloaded_by_members_only(
    network: Network, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", "coordinator")
    upload = SimpleUploadedFile(
        "Protokoll Müller.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )
    client.post(_url(network, "documents/"), {"title": "Vorlage", "file": upload})
    document = Document.objects.for_commune(network.world.bergkamen).get()
    assert "Müller" not in document.file.name
    download = client_for("bergkamen", "partner_staff").get(
        f"/bergkamen/meetings/documents/{document.uuid}/"
    )
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 test"
    assert (
        client_for("dortmund", "coordinator")
        .get(f"/bergkamen/meetings/documents/{document.uuid}/")
        .status_code
        == 404
    )


def test_the_calendar_feed_needs_no_session_and_shows_the_persons_meetings(
    network: Network, client_for: ClientFor
) -> None:
    client_for("bergkamen", "partner_staff").post("/bergkamen/meetings/calendar/")
    feed = CalendarFeed.objects.for_commune(network.world.bergkamen).get(user=network.partner)
    response = Client().get(f"/bergkamen/meetings/feed/{feed.token}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Netzwerktreffen März"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert Client().get("/bergkamen/meetings/feed/wrong.ics").status_code == 404


def test_the_oparl_export_is_audited(network: Network, client_for: ClientFor) -> None:
    response = client_for("bergkamen", "coordinator").get("/bergkamen/meetings/oparl.json")
    document = json.loads(response.content)
    assert document["type"] == "https://schema.oparl.org/1.1/Body"
    [organization] = document["organization"]
    assert organization["type"] == "https://schema.oparl.org/1.1/Organization"
    [meeting] = document["meeting"]
    assert meeting["agendaItem"][0]["name"] == "Neuigkeiten aus den Einrichtungen"
    assert meeting["start"].startswith("2026-03-04T14:00:00+01:00")
    assert (
        AuditEvent.objects.for_commune(network.world.bergkamen)
        .filter(action="meetings.exported")
        .count()
        == 1
    )


def test_a_meeting_is_cloned_from_a_template_with_its_agenda(network: Network) -> None:
    clone = clone_meeting(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        template=network.meeting,
        starts_at=network.meeting.starts_at + timedelta(days=91),
        title="Netzwerktreffen Juni",
    )
    assert clone.status == MeetingStatus.PLANNED
    assert clone.ends_at - clone.starts_at == timedelta(hours=2)
    assert [item.title for item in clone.agenda_items.all()] == [
        "Neuigkeiten aus den Einrichtungen"
    ]


def test_the_minutes_form_saves_and_refuses_a_stale_version_showing_both(
    network: Network, client_for: ClientFor, now: time_machine.Coordinates
) -> None:
    now.move_to(AFTER_MEETING)
    change_meeting_status(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        to_status=MeetingStatus.HELD,
    )
    client = client_for("bergkamen", "coordinator")
    [item] = network.meeting.agenda_items.all()
    version = minutes_of(network.meeting).version
    data = {
        "version": version,
        "introduction": "Begrüßung",
        f"{item.uuid}-discussion": "Kita Oberaden",
        f"{item.uuid}-outcome": "noted",
    }
    assert client.post(_url(network, "minutes/"), data).status_code == 302
    stale = client.post(_url(network, "minutes/"), data | {"introduction": "Andere"})
    assert "Jemand anderes hat dies gespeichert" in stale.content.decode()
    assert minutes_of(network.meeting).introduction == "Begrüßung"
    page = client.post(
        _url(network, "minutes/approve/"), {"approved_how": "Geschäftsführung"}, follow=True
    )
    assert "genehmigt" in page.content.decode()
    assert minutes_of(network.meeting).status == MinutesStatus.APPROVED


def test_the_participation_page_flags_organisations_below_the_threshold(
    network: Network,
    client_for: ClientFor,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    from lotse.meetings.models import AttendanceKind, BodyKind  # noqa: PLC0415
    from tests.meetings.factories import AttendanceFactory, BodyFactory  # noqa: PLC0415

    plenary = BodyFactory(commune=network.world.bergkamen, kind=BodyKind.PLENARY, name="Plenum alt")
    for number in range(4):
        meeting = MeetingFactory(
            body=plenary,
            status=MeetingStatus.HELD,
            starts_at=network.meeting.starts_at - timedelta(days=90 * (number + 1)),
        )
        AttendanceFactory(
            meeting=meeting, organisation=network.family_education, kind=AttendanceKind.DELEGATE
        )
    client = client_for("bergkamen", "coordinator")
    with django_assert_max_num_queries(25):
        page = client.get("/bergkamen/meetings/participation/").content.decode()
    assert "unter der Mindestquote" in page  # the counselling office attended none
    assert "100 %" in page
    response = client.post(
        "/bergkamen/meetings/participation/",
        {
            "attendance_window": 0,
            "attendance_threshold": "0.5",
            "tie_rule": "lot",
            "election_quorum": "0.5",
            "topic_votes_per_organisation": 3,
        },
    )
    assert response.status_code == 200
    assert "größer oder gleich 1" in response.content.decode()
