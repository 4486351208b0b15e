"""Rules for the meetings app: the coordination manages, partners take part."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile

from lotse.core.models import User
from lotse.core.permissions import Capability, Role
from lotse.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AttendanceKind,
    Body,
    BodyKind,
    CalendarFeed,
    Document,
    Election,
    GuestRequest,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Registration,
    TopicCall,
    TopicProposal,
)
from lotse.meetings.models.bodies import AgendaOutcome
from tests.conftest import World
from tests.security.matrix import PUBLIC, Access, ApiRule, Rule

C = Capability
FAR_FUTURE = datetime(2099, 3, 4, 13, 0, tzinfo=UTC)
PAST = datetime(2025, 3, 4, 13, 0, tzinfo=UTC)


def _body(world: World) -> Body:
    body, _created = Body.all_communes.get_or_create(
        commune=world.bergkamen, name="Netzwerk Frühe Hilfen", defaults={"kind": BodyKind.PLENARY}
    )
    return body


def _meeting(world: World) -> Meeting:
    meeting, _created = Meeting.all_communes.get_or_create(
        commune=world.bergkamen,
        title="Netzwerktreffen (Matrix)",
        defaults={
            "body": _body(world),
            "starts_at": FAR_FUTURE,
            "ends_at": FAR_FUTURE + timedelta(hours=2),
            "place": "Rathaus",
            "kind": MeetingKind.CONFERENCE_DAY,
            "capacity": 50,
        },
    )
    return meeting


def _held(world: World) -> Meeting:
    """A held meeting with approved minutes and a numbered decision."""
    meeting, created = Meeting.all_communes.get_or_create(
        commune=world.bergkamen,
        title="Netzwerktreffen (gehalten)",
        defaults={
            "body": _body(world),
            "starts_at": PAST,
            "ends_at": PAST + timedelta(hours=2),
            "place": "Rathaus",
            "status": MeetingStatus.MINUTES_APPROVED,
        },
    )
    if created:
        AgendaItem.all_communes.create(
            commune=world.bergkamen,
            meeting=meeting,
            position=1,
            title="AG Sprachmittlung",
            outcome=AgendaOutcome.DECIDED,
            decision="Die AG wird eingerichtet.",
            decision_year=2025,
            decision_number=1,
        )
        Minutes.all_communes.create(
            commune=world.bergkamen, meeting=meeting, status=MinutesStatus.APPROVED
        )
    return meeting


def meeting_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"meeting_uuid": _meeting(world).uuid}


def held_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"meeting_uuid": _held(world).uuid}


def item_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"item_uuid": _held(world).agenda_items.get().uuid}


def body_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"body_uuid": _body(world).uuid}


def document_kwargs(world: World, user: User) -> dict[str, Any]:
    meeting = _meeting(world)
    document = meeting.documents.first()
    if document is None:
        document = Document(
            commune=world.bergkamen,
            meeting=meeting,
            title="Einladung",
            original_name="einladung.txt",
            content_type="text/plain",
            size=5,
        )
        document.file.save("einladung.txt", ContentFile(b"Hallo"), save=False)
        document.save()
    return {"document_uuid": document.uuid}


def guest_kwargs(world: World, user: User) -> dict[str, Any]:
    guest, _created = GuestRequest.all_communes.get_or_create(
        commune=world.bergkamen, meeting=_meeting(world), name="Gast"
    )
    return {"guest_uuid": guest.uuid}


def attendance_kwargs(world: World, user: User) -> dict[str, Any]:
    line, _created = Attendance.all_communes.get_or_create(
        commune=world.bergkamen,
        meeting=_meeting(world),
        name="Koordination",
        kind=AttendanceKind.STAFF,
    )
    return {"attendance_uuid": line.uuid}


def action_kwargs(world: World, user: User) -> dict[str, Any]:
    action, _created = ActionItem.all_communes.get_or_create(
        commune=world.bergkamen,
        agenda_item=_held(world).agenda_items.get(),
        description="Einladen",
        defaults={"owner": "Koordination"},
    )
    return {"action_uuid": action.uuid}


def _call(world: World) -> TopicCall:
    call, _created = TopicCall.all_communes.get_or_create(
        commune=world.bergkamen,
        year=2099,
        defaults={
            "opens_on": date(2099, 1, 1),
            "closes_on": date(2099, 2, 1),
            "votes_per_organisation": 3,
        },
    )
    return call


def call_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"call_uuid": _call(world).uuid}


def proposal_kwargs(world: World, user: User) -> dict[str, Any]:
    proposal, _created = TopicProposal.all_communes.get_or_create(
        commune=world.bergkamen, call=_call(world), title="Kinderschutz"
    )
    return {"proposal_uuid": proposal.uuid}


def registration_kwargs(world: World, user: User) -> dict[str, Any]:
    registration, _created = Registration.all_communes.get_or_create(
        commune=world.bergkamen,
        meeting=_meeting(world),
        email="teilnahme@familienbildung.test",
        defaults={"organisation": world.organisations["bergkamen"], "name": "Teilnehmerin"},
    )
    return {"registration_uuid": registration.uuid}


def own_registration(world: World, user: User) -> bool:
    """Partners reach their own organisation's registrations; the coordination all."""
    return user in (
        world.user("bergkamen", Role.COORDINATOR),
        world.user("bergkamen", Role.PARTNER_STAFF),
    )


