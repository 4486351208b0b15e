"""The demo opens help plans for the referrals demo's early-help cases through the
services, proposes the Baby-Café in Bergkamen and requests a health professional, once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from lotse.core.models import AuditEvent, Commune
from lotse.demo.support_facts import HELP_PLANS_PER_COMMUNE
from lotse.referrals.models import ReferralStatus
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.models import (
    BrokeredHelp,
    BrokeredHelpStatus,
    HealthAssignment,
    HelpPlan,
)

pytestmark = pytest.mark.django_db


def _state() -> list[tuple[str, int, list[tuple[str, str]], list[tuple[str, str]]]]:
    state = []
    for commune in Commune.objects.order_by("slug"):
        state.append(
            (
                commune.slug,
                HelpPlan.objects.for_commune(commune).count(),
                sorted(
                    BrokeredHelp.objects.for_commune(commune).values_list("offer__name", "status")
                ),
                sorted(HealthAssignment.objects.for_commune(commune).values_list("kind", "status")),
            )
        )
    return state


def test_the_demo_opens_help_plans_through_the_services_once() -> None:
    call_command("demo", "--allow-production", stdout=StringIO())
    first = _state()
    call_command("demo", "--allow-production", stdout=StringIO())
    assert _state() == first
    assert first == [
        (
            "bergkamen",
            HELP_PLANS_PER_COMMUNE,
            [("Baby-Café", BrokeredHelpStatus.PROPOSED)],
            [("fgkikp", "active")],
        ),
        ("dortmund", HELP_PLANS_PER_COMMUNE, [], [("family_midwife", "active")]),
    ]
    for plan in HelpPlan.all_communes.select_related("referral"):
        assert plan.referral.status == ReferralStatus.HELP_IN_PROGRESS
    assert (
        AuditEvent.all_communes.filter(action=SupportAction.HELP_PLAN_OPENED).count()
        == 2 * HELP_PLANS_PER_COMMUNE
    )
