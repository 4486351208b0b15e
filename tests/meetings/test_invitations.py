"""Invitations by e-mail with an .ics attachment in Europe/Berlin and a reply link;
updates and cancellations keep the UID and raise the SEQUENCE."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from icalendar import Calendar

from lotse.core.models import AuditEvent, OutboxMessage
from lotse.meetings.models import Invitation, MeetingStatus, Reply
from lotse.meetings.services.invitations import cancel_meeting, send_invitations
from lotse.meetings.services.meetings import update_meeting
from tests.mail import SmtpServer
from tests.meetings.conftest import Network

Callbacks = Callable[..., object]
BASE = "https://lotse.example"
BERLIN = ZoneInfo("Europe/Berlin")


def _ics(message: EmailMessage) -> Calendar:
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    return Calendar.from_ical(attachment.get_content())


def _event(calendar: Calendar):  # type: ignore[no-untyped-def]
    [event] = calendar.walk("VEVENT")
    return event


def test_delegates_and_deputies_are_invited_with_an_ics_in_berlin_time(
    network: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        send_invitations(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            meeting=network.meeting,
            base_url=BASE,
        )
    recipients = sorted(message["To"] for message in smtp_server.messages)
    assert recipients == [
        "dana@familienbildung.test",
        "olga@beratung.test",
        "vera@familienbildung.test",
    ]
    message = next(m for m in smtp_server.messages if m["To"] == "vera@familienbildung.test")
    assert "Einladung: Netzwerktreffen März" in message["Subject"]
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    invitation = Invitation.objects.for_commune(network.world.bergkamen).get(
        email="vera@familienbildung.test"
    )
    assert f"{BASE}/bergkamen/meetings/reply/{invitation.token}/" in body
    assert "Neuigkeiten aus den Einrichtungen" in body
    calendar = _ics(message)
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 3, 4, 14, 0, tzinfo=BERLIN)
    assert str(start.tzinfo) == "Europe/Berlin"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert str(event["UID"]) == network.meeting.ics_uid
    assert event["SEQUENCE"] == 0
    network.meeting.refresh_from_db()
    assert network.meeting.status == MeetingStatus.INVITED
    assert OutboxMessage.objects.filter(kind="meetings.invitation").count() == 3
    assert all(m.attachments == "" for m in OutboxMessage.objects.all()), "blanked once sent"


def test_a_changed_meeting_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    network: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    commune = network.world.bergkamen
    send_invitations(
        actor=network.coordinator, commune=commune, meeting=network.meeting, base_url=BASE
    )
    later = network.meeting.starts_at + timedelta(hours=1)
    update_meeting(
        actor=network.coordinator,
        commune=commune,
        meeting=network.meeting,
        values={"starts_at": later, "ends_at": later + timedelta(hours=2)},
        expected_version=network.meeting.version,
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        send_invitations(
            actor=network.coordinator, commune=commune, meeting=network.meeting, base_url=BASE
        )
    updates = [m for m in smtp_server.messages if m["Subject"].strip().startswith("Geändert")]
    assert len(updates) == 3
    event = _event(_ics(updates[0]))
    assert str(event["UID"]) == network.meeting.ics_uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == datetime(2026, 3, 4, 15, 0, tzinfo=BERLIN)


def test_a_cancellation_reaches_everyone_invited_as_a_calendar_cancel(
    network: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    commune = network.world.bergkamen
    send_invitations(
        actor=network.coordinator, commune=commune, meeting=network.meeting, base_url=BASE
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        cancel_meeting(
            actor=network.coordinator,
            commune=commune,
            meeting=network.meeting,
            reason="Raum nicht verfügbar",
            base_url=BASE,
        )
    cancellations = [m for m in smtp_server.messages if m["Subject"].strip().startswith("Abgesagt")]
    assert len(cancellations) == 3
    calendar = _ics(cancellations[0])
    assert calendar["METHOD"] == "CANCEL"
    event = _event(calendar)
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == network.meeting.ics_uid
    assert event["SEQUENCE"] == 1


def test_partner_staff_cannot_send_invitations(network: Network) -> None:
    with pytest.raises(PermissionDenied):
        send_invitations(
            actor=network.partner,
            commune=network.world.bergkamen,
            meeting=network.meeting,
            base_url=BASE,
        )
    assert not Invitation.objects.for_commune(network.world.bergkamen).exists()


def test_an_organisation_without_named_people_is_invited_at_its_address(network: Network) -> None:
    network.counselling.delegations.all().delete()
    network.counselling.email = "info@beratung.test"
    network.counselling.save()
    sent = send_invitations(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        base_url=BASE,
    )
    assert "info@beratung.test" in {invitation.email for invitation in sent}


def test_a_meeting_that_has_begun_gets_no_invitations(network: Network, now) -> None:  # type: ignore[no-untyped-def]
    now.move_to(network.meeting.starts_at + timedelta(minutes=5))
    with pytest.raises(ValidationError, match="begonnen"):
        send_invitations(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            meeting=network.meeting,
            base_url=BASE,
        )


def test_the_reply_link_works_without_logging_in(network: Network) -> None:
    [invitation, *_rest] = send_invitations(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        base_url=BASE,
    )
    url = f"/bergkamen/meetings/reply/{invitation.token}/"
    page = Client().get(url)
    assert page.status_code == 200
    assert "Netzwerktreffen März" in page.content.decode()
    response = Client().post(url, {"reply": Reply.DEPUTY_ATTENDS})
    assert response.status_code == 200
    assert "Ihre Antwort wurde gespeichert" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.reply == Reply.DEPUTY_ATTENDS
    assert (
        AuditEvent.objects.for_commune(network.world.bergkamen)
        .filter(action="meetings.invitation_answered")
        .count()
        == 1
    )


def test_a_wrong_reply_token_or_another_communes_address_is_not_found(network: Network) -> None:
    [invitation, *_rest] = send_invitations(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        base_url=BASE,
    )
    assert Client().get("/bergkamen/meetings/reply/nonsense/").status_code == 404
    assert Client().get(f"/dortmund/meetings/reply/{invitation.token}/").status_code == 404


def test_an_invalid_reply_is_refused_in_german_and_changes_nothing(network: Network) -> None:
    [invitation, *_rest] = send_invitations(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        base_url=BASE,
    )
    response = Client().post(f"/bergkamen/meetings/reply/{invitation.token}/", {"reply": "maybe"})
    assert response.status_code == 200
    assert "gültige Auswahl" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.reply == Reply.NONE
