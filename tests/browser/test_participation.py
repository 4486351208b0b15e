"""Participation in a real browser: the offer feedback form in Arabic (right to left),
filled in with the keyboard only, without any cookie; the coordinator's handout, survey
and evaluation pages. axe-core finds nothing and the strict CSP blocks nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from lotse.core.permissions import Role
from lotse.reports.participation import services
from lotse.reports.participation.models import Audience, Feedback, QuestionKind
from tests.browser.support import assert_no_axe_violations
from tests.conftest import World, log_in
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.browser


def test_a_family_gives_feedback_on_an_offer_in_arabic_by_keyboard(
    transactional_db: None,
    world: World,
    page: Page,
    live_server: LiveServer,
    csp_violations: list[str],
) -> None:
    offer = OfferFactory(
        commune=world.bergkamen, provider=world.organisations["bergkamen"], name="Babytreff"
    )
    # Chromium asks for /favicon.ico by itself; the 404 page would set a CSRF cookie.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/bergkamen/rueckmeldung/angebot/{offer.uuid}/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("رأيك في أحد العروض")
    assert_no_axe_violations(page)

    page.get_by_label("1 – سيئ جدًا").focus()
    for _step in range(3):  # arrow keys move through a radio group and choose: 4
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # "Did you feel welcome?": the first answer, yes
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # "Would you recommend it?": yes
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # "How did you hear of it?": the third answer, the Kita
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # the optional part of town stays unanswered
    page.keyboard.press("Tab")  # the honeypot is out of the tab order: the button
    expect(page.get_by_role("button", name="إرسال الرأي")).to_be_focused()
    page.wait_for_timeout(2_100)  # the signed timestamp refuses posts faster than a person
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("شكراً لك")
    assert_no_axe_violations(page)
    assert not page.context.cookies()
    feedback = Feedback.objects.for_commune(world.bergkamen).get()
    assert (feedback.rating, feedback.felt_welcome, feedback.would_recommend) == (4, "yes", "yes")
    assert (feedback.heard_from, feedback.language, feedback.offer) == ("kita", "ar", offer)
    assert not csp_violations


def test_a_missing_answer_is_announced_in_arabic_and_stores_nothing(
    transactional_db: None,
    world: World,
    page: Page,
    live_server: LiveServer,
    csp_violations: list[str],
) -> None:
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/bergkamen/rueckmeldung/fruehe-hilfen/?lang=ar")
    page.wait_for_timeout(2_100)
    page.get_by_role("button", name="إرسال الرأي").press("Enter")
    expect(page.locator(".field-error").first).to_have_text("يرجى اختيار إجابة.")
    assert_no_axe_violations(page)
    assert not Feedback.objects.for_commune(world.bergkamen).exists()
    assert not csp_violations


def test_the_coordinator_s_handout_survey_and_evaluation_pages_pass_axe(
    transactional_db: None,
    world: World,
    page: Page,
    live_server: LiveServer,
    csp_violations: list[str],
) -> None:
    offer = OfferFactory(
        commune=world.bergkamen, provider=world.organisations["bergkamen"], name="Babytreff"
    )
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    survey = services.create_survey(
        actor=coordinator,
        commune=world.bergkamen,
        title="Was brauchen Familien?",
        intro="Anonym, fünf Minuten.",
        audience=Audience.FAMILIES,
        social_area=None,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + timedelta(days=30),
    )
    question = services.add_question(
        actor=coordinator,
        survey=survey,
        text="Wann passen Ihnen Angebote?",
        kind=QuestionKind.SINGLE,
        choices="Vormittags\nNachmittags",
        required=True,
    )
    services.add_question(
        actor=coordinator,
        survey=survey,
        text="Wie gut finden Sie Angebote?",
        kind=QuestionKind.RATING,
        choices="",
        required=False,
    )
    session = log_in(Client(), coordinator).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    base = f"{live_server.url}/bergkamen/beteiligung"
    page.goto(f"{base}/aushaenge/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Aushang für Babytreff").click()
    expect(page.locator("svg.qr-code")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{base}/umfragen/{survey.uuid}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Umfrage öffnen").click()
    expect(page.locator("svg.qr-code")).to_be_visible()
    assert_no_axe_violations(page)
    services.answer_survey(
        survey=survey,
        invitation=None,
        social_area=None,
        language="de",
        answers={str(question.uuid): "Vormittags"},
    )
    page.goto(f"{base}/ergebnisse/{survey.uuid}/")
    expect(page.locator("h1")).to_contain_text("Auswertung")
    assert_no_axe_violations(page)
    page.goto(f"{base}/rueckmeldungen/")
    assert_no_axe_violations(page)
    assert not csp_violations
    assert offer.name == "Babytreff"
