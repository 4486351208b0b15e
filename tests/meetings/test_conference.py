"""Fachtag: topic wishes in a set period, a set number of votes per member organisation,
the board's choice; registration with capacity and a waiting list that moves up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from lotse.meetings.models import MeetingKind, RegistrationStatus, TopicProposal, TopicStatus
from lotse.meetings.services.conference import (
    cancel_registration,
    decide_topic,
    open_topic_call,
    propose_topic,
    register,
    vote_for_topic,
)
from lotse.meetings.services.meetings import create_meeting
from tests.mail import SmtpServer
from tests.meetings.conftest import MEETING_START, Network

Callbacks = Callable[..., object]


def _call(network: Network):  # type: ignore[no-untyped-def]
    return open_topic_call(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        year=2026,
        opens_on=date(2026, 1, 15),
        closes_on=date(2026, 2, 15),
    )


def test_each_member_organisation_has_the_set_number_of_votes(network: Network) -> None:
    call = _call(network)
    assert call.votes_per_organisation == 3
    topics = [
        propose_topic(
            actor=network.partner,
            commune=network.world.bergkamen,
            call=call,
            organisation=network.family_education,
            title=title,
            description="",
        )
        for title in ("Kinderschutz", "Sprachmittlung", "Väterarbeit", "Medien")
    ]
    for topic in topics[:3]:
        vote_for_topic(
            actor=network.partner,
            commune=network.world.bergkamen,
            proposal=topic,
            organisation=network.family_education,
        )
    with pytest.raises(ValidationError, match="alle 3 Stimmen"):
        vote_for_topic(
            actor=network.partner,
            commune=network.world.bergkamen,
            proposal=topics[3],
            organisation=network.family_education,
        )
    vote_for_topic(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        proposal=topics[0],
        organisation=network.counselling,
    )
    with pytest.raises(ValidationError, match="bereits gestimmt"):
        vote_for_topic(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            proposal=topics[0],
            organisation=network.counselling,
        )
    chosen = decide_topic(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        proposal=topics[1],
        status=TopicStatus.ACCEPTED,
    )
    assert chosen.status == TopicStatus.ACCEPTED
    with pytest.raises(ValidationError, match="bereits ein Thema"):
        decide_topic(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            proposal=topics[2],
            status=TopicStatus.ACCEPTED,
        )


def test_wishes_outside_the_period_are_refused(network: Network, now) -> None:  # type: ignore[no-untyped-def]
    call = _call(network)
    now.move_to(MEETING_START)
    with pytest.raises(ValidationError, match="festgelegten Zeitraum"):
        propose_topic(
            actor=network.partner,
            commune=network.world.bergkamen,
            call=call,
            organisation=network.family_education,
            title="Zu spät",
            description="",
        )


def test_the_waiting_list_moves_up_when_a_place_becomes_free_and_everyone_is_told(
    network: Network, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Callbacks
) -> None:
    commune = network.world.bergkamen
    fachtag = create_meeting(
        actor=network.coordinator,
        commune=commune,
        body=network.plenary,
        values={
            "title": "Fachtag Frühe Hilfen",
            "kind": MeetingKind.CONFERENCE_DAY,
            "starts_at": MEETING_START + timedelta(days=30),
            "ends_at": MEETING_START + timedelta(days=30, hours=6),
            "place": "Stadthalle",
            "capacity": 1,
        },
        standard_agenda=False,
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        first = register(
            actor=network.partner,
            commune=commune,
            meeting=fachtag,
            organisation=network.family_education,
            name="Anna Erste",
            email="anna@familienbildung.test",
        )
        second = register(
            actor=network.coordinator,
            commune=commune,
            meeting=fachtag,
            organisation=network.counselling,
            name="Bernd Zweiter",
            email="bernd@beratung.test",
        )
    assert (first.status, second.status) == (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING,
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        moved = cancel_registration(actor=network.partner, commune=commune, registration=first)
    assert moved == second
    second.refresh_from_db()
    assert second.status == RegistrationStatus.REGISTERED
    subjects = [(m["To"], m["Subject"].strip()) for m in smtp_server.messages]
    assert subjects == [
        ("anna@familienbildung.test", "Anmeldung bestätigt: Fachtag Frühe Hilfen"),
        ("bernd@beratung.test", "Warteliste: Fachtag Frühe Hilfen"),
        ("bernd@beratung.test", "Ein Platz für Sie: Fachtag Frühe Hilfen"),
    ]


def test_the_board_merges_a_wish_into_another_of_the_same_fachtag(
    network: Network, client_for: Callable[[str, str], Client]
) -> None:
    call = _call(network)
    kinderschutz, schutzkonzepte = (
        propose_topic(
            actor=network.partner,
            commune=network.world.bergkamen,
            call=call,
            organisation=network.family_education,
            title=title,
            description="",
        )
        for title in ("Kinderschutz", "Schutzkonzepte")
    )
    client = client_for("bergkamen", "coordinator")
    page = client.get(f"/bergkamen/meetings/fachtag/{call.uuid}/").content.decode()
    assert "„Schutzkonzepte“ zusammenlegen mit" in page
    decide_url = f"/bergkamen/meetings/topics/{schutzkonzepte.uuid}/decide/"
    refused = client.post(decide_url, {"status": "merged", "merged_into": ""}, follow=True)
    assert (
        "Bitte wählen Sie den Wunsch, mit dem er zusammengelegt wird." in refused.content.decode()
    )
    schutzkonzepte.refresh_from_db()
    assert schutzkonzepte.status == TopicStatus.SUBMITTED
    merged = client.post(
        decide_url, {"status": "merged", "merged_into": str(kinderschutz.uuid)}, follow=True
    )
    assert "Mit einem anderen Wunsch zusammengelegt: Kinderschutz" in " ".join(
        merged.content.decode().split()
    )
    schutzkonzepte.refresh_from_db()
    assert (schutzkonzepte.status, schutzkonzepte.merged_into) == (TopicStatus.MERGED, kinderschutz)
    assert (
        client_for("bergkamen", "partner_staff")
        .post(f"/bergkamen/meetings/topics/{kinderschutz.uuid}/decide/", {"status": "merged"})
        .status_code
        == 403
    )


def test_a_wish_is_not_merged_into_a_wish_of_another_fachtag(network: Network) -> None:
    call = _call(network)
    later = open_topic_call(
        actor=network.coordinator,
        commune=network.world.bergkamen,
        year=2027,
        opens_on=date(2027, 1, 15),
        closes_on=date(2027, 2, 15),
    )
    wishes = [
        propose_topic(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            call=call,
            organisation=None,
            title="Medien",
            description="",
        ),
        # The 2027 call is not open yet: its wish is put straight into the database.
        TopicProposal.all_communes.create(
            commune=network.world.bergkamen, call=later, title="Medien"
        ),
    ]
    with pytest.raises(ValidationError, match="mit dem er zusammengelegt wird"):
        decide_topic(
            actor=network.coordinator,
            commune=network.world.bergkamen,
            proposal=wishes[0],
            status=TopicStatus.MERGED,
            merged_into=wishes[1],
        )
    wishes[0].refresh_from_db()
    assert wishes[0].status == TopicStatus.SUBMITTED
