"""Minutes per agenda item with numbered decisions and tasks; draft → circulated →
approved; the circulated draft and the approved minutes go to every member as PDF;
optimistic locking; search."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from lotse.core.locking import EditConflict
from lotse.core.models import AuditEvent
from lotse.meetings.models import MeetingStatus, MinutesStatus, StatusChange
from lotse.meetings.models.bodies import AgendaOutcome
from lotse.meetings.services.attendance import prepare_attendance_list, set_presence
from lotse.meetings.services.meetings import add_agenda_item, change_meeting_status
from lotse.meetings.services.minutes import (
    add_action_item,
    approve_minutes,
    circulate_minutes,
    minutes_of,
    save_minutes,
)
from tests.mail import SmtpServer
from tests.meetings.conftest import AFTER_MEETING, Network

Callbacks = Callable[..., object]
ClientFor = Callable[[str, str], Client]


@pytest.fixture
def held(network: Network, now: time_machine.Coordinates) -> Network:
    commune = network.world.bergkamen
    add_agenda_item(
        actor=network.coordinator,
        commune=commune,
        meeting=network.meeting,
        values={"title": "Babylotsinnen im Klinikum", "kind": "expert_talk", "speaker": "Dr. Weiß"},
    )
    prepare_attendance_list(actor=network.coordinator, commune=commune, meeting=network.meeting)
    now.move_to(AFTER_MEETING)
    for line in network.meeting.attendances.all():
        set_presence(actor=network.coordinator, commune=commune, attendance=line, present=True)
    change_meeting_status(
        actor=network.coordinator,
        commune=commune,
        meeting=network.meeting,
        to_status=MeetingStatus.HELD,
    )
    network.meeting.refresh_from_db()
    return network


def _write(
    network: Network, decision: str = "Das Netzwerk richtet eine AG Sprachmittlung ein."
) -> None:
    news, talk = list(network.meeting.agenda_items.all())
    save_minutes(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        introduction="Begrüßung durch die Koordination.",
        items={
            news: {"discussion": "Neue Kita in Oberaden.", "outcome": AgendaOutcome.NOTED},
            talk: {
                "discussion": "Vortrag.",
                "outcome": AgendaOutcome.DECIDED,
                "decision": decision,
            },
        },
        expected_version=minutes_of(network.meeting).version,
    )


def test_decisions_are_numbered_per_year(held: Network) -> None:
    _write(held)
    talk = held.meeting.agenda_items.get(position=2)
    assert (talk.decision_number, talk.decision_year) == (1, 2026)
    assert talk.decision_reference == "1/2026"


def test_a_decided_item_needs_the_decision_text(held: Network) -> None:
    with pytest.raises(ValidationError, match="Beschluss auf"):
        _write(held, decision="")
    assert held.meeting.agenda_items.get(position=2).outcome == AgendaOutcome.OPEN


def test_two_people_writing_at_once_overwrite_nothing(held: Network) -> None:
    stale = minutes_of(held.meeting).version
    _write(held)
    news = held.meeting.agenda_items.get(position=1)
    with pytest.raises(EditConflict) as conflict:
        save_minutes(
            actor=held.coordinator,
            commune=held.world.bergkamen,
            meeting=held.meeting,
            introduction="Andere Einleitung",
            items={news: {"discussion": "Anderer Text", "outcome": AgendaOutcome.NOTED}},
            expected_version=stale,
        )
    assert {d.field for d in conflict.value.differences} >= {"introduction", "1.discussion"}
    assert minutes_of(held.meeting).introduction == "Begrüßung durch die Koordination."


def test_minutes_are_not_approved_while_an_item_is_undecided(held: Network) -> None:
    with pytest.raises(ValidationError, match="Punkte ohne Ergebnis: 1, 2"):
        approve_minutes(
            actor=held.coordinator,
            commune=held.world.bergkamen,
            meeting=held.meeting,
            approved_how="Geschäftsführung",
        )
    assert minutes_of(held.meeting).status == MinutesStatus.DRAFT


def test_approved_minutes_are_sent_to_every_member_as_a_pdf_with_the_decisions(
    held: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    _write(held)
    talk = held.meeting.agenda_items.get(position=2)
    add_action_item(
        actor=held.coordinator,
        commune=held.world.bergkamen,
        item=talk,
        description="Einladung an Dolmetscherdienste",
        owner="Koordination",
        due_on=date(2026, 4, 30),
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        minutes = approve_minutes(
            actor=held.coordinator,
            commune=held.world.bergkamen,
            meeting=held.meeting,
            approved_how="Netzwerktreffen vom 12.06.2026",
        )
    assert minutes.status == MinutesStatus.APPROVED
    assert [line["name"] for line in minutes.attendance_snapshot] == [
        "Vera Delegierte",
        "Olga Beraterin",
    ]
    held.meeting.refresh_from_db()
    assert held.meeting.status == MeetingStatus.MINUTES_APPROVED
    recipients = sorted(message["To"] for message in smtp_server.messages)
    assert recipients == [
        "dana@familienbildung.test",
        "olga@beratung.test",
        "vera@familienbildung.test",
    ]
    [attachment] = list(smtp_server.messages[0].iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    pages = PdfReader(io.BytesIO(attachment.get_content())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Das Netzwerk richtet eine AG Sprachmittlung ein." in text
    assert "1/2026" in text
    assert "Einladung an Dolmetscherdienste" in text
    with pytest.raises(ValidationError, match="nicht mehr geändert"):
        _write(held, decision="Nachträglich geändert")


def _pdf_text(message: object) -> str:
    [attachment] = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert attachment.get_content_type() == "application/pdf"
    pages = PdfReader(io.BytesIO(attachment.get_content())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_draft_is_circulated_to_every_member_as_a_pdf_before_the_approval(
    held: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    _write(held)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        minutes = circulate_minutes(
            actor=held.coordinator, commune=held.world.bergkamen, meeting=held.meeting
        )
    assert minutes.status == MinutesStatus.CIRCULATED
    assert minutes.circulated_at is not None
    held.meeting.refresh_from_db()
    assert held.meeting.status == MeetingStatus.HELD  # closed only by the approval
    assert sorted(message["To"] for message in smtp_server.messages) == [
        "dana@familienbildung.test",
        "olga@beratung.test",
        "vera@familienbildung.test",
    ]
    assert all(m["Subject"].strip().startswith("Protokollentwurf:") for m in smtp_server.messages)
    text = _pdf_text(smtp_server.messages[0])
    assert "Entwurf – noch nicht genehmigt" in text
    assert "Das Netzwerk richtet eine AG Sprachmittlung ein." in text
    event = AuditEvent.objects.for_commune(held.world.bergkamen).get(
        action="meetings.minutes_circulated"
    )
    assert event.changes["status"] == {"old": "draft", "new": "circulated"}
    with pytest.raises(ValidationError, match="Nur ein Entwurf kann verschickt werden"):
        circulate_minutes(
            actor=held.coordinator, commune=held.world.bergkamen, meeting=held.meeting
        )


def test_a_circulated_draft_is_still_corrected_and_then_approved(
    held: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    _write(held)
    circulate_minutes(actor=held.coordinator, commune=held.world.bergkamen, meeting=held.meeting)
    _write(held, decision="Das Netzwerk richtet eine AG Sprachmittlung mit dem Kreis ein.")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        minutes = approve_minutes(
            actor=held.coordinator,
            commune=held.world.bergkamen,
            meeting=held.meeting,
            approved_how="Netzwerktreffen vom 12.06.2026",
        )
    assert minutes.status == MinutesStatus.APPROVED
    steps = list(
        StatusChange.objects.for_commune(held.world.bergkamen)
        .filter(subject_uuid=minutes.uuid)
        .order_by("pk")
        .values_list("from_status", "to_status")
    )
    assert steps == [("draft", "circulated"), ("circulated", "approved")]
    approved = [m for m in smtp_server.messages if m["Subject"].strip().startswith("Protokoll:")]
    assert len(approved) == 3
    assert "mit dem Kreis" in _pdf_text(approved[0])


def test_a_draft_with_an_undecided_item_is_not_circulated(held: Network) -> None:
    with pytest.raises(ValidationError, match="Punkte ohne Ergebnis: 1, 2"):
        circulate_minutes(
            actor=held.coordinator, commune=held.world.bergkamen, meeting=held.meeting
        )
    assert minutes_of(held.meeting).status == MinutesStatus.DRAFT


def test_members_read_the_circulated_draft_but_no_decision_extract_before_the_approval(
    held: Network, client_for: ClientFor
) -> None:
    _write(held)
    partner = client_for("bergkamen", "partner_staff")
    pdf_url = f"/bergkamen/meetings/{held.meeting.uuid}/minutes.pdf"
    assert partner.get(pdf_url).status_code == 404  # a plain draft is the coordination's
    assert (
        partner.post(f"/bergkamen/meetings/{held.meeting.uuid}/minutes/circulate/").status_code
        == 403
    )
    coordinator = client_for("bergkamen", "coordinator")
    page = coordinator.post(
        f"/bergkamen/meetings/{held.meeting.uuid}/minutes/circulate/", follow=True
    )
    assert "Der Protokollentwurf ist allen Mitgliedern" in page.content.decode()
    assert "An die Mitglieder verschickt" in page.content.decode()
    assert "Entwurf verschicken" not in page.content.decode()
    assert "Genehmigen und versenden" in page.content.decode()
    assert partner.get(pdf_url).status_code == 200
    talk = held.meeting.agenda_items.get(position=2)
    assert partner.get(f"/bergkamen/meetings/items/{talk.uuid}/decision.pdf").status_code == 404
    assert (
        client_for("dortmund", "coordinator")
        .post(f"/dortmund/meetings/{held.meeting.uuid}/minutes/circulate/")
        .status_code
        == 404
    )
