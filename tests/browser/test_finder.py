"""The public finder in a real browser, as families use it: a mother of a 4-month-old in
Bergkamen looks for a free offer without registration, in German and in Arabic; every
finder page in every language passes axe-core; the core path works by keyboard alone and
without JavaScript."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from lotse.offers.models import Offer
from tests.browser.support import assert_no_axe_violations
from tests.finder import conftest as finder_fixtures

# The finder's own fixtures (offers of Bergkamen, a fixed day, an empty cache).
_today = finder_fixtures._today
_fresh_cache = finder_fixtures._fresh_cache
make_offer = finder_fixtures.make_offer
mitte = finder_fixtures.mitte
oberaden = finder_fixtures.oberaden
bergkamen_offers = finder_fixtures.bergkamen_offers

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _result_names(page: Page) -> list[str]:
    return page.locator("ol.offer-list h3").all_inner_texts()


def _search_free_without_registration_for_four_months(page: Page) -> None:
    page.get_by_label("oder Alter des Kindes in Monaten").fill("4")
    page.get_by_label("Kostenlos").check()
    page.get_by_label("Ohne Anmeldung").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Suchen").click()


def test_a_mother_of_a_four_month_old_finds_the_baby_cafe_and_the_elterncafe_in_german_and_arabic(
    page: Page,
    live_server: LiveServer,
    bergkamen_offers: dict[str, Offer],
    csp_violations: list[str],
) -> None:
    page.goto(f"{live_server.url}/bergkamen/angebote/")
    _search_free_without_registration_for_four_months(page)
    names = _result_names(page)
    assert "Baby-Café" in names
    assert "Offenes Elterncafé" in names
    assert "Still-Café" not in names
    assert "age_months=4" in page.url  # a shareable address
    # The same search in Arabic, from the language switch.
    with page.expect_navigation():
        page.locator("nav.language-links a[hreflang=ar]").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    arabic = _result_names(page)
    assert "Baby-Café" in arabic
    assert "Offenes Elterncafé" in arabic
    assert "Still-Café" not in arabic
    # And from scratch in Arabic: the form speaks Arabic.
    page.goto(f"{live_server.url}/bergkamen/angebote/?lang=ar")
    page.get_by_label("أو عمر الطفل بالأشهر").fill("4")
    page.get_by_label("مجاني").check()
    page.get_by_label("بدون تسجيل").check()
    with page.expect_navigation():
        page.get_by_role("button", name="بحث").click()
    assert sorted(_result_names(page)) == sorted(arabic)
    assert not csp_violations


def test_every_finder_page_in_every_language_has_no_axe_violation(
    browser: Browser, live_server: LiveServer, bergkamen_offers: dict[str, Offer]
) -> None:
    offer = bergkamen_offers["elterncafe"]
    base = f"{live_server.url}/bergkamen/angebote/"
    pages = [
        "",
        "?age_months=4&free=1&no_registration=1",
        "?q=Reitstunde",  # no result
        "?age_months=viele",  # a field error
        f"{offer.uuid}/",
        "drucken/?age_months=4",
        "leichte-sprache/",
        "barrierefreiheit/",
        "barriere-melden/",
    ]
    context = browser.new_context()
    page = context.new_page()
    try:
        for language in LANGUAGES:
            for path in pages:
                separator = "&" if "?" in path else "?"
                url = base + path + (f"{separator}lang={language}" if language != "de" else "")
                page.goto(url)
                assert page.locator("html").get_attribute("lang") == language
                assert_no_axe_violations(page)
    finally:
        context.close()


def test_the_core_path_works_by_keyboard_alone(
    page: Page, live_server: LiveServer, bergkamen_offers: dict[str, Offer]
) -> None:
    page.goto(f"{live_server.url}/bergkamen/angebote/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    def tab_to(element_id: str) -> None:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                return
        raise AssertionError(f"#{element_id} cannot be reached by keyboard")

    tab_to("id_age_months")
    page.keyboard.type("4")
    tab_to("id_free")
    page.keyboard.press("Space")
    tab_to("id_no_registration")
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    names = _result_names(page)
    assert "Baby-Café" in names
    assert "Offenes Elterncafé" in names
    # On to the first offer's page, still by keyboard.
    first = page.locator("ol.offer-list h3 a").first
    first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == names[0]


def test_the_finder_works_without_javascript(
    browser: Browser, live_server: LiveServer, bergkamen_offers: dict[str, Offer]
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/bergkamen/angebote/")
        assert not page.locator("#near-me").is_visible()  # needs JavaScript
        _search_free_without_registration_for_four_months(page)
        names = _result_names(page)
        assert "Baby-Café" in names
        assert "Offenes Elterncafé" in names
        with page.expect_navigation():
            page.get_by_role("link", name="Offenes Elterncafé", exact=True).click()
        assert page.locator("h1").inner_text() == "Offenes Elterncafé"
        cookies = context.cookies()
        assert cookies == []
    finally:
        context.close()


def test_near_me_sorts_by_the_browsers_position_without_storing_it(
    browser: Browser, live_server: LiveServer, bergkamen_offers: dict[str, Offer]
) -> None:
    oberaden = {"latitude": 51.5930, "longitude": 7.5630}
    context = browser.new_context(geolocation=oberaden, permissions=["geolocation"], locale="de-DE")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/bergkamen/angebote/")
        page.get_by_role("button", name="Nach Entfernung von mir sortieren").click()
        page.wait_for_url("**lat=51.593**")
        assert _result_names(page)[:2] == ["Elternstartkurs Oberaden", "Still-Café"]
        assert context.cookies() == []
    finally:
        context.close()


def test_text_enlarged_to_200_percent_loses_nothing(
    page: Page, live_server: LiveServer, bergkamen_offers: dict[str, Offer]
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    offer = bergkamen_offers["baby_cafe"]
    for path in ("?age_months=4", "?age_months=4&lang=ar", f"{offer.uuid}/", "barrierefreiheit/"):
        page.goto(f"{live_server.url}/bergkamen/angebote/{path}")
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        # Long German compounds wrap: nothing runs off to the side.
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"horizontal scrolling at 200 % on {path}"
        assert page.locator("h1").is_visible()
