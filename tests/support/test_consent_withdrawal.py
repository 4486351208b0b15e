"""Withdrawing the family's consent (referrals app) ends its help: open requests to
partners are withdrawn and hidden from the partner, running help, sponsorships and the
support of health professionals end, and waiting-list places go to other families."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.http import Http404
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.referrals.models import ConsentChannel, Referral
from lotse.referrals.services.consent import withdraw_consent
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.models import (
    AssignmentStatus,
    BrokeredHelp,
    BrokeredHelpStatus,
    HelpPlan,
    SponsorshipStatus,
)
from lotse.referrals.support.services.brokering import (
    answer_request,
    propose_offer,
    read_brokered_family,
    report_started,
    send_to_partner,
)
from lotse.referrals.support.services.consent import end_help_after_withdrawal
from lotse.referrals.support.services.health import request_health_professional
from lotse.referrals.support.services.plans import open_help_plan
from lotse.referrals.support.services.sponsors import request_sponsor
from tests.conftest import World
from tests.support.factories import ChildSpec, make_case, make_offer, make_professional

B = BrokeredHelpStatus
A = AssignmentStatus
TODAY = date(2026, 6, 1)


def _plan(world: World, name: str) -> HelpPlan:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    referral = make_case(
        world.bergkamen,
        children=[ChildSpec(birth_date=date(2026, 1, 1))],
        name=name,
        case_worker=worker,
    )
    return open_help_plan(actor=worker, referral=referral)


def _withdraw(world: World, referral: Referral) -> None:
    withdraw_consent(
        actor=world.user("bergkamen", Role.EARLY_HELP_WORKER),
        referral=referral,
        channel=ConsentChannel.PHONE,
    )


@time_machine.travel(TODAY, tick=False)
def test_withdrawing_the_consent_ends_all_help_of_the_family(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    organisation = world.organisations["bergkamen"]
    make_professional(
        world.bergkamen, world.user("bergkamen", Role.HEALTH_PROFESSIONAL), capacity=1
    )
    plan = _plan(world, "Familie Widerruf")
    other = _plan(world, "Familie Warteliste")
    brokered = {}
    for name in ("Baby-Café", "Krabbelgruppe", "Elterncafé", "Stillgruppe"):
        item = propose_offer(
            actor=worker, help_plan=plan, offer=make_offer(world.bergkamen, organisation, name)
        )
        if name != "Stillgruppe":
            send_to_partner(actor=worker, brokered_help=item, base_url="https://x/")
        brokered[name] = item
    answer_request(actor=partner, brokered_help=brokered["Krabbelgruppe"], accept=True)
    answer_request(actor=partner, brokered_help=brokered["Elterncafé"], accept=True)
    report_started(actor=partner, brokered_help=brokered["Elterncafé"], started_on=TODAY)
    sponsorship = request_sponsor(actor=worker, help_plan=plan, languages=["de"], availability=[])
    active = request_health_professional(
        actor=worker, referral=plan.referral, kind="family_midwife"
    )
    waiting = request_health_professional(
        actor=worker, referral=other.referral, kind="family_midwife"
    )
    assert (active.status, waiting.status) == (A.ACTIVE, A.WAITING)

    _withdraw(world, plan.referral)

    statuses = {
        name: BrokeredHelp.objects.for_commune(world.bergkamen).get(pk=item.pk).status
        for name, item in brokered.items()
    }
    assert statuses == {
        "Baby-Café": B.WITHDRAWN,
        "Krabbelgruppe": B.WITHDRAWN,
        "Elterncafé": B.ENDED,
        "Stillgruppe": B.WITHDRAWN,
    }
    sponsorship.refresh_from_db()
    assert (sponsorship.status, sponsorship.ended_on) == (SponsorshipStatus.ENDED, TODAY)
    active.refresh_from_db()
    waiting.refresh_from_db()
    assert (active.status, active.ended_on) == (A.ENDED, TODAY)
    assert waiting.status == A.ACTIVE
    [event] = AuditEvent.all_communes.filter(action=SupportAction.HELP_ENDED_CONSENT_WITHDRAWN)
    assert event.actor == worker
    assert event.changes == {
        "brokered_help": {"old": 4, "new": 0},
        "sponsorships": {"old": 1, "new": 0},
        "health_assignments": {"old": 1, "new": 0},
    }

    # The partner no longer sees the family: not in the inbox, not by its address.
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    inbox = client.get(reverse("support:partner_inbox", args=["bergkamen"])).content.decode()
    for name in brokered:
        assert name not in inbox
    for item in brokered.values():
        url = reverse("support:partner_request", args=["bergkamen", item.uuid])
        assert client.get(url).status_code == 404
        with pytest.raises(Http404):
            read_brokered_family(actor=partner, brokered_help=item)


@time_machine.travel(TODAY, tick=False)
def test_the_ending_is_idempotent_and_leaves_other_families_alone(world: World) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    offer = make_offer(world.bergkamen, world.organisations["bergkamen"])
    plan = _plan(world, "Familie Widerruf")
    other = _plan(world, "Familie Bleibt")
    mine = propose_offer(actor=worker, help_plan=plan, offer=offer)
    theirs = propose_offer(actor=worker, help_plan=other, offer=offer)
    for item in (mine, theirs):
        send_to_partner(actor=worker, brokered_help=item, base_url="https://x/")
    _withdraw(world, plan.referral)
    consent = plan.referral.consent
    assert consent is not None
    consent.refresh_from_db()
    end_help_after_withdrawal(consent=consent)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (B.WITHDRAWN, B.SENT_TO_PARTNER)
    assert (
        AuditEvent.all_communes.filter(action=SupportAction.HELP_ENDED_CONSENT_WITHDRAWN).count()
        == 1
    )
    assert list(mine.history.values_list("from_status", "to_status"))[-1] == (
        B.SENT_TO_PARTNER,
        B.WITHDRAWN,
    )
