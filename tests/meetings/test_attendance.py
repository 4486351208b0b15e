"""The attendance list: one seat per organisation (delegate or deputy), guests only with
the network's approval given before the meeting, printable for signatures."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from lotse.core.models import AuditEvent
from lotse.meetings.models import Attendance, AttendanceKind, GuestStatus, Reply
from lotse.meetings.pdf import attendance_pdf
from lotse.meetings.services.attendance import (
    add_attendance,
    decide_guest,
    prepare_attendance_list,
    request_guest,
    set_presence,
)
from lotse.meetings.services.invitations import send_invitations
from tests.meetings.conftest import Network


def _guest(network: Network, name: str = "Prof. Gastreich"):  # type: ignore[no-untyped-def]
    return request_guest(
        actor=network.partner,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        name=name,
        affiliation="Hochschule",
        reason="Vortrag",
    )


def test_an_unapproved_guest_cannot_be_put_on_the_list(network: Network) -> None:
    guest = _guest(network)
    with pytest.raises(ValidationError, match="nicht zugestimmt"):
        add_attendance(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            meeting=network.meeting,
            kind=AttendanceKind.GUEST,
            guest=guest,
        )
    assert not Attendance.objects.for_commune(network.world.bergkamen).exists()


def test_a_rejected_guest_cannot_be_put_on_the_list_either(network: Network) -> None:
    guest = decide_guest(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        guest=_guest(network),
        approve=False,
        note="",
    )
    assert guest.status == GuestStatus.REJECTED
    with pytest.raises(ValidationError):
        add_attendance(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            meeting=network.meeting,
            kind=AttendanceKind.GUEST,
            guest=guest,
        )


def test_a_guest_approved_by_the_network_before_the_meeting_is_on_the_list(
    network: Network,
) -> None:
    guest = decide_guest(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        guest=_guest(network),
        approve=True,
        note="Umlaufverfahren per E-Mail am 10.02.",
    )
    line = add_attendance(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        kind=AttendanceKind.GUEST,
        guest=guest,
        present=True,
    )
    assert line.name == "Prof. Gastreich"
    assert line.kind == AttendanceKind.GUEST


def test_approval_needs_a_note_of_how_the_network_agreed(network: Network) -> None:
    with pytest.raises(ValidationError) as error:
        decide_guest(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            guest=_guest(network),
            approve=True,
            note="",
        )
    assert "note" in error.value.error_dict


def test_a_guest_cannot_be_approved_once_the_meeting_has_begun(
    network: Network, now: time_machine.Coordinates
) -> None:
    guest = _guest(network)
    now.move_to(network.meeting.starts_at + timedelta(minutes=1))
    with pytest.raises(ValidationError, match="vor Beginn"):
        decide_guest(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            guest=guest,
            approve=True,
            note="spontan",
        )


def test_only_the_coordination_records_the_networks_decision(network: Network) -> None:
    with pytest.raises(PermissionDenied):
        decide_guest(
            actor=network.partner,
            commune=network.world.bergkamen,
            guest=_guest(network),
            approve=True,
            note="x",
        )


def test_an_organisation_has_one_seat_its_delegate_or_its_deputy(network: Network) -> None:
    commune = network.world.bergkamen
    add_attendance(
        actor=network.coordinator,
        commune=commune,
        meeting=network.meeting,
        kind=AttendanceKind.DELEGATE,
        organisation=network.family_education,
    )
    with pytest.raises(ValidationError, match="bereits auf der Liste"):
        add_attendance(
            actor=network.coordinator,
            commune=commune,
            meeting=network.meeting,
            kind=AttendanceKind.DEPUTY,
            organisation=network.family_education,
        )
    [line] = Attendance.objects.for_commune(commune).all()
    assert line.name == "Vera Delegierte", "the named delegate is filled in"


def test_the_prepared_list_names_the_deputy_when_the_reply_said_so(network: Network) -> None:
    commune = network.world.bergkamen
    invitations = send_invitations(
        actor=network.coordinator,
        commune=commune,
        meeting=network.meeting,
        base_url="https://x.test",
    )
    vera = next(i for i in invitations if i.email == "vera@familienbildung.test")
    vera.reply = Reply.DEPUTY_ATTENDS
    vera.save()
    assert (
        prepare_attendance_list(actor=network.coordinator, commune=commune, meeting=network.meeting)
        == 2
    )
    lines = {line.organisation_id: line for line in Attendance.objects.for_commune(commune).all()}
    assert lines[network.family_education.pk].kind == AttendanceKind.DEPUTY
    assert lines[network.family_education.pk].name == "Dana Stellvertretung"
    assert lines[network.counselling.pk].kind == AttendanceKind.DELEGATE
    # Running it again adds nobody twice.
    assert (
        prepare_attendance_list(actor=network.coordinator, commune=commune, meeting=network.meeting)
        == 0
    )


def test_checking_in_on_the_tablet_records_presence_and_who_came(network: Network) -> None:
    commune = network.world.bergkamen
    prepare_attendance_list(actor=network.coordinator, commune=commune, meeting=network.meeting)
    line = Attendance.objects.for_commune(commune).get(organisation=network.family_education)
    set_presence(
        actor=network.coordinator,
        commune=commune,
        attendance=line,
        present=True,
        kind=AttendanceKind.DEPUTY,
    )
    line.refresh_from_db()
    assert line.present is True
    assert line.kind == AttendanceKind.DEPUTY
    event = (
        AuditEvent.objects.for_commune(commune)
        .filter(action="meetings.attendance_recorded")
        .first()
    )
    assert event is not None


def test_the_printed_list_has_a_signature_column_and_every_line(network: Network) -> None:
    commune = network.world.bergkamen
    prepare_attendance_list(actor=network.coordinator, commune=commune, meeting=network.meeting)
    pages = PdfReader(io.BytesIO(attendance_pdf(network.meeting))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Unterschrift" in text
    assert "Vera Delegierte" in text
    assert "Schwangerschaftsberatung Bergkamen" in text
