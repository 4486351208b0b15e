"""Referrals in a real browser: the navigator's clinic form with check-your-answers, the
worker's queue, case file, contact attempt and triage, and the public "Kontakt wünschen"
form in Arabic (right to left); axe-core finds nothing on any of these pages and the
strict CSP blocks nothing. (The whole way to a brokered Baby-Café place is
tests/browser/test_support.py.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.referrals.models import (
    IntakeSettings,
    Referral,
    ReferralStatus,
    ScreeningItem,
    ScreeningSheet,
)
from tests.browser.support import assert_no_axe_violations
from tests.conftest import World, log_in
from tests.referrals.factories import consent_text

pytestmark = pytest.mark.browser


def _enter_as(page: Page, live_server: LiveServer, user: User) -> None:
    """Share a logged-in session (with its verified second factor) with the browser."""
    session = log_in(Client(), user).cookies["sessionid"].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_a_clinic_referral_reaches_the_queue_and_is_triaged(
    transactional_db: None,
    world: World,
    page: Page,
    live_server: LiveServer,
    csp_violations: list[str],
) -> None:
    consent_text(world.bergkamen)
    IntakeSettings.all_communes.create(
        commune=world.bergkamen,
        asd_phone="02307 000-100",
        team_name="Familienbüro Bergkamen",
        team_phone="02307 000-200",
    )
    sheet = ScreeningSheet.all_communes.create(
        commune=world.bergkamen, name="Beispielbogen", threshold=2
    )
    ScreeningItem.all_communes.create(
        commune=world.bergkamen, sheet=sheet, position=1, text="Mutter erschöpft", points=2
    )
    base = f"{live_server.url}/bergkamen"
    now = timezone.localtime()

    _enter_as(page, live_server, world.user("bergkamen", Role.NAVIGATOR))
    page.goto(f"{base}/zugaenge/klinik/")
    expect(page.get_by_text("02307 000-100")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Familienname").fill("Familie Lindner")
    page.get_by_label("Telefon", exact=True).fill("02307 44444")
    page.get_by_label("Sozialraum").select_option(label="Mitte")
    page.get_by_label("Kind 1: Geburtsdatum").fill((now - timedelta(days=2)).date().isoformat())
    page.get_by_label("Kind 1: Frühgeburt").check()
    page.get_by_label("Was braucht die Familie? (in Ihren Worten)").fill(
        "Unsicher mit dem Frühchen"
    )
    page.get_by_label("Mutter erschöpft (2)").check()
    page.get_by_label("Die Familie hat in die Weitergabe", exact=False).check()
    page.get_by_label("Wie wurde eingewilligt?").select_option("written")
    page.get_by_label("Eingewilligt hat").fill("Jana Lindner")
    page.get_by_role("button", name="Weiter: Angaben prüfen").click()
    expect(page.locator("h1")).to_have_text("Angaben prüfen")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Zugang senden").click()
    expect(page.locator("h1")).to_have_text("Zugang gesendet")
    assert_no_axe_violations(page)
    page.goto(f"{base}/zugaenge/meine/")
    assert "Familie Lindner" not in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    _enter_as(page, live_server, world.user("bergkamen", Role.EARLY_HELP_WORKER))
    page.goto(f"{base}/faelle/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Familie Lindner").click()
    expect(page.locator("h1")).to_have_text("Fall: Familie Familie Lindner")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Kontaktversuch dokumentieren").click()
    assert_no_axe_violations(page)
    page.locator("main [name=channel]").select_option("phone")
    page.locator("main [name=outcome]").select_option("reached")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Der Kontaktversuch ist dokumentiert.")).to_be_visible()
    page.get_by_role("link", name="Einschätzung").click()
    assert_no_axe_violations(page)
    page.get_by_label("Frühe Hilfen").check()
    page.locator("main [name=reason]").fill("Familie wünscht Begleitung.")
    page.get_by_role("button", name="Einschätzung speichern").click()
    expect(page.get_by_text("Die Einschätzung ist gespeichert.")).to_be_visible()
    assert_no_axe_violations(page)
    referral = Referral.objects.for_commune(world.bergkamen).get()
    assert referral.status == ReferralStatus.TRIAGED
    assert referral.deadline_met is True
    assert referral.screening_result.score == 2
    assert not csp_violations


def test_a_family_asks_for_contact_in_arabic(
    transactional_db: None,
    world: World,
    page: Page,
    live_server: LiveServer,
    csp_violations: list[str],
) -> None:
    # Chromium asks for /favicon.ico by itself; Lotse's 404 page (not this form) carries the
    # staff language form with a CSRF token, which would set a cookie.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/bergkamen/kontakt/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("طلب التواصل")
    assert_no_axe_violations(page)
    page.get_by_label("اسمك").fill("Layla Haddad")
    page.get_by_label("الهاتف", exact=True).fill("0176 2222")
    page.get_by_label("تاريخ ميلاد أصغر أطفالك (إذا وُلد)").fill(
        (timezone.localdate() - timedelta(days=100)).isoformat()
    )
    page.get_by_label("كيف يمكننا مساعدتك؟").fill("نبحث عن مجموعة للأمهات")
    page.get_by_label("أوافق", exact=False).check()
    page.wait_for_timeout(3_100)  # the signed timestamp refuses posts faster than a person
    page.get_by_role("button", name="إرسال").click()
    expect(page.locator("h1")).to_have_text("شكراً لك")
    assert_no_axe_violations(page)
    assert not page.context.cookies()
    referral = Referral.objects.for_commune(world.bergkamen).get()
    assert referral.family.name == "Layla Haddad"
    assert not csp_violations
