"""Board election: one secret vote per member organisation through its delegate or, if
absent, its deputy; at most one yes vote per open seat; a frozen record; quorum; ties per
the commune's rule; two-year terms and the reminder three months before they end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from lotse.core.models import AuditEvent, User
from lotse.core.permissions import Role
from lotse.meetings.models import (
    AttendanceKind,
    Ballot,
    BoardTerm,
    Candidacy,
    Election,
    ElectionStatus,
    SeatKind,
    TieRule,
)
from lotse.meetings.selectors import meeting_settings
from lotse.meetings.services.attendance import add_attendance
from lotse.meetings.services.elections import (
    appoint_fixed_seat,
    cast_ballot,
    close_voting,
    create_election,
    nominate,
    open_voting,
    term_end,
)
from lotse.meetings.services.reminders import send_board_term_reminders
from lotse.network.models import Organisation
from tests.core.factories import MembershipFactory, UserFactory
from tests.mail import SmtpServer
from tests.meetings.conftest import MEETING_START, Network
from tests.network.factories import OrganisationFactory

Callbacks = Callable[..., object]


def _staff_of(network: Network, organisation: Organisation) -> User:
    if organisation == network.family_education:
        return network.partner
    user = UserFactory(email=f"staff-{organisation.pk}@traeger.test")
    MembershipFactory(
        user=user,
        commune=network.world.bergkamen,
        role=Role.PARTNER_STAFF,
        organisation=organisation,
    )
    return user


@pytest.fixture
def election(network: Network, now: time_machine.Coordinates) -> Election:
    commune = network.world.bergkamen
    created = create_election(
        actor=network.coordinator,
        commune=commune,
        meeting=network.meeting,
        title="Wahl der Geschäftsführung 2026",
        nominations_open_on=date(2026, 1, 15),
        nominations_close_on=date(2026, 2, 28),
        term_starts_on=date(2026, 4, 1),
        seats=1,
    )
    for organisation, person in (
        (network.family_education, "Vera Delegierte"),
        (network.counselling, "Olga Beraterin"),
    ):
        nominate(
            actor=network.coordinator,
            commune=commune,
            election=created,
            organisation=organisation,
            nominee=person,
        )
    now.move_to(MEETING_START + timedelta(minutes=30))
    return open_voting(actor=network.coordinator, commune=commune, election=created)


def _present(
    network: Network, organisation: Organisation, kind: str = AttendanceKind.DELEGATE
) -> None:
    add_attendance(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        kind=kind,
        organisation=organisation,
        present=True,
    )


def _candidacy(election: Election, organisation: Organisation) -> Candidacy:
    return election.candidacies.get(organisation=organisation)


def test_one_vote_per_member_organisation(network: Network, election: Election) -> None:
    _present(network, network.family_education)
    vote = lambda: cast_ballot(  # noqa: E731
        actor=network.partner,
        commune=network.world.bergkamen,
        election=election,
        yes=[_candidacy(election, network.counselling)],
    )
    vote()
    with pytest.raises(ValidationError, match="bereits abgestimmt"):
        vote()
    assert Ballot.objects.for_commune(network.world.bergkamen).count() == 1
    assert _candidacy(election, network.counselling).yes_votes == 1


def test_an_organisation_not_present_at_the_election_meeting_cannot_vote(
    network: Network, election: Election
) -> None:
    with pytest.raises(ValidationError, match="anwesend"):
        cast_ballot(
            actor=network.partner, commune=network.world.bergkamen, election=election, yes=[]
        )


def test_the_deputy_votes_when_the_delegate_is_absent_and_that_is_recorded(
    network: Network, election: Election
) -> None:
    _present(network, network.family_education, kind=AttendanceKind.DEPUTY)
    ballot = cast_ballot(
        actor=network.partner, commune=network.world.bergkamen, election=election, yes=[]
    )
    assert ballot.cast_as == AttendanceKind.DEPUTY


def test_the_ballot_records_who_voted_but_not_for_whom(
    network: Network, election: Election
) -> None:
    _present(network, network.family_education)
    cast_ballot(
        actor=network.partner,
        commune=network.world.bergkamen,
        election=election,
        yes=[_candidacy(election, network.counselling)],
    )
    ballot = Ballot.objects.for_commune(network.world.bergkamen).get()
    assert ballot.organisation == network.family_education
    field_names = {field.name for field in Ballot._meta.get_fields()}
    assert not field_names & {"candidacy", "candidacies", "choices", "yes"}
    event = AuditEvent.objects.for_commune(network.world.bergkamen).get(
        action="meetings.ballot_cast"
    )
    assert event.changes == {}
    assert "Olga" not in str(event.changes)


def test_more_yes_votes_than_open_seats_make_the_ballot_invalid(
    network: Network, election: Election
) -> None:
    _present(network, network.family_education)
    _present(network, network.counselling)
    cast_ballot(
        actor=network.partner,
        commune=network.world.bergkamen,
        election=election,
        yes=list(election.candidacies.all()),
    )
    cast_ballot(
        actor=_staff_of(network, network.counselling),
        commune=network.world.bergkamen,
        election=election,
        yes=[_candidacy(election, network.family_education)],
    )
    closed = close_voting(
        actor=network.coordinator, commune=network.world.bergkamen, election=election
    )
    [result] = closed.snapshot["rounds"]
    assert (result["cast"], result["valid"], result["invalid"]) == (2, 1, 1)
    assert _candidacy(closed, network.counselling).yes_votes == 0
    assert _candidacy(closed, network.family_education).elected


def test_closing_freezes_who_was_entitled_present_and_voted(
    network: Network, election: Election
) -> None:
    OrganisationFactory(commune=network.world.bergkamen, name="Kita Regenbogen")
    _present(network, network.family_education)
    _present(network, network.counselling)
    cast_ballot(
        actor=network.partner,
        commune=network.world.bergkamen,
        election=election,
        yes=[_candidacy(election, network.counselling)],
    )
    closed = close_voting(
        actor=network.coordinator, commune=network.world.bergkamen, election=election
    )
    [result] = closed.snapshot["rounds"]
    assert result["entitled"] == [
        "Familienbildung Bergkamen",
        "Kita Regenbogen",
        "Schwangerschaftsberatung Bergkamen",
    ]
    assert result["present"] == ["Familienbildung Bergkamen", "Schwangerschaftsberatung Bergkamen"]
    assert result["voted"] == ["Familienbildung Bergkamen (delegate)"]
    assert result["quorum_needed"] == 2
    assert result["quorum_met"]
    assert closed.status == ElectionStatus.FINISHED
    [term] = BoardTerm.objects.for_commune(network.world.bergkamen).all()
    assert (term.holder, term.starts_on, term.ends_on) == (
        "Olga Beraterin",
        date(2026, 4, 1),
        date(2028, 3, 31),
    )


def test_without_quorum_nobody_is_elected(network: Network, election: Election) -> None:
    for number in range(3):
        OrganisationFactory(commune=network.world.bergkamen, name=f"Träger {number}")
    _present(network, network.family_education)
    cast_ballot(
        actor=network.partner,
        commune=network.world.bergkamen,
        election=election,
        yes=[_candidacy(election, network.counselling)],
    )
    closed = close_voting(
        actor=network.coordinator, commune=network.world.bergkamen, election=election
    )
    assert not closed.snapshot["rounds"][0]["quorum_met"]
    assert not closed.candidacies.filter(elected=True).exists()


def _tie(network: Network, election: Election) -> Election:
    _present(network, network.family_education)
    _present(network, network.counselling)
    cast_ballot(
        actor=network.partner,
        commune=network.world.bergkamen,
        election=election,
        yes=[_candidacy(election, network.counselling)],
    )
    cast_ballot(
        actor=_staff_of(network, network.counselling),
        commune=network.world.bergkamen,
        election=election,
        yes=[_candidacy(election, network.family_education)],
    )
    return close_voting(
        actor=network.coordinator, commune=network.world.bergkamen, election=election
    )


def test_a_tie_goes_to_a_run_off_among_the_tied_when_the_commune_says_so(
    network: Network, election: Election
) -> None:
    closed = _tie(network, election)
    assert closed.status == ElectionStatus.VOTING
    assert closed.round == 2
    [tie] = closed.ties.all()
    assert (tie.rule, tie.seats_at_stake, tie.outcome) == (TieRule.RUN_OFF, 1, [])
    assert {entry["votes"] for entry in tie.tied} == {1}
    cast_ballot(
        actor=network.partner,
        commune=network.world.bergkamen,
        election=closed,
        yes=[_candidacy(closed, network.counselling)],
    )
    final = close_voting(
        actor=network.coordinator, commune=network.world.bergkamen, election=closed
    )
    assert final.status == ElectionStatus.FINISHED
    assert [c.nominee for c in final.candidacies.filter(elected=True)] == ["Olga Beraterin"]
    assert len(final.snapshot["rounds"]) == 2


def test_a_tie_is_drawn_by_lot_when_the_commune_says_so_and_the_draw_is_recorded(
    network: Network, election: Election
) -> None:
    rules = meeting_settings(network.world.bergkamen)
    rules.tie_rule = TieRule.LOT
    rules.save()
    closed = _tie(network, election)
    assert closed.status == ElectionStatus.FINISHED
    [tie] = closed.ties.all()
    [drawn] = tie.outcome
    assert [c.nominee for c in closed.candidacies.filter(elected=True)] == [drawn]


def test_a_term_ends_after_two_years() -> None:
    assert term_end(date(2026, 4, 1)) == date(2028, 3, 31)
    assert term_end(date(2024, 2, 29)) == date(2026, 2, 27)


def test_the_coordination_is_reminded_once_three_months_before_a_term_ends(
    network: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    appoint_fixed_seat(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        seat=SeatKind.YOUTH_OFFICE,
        holder="Koordinierungsstelle Frühe Hilfen",
        starts_on=date(2024, 7, 1),
    )
    assert send_board_term_reminders(today=date(2026, 3, 29)) == 0
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert send_board_term_reminders(today=date(2026, 3, 30)) == 1
    assert send_board_term_reminders(today=date(2026, 3, 31)) == 0
    [message] = smtp_server.messages
    assert message["To"] == "coordinator@bergkamen.test"
    assert "Koordinierungsstelle Frühe Hilfen" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_nominations_outside_the_period_are_refused(
    network: Network, now: time_machine.Coordinates
) -> None:
    created = create_election(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        meeting=network.meeting,
        title="Wahl",
        nominations_open_on=date(2026, 2, 10),
        nominations_close_on=date(2026, 2, 28),
        term_starts_on=date(2026, 4, 1),
    )
    with pytest.raises(ValidationError, match="nicht möglich"):
        nominate(
            actor=network.partner,
            commune=network.world.bergkamen,
            election=created,
            organisation=network.family_education,
            nominee="Vera",
        )


def test_the_vote_results_csv_has_the_counts_and_the_yes_votes(
    network: Network, election: Election
) -> None:
    from lotse.meetings.services.exports import election_csv  # noqa: PLC0415

    closed = _tie(network, election)
    rows = election_csv(closed).splitlines()
    assert rows[0] == "Wahlgang;Kandidatur;Einrichtung;Ja-Stimmen;Gewählt"
    assert "1;Olga Beraterin;Schwangerschaftsberatung Bergkamen;1;nein" in rows
    assert "1;2;2;2;2;0;ja" in rows
