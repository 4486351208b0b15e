"""Rules for the referrals app: intake for those who refer, the case file for the
early-help workers, status only for the navigator who sent a referral, the § 4 KKG
procedure for its author only, the public contact form for anyone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lotse.core.models import User, capabilities_of
from lotse.core.permissions import Capability, Role
from lotse.referrals.models import ChildProtectionProcedure, Referral
from tests.conftest import World
from tests.referrals.factories import consent_text, refer
from tests.security.matrix import PUBLIC, Access, ApiRule, Rule

C = Capability


def _bergkamen(world: World, user: User) -> dict[str, Any]:
    return {"commune_slug": "bergkamen"}


def _navigators_referral(world: World) -> Referral:
    """A referral the Bergkamen navigator sent (the same one for every persona)."""
    navigator = world.user("bergkamen", Role.NAVIGATOR)
    found = Referral.objects.for_commune(world.bergkamen).filter(referring_user=navigator).first()
    return found or refer(actor=navigator, commune=world.bergkamen)


def _referral(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _navigators_referral(world).uuid}


def _sent_it(world: World, user: User) -> bool:
    return user == world.user("bergkamen", Role.NAVIGATOR)


def _may_withdraw(world: World, user: User) -> bool:
    # The navigator who sent it, or an early-help worker of the case.
    return _sent_it(world, user) or C.WORK_CASES in capabilities_of(user, world.bergkamen)


def _procedure(world: World, user: User) -> dict[str, Any]:
    author = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    procedure, _created = ChildProtectionProcedure.all_communes.get_or_create(
        commune=world.bergkamen,
        opened_by=author,
        pseudonym="Familie A.",
        defaults={"indications": "Säugling wirkt vernachlässigt"},
    )
    return {"uuid": procedure.uuid}


def _opened_it(world: World, user: User) -> bool:
    return user == world.user("bergkamen", Role.HEALTH_PROFESSIONAL)


def _api_referral(world: World, user: User) -> dict[str, Any]:
    return {"referral_id": _navigators_referral(world).uuid}


def _api_body(world: World, user: User) -> dict[str, Any]:
    commune = (
        world.bergkamen
        if user.memberships.filter(commune=world.bergkamen).exists()
        else world.dortmund
    )
    received = timezone.now() - timedelta(hours=2)
    return {
        "received_at": received.isoformat(),
        "source": "birth_clinic",
        "family": {
            "name": "Familie Matrix",
            "phone": "02307 555 00 00",
            "address": "Am Markt 1",
            "social_area": "mitte",
            "languages": ["de"],
        },
        "children": [{"birth_date": received.date().isoformat()}],
        "consent": {
            "given_at": (received - timedelta(minutes=10)).isoformat(),
            "scope": ["pass_to_early_help"],
            "text_version": consent_text(commune).version,
        },
        "need": "Unterstützung nach der Geburt",
    }


WEB: dict[str, Rule] = {
    "referrals:contact_request": Rule(PUBLIC, kwargs=_bergkamen),
    "referrals:refer": Rule(C.REFER_FAMILIES),
    "referrals:refer_clinic": Rule(C.REFER_FAMILIES),
    "referrals:referral_sent": Rule(C.REFER_FAMILIES, kwargs=_referral, only=_sent_it),
    "referrals:team_contact": Rule(C.REFER_FAMILIES),
    "referrals:consent_form": Rule(C.REFER_FAMILIES),
    "referrals:my_referrals": Rule(C.READ_OWN_REFERRALS),
    "referrals:withdraw_consent": Rule(C.REFER_FAMILIES, kwargs=_referral, only=_may_withdraw),
    "referrals:queue": Rule(C.WORK_CASES),
    "referrals:case_detail": Rule(C.WORK_CASES, kwargs=_referral),
    "referrals:log_contact": Rule(C.WORK_CASES, kwargs=_referral),
    "referrals:edit_family": Rule(C.WORK_CASES, kwargs=_referral),
    "referrals:triage": Rule(C.WORK_CASES, kwargs=_referral),
    "referrals:start_help": Rule(C.WORK_CASES, post_only=True, kwargs=_referral),
    "referrals:close_case": Rule(C.WORK_CASES, kwargs=_referral),
    "referrals:take_on": Rule(C.WORK_CASES, post_only=True, kwargs=_referral),
    "referrals:confidential": Rule(C.WORK_CASES, post_only=True, kwargs=_referral),
    "referrals:export": Rule(C.WORK_CASES, kwargs=_referral),
    "referrals:summary": Rule(C.WORK_CASES, kwargs=_referral),
    "referrals:settings": Rule(C.MANAGE_COMMUNE_SETTINGS),
    "referrals:consent_texts": Rule(C.MANAGE_COMMUNE_SETTINGS),
    "referrals:screening_sheets": Rule(C.MANAGE_COMMUNE_SETTINGS),
    "referrals:procedures": Rule(C.DOCUMENT_ASSIGNED_FAMILIES),
    "referrals:procedure_detail": Rule(
        C.DOCUMENT_ASSIGNED_FAMILIES, kwargs=_procedure, only=_opened_it
    ),
}

API: dict[tuple[str, str], Access | ApiRule] = {
    ("POST", "/referrals"): ApiRule(C.REFER_FAMILIES, body=_api_body, success=201),
    ("GET", "/referrals/{referral_id}"): ApiRule(
        C.READ_OWN_REFERRALS, kwargs=_api_referral, only=_sent_it
    ),
}
