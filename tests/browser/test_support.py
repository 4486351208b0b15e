"""The help for families in a real browser: a clinic navigator refers a family with the
clinic form, the early-help worker contacts the family, triages early help and brokers the
Baby-Café; the Baby-Café's partner accepts and reports that the family started, and the
worker sees it. Every page of the help plan and the partner's inbox passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.referrals.support.models import BrokeredHelp, BrokeredHelpStatus
from tests.browser.support import assert_no_axe_violations
from tests.conftest import World, log_in
from tests.support.factories import consent_text, make_offer

pytestmark = pytest.mark.browser


def _enter_as(page: Page, live_server: LiveServer, user: User) -> None:
    """Share a logged-in session (with its verified second factor) with the browser."""
    session = log_in(Client(), user).cookies["sessionid"].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_a_referral_from_the_clinic_form_ends_in_a_brokered_baby_cafe_place(
    transactional_db: None, world: World, page: Page, live_server: LiveServer
) -> None:
    consent_text(world.bergkamen)
    make_offer(world.bergkamen, world.organisations["bergkamen"], "Baby-Café")
    base = f"{live_server.url}/bergkamen"
    now = timezone.localtime()
    born = (now - timedelta(days=5)).date().isoformat()

    # The navigator on the maternity ward.
    _enter_as(page, live_server, world.user("bergkamen", Role.NAVIGATOR))
    page.goto(f"{base}/zugaenge/klinik/")
    form = page.locator("main form").last
    form.locator("[name=family_name]").fill("Familie Morgenstern")
    form.locator("[name=phone]").fill("02307 55555")
    form.locator("[name=social_area]").select_option(label="Mitte")
    form.locator("[name=child1_birth_date]").fill(born)
    form.locator("[name=need]").fill("Die Mutter wünscht sich Kontakt zu anderen Eltern.")
    form.locator("[name=consent_given]").check()
    for box in form.locator("[name=consent_scope]").all():
        box.check()
    channel = form.locator("[name=consent_channel]")
    channel.select_option(
        index=1 if channel.locator("option").first.get_attribute("value") == "" else 0
    )
    form.locator("[name=consent_given_by]").fill("Anna Morgenstern")
    form.locator("[name=consent_given_at]").fill(now.strftime("%Y-%m-%dT%H:%M"))
    form.locator("button[type=submit]").last.click()
    page.locator("button[name=confirm]").click()
    page.wait_for_load_state()

    # The early-help worker contacts the family and triages early help.
    _enter_as(page, live_server, world.user("bergkamen", Role.EARLY_HELP_WORKER))
    page.goto(f"{base}/faelle/")
    page.get_by_role("link", name="Familie Morgenstern").click()
    case_url = page.url
    page.goto(f"{case_url}kontakt/")
    contact = page.locator("main form").last
    contact.locator("[name=channel]").select_option("phone")
    contact.locator("[name=outcome]").select_option("reached")
    contact.locator("button[type=submit]").last.click()
    page.goto(f"{case_url}einschaetzung/")
    triage = page.locator("main form").last
    triage.locator("[name=outcome][value=early_help]").check()
    triage.locator("[name=reason]").fill("Wunsch nach Austausch mit anderen Eltern.")
    triage.locator("button[type=submit]").last.click()

    page.goto(f"{base}/hilfeplaene/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Familie Morgenstern").click()
    page.get_by_role("button", name="Hilfe beginnen und Hilfeplan anlegen").click()
    assert "Die Hilfe hat begonnen" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Angebot aus dem Katalog").select_option(label="Baby-Café")
    page.get_by_label("Nachricht an den Partner").fill("Die Familie kommt gern dienstags.")
    page.get_by_role("button", name="Angebot in den Plan aufnehmen").click()
    page.get_by_role("button", name="Partner zu „Baby-Café“ anfragen").click()
    assert "an den Partner gesendet" in page.locator("main").inner_text()
    plan_url = page.url

    # The Baby-Café's partner answers in its inbox and reports the start.
    _enter_as(page, live_server, world.user("bergkamen", Role.PARTNER_STAFF))
    page.goto(f"{base}/anfragen/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Baby-Café").click()
    assert "Familie Morgenstern" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Wir nehmen die Familie auf").check()
    page.get_by_role("button", name="Antwort senden").click()
    assert "Ihre Antwort wurde an das Team weitergegeben" in page.locator("main").inner_text()
    page.get_by_role("button", name="Beginn der Familie melden").click()
    assert "Die Familie hat am" in page.locator("main").inner_text()

    # The worker sees the loop closed.
    _enter_as(page, live_server, world.user("bergkamen", Role.EARLY_HELP_WORKER))
    page.goto(plan_url)
    assert "begonnen" in page.locator("main table").first.inner_text()
    assert_no_axe_violations(page)
    brokered = BrokeredHelp.objects.for_commune(world.bergkamen).get()
    assert brokered.status == BrokeredHelpStatus.STARTED


def test_the_other_pages_of_the_help_for_families_pass_axe(
    transactional_db: None, world: World, page: Page, live_server: LiveServer
) -> None:
    from datetime import date  # noqa: PLC0415

    from lotse.referrals.support.choices import HealthProfessionalKind  # noqa: PLC0415
    from lotse.referrals.support.models import Newborn  # noqa: PLC0415
    from lotse.referrals.support.services.health import (  # noqa: PLC0415
        request_health_professional,
    )
    from lotse.referrals.support.services.plans import open_help_plan  # noqa: PLC0415
    from lotse.referrals.support.services.sponsors import request_sponsor  # noqa: PLC0415
    from tests.support.factories import (  # noqa: PLC0415
        ChildSpec,
        make_case,
        make_professional,
        make_volunteer,
    )

    base = f"{live_server.url}/bergkamen"
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    today = timezone.localdate()
    plan = open_help_plan(
        actor=worker, referral=make_case(world.bergkamen, children=[ChildSpec(birth_date=today)])
    )
    make_professional(world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL))
    assignment = request_health_professional(
        actor=worker, referral=plan.referral, kind=HealthProfessionalKind.FAMILY_MIDWIFE
    )
    request_sponsor(actor=worker, help_plan=plan, languages=["de"], availability=[])
    volunteer = make_volunteer(world.bergkamen, certificate=date(today.year - 1, 1, 1))
    make_volunteer(world.bergkamen, name="Ohne Zeugnis")
    newborn = Newborn.all_communes.create(
        commune=world.bergkamen,
        birth_month=today.replace(day=1),
        birth_date=today,
        parents_names="Sara Vogel",
        address="Am Wasserpark 1",
        social_area=plan.referral.family.social_area,
    )

    _enter_as(page, live_server, worker)
    for path in (
        "willkommensbesuche/",
        "willkommensbesuche/neu/",
        "willkommensbesuche/import/",
        "willkommensbesuche/abdeckung/",
        f"willkommensbesuche/{newborn.uuid}/",
        "gesundheitsfachkraefte/",
        "gesundheitsfachkraefte/neu/",
    ):
        page.goto(f"{base}/{path}")
        assert_no_axe_violations(page)
    page.goto(f"{base}/willkommensbesuche/neu/")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".field-error").count() > 0
    assert_no_axe_violations(page)

    _enter_as(page, live_server, world.user("bergkamen", Role.HEALTH_PROFESSIONAL))
    for path in ("meine-familien/", f"meine-familien/{assignment.uuid}/"):
        page.goto(f"{base}/{path}")
        assert_no_axe_violations(page)

    _enter_as(page, live_server, world.user("bergkamen", Role.VOLUNTEER_COORDINATOR))
    sponsorship = plan.sponsorships.get()
    for path in (
        "familienpaten/",
        "familienpaten/neu/",
        f"familienpaten/{volunteer.uuid}/",
        "patenschaften/",
        f"patenschaften/{sponsorship.uuid}/",
    ):
        page.goto(f"{base}/{path}")
        assert_no_axe_violations(page)
    page.goto(f"{base}/familienpaten/passende/")
    page.get_by_label("Sozialraum der Familie").select_option(label="Mitte")
    page.get_by_role("button", name="Suchen").click()
    assert (
        "Ohne Zeugnis: Es liegt kein erweitertes Führungszeugnis vor"
        in page.locator("main").inner_text()
    )
    assert_no_axe_violations(page)
