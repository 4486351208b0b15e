"""Fachtag: topic wishes in a set period, a set number of votes per member organisation,
the board's choice; registration with capacity and a waiting list that moves up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from lotse.meetings.models import MeetingKind, RegistrationStatus, TopicStatus
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
