"""The open-data pages in Chromium: HSDS export and import, the review queue, and the
partners' spreadsheet template; axe-core finds nothing on any of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from lotse.core.models import Commune, User
from lotse.demo import facts
from lotse.demo.builders import DemoResult
from lotse.network.models import Organisation
from lotse.offers.models import OrganisationMatchReview
from tests.browser.support import assert_no_axe_violations, log_in
from tests.conftest import log_in as log_in_client

pytestmark = pytest.mark.browser


def test_the_coordinator_imports_a_bad_file_sees_every_problem_and_decides_a_duplicate(
    page: Page, live_server: LiveServer, demo: DemoResult, tmp_path: Path
) -> None:
    bergkamen = Commune.objects.get(slug="bergkamen")
    existing = Organisation.objects.for_commune(bergkamen).order_by("name").first()
    assert existing is not None
    OrganisationMatchReview.all_communes.create(
        commune=bergkamen,
        source="portal.json",
        imported_data={"id": "x", "name": existing.name, "lotse_offer_ids": []},
        suspected_organisation=existing,
    )
    bad = tmp_path / "portal.json"
    bad.write_text(json.dumps([{"id": "a", "name": "Krabbelgruppe", "status": "weg"}]))
    log_in(page, live_server.url, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)

    page.goto(f"{live_server.url}/bergkamen/katalog/austausch/")
    assert_no_axe_violations(page)
    page.get_by_label("Datei").set_input_files(str(bad))
    page.get_by_role("button", name="Prüfen und importieren").click()
    problems = page.locator("#import-problems").inner_text()
    assert "Nichts wurde importiert" in problems
    assert "Angebot Nr. 1 „Krabbelgruppe“: status: ist keiner der erlaubten Werte" in problems
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Prüfliste öffnen").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=f"Über „{existing.name}“ entscheiden").click()
    assert_no_axe_violations(page)
    page.get_by_label("Ihre Entscheidung").select_option("merge")
    page.get_by_role("button", name="Entscheidung speichern").click()
    assert existing.name in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_the_partner_finds_the_template_and_its_upload_form_accessible(
    page: Page, live_server: LiveServer, demo: DemoResult
) -> None:
    # Partner staff need a second factor; give the browser a session that has one.
    partner = User.objects.get(email="partner_staff@bergkamen.example")
    client = log_in_client(Client(), partner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/bergkamen/katalog/vorlage/")

    assert page.get_by_role("link", name="Vorlage als Excel-Datei (XLSX)").is_visible()
    assert_no_axe_violations(page)
