"""The network in a real browser: the coordinator creates an organisation, admits it after
consulting the members, drafts, sends and files the signed cooperation agreement;
axe-core finds nothing on the way. (Partner staff need a second factor to log in; their
editing is covered by the view tests.)"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from lotse.demo import facts
from lotse.demo.builders import DemoResult
from lotse.network.models import Admission, Organisation
from lotse.network.selectors import current_members, has_signed_agreement
from tests.browser.support import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_coordinator_admits_an_organisation_and_files_its_signed_agreement(
    page: Page, live_server: LiveServer, demo: DemoResult, tmp_path: Path, settings: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    bergkamen = demo.communes["bergkamen"]
    today = timezone.localdate().isoformat()
    log_in(page, live_server.url, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/bergkamen/")

    page.goto(f"{live_server.url}/bergkamen/network/organisations/new/")
    assert_no_axe_violations(page)
    page.fill("#id_name", "Kita Löwenzahn")
    page.select_option("#id_sector", "child_youth_welfare")
    page.fill("#id_street", "Blumenweg 4")
    page.fill("#id_postal_code", "59192")
    page.fill("#id_city", "Bergkamen")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("h1")).to_have_text("Kita Löwenzahn")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Aufnahme eröffnen").click()
    expect(page.locator("h1")).to_have_text("Aufnahme von Kita Löwenzahn eröffnen")
    assert_no_axe_violations(page)
    page.fill("#id_motivation", "Elterncafé für Neugeborene")
    page.get_by_role("button", name="Aufnahme eröffnen").click()
    expect(page.locator("h1")).to_have_text("Aufnahme von Kita Löwenzahn")
    page.get_by_role("button", name="Mitglieder befragen").click()
    expect(page.get_by_text("per E-Mail gefragt, ob sie widersprechen")).to_be_visible()
    assert_no_axe_violations(page)

    # Fourteen days later, nobody has objected.
    organisation = Organisation.objects.for_commune(bergkamen).get(name="Kita Löwenzahn")
    Admission.objects.for_commune(bergkamen).filter(organisation=organisation).update(
        objection_deadline=timezone.localdate() - timedelta(days=1)
    )
    page.reload()
    page.get_by_role("link", name="Entscheidung der Geschäftsführung festhalten").click()
    expect(page.locator("h1")).to_have_text("Entscheidung der Geschäftsführung über Kita Löwenzahn")
    assert_no_axe_violations(page)
    page.check("#id_admitted_0")
    page.fill("#id_decided_on", today)
    page.fill("#id_reason", "Keine Einwände aus dem Netzwerk")
    page.get_by_role("button", name="Entscheidung festhalten").click()
    expect(page.get_by_text("Aufgenommen", exact=True).first).to_be_visible()
    assert organisation in current_members(bergkamen)

    page.get_by_role("link", name="Zurück zur Einrichtung").click()
    page.get_by_role("button", name="Kooperationsvereinbarung entwerfen").click()
    expect(page.locator("h1")).to_have_text("Kooperationsvereinbarung mit Kita Löwenzahn")
    assert_no_axe_violations(page)
    page.fill("#id_day", today)
    page.get_by_role("button", name="Als zur Unterschrift versandt markieren").click()
    page.fill("#id_day", today)
    page.set_input_files(
        "#id_document",
        files=[{"name": "unterschrieben.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.get_by_role("button", name="Unterschrift des Partners festhalten").click()
    expect(page.get_by_role("link", name="Unterschriebenes Dokument herunterladen")).to_be_visible()
    page.fill("#id_day", today)
    page.get_by_role("button", name="Gegenzeichnung festhalten").click()
    expect(page.locator("dd", has_text="In Kraft (gegengezeichnet)")).to_be_visible()
    for kind in ("section_8a", "section_72a", "data_protection"):
        page.select_option("#id_kind", kind)
        page.fill("#id_fulfilled_on", today)
        page.get_by_role("button", name="Verpflichtung speichern").click()
        expect(page.get_by_text("Die Verpflichtung wurde erfasst.")).to_be_visible()
    assert_no_axe_violations(page)
    assert has_signed_agreement(organisation)
    admission = Admission.objects.for_commune(bergkamen).get(organisation=organisation)
    assert admission.status == "active"

    page.goto(f"{live_server.url}/bergkamen/network/")
    assert_no_axe_violations(page)
