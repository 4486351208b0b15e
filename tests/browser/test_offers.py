"""The offer catalog's staff pages in Chromium: editing, review, the prevention chain,
and axe-core finds nothing on any of them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from lotse.demo import facts
from lotse.demo.builders import DemoResult
from tests.browser.support import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


def test_the_coordinator_edits_an_offer_and_is_shown_the_error_at_the_field(
    page: Page, live_server: LiveServer, demo: DemoResult
) -> None:
    log_in(page, live_server.url, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/bergkamen/katalog/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Baby-Café").click()
    assert page.locator("h1").inner_text() == "Baby-Café"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Angebot bearbeiten").click()
    page.get_by_label("Mindestalter in Monaten").fill("24")
    page.get_by_role("button", name="Angebot speichern").click()
    error = page.locator("#id_max_age_months_error")
    assert error.inner_text() == "Das Höchstalter darf nicht unter dem Mindestalter liegen."
    assert_no_axe_violations(page)
    page.get_by_label("Mindestalter in Monaten").fill("0")
    page.get_by_label("Freie Plätze").fill("3")
    page.get_by_role("button", name="Angebot speichern").click()
    assert "Das Angebot wurde gespeichert." in page.locator("main").inner_text()


def test_the_prevention_chain_categories_places_and_settings_pass_axe(
    page: Page, live_server: LiveServer, demo: DemoResult
) -> None:
    log_in(page, live_server.url, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/bergkamen/praeventionskette/")
    assert page.locator("main table tbody th[scope=row]").count() == 4
    assert_no_axe_violations(page)
    page.locator("main table a").first.click()
    assert_no_axe_violations(page)
    for path in (
        "katalog/kategorien/",
        "katalog/orte/",
        "katalog/orte/neu/",
        "katalog/einstellungen/",
        "katalog/wegweiser/",
    ):
        page.goto(f"{live_server.url}/bergkamen/{path}")
        assert_no_axe_violations(page)
