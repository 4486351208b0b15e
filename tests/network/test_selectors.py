"""Membership, delegation and agreements are derived from dates, so "who was a member on
1 March" has one answer, and others' code can rely on it."""

from __future__ import annotations

from datetime import date

from lotse.network.models import DelegationKind, OrganisationStatus, Sector
from lotse.network.selectors import (
    current_delegation,
    current_members,
    has_signed_agreement,
    members_by_sector,
)
from tests.conftest import World
from tests.network.conftest import agreement_in_force
from tests.network.factories import DelegationFactory, OrganisationFactory, PersonFactory


def test_a_member_counts_from_its_first_day_up_to_the_day_before_its_membership_ends(
    world: World,
) -> None:
    leaving = OrganisationFactory(
        commune=world.bergkamen, member_since=date(2024, 3, 1), member_until=date(2026, 7, 1)
    )
    members = current_members(world.bergkamen, date(2024, 2, 29))
    assert leaving not in members
    assert leaving in current_members(world.bergkamen, date(2024, 3, 1))
    assert leaving in current_members(world.bergkamen, date(2026, 6, 30))
    assert leaving not in current_members(world.bergkamen, date(2026, 7, 1))


def test_a_candidate_is_no_member_and_another_communes_member_never_counts(world: World) -> None:
    OrganisationFactory(commune=world.bergkamen, status=OrganisationStatus.CANDIDATE)
    members = set(current_members(world.bergkamen, date(2026, 1, 1)))
    assert members == {world.organisations["bergkamen"]}


def test_the_delegation_of_a_day_is_the_delegate_and_deputy_valid_then(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    old = DelegationFactory(
        person=PersonFactory(organisation=organisation),
        valid_from=date(2024, 1, 1),
        valid_until=date(2025, 6, 30),
    )
    new = DelegationFactory(
        person=PersonFactory(organisation=organisation), valid_from=date(2025, 7, 1)
    )
    deputy = DelegationFactory(
        person=PersonFactory(organisation=organisation),
        kind=DelegationKind.DEPUTY,
        valid_from=date(2024, 1, 1),
    )
    assert current_delegation(organisation, date(2025, 6, 30)) == (old.person, deputy.person)
    assert current_delegation(organisation, date(2025, 7, 1)) == (new.person, deputy.person)
    assert current_delegation(organisation, date(2023, 12, 31)) == (None, None)


def test_an_agreement_counts_as_signed_only_with_every_obligation_present(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    assert not has_signed_agreement(organisation, date(2026, 1, 1))
    agreement = agreement_in_force(world, organisation, date(2026, 1, 5), obligations=False)
    assert not has_signed_agreement(organisation, date(2026, 1, 6)), "no obligations yet"
    agreement.obligations.update(fulfilled_on=date(2026, 1, 5))
    assert has_signed_agreement(organisation, date(2026, 1, 6))
    assert not has_signed_agreement(organisation, date(2026, 1, 4)), "not yet countersigned"


def test_members_by_sector_names_every_sector_even_without_members(world: World) -> None:
    OrganisationFactory(commune=world.bergkamen, sector=Sector.HEALTH)
    OrganisationFactory(commune=world.bergkamen, sector=Sector.HEALTH)
    OrganisationFactory(commune=world.dortmund, sector=Sector.HEALTH)
    counts = members_by_sector(world.bergkamen)
    assert counts["health"] == 2
    assert counts["child_youth_welfare"] == 1
    assert counts["volunteering"] == 0
    assert list(counts) == list(Sector.values)
