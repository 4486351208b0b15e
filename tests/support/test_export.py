"""A family's Art. 15 export holds what the help for families keeps about it too."""

from __future__ import annotations

import json

from lotse.core.permissions import Role
from lotse.referrals.services.exports import family_export
from lotse.referrals.support.services.brokering import propose_offer
from lotse.referrals.support.services.plans import open_help_plan, update_help_plan
from tests.conftest import World
from tests.support.factories import make_case, make_offer


def test_the_art_15_export_contains_the_help_plan_and_the_brokered_offer(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    referral = make_case(world.bergkamen, case_worker=worker)
    offer = make_offer(world.bergkamen, world.organisations["bergkamen"])
    plan = open_help_plan(actor=worker, referral=referral)
    update_help_plan(
        actor=worker,
        help_plan=plan,
        goals="Anschluss an das Baby-Café",
        expected_version=plan.version,
    )
    propose_offer(actor=worker, help_plan=plan, offer=offer)

    data = family_export(actor=worker, referral=referral)

    help_part = data["help"]
    assert help_part["help_plans"][0]["goals"] == "Anschluss an das Baby-Café"
    assert help_part["help_plans"][0]["brokered_help"][0]["offer"] == "Baby-Café"
    assert help_part["health_care"] == []
    json.dumps(data)  # the JSON export writes it as it is
