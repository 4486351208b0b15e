"""Fixtures of the meetings tests: Bergkamen's plenary with two member organisations,
each with a named delegate and deputy, and a network meeting on Wednesday 4 March 2026,
14:00 in Bergkamen (13:00 UTC). "Now" is 1 February 2026 unless a test travels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.meetings.models import Body, BodyKind, Meeting
from lotse.meetings.services.meetings import create_meeting
from lotse.network.models import Organisation, Person
from tests.conftest import World
from tests.meetings.factories import BodyFactory
from tests.network.factories import DelegationFactory, OrganisationFactory, PersonFactory

NOW = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
MEETING_START = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)  # 14:00 in Berlin
AFTER_MEETING = datetime(2026, 3, 4, 17, 0, tzinfo=UTC)


@dataclass
class Network:
    world: World
    plenary: Body
    meeting: Meeting
    family_education: Organisation  # world.organisations["bergkamen"], partner staff's
    counselling: Organisation
    delegate: Person
    deputy: Person
    other_delegate: Person

    @property
    def coordinator(self) -> User:
        return self.world.user("bergkamen", Role.COORDINATOR)

    @property
    def partner(self) -> User:
        return self.world.user("bergkamen", Role.PARTNER_STAFF)


@pytest.fixture
def now() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def network(world: World, now: time_machine.Coordinates) -> Network:
    commune = world.bergkamen
    family_education = world.organisations["bergkamen"]
    counselling = OrganisationFactory(commune=commune, name="Schwangerschaftsberatung Bergkamen")
    delegate = PersonFactory(
        organisation=family_education, name="Vera Delegierte", email="vera@familienbildung.test"
    )
    deputy = PersonFactory(
        organisation=family_education,
        name="Dana Stellvertretung",
        email="dana@familienbildung.test",
    )
    DelegationFactory(person=delegate, valid_from=date(2024, 1, 1))
    DelegationFactory(person=deputy, kind="deputy", valid_from=date(2024, 1, 1))
    other_delegate = PersonFactory(
        organisation=counselling, name="Olga Beraterin", email="olga@beratung.test"
    )
    DelegationFactory(person=other_delegate, valid_from=date(2024, 1, 1))
    plenary = BodyFactory(commune=commune, name="Netzwerk Frühe Hilfen", kind=BodyKind.PLENARY)
    meeting = create_meeting(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=commune,
        body=plenary,
        values={
            "title": "Netzwerktreffen März",
            "starts_at": MEETING_START,
            "ends_at": MEETING_START + timedelta(hours=2),
            "place": "Rathaus Bergkamen, Raum 101",
        },
    )
    return Network(
        world, plenary, meeting, family_education, counselling, delegate, deputy, other_delegate
    )
