"""The funding pages in the navigation and their query counts."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from lotse.core.permissions import Role
from lotse.funding.models import ApplicationStatus
from tests.conftest import World
from tests.funding.conftest import MakeApplication


def test_each_role_sees_the_funding_entries_its_capabilities_allow(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    def labels(role: str) -> list[str]:
        response = client_for("bergkamen", role).get("/bergkamen/")
        return [item["label"] for item in response.context["nav_items"]]

    assert {"Förderung", "Maßnahmeplan"} <= set(labels(Role.COORDINATOR))
    assert "Förderanträge" not in labels(Role.COORDINATOR)
    assert {"Förderanträge", "Maßnahmeplan"} <= set(labels(Role.PARTNER_STAFF))
    assert "Maßnahmeplan" in labels(Role.PLANNER)
    assert not {"Förderung", "Förderanträge", "Maßnahmeplan"} & set(labels(Role.NAVIGATOR))


def test_the_applicants_list_and_the_year_list_need_no_more_queries_for_more_rows(
    world: World,
    make_application: MakeApplication,
    client_for: Callable[[str, str], Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    make_application(status=ApplicationStatus.APPROVED, approved="1000")
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    coordinator = client_for("bergkamen", Role.COORDINATOR)
    for _round in range(2):
        with django_assert_max_num_queries(30):  # type: ignore[operator]
            partner.get("/bergkamen/funding/applications/")
        with django_assert_max_num_queries(20):  # type: ignore[operator]
            coordinator.get("/bergkamen/funding/")
        for i in range(8):
            make_application(
                status=ApplicationStatus.APPROVED, approved="100", title=f"Maßnahme {_round}-{i}"
            )
