"""Funding in a real browser: a partner applies for next year, the coordination office
reviews, approves and releases the decision, and the measure appears in the measure plan.
Every page on the way passes axe-core."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.funding.models import Application, ApplicationStatus, FundingYear, default_funding_areas
from tests.browser.support import assert_no_axe_violations
from tests.conftest import World, log_in
from tests.funding.conftest import sign_agreement

pytestmark = pytest.mark.browser

# The deadline for a year is 30 September of the year before: far enough ahead.
YEAR = 2030


def _enter_as(page: Page, live_server: LiveServer, user: User) -> None:
    """Share a logged-in session (with its verified second factor) with the browser."""
    session = log_in(Client(), user).cookies["sessionid"].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_from_application_to_approved_measure_in_the_plan(
    transactional_db: None, world: World, page: Page, live_server: LiveServer
) -> None:
    sign_agreement(world.organisations["bergkamen"])
    FundingYear.all_communes.create(
        commune=world.bergkamen,
        year=YEAR,
        allocation=Decimal("37240"),
        allocation_confirmed=True,
        priorities="Familien früh erreichen",
    )
    base = f"{live_server.url}/bergkamen/funding"

    _enter_as(page, live_server, world.user("bergkamen", Role.PARTNER_STAFF))
    page.goto(f"{base}/applications/")
    assert_no_axe_violations(page)
    page.get_by_label("Titel der Maßnahme").fill("Babylotsin am Klinikum")
    page.get_by_role("button", name="Entwurf beginnen").click()
    page.get_by_label("Förderbereich").select_option(default_funding_areas()[1])
    page.get_by_label("Ziele").fill("Familien schon in der Geburtsklinik erreichen.")
    page.get_by_label("Zielgruppe").fill("Wöchnerinnen und ihre Familien")
    page.get_by_label("Beginn der Maßnahme").fill(f"{YEAR}-01-01")
    page.get_by_label("Ende der Maßnahme").fill(f"{YEAR}-12-31")
    page.get_by_label("Beantragter Betrag (EUR)").fill("15000")
    page.get_by_label("Kostenposition 1", exact=True).fill("Personalkosten Babylotsin")
    page.get_by_label("Betrag der Kostenposition 1 (EUR)").fill("15000")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Entwurf speichern").click()
    page.get_by_role("button", name="Antrag einreichen").click()
    assert "Status: Eingereicht" in page.locator("main").inner_text()

    _enter_as(page, live_server, world.user("bergkamen", Role.COORDINATOR))
    page.goto(f"{base}/{YEAR}/")
    page.get_by_role("link", name="Babylotsin am Klinikum").click()
    page.get_by_role("button", name="Prüfung beginnen").click()
    assert_no_axe_violations(page)
    page.locator("#id_decide-decision").select_option("approved")
    page.locator("#id_decide-reason").fill("Passt zur Priorität, Familien früh zu erreichen.")
    page.get_by_role("button", name="Entscheidung festhalten").click()
    page.get_by_role("link", name="Zurück zum Förderjahr").click()
    assert_no_axe_violations(page)
    page.get_by_role(
        "button", name="Entscheidungen bekanntgeben und Antragsteller benachrichtigen"
    ).click()
    assert "1 Entscheidungen wurden bekanntgegeben" in page.locator("main").inner_text()

    _enter_as(page, live_server, world.user("bergkamen", Role.PLANNER))
    page.goto(f"{base}/plan/?year={YEAR}")
    row = page.locator("main table tbody tr").first
    assert row.locator("th").inner_text() == "Babylotsin am Klinikum"
    assert "15.000,00 €" in row.inner_text()
    assert_no_axe_violations(page)
    application = Application.objects.for_commune(world.bergkamen).get()
    assert application.status == ApplicationStatus.APPROVED