def election_kwargs(world: World, user: User) -> dict[str, Any]:
    election, _created = Election.all_communes.get_or_create(
        commune=world.bergkamen,
        title="Wahl (Matrix)",
        defaults={
            "meeting": _meeting(world),
            "nominations_open_on": date(2099, 1, 1),
            "nominations_close_on": date(2099, 2, 1),
            "term_starts_on": date(2099, 4, 1),
            "open_seats": 3,
        },
    )
    return {"election_uuid": election.uuid}


def reply_kwargs(world: World, user: User) -> dict[str, Any]:
    invitation, _created = Invitation.all_communes.get_or_create(
        commune=world.bergkamen, meeting=_meeting(world), email="vera@familienbildung.test"
    )
    return {"commune_slug": "bergkamen", "token": invitation.token}


def feed_kwargs(world: World, user: User) -> dict[str, Any]:
    feed, _created = CalendarFeed.all_communes.get_or_create(
        commune=world.bergkamen, user=world.user("bergkamen", Role.PARTNER_STAFF)
    )
    return {"commune_slug": "bergkamen", "token": feed.token}


M, P = C.MANAGE_MEETINGS, C.TAKE_PART_IN_MEETINGS
WEB: dict[str, Rule] = {
    "meetings:meeting_list": Rule(P),
    "meetings:meeting_month": Rule(P),
    "meetings:meeting_create": Rule(M),
    "meetings:meeting_detail": Rule(P, kwargs=meeting_kwargs),
    "meetings:meeting_edit": Rule(M, kwargs=meeting_kwargs),
    "meetings:meeting_clone": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:meeting_invite": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:meeting_cancel": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:meeting_held": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:agenda_item_add": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:agenda_item_edit": Rule(M, kwargs=item_kwargs),
    "meetings:agenda_item_move": Rule(M, post_only=True, kwargs=item_kwargs),
    "meetings:document_upload": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:document_download": Rule(P, kwargs=document_kwargs),
    "meetings:guest_request": Rule(P, post_only=True, kwargs=meeting_kwargs),
    "meetings:guest_decide": Rule(M, post_only=True, kwargs=guest_kwargs),
    "meetings:attendance": Rule(M, kwargs=meeting_kwargs),
    "meetings:attendance_prepare": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:attendance_add": Rule(M, post_only=True, kwargs=meeting_kwargs),
    "meetings:attendance_mark": Rule(M, post_only=True, kwargs=attendance_kwargs),
    "meetings:attendance_pdf": Rule(M, kwargs=meeting_kwargs),
    "meetings:minutes_edit": Rule(M, kwargs=held_kwargs),
    "meetings:minutes_circulate": Rule(M, post_only=True, kwargs=held_kwargs),
    "meetings:minutes_approve": Rule(M, post_only=True, kwargs=held_kwargs),
    "meetings:minutes_pdf": Rule(P, kwargs=held_kwargs),
    "meetings:action_item_add": Rule(M, post_only=True, kwargs=item_kwargs),
    "meetings:action_item_done": Rule(M, post_only=True, kwargs=action_kwargs),
    "meetings:decision_pdf": Rule(P, kwargs=item_kwargs),
    "meetings:decision_search": Rule(P),
    "meetings:body_list": Rule(P),
    "meetings:body_create": Rule(M),
    "meetings:body_detail": Rule(P, kwargs=body_kwargs),
    "meetings:body_edit": Rule(M, kwargs=body_kwargs),
    "meetings:body_close": Rule(M, kwargs=body_kwargs),
    "meetings:participation": Rule(M),
    "meetings:calendar_subscription": Rule(P),
    "meetings:oparl_export": Rule(M),
    "meetings:topic_calls": Rule(P),
    "meetings:topic_call_create": Rule(M, post_only=True),
    "meetings:topic_call_detail": Rule(P, kwargs=call_kwargs),
    "meetings:topic_propose": Rule(P, post_only=True, kwargs=call_kwargs),
    "meetings:topic_vote": Rule(P, post_only=True, kwargs=proposal_kwargs),
    "meetings:topic_decide": Rule(M, post_only=True, kwargs=proposal_kwargs),
    "meetings:registration_add": Rule(P, post_only=True, kwargs=meeting_kwargs),
    "meetings:registration_cancel": Rule(
        P, post_only=True, kwargs=registration_kwargs, only=own_registration
    ),
    "meetings:registration_attended": Rule(M, post_only=True, kwargs=registration_kwargs),
    "meetings:election_list": Rule(P),
    "meetings:election_create": Rule(M, post_only=True),
    "meetings:board_seat_add": Rule(M, post_only=True),
    "meetings:election_detail": Rule(P, kwargs=election_kwargs),
    "meetings:election_nominate": Rule(P, post_only=True, kwargs=election_kwargs),
    "meetings:election_vote": Rule(P, post_only=True, kwargs=election_kwargs),
    "meetings:election_advance": Rule(M, post_only=True, kwargs=election_kwargs),
    "meetings:election_csv": Rule(M, kwargs=election_kwargs),
    "meetings:invitation_reply": Rule(PUBLIC, kwargs=reply_kwargs),
    "meetings:calendar_feed": Rule(PUBLIC, kwargs=feed_kwargs),
}

API: dict[tuple[str, str], Access | ApiRule] = {}
