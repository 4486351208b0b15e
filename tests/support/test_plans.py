"""The help plan: optimistic locking, the Fachkraft's 4 to 6 hours, volunteer sponsors
requested by the team and confirmed by the coordination, pages and their queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lotse.core.locking import EditConflict
from lotse.core.permissions import Role
from lotse.referrals.support.models import HelpPlan, SponsorshipStatus, SupportWeek
from lotse.referrals.support.services.plans import (
    open_help_plan,
    record_support_week,
    update_help_plan,
)
from lotse.referrals.support.services.sponsors import confirm_sponsor, request_sponsor
from tests.conftest import World
from tests.support.factories import ChildSpec, make_case, make_volunteer

TODAY = date(2026, 11, 23)  # a Monday


def _plan(world: World, **case: object) -> HelpPlan:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    return open_help_plan(actor=worker, referral=make_case(world.bergkamen, **case))  # type: ignore[arg-type]


def test_a_stale_edit_of_the_help_plan_overwrites_nothing(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    update_help_plan(actor=worker, help_plan=plan, goals="Baby-Café besuchen", expected_version=1)
    with pytest.raises(EditConflict) as raised:
        update_help_plan(actor=worker, help_plan=plan, goals="Nur Elternkurs", expected_version=1)
    assert raised.value.differences[0].saved == "Baby-Café besuchen"
    plan.refresh_from_db()
    assert (plan.goals, plan.version) == ("Baby-Café besuchen", 2)


def test_the_help_plan_page_shows_both_versions_on_a_conflict(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    update_help_plan(actor=worker, help_plan=plan, goals="Baby-Café besuchen", expected_version=1)
    response = client_for("bergkamen", Role.EARLY_HELP_WORKER).post(
        reverse("support:help_plan_goals", args=["bergkamen", plan.uuid]),
        {"goals": "Nur Elternkurs", "version": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Jemand anderes hat den Hilfeplan inzwischen gespeichert" in page
    assert "Baby-Café besuchen" in page
    assert "Nur Elternkurs" in page


@time_machine.travel(TODAY, tick=False)
def test_support_hours_outside_4_to_6_need_a_reason(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    with pytest.raises(ValidationError) as raised:
        record_support_week(
            actor=worker,
            help_plan=plan,
            week_start=date(2026, 11, 23),
            planned_hours=Decimal(8),
            logged_hours=None,
            reason="",
        )
    assert (
        "für 8 Stunden geben Sie bitte eine Begründung an"
        in (raised.value.message_dict["planned_hours"][0])
    )
    record_support_week(
        actor=worker,
        help_plan=plan,
        week_start=date(2026, 11, 23),
        planned_hours=Decimal(8),
        logged_hours=Decimal("7.5"),
        reason="Krise nach der Entlassung aus der Klinik",
    )
    record_support_week(
        actor=worker,
        help_plan=plan,
        week_start=date(2026, 11, 30),
        planned_hours=Decimal(5),
        logged_hours=None,
        reason="",
    )
    assert SupportWeek.objects.for_commune(world.bergkamen).count() == 2


@time_machine.travel(TODAY, tick=False)
def test_a_week_starts_on_a_monday_and_is_logged_once_begun(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    with pytest.raises(ValidationError) as raised:
        record_support_week(
            actor=worker,
            help_plan=plan,
            week_start=date(2026, 12, 1),
            planned_hours=Decimal(5),
            logged_hours=Decimal(5),
            reason="",
        )
    assert set(raised.value.message_dict) == {"week_start", "logged_hours"}
    assert not SupportWeek.all_communes.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_sponsor_is_requested_for_a_child_under_three_and_confirmed_by_the_coordination(
    world: World,
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    coordinator = world.user("bergkamen", Role.VOLUNTEER_COORDINATOR)
    plan = _plan(world)
    valid = make_volunteer(world.bergkamen, name="Anna", certificate=date(2025, 1, 1))
    blocked = make_volunteer(world.bergkamen, name="Bernd")
    sponsorship = request_sponsor(
        actor=worker, help_plan=plan, languages=["de"], availability=["weekday_mornings"]
    )
    with pytest.raises(ValidationError) as raised:
        confirm_sponsor(actor=coordinator, sponsorship=sponsorship, volunteer=blocked)
    assert raised.value.message_dict["volunteer"] == [
        "Es liegt kein erweitertes Führungszeugnis vor (§ 72a SGB VIII)."
    ]
    confirm_sponsor(actor=coordinator, sponsorship=sponsorship, volunteer=valid)
    sponsorship.refresh_from_db()
    assert (sponsorship.status, sponsorship.volunteer) == (SponsorshipStatus.CONFIRMED, valid)


@time_machine.travel(TODAY, tick=False)
def test_no_sponsor_for_a_family_without_a_child_under_three(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world, children=[ChildSpec(birth_date=date(2023, 11, 23))])
    with pytest.raises(ValidationError) as raised:
        request_sponsor(actor=worker, help_plan=plan, languages=[], availability=[])
    assert "mindestens einem Kind im Alter von 0 bis 3 Jahren" in raised.value.messages[0]


@time_machine.travel(TODAY, tick=False)
def test_the_coordination_confirms_on_its_page_without_seeing_the_familys_name(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    volunteer = make_volunteer(world.bergkamen, name="Anna", certificate=date(2025, 1, 1))
    sponsorship = request_sponsor(actor=worker, help_plan=plan, languages=[], availability=[])
    client = client_for("bergkamen", Role.VOLUNTEER_COORDINATOR)
    url = reverse("support:sponsorship_confirm", args=["bergkamen", sponsorship.uuid])
    page = client.get(url).content.decode()
    assert "Anna" in page
    assert "Sonnenschein" not in page
    response = client.post(url, {"volunteer": str(volunteer.uuid)})
    assert response.status_code == 302
    sponsorship.refresh_from_db()
    assert sponsorship.status == SponsorshipStatus.CONFIRMED


def test_reading_the_help_plan_is_audited_and_another_commune_gets_404(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    from lotse.core.models import AuditEvent  # noqa: PLC0415

    plan = _plan(world)
    url = reverse("support:help_plan", args=["bergkamen", plan.referral.uuid])
    response = client_for("bergkamen", Role.EARLY_HELP_WORKER).get(url)
    assert response.status_code == 200
    assert "Hilfeplan für Familie Sonnenschein" in response.content.decode()
    assert AuditEvent.all_communes.filter(
        action="referrals.case_read", object_id=str(plan.referral.uuid)
    ).exists()
    other = client_for("dortmund", Role.EARLY_HELP_WORKER)
    assert (
        other.get(reverse("support:help_plan", args=["dortmund", plan.referral.uuid])).status_code
        == 404
    )


def test_the_help_plan_list_does_not_grow_queries_with_rows(
    world: World,
    client_for: Callable[[str, str], Client],
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    for number in range(6):
        make_case(world.bergkamen, name=f"Familie {number}")
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    with django_assert_max_num_queries(10):  # type: ignore[attr-defined]
        response = client.get(reverse("support:help_plan_list", args=["bergkamen"]))
    assert response.content.decode().count("Familie ") >= 6
