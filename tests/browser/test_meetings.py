"""A network meeting in a real browser, from the invitation to the approved minutes:
plan it, invite, reply through the link, check in on the attendance list, mark it held,
write the minutes with a decision and approve them — with axe-core on the way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from lotse.demo import facts
from lotse.demo.builders import DemoResult
from lotse.meetings.models import Invitation, Meeting, MeetingStatus, MinutesStatus, Reply
from tests.browser.support import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

TITLE = "Netzwerktreffen Browsertest"


def test_a_meeting_from_invitation_to_approved_minutes(
    page: Page, live_server: LiveServer, demo: DemoResult, csp_violations: list[str]
) -> None:
    base = live_server.url
    log_in(page, base, "coordinator@bergkamen.example", facts.DEMO_PASSWORD)

    # Plan the meeting.
    page.goto(f"{base}/bergkamen/meetings/new/")
    assert_no_axe_violations(page)
    form = page.locator("main form")
    form.get_by_label("Gremium").select_option(label="Netzwerk Frühe Hilfen")
    form.get_by_label("Titel").fill(TITLE)
    form.get_by_label("Beginn").fill("2099-03-04T14:00")
    form.get_by_label("Ende").fill("2099-03-04T16:00")
    form.get_by_label("Ort", exact=True).fill("Rathaus Bergkamen")
    form.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE
    assert "Neuigkeiten aus den Einrichtungen" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # Invite.
    page.get_by_role("button", name="Einladungen versenden").click()
    page.wait_for_load_state()
    assert "Einladungen wurden versandt" in page.locator(".messages").inner_text()
    meeting = Meeting.all_communes.get(title=TITLE)
    assert meeting.status == MeetingStatus.INVITED

    # A delegate replies through the link in the e-mail, without logging in.
    invitation = Invitation.all_communes.filter(meeting=meeting).order_by("pk").first()
    assert invitation is not None
    reply_page = page.context.browser.new_page(locale="de-DE")  # type: ignore[union-attr]
    reply_page.goto(f"{base}/bergkamen/meetings/reply/{invitation.token}/")
    reply_page.get_by_label("Nimmt teil", exact=True).check()
    reply_page.get_by_role("button", name="Antwort senden").click()
    reply_page.wait_for_load_state()
    assert "Ihre Antwort wurde gespeichert" in reply_page.locator("main").inner_text()
    assert_no_axe_violations(reply_page)
    reply_page.close()
    invitation.refresh_from_db()
    assert invitation.reply == Reply.ATTENDING

    # The day has come (moved in the database: the meeting begins an hour ago).
    start = timezone.now() - timedelta(hours=1)
    Meeting.all_communes.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )

    # Check in on the tablet.
    page.goto(f"{base}/bergkamen/meetings/{meeting.uuid}/attendance/")
    page.get_by_role("button", name="Eine Zeile für jede Mitgliedseinrichtung anlegen").click()
    page.wait_for_load_state()
    page.locator("main table tbody tr").first.get_by_role("button").first.click()
    page.wait_for_load_state()
    assert "1 Person anwesend" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # Held; write the minutes.
    page.goto(f"{base}/bergkamen/meetings/{meeting.uuid}/")
    page.get_by_role("button", name="Als stattgefunden markieren").click()
    page.wait_for_load_state()
    page.locator("main").get_by_role("link", name="Protokoll", exact=True).click()
    page.wait_for_load_state()
    item = meeting.agenda_items.get()
    page.get_by_label("Aussprache").fill("Neue Kita in Oberaden.")
    page.locator(f"select[name='{item.uuid}-outcome']").select_option("decided")
    page.get_by_label("Beschluss", exact=True).fill("Die AG Sprachmittlung wird gegründet.")
    page.get_by_role("button", name="Protokoll speichern").click()
    page.wait_for_load_state()
    assert "Das Protokoll ist gespeichert" in page.locator(".messages").inner_text()
    assert_no_axe_violations(page)

    # Approve and send.
    page.get_by_label("Genehmigt durch").fill("Geschäftsführung am 10.03.")
    page.get_by_role("button", name="Genehmigen und versenden").click()
    page.wait_for_load_state()
    assert "Das Protokoll ist genehmigt" in page.locator(".messages").inner_text()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert meeting.minutes.status == MinutesStatus.APPROVED
    item.refresh_from_db()
    assert item.decision_number is not None
    assert f"Beschluss {item.decision_reference} (PDF)" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    assert not csp_violations
