"""Figures for reports (aggregates only), the demo's help plans, and the profiles of the
health professionals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import SocialArea
from lotse.core.permissions import Role
from lotse.demo.support import _help_plans
from lotse.referrals.models import ReferralStatus
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.figures import help_brokered_by_kind
from lotse.referrals.support.models import BrokeredHelp, HealthProfessional, HelpPlan
from lotse.referrals.support.services.brokering import (
    answer_request,
    propose_offer,
    report_started,
    send_to_partner,
)
from lotse.referrals.support.services.health import request_health_professional
from lotse.referrals.support.services.plans import open_help_plan, record_support_week
from tests.conftest import World
from tests.support.factories import ChildSpec, make_case, make_offer, make_professional

TODAY = date(2026, 11, 23)


@time_machine.travel(TODAY, tick=False)
def test_help_brokered_is_counted_by_kind(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    make_professional(
        world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL), capacity=1
    )
    plans = [
        open_help_plan(
            actor=worker,
            referral=make_case(
                world.bergkamen,
                name=f"Familie {n}",
                children=[ChildSpec(birth_date=date(2026, 9, 1))],
            ),
        )
        for n in range(2)
    ]
    offer = make_offer(world.bergkamen, world.organisations["bergkamen"])
    for plan in plans:
        brokered = propose_offer(actor=worker, help_plan=plan, offer=offer)
        send_to_partner(actor=worker, brokered_help=brokered, base_url="https://x/")
    first = BrokeredHelp.objects.for_commune(world.bergkamen).first()
    answer_request(actor=partner, brokered_help=first, accept=True)
    report_started(actor=partner, brokered_help=first, started_on=TODAY)
    for plan in plans:
        request_health_professional(
            actor=worker, referral=plan.referral, kind=HealthProfessionalKind.FAMILY_MIDWIFE
        )
    record_support_week(
        actor=worker,
        help_plan=plans[0],
        week_start=date(2026, 11, 16),
        planned_hours=Decimal(5),
        logged_hours=Decimal("4.5"),
        reason="",
    )
    figures = help_brokered_by_kind(world.bergkamen, 2026)
    assert (figures.offers_sent, figures.offers_accepted, figures.offers_started) == (2, 1, 1)
    assert (figures.family_midwives, figures.waiting_for_health_professional) == (1, 1)
    assert (figures.individual_support_families, figures.individual_support_hours) == (
        1,
        Decimal("4.5"),
    )
    assert help_brokered_by_kind(world.dortmund, 2026).offers_sent == 0


def test_the_demo_gives_cases_in_help_a_plan_and_brokers_the_baby_cafe_once(world: World) -> None:
    make_case(world.bergkamen, status=ReferralStatus.HELP_IN_PROGRESS)
    make_offer(world.bergkamen, world.organisations["bergkamen"], "Baby-Café")
    for _run in range(2):
        _help_plans(world.bergkamen, timezone.localdate())
    assert HelpPlan.objects.for_commune(world.bergkamen).count() == 1
    brokered = BrokeredHelp.objects.for_commune(world.bergkamen).get()
    assert brokered.offer.name == "Baby-Café"


def test_the_team_keeps_the_profiles_of_the_health_professionals(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    nurse = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    url = reverse("support:professional_create", args=["bergkamen"])
    response = client.post(
        url,
        {
            "user": nurse.pk,
            "kind": HealthProfessionalKind.FGKIKP,
            "caseload_capacity": "6",
            "social_areas": [area.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    profile = HealthProfessional.objects.for_commune(world.bergkamen).get()
    assert (profile.user, profile.kind, profile.caseload_capacity) == (nurse, "fgkikp", 6)
    again = client.post(
        url,
        {
            "user": nurse.pk,
            "kind": HealthProfessionalKind.FGKIKP,
            "caseload_capacity": "6",
            "social_areas": [area.pk],
        },
    )
    assert "Diese Person hat bereits ein Profil dieser Art." in again.content.decode()
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    refused = client.post(
        url,
        {"user": worker.pk, "kind": "fgkikp", "caseload_capacity": "6", "social_areas": [area.pk]},
    )
    assert refused.status_code == 200
    assert HealthProfessional.all_communes.count() == 1
    page = client.get(reverse("support:professional_list", args=["bergkamen"])).content.decode()
    assert "Familien-Gesundheits- und Kinderkrankenpflegerin (FGKiKP)" in page
    assert "0 / 6" in page
