"""Brokering to catalog offers, the closed loop with the partner: proposed → sent to the
partner (an e-mail without family data) → accepted / declined → started → ended."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.referrals.models import ConsentScope, ReferralStatus
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.models import BrokeredHelp, BrokeredHelpStatus, HelpPlan
from lotse.referrals.support.services.brokering import (
    answer_request,
    propose_offer,
    read_brokered_family,
    report_started,
    send_to_partner,
)
from lotse.referrals.support.services.plans import open_help_plan
from tests.conftest import World
from tests.core.factories import MembershipFactory, UserFactory
from tests.mail import SmtpServer
from tests.network.factories import OrganisationFactory
from tests.support.factories import make_case, make_offer

B = BrokeredHelpStatus
Callbacks = Callable[..., object]


def _plan(world: World, **case: object) -> HelpPlan:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    referral = make_case(world.bergkamen, **case)  # type: ignore[arg-type]
    return open_help_plan(actor=worker, referral=referral)


def test_opening_the_help_plan_starts_the_help(world: World) -> None:
    plan = _plan(world)
    plan.referral.refresh_from_db()
    assert plan.referral.status == ReferralStatus.HELP_IN_PROGRESS
    again = open_help_plan(
        actor=world.user("bergkamen", Role.EARLY_HELP_WORKER), referral=plan.referral
    )
    assert again == plan
    assert AuditEvent.all_communes.filter(action=SupportAction.HELP_PLAN_OPENED).count() == 1


def test_a_case_not_triaged_as_early_help_gets_no_help_plan(world: World) -> None:
    referral = make_case(world.bergkamen, status=ReferralStatus.CONTACTED)
    with pytest.raises(ValidationError):
        open_help_plan(actor=world.user("bergkamen", Role.EARLY_HELP_WORKER), referral=referral)
    assert not HelpPlan.all_communes.exists()


def test_the_closed_loop_with_the_baby_cafe(
    world: World,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    offer = make_offer(world.bergkamen, world.organisations["bergkamen"])
    plan = _plan(world)
    brokered = propose_offer(
        actor=worker, help_plan=plan, offer=offer, message_to_partner="Bitte vormittags."
    )
    assert brokered.status == B.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        send_to_partner(actor=worker, brokered_help=brokered, base_url="https://lotse.example/")
    [message] = smtp_server.messages
    assert message["To"] == partner.email
    assert message["Subject"] == "Eine neue Anfrage für „Baby-Café“"
    body = smtp_server.bodies()[0]
    assert "https://lotse.example/bergkamen/anfragen/" in body
    for personal in ("Sonnenschein", "02307", "Rosenweg", "Lina", "vormittags"):
        assert personal not in body
        assert personal not in message["Subject"]

    seen = read_brokered_family(actor=partner, brokered_help=brokered)
    assert seen.help_plan.referral.family.name == "Familie Sonnenschein"
    assert AuditEvent.all_communes.filter(action=SupportAction.BROKERED_CASE_READ).count() == 1

    answer_request(actor=partner, brokered_help=brokered, accept=True)
    report_started(actor=partner, brokered_help=brokered, started_on=timezone.localdate())
    brokered.refresh_from_db()
    assert brokered.status == B.STARTED
    assert [(c.from_status, c.to_status) for c in brokered.history.all()] == [
        ("", B.PROPOSED),
        (B.PROPOSED, B.SENT_TO_PARTNER),
        (B.SENT_TO_PARTNER, B.ACCEPTED),
        (B.ACCEPTED, B.STARTED),
    ]


def test_without_consent_to_pass_data_to_partners_nothing_is_sent(
    world: World, django_capture_on_commit_callbacks: Callbacks
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world, scopes=[ConsentScope.PASS_TO_EARLY_HELP])
    offer = make_offer(world.bergkamen, world.organisations["bergkamen"])
    brokered = propose_offer(actor=worker, help_plan=plan, offer=offer)
    with pytest.raises(ValidationError) as raised:
        send_to_partner(actor=worker, brokered_help=brokered, base_url="https://lotse.example/")
    assert "nicht eingewilligt" in raised.value.messages[0]
    brokered.refresh_from_db()
    assert brokered.status == B.PROPOSED


def test_a_partner_must_say_why_it_declines(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    plan = _plan(world)
    brokered = propose_offer(
        actor=worker,
        help_plan=plan,
        offer=make_offer(world.bergkamen, world.organisations["bergkamen"]),
    )
    send_to_partner(actor=worker, brokered_help=brokered, base_url="https://x/")
    with pytest.raises(ValidationError) as raised:
        answer_request(actor=partner, brokered_help=brokered, accept=False)
    assert raised.value.message_dict["answer"] == [
        "Bitte teilen Sie dem Team mit, warum Sie absagen."
    ]
    answer_request(actor=partner, brokered_help=brokered, accept=False, answer="Kurs ist voll.")
    brokered.refresh_from_db()
    assert (brokered.status, brokered.partner_answer) == (B.DECLINED, "Kurs ist voll.")
    with pytest.raises(ValidationError):
        report_started(actor=partner, brokered_help=brokered, started_on=timezone.localdate())


def test_a_partner_of_another_organisation_does_not_see_the_request(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    other = OrganisationFactory(commune=world.bergkamen, name="AWO Bergkamen")
    stranger = UserFactory(email="awo@bergkamen.test")
    MembershipFactory(
        user=stranger, commune=world.bergkamen, role=Role.PARTNER_STAFF, organisation=other
    )
    plan = _plan(world)
    brokered = propose_offer(
        actor=worker,
        help_plan=plan,
        offer=make_offer(world.bergkamen, world.organisations["bergkamen"]),
    )
    send_to_partner(actor=worker, brokered_help=brokered, base_url="https://x/")
    with pytest.raises(Http404):
        read_brokered_family(actor=stranger, brokered_help=brokered)
    with pytest.raises(Http404):
        answer_request(actor=stranger, brokered_help=brokered, accept=True)


def test_only_published_offers_of_the_commune_can_be_brokered(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    foreign = make_offer(world.dortmund, world.organisations["dortmund"])
    with pytest.raises(ValidationError) as raised:
        propose_offer(actor=worker, help_plan=plan, offer=foreign)
    assert raised.value.message_dict["offer"] == [
        "Bitte wählen Sie ein veröffentlichtes Angebot aus dem Katalog."
    ]
    assert not BrokeredHelp.all_communes.exists()


def test_the_partner_inbox_shows_only_its_own_requests_and_the_worker_sees_the_status(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    offer = make_offer(world.bergkamen, world.organisations["bergkamen"])
    other = OrganisationFactory(commune=world.bergkamen, name="AWO Bergkamen")
    other_offer = make_offer(world.bergkamen, other, name="Krabbelgruppe")
    for item in (offer, other_offer):
        brokered = propose_offer(actor=worker, help_plan=plan, offer=item)
        send_to_partner(actor=worker, brokered_help=brokered, base_url="https://x/")
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    page = partner.get(reverse("support:partner_inbox", args=["bergkamen"])).content.decode()
    assert "Baby-Café" in page
    assert "Krabbelgruppe" not in page
    own = BrokeredHelp.objects.for_commune(world.bergkamen).get(offer=offer)
    response = partner.post(
        reverse("support:partner_answer", args=["bergkamen", own.uuid]), {"decision": "accept"}
    )
    assert response.status_code == 302
    response = partner.post(
        reverse("support:partner_started", args=["bergkamen", own.uuid]),
        {"on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    foreign = BrokeredHelp.objects.for_commune(world.bergkamen).get(offer=other_offer)
    assert (
        partner.get(
            reverse("support:partner_request", args=["bergkamen", foreign.uuid])
        ).status_code
        == 404
    )
    plan_page = (
        client_for("bergkamen", Role.EARLY_HELP_WORKER)
        .get(reverse("support:help_plan", args=["bergkamen", plan.referral.uuid]))
        .content.decode()
    )
    assert "begonnen" in plan_page
    assert "an den Partner gesendet" in plan_page


def test_the_partners_page_starting_in_the_future_is_refused_in_german(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    plan = _plan(world)
    brokered = propose_offer(
        actor=worker,
        help_plan=plan,
        offer=make_offer(world.bergkamen, world.organisations["bergkamen"]),
    )
    send_to_partner(actor=worker, brokered_help=brokered, base_url="https://x/")
    answer_request(
        actor=world.user("bergkamen", Role.PARTNER_STAFF), brokered_help=brokered, accept=True
    )
    response = client_for("bergkamen", Role.PARTNER_STAFF).post(
        reverse("support:partner_started", args=["bergkamen", brokered.uuid]),
        {"on": date(2099, 1, 1).isoformat()},
    )
    assert response.status_code == 422
    assert "Der Beginn kann nicht in der Zukunft liegen." in response.content.decode()
    brokered.refresh_from_db()
    assert brokered.status == B.ACCEPTED


def test_a_case_whose_help_was_started_on_the_case_page_gets_its_plan(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    from lotse.referrals.services import start_help  # noqa: PLC0415

    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    referral = make_case(world.bergkamen)
    start_help(actor=worker, referral=referral)
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    page = client.get(reverse("support:help_plan", args=["bergkamen", referral.uuid]))
    assert "Hilfe beginnen und Hilfeplan anlegen" in page.content.decode()
    response = client.post(reverse("support:help_plan_open", args=["bergkamen", referral.uuid]))
    assert response.status_code == 302
    assert HelpPlan.objects.for_commune(world.bergkamen).get().referral == referral
