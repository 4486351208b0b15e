"""Family midwives and FGKiKP: eligibility on the day of the 1st and 3rd birthday,
caseload capacity and the waiting list, and professionals who see only their own
families."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent, User
from lotse.core.permissions import Role
from lotse.referrals.models import CaseOutcome
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.models import AssignmentStatus, HealthAssignment, HealthVisit
from lotse.referrals.support.services.health import (
    assignment_for_professional,
    end_assignment,
    record_visit,
    request_health_professional,
)
from lotse.referrals.support.services.plans import close_help_case, open_help_plan
from tests.conftest import World
from tests.core.factories import MembershipFactory, UserFactory
from tests.support.factories import ChildSpec, make_case, make_professional

MIDWIFE = HealthProfessionalKind.FAMILY_MIDWIFE
FGKIKP = HealthProfessionalKind.FGKIKP
A = AssignmentStatus


def _case_in_help(world: World, *children: ChildSpec, name: str = "Familie Sonnenschein") -> object:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    referral = make_case(world.bergkamen, children=list(children), name=name)
    open_help_plan(actor=worker, referral=referral)
    referral.refresh_from_db()
    return referral


def _second_professional(world: World) -> User:
    user = UserFactory(email="fgkikp2@bergkamen.test")
    MembershipFactory(user=user, commune=world.bergkamen, role=Role.HEALTH_PROFESSIONAL)
    return user


@time_machine.travel(date(2026, 3, 14), tick=False)
def test_a_family_midwife_is_assigned_on_the_first_birthday(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    make_professional(world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL))
    referral = _case_in_help(world, ChildSpec(birth_date=date(2025, 3, 14)))
    assignment = request_health_professional(actor=worker, referral=referral, kind=MIDWIFE)  # type: ignore[arg-type]
    assert assignment.status == A.ACTIVE


@time_machine.travel(date(2026, 3, 15), tick=False)
def test_a_family_midwife_is_refused_the_day_after_the_first_birthday(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    make_professional(world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL))
    referral = _case_in_help(world, ChildSpec(birth_date=date(2025, 3, 14)))
    with pytest.raises(ValidationError) as raised:
        request_health_professional(actor=worker, referral=referral, kind=MIDWIFE)  # type: ignore[arg-type]
    assert raised.value.message_dict["kind"] == [
        (
            "Eine Familienhebamme kann eine Familie nur von der Schwangerschaft bis einschließlich "
            "zum ersten Geburtstag des Kindes begleiten. Kein Kind dieser Familie erfüllt die "
            "Voraussetzung."
        )
    ]
    assert not HealthAssignment.all_communes.exists()


@time_machine.travel(date(2028, 3, 14), tick=False)
def test_an_fgkikp_is_refused_on_the_third_birthday(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    make_professional(
        world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL), kind=FGKIKP
    )
    referral = _case_in_help(world, ChildSpec(birth_date=date(2025, 3, 14)))
    with pytest.raises(ValidationError) as raised:
        request_health_professional(actor=worker, referral=referral, kind=FGKIKP)  # type: ignore[arg-type]
    assert "bis zum Tag vor dem dritten Geburtstag" in raised.value.message_dict["kind"][0]


@time_machine.travel(date(2028, 3, 13), tick=False)
def test_an_fgkikp_is_assigned_on_the_day_before_the_third_birthday(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    make_professional(
        world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL), kind=FGKIKP
    )
    referral = _case_in_help(world, ChildSpec(birth_date=date(2025, 3, 14)))
    assignment = request_health_professional(actor=worker, referral=referral, kind=FGKIKP)  # type: ignore[arg-type]
    assert assignment.status == A.ACTIVE


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_the_waiting_list_moves_up_with_priority_first_when_a_place_frees(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    nurse = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    make_professional(world.bergkamen, nurse, kind=FGKIKP, capacity=1)
    first = _case_in_help(world, ChildSpec(birth_date=date(2026, 1, 1)), name="Familie A")
    waiting = _case_in_help(world, ChildSpec(birth_date=date(2026, 1, 1)), name="Familie B")
    premature = _case_in_help(
        world, ChildSpec(birth_date=date(2026, 2, 1), premature=True), name="Familie C"
    )
    active = request_health_professional(actor=worker, referral=first, kind=FGKIKP)  # type: ignore[arg-type]
    plain = request_health_professional(actor=worker, referral=waiting, kind=FGKIKP)  # type: ignore[arg-type]
    urgent = request_health_professional(actor=worker, referral=premature, kind=FGKIKP)  # type: ignore[arg-type]
    assert (active.status, plain.status, urgent.status) == (A.ACTIVE, A.WAITING, A.WAITING)
    assert urgent.priority
    end_assignment(
        actor=nurse, commune=world.bergkamen, assignment=active, ended_on=date(2026, 6, 1)
    )
    plain.refresh_from_db()
    urgent.refresh_from_db()
    assert (urgent.status, urgent.professional.user) == (A.ACTIVE, nurse)  # type: ignore[union-attr]
    assert plain.status == A.WAITING
    assert AuditEvent.all_communes.filter(action=SupportAction.HEALTH_ASSIGNED).count() == 1


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_closing_the_case_frees_the_place_for_the_waiting_family(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    make_professional(
        world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL), capacity=1
    )
    first = _case_in_help(world, ChildSpec(birth_date=date(2026, 1, 1)), name="Familie A")
    second = _case_in_help(world, ChildSpec(due_date=date(2026, 8, 1)), name="Familie B")
    request_health_professional(actor=worker, referral=first, kind=MIDWIFE)  # type: ignore[arg-type]
    waiting = request_health_professional(actor=worker, referral=second, kind=MIDWIFE)  # type: ignore[arg-type]
    close_help_case(
        actor=worker,
        help_plan=first.help_plan,  # type: ignore[attr-defined]
        outcome=CaseOutcome.HELP_COMPLETED,
        reason="Ziele erreicht",
        expected_version=None,
    )
    first.refresh_from_db()  # type: ignore[attr-defined]
    assert first.outcome == CaseOutcome.HELP_COMPLETED  # type: ignore[attr-defined]
    waiting.refresh_from_db()
    assert waiting.status == A.ACTIVE


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_a_professional_documents_visits_only_in_her_own_families(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    midwife = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    other = _second_professional(world)
    make_professional(world.bergkamen, midwife, capacity=1)
    make_professional(world.bergkamen, other, capacity=1)
    mine = request_health_professional(
        actor=worker,
        referral=_case_in_help(world, ChildSpec(birth_date=date(2026, 3, 1))),  # type: ignore[arg-type]
        kind=MIDWIFE,
    )
    assert mine.professional.user == midwife  # type: ignore[union-attr]
    visit = record_visit(
        actor=midwife,
        commune=world.bergkamen,
        assignment=mine,
        visited_on=date(2026, 6, 1),
        hours=Decimal("1.5"),
        notes="Stillberatung",
    )
    assert HealthVisit.objects.for_commune(world.bergkamen).get() == visit
    with pytest.raises(Http404):
        assignment_for_professional(other, world.bergkamen, mine.uuid)
    with pytest.raises(Http404):
        record_visit(
            actor=other,
            commune=world.bergkamen,
            assignment=mine,
            visited_on=date(2026, 6, 1),
            hours=Decimal(1),
        )
    assert HealthVisit.all_communes.count() == 1


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_a_visit_in_the_future_or_with_silly_hours_is_refused(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    midwife = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    make_professional(world.bergkamen, midwife)
    mine = request_health_professional(
        actor=worker,
        referral=_case_in_help(world, ChildSpec(birth_date=date(2026, 3, 1))),  # type: ignore[arg-type]
        kind=MIDWIFE,
    )
    with pytest.raises(ValidationError) as raised:
        record_visit(
            actor=midwife,
            commune=world.bergkamen,
            assignment=mine,
            visited_on=date(2026, 6, 2),
            hours=Decimal(20),
        )
    assert raised.value.message_dict == {
        "visited_on": ["Ein Besuch kann nicht im Voraus dokumentiert werden."],
        "hours": ["Bitte geben Sie zwischen 0,25 und 12 Stunden an."],
    }


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_the_professionals_pages_show_only_her_families(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    midwife = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    other = _second_professional(world)
    make_professional(world.bergkamen, midwife, capacity=1)
    make_professional(world.bergkamen, other, capacity=1)
    mine = request_health_professional(
        actor=worker,
        referral=_case_in_help(world, ChildSpec(birth_date=date(2026, 3, 1)), name="Familie Eigen"),  # type: ignore[arg-type]
        kind=MIDWIFE,
    )
    theirs = request_health_professional(
        actor=worker,
        referral=_case_in_help(world, ChildSpec(birth_date=date(2026, 3, 1)), name="Familie Fremd"),  # type: ignore[arg-type]
        kind=MIDWIFE,
    )
    client = client_for("bergkamen", Role.HEALTH_PROFESSIONAL)
    page = client.get(reverse("support:my_families", args=["bergkamen"])).content.decode()
    assert "Familie Eigen" in page
    assert "Familie Fremd" not in page
    assert (
        client.get(reverse("support:my_family", args=["bergkamen", theirs.uuid])).status_code == 404
    )
    response = client.post(
        reverse("support:my_family", args=["bergkamen", mine.uuid]),
        {"visited_on": "2026-06-01", "hours": "2", "notes": "Erstbesuch"},
    )
    assert response.status_code == 302
    assert AuditEvent.all_communes.filter(action=SupportAction.ASSIGNED_FAMILY_READ).count() == 1
