"""The worker finds the help plan from the case: the case page links to it once the case
was triaged as early help."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from lotse.core.permissions import Role
from tests.conftest import World
from tests.support.factories import make_case


def test_the_case_page_of_an_early_help_case_links_to_its_help_plan(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    referral = make_case(world.bergkamen, case_worker=worker)
    page = client_for("bergkamen", Role.EARLY_HELP_WORKER).get(
        reverse(
            "referrals:case_detail",
            kwargs={"commune_slug": "bergkamen", "uuid": referral.uuid},
        )
    )
    help_plan = reverse(
        "support:help_plan", kwargs={"commune_slug": "bergkamen", "referral_uuid": referral.uuid}
    )
    assert f'href="{help_plan}">Hilfeplan</a>' in page.content.decode()
