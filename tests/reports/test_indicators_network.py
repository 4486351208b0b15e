"""Network indicators against a hand-counted Bergkamen of 2025 (reference date 31.12.2025):

members on that day: Familienbildung (world; child and youth welfare, no type, no social
area: serves all), Hebammenpraxis (health, Mitte), Kita Sonnenschein (education, Oberaden,
member since June). Beratungsstelle left on 1 October, a candidate never joined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext
from time_machine import TimeMachineFixture

from lotse.core.models import SocialArea
from lotse.meetings.models import AttendanceKind, BodyKind, Meeting, MeetingStatus
from lotse.network.models import (
    DelegationKind,
    InstitutionType,
    ObligationKind,
    Organisation,
    OrganisationStatus,
    Sector,
)
from lotse.reports.indicators import BY_KEY
from tests.conftest import World
from tests.meetings.factories import AttendanceFactory, BodyFactory, MeetingFactory
from tests.network.factories import DelegationFactory, OrganisationFactory, PersonFactory
from tests.reports.factories_indicators import (
    agreement,
    area,
    column,
    compute,
    drilldown,
    mitte,
    queries_of_every_indicator,
    values,
)

YEAR = 2025
YES, NO = gettext("yes"), gettext("no")
KEYS = [
    "network.members_by_sector",
    "network.members_by_type",
    "network.members_by_social_area",
    "network.agreements_signed",
    "network.delegate_continuity",
    "network.meeting_attendance",
]


@dataclass
class Network:
    family_education: Organisation
    midwives: Organisation
    kita: Organisation
    counselling: Organisation
    candidate: Organisation
    mitte: SocialArea
    oberaden: SocialArea
    weddinghofen: SocialArea
    meetings: list[Meeting]


def _kind(world: World, name: str) -> InstitutionType:
    found: InstitutionType = InstitutionType.all_communes.create(commune=world.bergkamen, name=name)
    return found


@pytest.fixture
def network(world: World, time_machine: TimeMachineFixture) -> Network:
    time_machine.move_to(datetime(2026, 3, 1, 9, tzinfo=UTC))
    commune = world.bergkamen
    centre, oberaden, weddinghofen = (
        mitte(commune),
        area(commune, "Oberaden"),
        area(commune, "Weddinghofen"),
    )
    family_education = world.organisations["bergkamen"]
    midwives = OrganisationFactory(
        commune=commune,
        name="Hebammenpraxis",
        sector=Sector.HEALTH,
        institution_type=_kind(world, "Hebammenpraxis"),
        member_since=date(2021, 1, 1),
    )
    midwives.social_areas.add(centre)
    kita = OrganisationFactory(
        commune=commune,
        name="Kita Sonnenschein",
        sector=Sector.EDUCATION,
        institution_type=_kind(world, "Kita"),
        member_since=date(2025, 6, 1),
    )
    kita.social_areas.add(oberaden)
    counselling = OrganisationFactory(
        commune=commune,
        name="Beratungsstelle",
        sector=Sector.PREGNANCY_COUNSELLING,
        member_since=date(2019, 1, 1),
        member_until=date(2025, 10, 1),
    )
    counselling.social_areas.add(centre, oberaden)
    candidate = OrganisationFactory(
        commune=commune,
        name="Bewerberin",
        sector=Sector.HEALTH,
        status=OrganisationStatus.CANDIDATE,
    )
    # The other commune: never counted.
    dortmund_member = OrganisationFactory(commune=world.dortmund, sector=Sector.HEALTH)
    agreement(dortmund_member)

    # Agreements: the midwives' in force; the Kita's lacks the § 72a commitment;
    # Familienbildung's ended in May; the former member's does not matter.
    agreement(midwives)
    agreement(
        kita,
        date(2025, 7, 1),
        obligations=(ObligationKind.CHILD_PROTECTION_8A, ObligationKind.DATA_PROTECTION),
    )
    agreement(family_education, ends_on=date(2025, 5, 1))
    agreement(counselling)

    # Delegates: Familienbildung keeps hers; the midwives change on 1 April (an old
    # delegation of 2018/19 and a deputy change do not count); the Kita names nobody.
    DelegationFactory(person=PersonFactory(organisation=family_education))
    DelegationFactory(
        person=PersonFactory(organisation=midwives),
        valid_from=date(2018, 1, 1),
        valid_until=date(2019, 12, 31),
    )
    DelegationFactory(
        person=PersonFactory(organisation=midwives),
        valid_from=date(2020, 1, 1),
        valid_until=date(2025, 3, 31),
    )
    DelegationFactory(person=PersonFactory(organisation=midwives), valid_from=date(2025, 4, 1))
    DelegationFactory(
        person=PersonFactory(organisation=midwives),
        kind=DelegationKind.DEPUTY,
        valid_from=date(2020, 1, 1),
        valid_until=date(2025, 5, 31),
    )
    DelegationFactory(
        person=PersonFactory(organisation=midwives),
        kind=DelegationKind.DEPUTY,
        valid_from=date(2025, 6, 1),
    )

    # Plenary meetings of 2025: March (members: Familienbildung, midwives, counselling)
    # and September (all four). Others do not count.
    plenary = BodyFactory(commune=commune, kind=BodyKind.PLENARY)
    march = MeetingFactory(
        body=plenary,
        title="Netzwerktreffen Frühjahr",
        status=MeetingStatus.HELD,
        starts_at=datetime(2025, 3, 5, 13, tzinfo=UTC),
    )
    september = MeetingFactory(
        body=plenary,
        title="Netzwerktreffen Herbst",
        status=MeetingStatus.MINUTES_APPROVED,
        starts_at=datetime(2025, 9, 10, 13, tzinfo=UTC),
    )
    AttendanceFactory(meeting=march, organisation=family_education)
    AttendanceFactory(meeting=march, organisation=midwives, kind=AttendanceKind.DEPUTY)
    AttendanceFactory(meeting=march, organisation=counselling, present=False)
    AttendanceFactory(meeting=september, organisation=kita)
    AttendanceFactory(meeting=september, organisation=counselling)
    AttendanceFactory(meeting=september, organisation=None, kind=AttendanceKind.GUEST)
    AttendanceFactory(meeting=september, organisation=candidate)
    for meeting in (
        MeetingFactory(
            body=plenary,
            status=MeetingStatus.CANCELLED,
            starts_at=datetime(2025, 11, 12, 13, tzinfo=UTC),
        ),
        MeetingFactory(
            body=plenary,
            status=MeetingStatus.HELD,
            starts_at=datetime(2024, 12, 10, 13, tzinfo=UTC),
        ),
        MeetingFactory(
            body=BodyFactory(commune=commune, kind=BodyKind.WORKING_GROUP),
            status=MeetingStatus.HELD,
            starts_at=datetime(2025, 6, 1, 13, tzinfo=UTC),
        ),
    ):
        AttendanceFactory(meeting=meeting, organisation=midwives)
    dortmund_meeting = MeetingFactory(
        body=BodyFactory(commune=world.dortmund, kind=BodyKind.PLENARY),
        status=MeetingStatus.HELD,
        starts_at=datetime(2025, 3, 5, 13, tzinfo=UTC),
    )
    AttendanceFactory(meeting=dortmund_meeting, organisation=dortmund_member)
    return Network(
        family_education,
        midwives,
        kita,
        counselling,
        candidate,
        centre,
        oberaden,
        weddinghofen,
        [march, september],
    )


def test_members_by_sector_counts_members_on_the_last_day_of_the_year(
    world: World, network: Network
) -> None:
    result = compute("network.members_by_sector", world.bergkamen, YEAR)
    assert result.value == 3
    assert values(result) == {
        "health": 1,
        "child_youth_welfare": 1,
        "pregnancy_counselling": 0,
        "early_intervention": 0,
        "volunteering": 0,
        "education": 1,
        "job_centre": 0,
        "other": 0,
    }
    table = drilldown("network.members_by_sector", world.bergkamen, YEAR, "health")
    assert column(table) == ["Hebammenpraxis"]
    assert table.links == [f"/bergkamen/network/organisations/{network.midwives.uuid}/"]
    everyone = drilldown("network.members_by_sector", world.bergkamen, YEAR)
    assert column(everyone) == ["Familienbildung Bergkamen", "Hebammenpraxis", "Kita Sonnenschein"]


def test_a_year_before_the_kita_joined_counts_the_counselling_service_instead(
    world: World, network: Network
) -> None:
    result = compute("network.members_by_sector", world.bergkamen, 2024)
    assert result.value == 3
    assert values(result)["pregnancy_counselling"] == 1
    assert values(result)["education"] == 0


def test_a_social_area_counts_the_members_serving_it_and_those_serving_everywhere(
    world: World, network: Network
) -> None:
    assert compute("network.members_by_sector", world.bergkamen, YEAR, network.mitte).value == 2
    assert (
        compute("network.members_by_sector", world.bergkamen, YEAR, network.weddinghofen).value == 1
    )
    result = compute("network.members_by_social_area", world.bergkamen, YEAR)
    assert result.value == 3
    assert values(result) == {"mitte": 2, "oberaden": 2, "weddinghofen": 1}
    table = drilldown("network.members_by_social_area", world.bergkamen, YEAR, "oberaden")
    assert column(table) == ["Familienbildung Bergkamen", "Kita Sonnenschein"]
    only = compute("network.members_by_social_area", world.bergkamen, YEAR, network.oberaden)
    assert values(only) == {"oberaden": 2}


def test_members_by_institution_type_lists_members_without_a_type_last(
    world: World, network: Network
) -> None:
    result = compute("network.members_by_type", world.bergkamen, YEAR)
    assert result.value == 3
    assert [(str(figure.label), figure.value) for figure in result.breakdown] == [
        ("Hebammenpraxis", 1),
        ("Kita", 1),
        (gettext("No type given"), 1),
    ]
    assert result.breakdown[2].key == "none"
    kita_key = result.breakdown[1].key
    assert column(drilldown("network.members_by_type", world.bergkamen, YEAR, kita_key)) == [
        "Kita Sonnenschein"
    ]
    assert column(drilldown("network.members_by_type", world.bergkamen, YEAR, "none")) == [
        "Familienbildung Bergkamen"
    ]


def test_agreements_count_only_in_force_with_every_obligation(
    world: World, network: Network
) -> None:
    result = compute("network.agreements_signed", world.bergkamen, YEAR)
    assert result.value == Decimal(1) / Decimal(3)
    assert (result.numerator, result.denominator) == (1, 3)
    assert values(result) == {"signed": 1, "missing": 2}
    missing = drilldown("network.agreements_signed", world.bergkamen, YEAR, "missing")
    assert column(missing) == ["Familienbildung Bergkamen", "Kita Sonnenschein"]
    assert column(missing, 4) == [NO, NO]
    everyone = drilldown("network.agreements_signed", world.bergkamen, YEAR)
    assert column(everyone, 4) == [NO, YES, NO]


def test_agreements_in_a_social_area_and_before_the_termination(
    world: World, network: Network
) -> None:
    in_mitte = compute("network.agreements_signed", world.bergkamen, YEAR, network.mitte)
    assert in_mitte.value == Decimal(1) / Decimal(2)
    weddinghofen = compute("network.agreements_signed", world.bergkamen, YEAR, network.weddinghofen)
    assert weddinghofen.value == 0
    # On 31.12.2024 Familienbildung's and the counselling service's were still in force.
    earlier = compute("network.agreements_signed", world.bergkamen, 2024)
    assert (earlier.numerator, earlier.denominator) == (3, 3)


def test_delegate_continuity_counts_a_new_delegate_as_a_change(
    world: World, network: Network
) -> None:
    result = compute("network.delegate_continuity", world.bergkamen, YEAR)
    assert result.value == Decimal(1) / Decimal(3)
    assert values(result) == {"continuous": 1, "changed": 1, "no_delegate": 1}
    table = drilldown("network.delegate_continuity", world.bergkamen, YEAR)
    assert [(row[0], row[4]) for row in table.rows] == [
        ("Familienbildung Bergkamen", 0),
        ("Hebammenpraxis", 1),
        ("Kita Sonnenschein", None),
    ]
    changed = drilldown("network.delegate_continuity", world.bergkamen, YEAR, "changed")
    assert column(changed) == ["Hebammenpraxis"]


def test_handing_the_delegation_back_counts_two_changes(world: World, network: Network) -> None:
    first = PersonFactory(organisation=network.kita)
    DelegationFactory(person=first, valid_from=date(2025, 6, 1), valid_until=date(2025, 7, 31))
    DelegationFactory(
        person=PersonFactory(organisation=network.kita),
        valid_from=date(2025, 8, 1),
        valid_until=date(2025, 8, 31),
    )
    DelegationFactory(person=first, valid_from=date(2025, 9, 1))
    table = drilldown("network.delegate_continuity", world.bergkamen, YEAR, "changed")
    assert [(row[0], row[4]) for row in table.rows] == [
        ("Hebammenpraxis", 1),
        ("Kita Sonnenschein", 2),
    ]


def test_plenary_attendance_is_seats_taken_over_members_on_each_meeting_day(
    world: World, network: Network
) -> None:
    result = compute("network.meeting_attendance", world.bergkamen, YEAR)
    assert result.value == Decimal(4) / Decimal(7)
    assert (result.numerator, result.denominator) == (4, 7)
    march, september = network.meetings
    assert [(f.key, f.numerator, f.denominator, f.value) for f in result.breakdown] == [
        (str(march.uuid), 2, 3, Decimal(2) / Decimal(3)),
        (str(september.uuid), 2, 4, Decimal(2) / Decimal(4)),
    ]
    assert result.breakdown[0].label == "Netzwerktreffen Frühjahr (05.03.2025)"
    table = drilldown("network.meeting_attendance", world.bergkamen, YEAR)
    assert [row[2:4] for row in table.rows] == [[2, 3], [2, 4]]
    assert table.links[0] == f"/bergkamen/meetings/{march.uuid}/"
    seats = drilldown("network.meeting_attendance", world.bergkamen, YEAR, str(september.uuid))
    assert [(row[0], row[4]) for row in seats.rows] == [
        ("Beratungsstelle", YES),
        ("Familienbildung Bergkamen", NO),
        ("Hebammenpraxis", NO),
        ("Kita Sonnenschein", YES),
    ]


def test_attendance_is_commune_wide_and_none_without_a_meeting(
    world: World, network: Network
) -> None:
    assert BY_KEY["network.meeting_attendance"].by_social_area is False
    empty = compute("network.meeting_attendance", world.bergkamen, 2023)
    assert empty.value is None
    assert empty.breakdown == []


def test_shares_are_none_without_members(world: World, network: Network) -> None:
    assert compute("network.agreements_signed", world.bergkamen, 2015).value is None
    assert compute("network.delegate_continuity", world.bergkamen, 2015).value is None
    assert compute("network.members_by_sector", world.bergkamen, 2015).value == 0


def test_the_other_commune_counts_only_its_own(world: World, network: Network) -> None:
    result = compute("network.members_by_sector", world.dortmund, YEAR)
    assert result.value == 2
    assert values(result)["health"] == 1
    signed = compute("network.agreements_signed", world.dortmund, YEAR)
    assert (signed.numerator, signed.denominator) == (1, 2)
    attendance = compute("network.meeting_attendance", world.dortmund, YEAR)
    assert (attendance.numerator, attendance.denominator) == (1, 2)


def test_queries_do_not_grow_with_the_number_of_members(world: World, network: Network) -> None:
    few = queries_of_every_indicator(KEYS, world.bergkamen, YEAR)
    for number in range(30):
        organisation = OrganisationFactory(commune=world.bergkamen, name=f"Träger {number}")
        organisation.social_areas.add(network.mitte)
        agreement(organisation)
        DelegationFactory(person=PersonFactory(organisation=organisation))
        AttendanceFactory(meeting=network.meetings[1], organisation=organisation)
    assert compute("network.members_by_sector", world.bergkamen, YEAR).value == 33
    assert queries_of_every_indicator(KEYS, world.bergkamen, YEAR) == few
