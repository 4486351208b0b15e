"""Reports in a real browser: the Bergkamen planner opens the dashboard, follows a
drill-down by keyboard, and the dashboard, an indicator page and the gap analysis pass
axe-core."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.reports.indicators import ALL
from tests.browser.support import assert_no_axe_violations
from tests.conftest import World, log_in
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.browser


def _enter_as(page: Page, live_server: LiveServer, user: User) -> None:
    """Share a logged-in session (with its verified second factor) with the browser."""
    session = log_in(Client(), user).cookies["sessionid"].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_the_planner_opens_the_dashboard_and_follows_a_drilldown_by_keyboard(
    transactional_db: None,
    world: World,
    page: Page,
    live_server: LiveServer,
    csp_violations: list[str],
) -> None:
    OfferFactory(commune=world.bergkamen, provider=world.organisations["bergkamen"])
    indicator = next(i for i in ALL if i.drilldown is not None)
    base = f"{live_server.url}/bergkamen/reports"
    _enter_as(page, live_server, world.user("bergkamen", Role.PLANNER))

    page.goto(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichte")
    assert_no_axe_violations(page)

    link = page.get_by_role(
        "link", name=re.compile(re.escape(f"{indicator.title}: ") + r".* – die Zahlen dahinter")
    )
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(f"/reports/{indicator.key}/details/")))
    expect(page.get_by_role("heading", level=1)).to_have_text(str(indicator.title))
    expect(page.get_by_role("table", name="Die Zahlen hinter dem Wert")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name=f"Zurück zu {indicator.title}").click()
    page.wait_for_url(re.compile(re.escape(f"/reports/{indicator.key}/")))
    expect(page.locator("svg.chart")).to_have_count(1)
    assert_no_axe_violations(page)
    assert csp_violations == []


def test_the_filter_and_the_gap_analysis_work_without_javascript_errors_and_pass_axe(
    transactional_db: None, world: World, page: Page, live_server: LiveServer
) -> None:
    _enter_as(page, live_server, world.user("bergkamen", Role.PLANNER))
    page.goto(f"{live_server.url}/bergkamen/reports/")
    page.get_by_label("Sozialraum", exact=True).select_option(label="Mitte")
    page.get_by_label("Jahr", exact=True).fill("2025")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_text("Zahlen von 2025 für den Sozialraum Mitte.")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/bergkamen/reports/gaps/?year=2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lückenanalyse der Präventionskette")
    assert_no_axe_violations(page)
