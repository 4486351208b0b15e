"""The foundation in a real browser: login, the start page, the skip link, and axe-core."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from lotse.demo import facts
from lotse.demo.builders import DemoResult
from tests.browser.support import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

BERGKAMEN_AREAS = ["Mitte", "Weddinghofen", "Oberaden", "Rünthe"]


def test_the_login_page_is_german_and_has_no_axe_violation(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/login/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_the_bergkamen_coordinator_logs_in_and_sees_the_four_social_areas(
    page: Page, live_server: LiveServer, demo: DemoResult
) -> None:
    log_in(page, live_server.url, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)
    assert page.url == f"{live_server.url}/bergkamen/"
    row_headers = page.locator("main table tbody th[scope=row]").all_inner_texts()
    assert sorted(row_headers) == sorted(BERGKAMEN_AREAS)
    assert_no_axe_violations(page)


def test_the_skip_link_is_the_first_stop_and_moves_the_focus_to_the_main_content(
    page: Page, live_server: LiveServer, demo: DemoResult
) -> None:
    log_in(page, live_server.url, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/bergkamen/")
    with translation.override("de"):
        skip_text = gettext("Skip to content")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.hash]"
    )
    assert focused == [skip_text, "#main"]

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_the_pages_break_no_rule_of_the_content_security_policy(
    page: Page, live_server: LiveServer, demo: DemoResult, csp_violations: list[str]
) -> None:
    log_in(page, live_server.url, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)
    page.wait_for_load_state("networkidle")
    assert not csp_violations, "The Content-Security-Policy blocked:\n" + "\n".join(csp_violations)
