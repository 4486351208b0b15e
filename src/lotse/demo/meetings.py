"""Demo data of the meetings app, built after the communes, their users and organisations:
a year of plenary meetings in each commune with attendance and approved minutes, a
steering group in Bergkamen, and a completed board election in Dortmund. Written through
the models directly (like the rest of the demo), idempotent on natural keys."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from lotse.core.models import Commune, SocialArea
from lotse.demo import meetings_facts as facts
from lotse.demo.builders import DemoResult
from lotse.meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceKind,
    Ballot,
    BoardTerm,
    Body,
    BodyKind,
    Candidacy,
    Election,
    ElectionStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
)
from lotse.meetings.models.bodies import AgendaOutcome
from lotse.meetings.services.elections import term_end
from lotse.network.models import Organisation
from lotse.network.selectors import current_delegation, current_members


def build(result: DemoResult) -> None:
    """Create or update the meetings demo data (idempotent, like the rest of the demo)."""
    for slug, dates, place in (
        ("dortmund", facts.DORTMUND_MEETINGS, facts.DORTMUND_PLACE),
        ("bergkamen", facts.BERGKAMEN_MEETINGS, facts.BERGKAMEN_PLACE),
    ):
        commune = result.communes.get(slug)
        if commune is None:
            continue
        plenary = _body(commune, "Netzwerk Frühe Hilfen", BodyKind.PLENARY)
        meetings = [_meeting(commune, plenary, month, day, place) for month, day in dates]
        if slug == "bergkamen":
            _steering_group(commune)
        if slug == "dortmund":
            _board_election(commune, meetings[1])


def _body(commune: Commune, name: str, kind: str, area: SocialArea | None = None) -> Body:
    body: Body
    body, _created = Body.all_communes.update_or_create(
        commune=commune, name=name, defaults={"kind": kind, "social_area": area}
    )
    return body


def _steering_group(commune: Commune) -> None:
    area = SocialArea.objects.for_commune(commune).order_by("name").first()
    if area is not None:
        _body(commune, f"Steuerungsgruppe {area.name}", BodyKind.STEERING_GROUP, area)


def _moment(month: int, day: int) -> datetime:
    return timezone.make_aware(datetime.combine(date(facts.DEMO_YEAR, month, day), time(14)))


def _meeting(commune: Commune, plenary: Body, month: int, day: int, place: str) -> Meeting:
    starts_at = _moment(month, day)
    held = starts_at < timezone.now()
    meeting: Meeting
    meeting, created = Meeting.all_communes.update_or_create(
        commune=commune,
        body=plenary,
        title=f"Netzwerktreffen {starts_at:%d.%m.%Y}",
        defaults={
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=facts.MEETING_HOURS),
            "place": place,
        },
    )
    if created:
        meeting.status = MeetingStatus.MINUTES_APPROVED if held else MeetingStatus.PLANNED
        meeting.save(update_fields=["status"])
        _agenda(commune, meeting, decided=held)
        if held:
            _attendance(commune, meeting)
            _minutes(commune, meeting)
    return meeting


def _agenda(commune: Commune, meeting: Meeting, *, decided: bool) -> None:
    items = [("Neuigkeiten aus den Einrichtungen", AgendaItemKind.NEWS, ""), *facts.AGENDA]
    for position, (title, kind, speaker) in enumerate(items, start=1):
        is_decision = decided and position == len(items)
        AgendaItem.all_communes.create(
            commune=commune,
            meeting=meeting,
            position=position,
            kind=kind,
            title=title,
            speaker=speaker,
            outcome=(AgendaOutcome.DECIDED if is_decision else AgendaOutcome.NOTED)
            if decided
            else AgendaOutcome.OPEN,
            discussion="Die Teilnehmenden berichten und tauschen sich aus." if decided else "",
        )


def _attendance(commune: Commune, meeting: Meeting) -> None:
    """Most members come; every fifth sends its deputy; every seventh stays away."""
    on = timezone.localdate(meeting.starts_at)
    for number, organisation in enumerate(current_members(commune, on).order_by("name")):
        delegate, deputy = current_delegation(organisation, on)
        use_deputy = number % 5 == 4 and deputy is not None
        person = deputy if use_deputy else delegate
        if person is None:
            continue
        Attendance.all_communes.create(
            commune=commune,
            meeting=meeting,
            organisation=organisation,
            person=person,
            name=person.name,
            kind=AttendanceKind.DEPUTY if use_deputy else AttendanceKind.DELEGATE,
            present=(number + meeting.starts_at.month) % 7 != 0,
        )


def _minutes(commune: Commune, meeting: Meeting) -> None:
    item = meeting.agenda_items.order_by("-position").first()
    if item is None:
        return
    year = meeting.starts_at.year
    number = (
        AgendaItem.all_communes.filter(commune=commune, decision_year=year)
        .exclude(decision_number=None)
        .count()
        + 1
    )
    item.decision = facts.DECISION
    item.vote_result = "einstimmig"
    item.decision_year = year
    item.decision_number = number
    item.save()
    ActionItem.all_communes.create(
        commune=commune,
        agenda_item=item,
        description=facts.ACTION[0],
        owner=facts.ACTION[1],
        due_on=timezone.localdate(meeting.starts_at) + timedelta(days=42),
    )
    Minutes.all_communes.create(
        commune=commune,
        meeting=meeting,
        introduction="Die Koordinierungsstelle begrüßt die Teilnehmenden.",
        status=MinutesStatus.APPROVED,
        approved_at=meeting.ends_at + timedelta(days=14),
        approved_how="Geschäftsführung",
        attendance_snapshot=[
            {
                "name": line.name,
                "organisation": line.organisation.name if line.organisation else "",
                "kind": str(line.get_kind_display()),
            }
            for line in meeting.attendances.filter(present=True).select_related("organisation")
        ],
    )


def _board_election(commune: Commune, meeting: Meeting) -> None:
    """A completed election at the second meeting of the year: three free providers
    elected, the fixed seats of youth office and health office alongside."""
    if Election.all_communes.filter(commune=commune, title=facts.BOARD_ELECTION_TITLE).exists():
        return
    present = [
        line.organisation
        for line in meeting.attendances.filter(present=True)
        .exclude(organisation=None)
        .select_related("organisation")
        .order_by("organisation__name")
        if line.organisation is not None
    ]
    candidates: list[Organisation] = present[:5]
    if len(candidates) < facts.ELECTED_SEATS:
        return
    starts = facts.BOARD_TERM_START
    election = Election.all_communes.create(
        commune=commune,
        title=facts.BOARD_ELECTION_TITLE,
        meeting=meeting,
        seats=facts.ELECTED_SEATS,
        open_seats=facts.ELECTED_SEATS,
        nominations_open_on=timezone.localdate(meeting.starts_at) - timedelta(days=42),
        nominations_close_on=timezone.localdate(meeting.starts_at) - timedelta(days=7),
        term_starts_on=starts,
        status=ElectionStatus.PUBLISHED,
        closed_at=meeting.ends_at,
        published_at=meeting.ends_at,
    )
    lines = {
        line.organisation_id: line
        for line in meeting.attendances.filter(present=True).exclude(organisation=None)
    }
    votes = {}
    for rank, organisation in enumerate(candidates):
        delegate, _deputy = current_delegation(organisation, timezone.localdate(meeting.starts_at))
        yes = max(len(present) - 3 * rank, 1)
        votes[organisation.pk] = yes
        Candidacy.all_communes.create(
            commune=commune,
            election=election,
            organisation=organisation,
            nominee=delegate.name if delegate is not None else organisation.name,
            yes_votes=yes,
            elected=rank < facts.ELECTED_SEATS,
        )
    for organisation in present:
        Ballot.all_communes.create(
            commune=commune,
            election=election,
            round=1,
            organisation=organisation,
            cast_as=lines[organisation.pk].kind,
        )
    entitled = sorted(
        o.name for o in current_members(commune, timezone.localdate(meeting.starts_at))
    )
    election.snapshot = {
        "tie_rule": "run_off",
        "rounds": [
            {
                "round": 1,
                "entitled": entitled,
                "present": sorted(o.name for o in present),
                "voted": sorted(f"{o.name} ({lines[o.pk].kind})" for o in present),
                "cast": len(present),
                "valid": len(present),
                "invalid": 0,
                "quorum_needed": (len(entitled) + 1) // 2,
                "quorum_met": len(present) >= (len(entitled) + 1) // 2,
                "majority_rule": "relative",
                "open_seats": facts.ELECTED_SEATS,
                "votes": {
                    c.nominee + f" ({c.organisation.name})": c.yes_votes
                    for c in election.candidacies.select_related("organisation")
                },
            }
        ],
    }
    election.save(update_fields=["snapshot"])
    for seat, holder in facts.FIXED_SEATS:
        BoardTerm.all_communes.create(
            commune=commune, seat=seat, holder=holder, starts_on=starts, ends_on=term_end(starts)
        )
    for candidacy in election.candidacies.filter(elected=True).select_related("organisation"):
        BoardTerm.all_communes.create(
            commune=commune,
            seat="free_provider",
            holder=candidacy.nominee,
            organisation=candidacy.organisation,
            election=election,
            starts_on=starts,
            ends_on=term_end(starts),
        )
