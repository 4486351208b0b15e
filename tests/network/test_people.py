"""Each member names one delegate and one deputy (with network knowledge); a change keeps
the history, so "three delegates in two years" shows, and gaps are flagged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from lotse.core.audit import MASK
from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.network.actions import NetworkAction
from lotse.network.models import Delegation, DelegationKind
from lotse.network.selectors import current_delegation, delegates_within, open_todos
from lotse.network.services.people import appoint, end_delegation, save_person
from tests.conftest import World
from tests.network.conftest import coordinator
from tests.network.factories import OrganisationFactory, PersonFactory

ClientFor = Callable[[str, str], Client]


def test_naming_a_new_delegate_ends_the_previous_one_the_day_before(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    first, second = PersonFactory.create_batch(2, organisation=organisation)
    appoint(
        actor=coordinator(world),
        organisation=organisation,
        person=first,
        kind=DelegationKind.DELEGATE,
        valid_from=date(2025, 1, 1),
    )
    appoint(
        actor=coordinator(world),
        organisation=organisation,
        person=second,
        kind=DelegationKind.DELEGATE,
        valid_from=date(2025, 9, 1),
    )
    history = list(
        Delegation.objects.for_commune(world.bergkamen)
        .order_by("valid_from")
        .values_list("person__name", "valid_from", "valid_until")
    )
    assert history == [
        (first.name, date(2025, 1, 1), date(2025, 8, 31)),
        (second.name, date(2025, 9, 1), None),
    ]
    assert current_delegation(organisation, date(2025, 8, 31))[0] == first
    assert current_delegation(organisation, date(2025, 9, 1))[0] == second


@time_machine.travel(date(2026, 6, 1))
def test_three_delegates_in_two_years_show_on_the_organisation_page(
    world: World, client_for: ClientFor
) -> None:
    organisation = world.organisations["bergkamen"]
    for person, start in zip(
        PersonFactory.create_batch(3, organisation=organisation),
        (date(2024, 9, 1), date(2025, 4, 1), date(2026, 1, 15)),
        strict=True,
    ):
        appoint(
            actor=coordinator(world),
            organisation=organisation,
            person=person,
            kind=DelegationKind.DELEGATE,
            valid_from=start,
        )
    assert delegates_within(organisation, 2) == 3
    page = client_for("bergkamen", Role.PLANNER).get(
        reverse(
            "network:organisation_detail",
            kwargs={"commune_slug": "bergkamen", "organisation_uuid": organisation.uuid},
        )
    )
    assert "3 Vertretungen in den letzten zwei Jahren." in page.content.decode()


def test_a_deputy_must_know_the_network(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    newcomer = PersonFactory(organisation=organisation, has_network_knowledge=False)
    with pytest.raises(ValidationError) as error:
        appoint(
            actor=coordinator(world),
            organisation=organisation,
            person=newcomer,
            kind=DelegationKind.DEPUTY,
            valid_from=date(2026, 1, 1),
        )
    assert "muss das Netzwerk kennen" in error.value.messages[0]
    assert not Delegation.objects.for_commune(world.bergkamen).exists()


def test_a_person_of_another_organisation_cannot_be_named(world: World) -> None:
    stranger = PersonFactory(organisation=OrganisationFactory(commune=world.bergkamen))
    with pytest.raises(ValidationError):
        appoint(
            actor=coordinator(world),
            organisation=world.organisations["bergkamen"],
            person=stranger,
            kind=DelegationKind.DELEGATE,
            valid_from=date(2026, 1, 1),
        )


def test_partner_staff_keep_their_own_people_but_not_anothers(world: World) -> None:
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    person = save_person(
        actor=partner,
        organisation=world.organisations["bergkamen"],
        values={"name": "Vera Vogt", "email": "vera.vogt@example.org", "phone": "0170 1"},
    )
    event = AuditEvent.objects.for_commune(world.bergkamen).get(action=NetworkAction.PERSON_SAVED)
    assert event.changes["email"] == {"old": MASK, "new": MASK}
    assert person.organisation == world.organisations["bergkamen"]
    with pytest.raises(PermissionDenied):
        save_person(
            actor=partner,
            organisation=OrganisationFactory(commune=world.bergkamen),
            values={"name": "Fremd"},
        )


def test_members_without_a_current_delegate_or_deputy_are_flagged(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    delegate = PersonFactory(organisation=organisation)
    delegation = appoint(
        actor=coordinator(world),
        organisation=organisation,
        person=delegate,
        kind=DelegationKind.DELEGATE,
        valid_from=date(2025, 1, 1),
    )
    todos = open_todos(world.bergkamen, date(2026, 1, 1))
    assert todos.missing_delegate == []
    assert todos.missing_deputy == [organisation]
    end_delegation(actor=coordinator(world), delegation=delegation, valid_until=date(2025, 12, 31))
    assert open_todos(world.bergkamen, date(2026, 1, 1)).missing_delegate == [organisation]


def test_partner_staff_name_their_deputy_in_the_browser(
    world: World, client_for: ClientFor
) -> None:
    organisation = world.organisations["bergkamen"]
    person = PersonFactory(organisation=organisation)
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    response = client.post(
        reverse(
            "network:own_delegation_appoint",
            kwargs={"commune_slug": "bergkamen", "organisation_uuid": organisation.uuid},
        ),
        {"kind": "deputy", "person": person.uuid, "valid_from": "01.02.2026"},
    )
    assert response.status_code == 302
    assert current_delegation(organisation, date(2026, 2, 1)) == (None, person)
