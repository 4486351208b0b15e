"""Rules for the help for families: help plans, brokering and the partner's inbox, the
health professionals' own families, volunteer sponsors, welcome visits.

The objects are Bergkamen's. A health professional reaches only the families assigned to
her: ``my_family`` names her own family, ``my_family_end`` another professional's (404).
A partner reaches only requests for her own organisation: ``partner_started`` names a
request for another organisation (404)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from lotse.core.models import Membership, User
from lotse.core.permissions import Capability, Role
from lotse.referrals.models import Referral
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.models import (
    BrokeredHelp,
    HealthAssignment,
    HealthProfessional,
    HelpPlan,
    Newborn,
    Sponsorship,
    Volunteer,
)
from lotse.referrals.support.services.brokering import propose_offer, send_to_partner
from lotse.referrals.support.services.health import request_health_professional
from lotse.referrals.support.services.plans import open_help_plan
from lotse.referrals.support.services.sponsors import request_sponsor
from tests.conftest import World
from tests.core.factories import MembershipFactory, UserFactory
from tests.network.factories import OrganisationFactory
from tests.security.matrix import Rule
from tests.support.factories import (
    ChildSpec,
    make_case,
    make_offer,
    make_professional,
    make_volunteer,
)

C = Capability


def _worker(world: World) -> User:
    return world.user("bergkamen", Role.EARLY_HELP_WORKER)


def _case(world: World, name: str = "Familie Matrix") -> Referral:
    found = [r for r in Referral.objects.for_commune(world.bergkamen) if r.family.name == name]
    if found:
        return found[0]
    return make_case(
        world.bergkamen, name=name, children=[ChildSpec(birth_date=timezone.localdate())]
    )


def _help_plan(world: World) -> HelpPlan:
    return open_help_plan(actor=_worker(world), referral=_case(world))


def _referral_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"referral_uuid": _case(world).uuid}


def _plan_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"plan_uuid": _help_plan(world).uuid}


def _brokered(world: World, *, other_organisation: bool = False) -> BrokeredHelp:
    name = "Krabbelgruppe" if other_organisation else "Baby-Café"
    plan = _help_plan(world)
    found = BrokeredHelp.objects.for_commune(world.bergkamen).filter(offer__name=name).first()
    if found is not None:
        return found
    if other_organisation:
        provider = OrganisationFactory(commune=world.bergkamen, name="AWO Bergkamen")
    else:
        provider = world.organisations["bergkamen"]
    brokered = propose_offer(
        actor=_worker(world), help_plan=plan, offer=make_offer(world.bergkamen, provider, name)
    )
    return send_to_partner(actor=_worker(world), brokered_help=brokered, base_url="http://x/")


def _brokered_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _brokered(world).uuid}


def _other_organisations_request(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _brokered(world, other_organisation=True).uuid}


def _own_organisation(world: World, user: User) -> bool:
    return (
        Membership.objects.for_commune(world.bergkamen)
        .filter(user=user, organisation=world.organisations["bergkamen"])
        .exists()
    )


def _assignment(world: World, professional_user: User) -> HealthAssignment:
    found = (
        HealthAssignment.objects.for_commune(world.bergkamen)
        .filter(professional__user=professional_user)
        .first()
    )
    if found is not None:
        return found
    for profile in HealthProfessional.objects.for_commune(world.bergkamen):
        profile.is_active = profile.user == professional_user
        profile.save()
    if not HealthProfessional.objects.for_commune(world.bergkamen).filter(user=professional_user):
        make_professional(world.bergkamen, professional_user, capacity=1)
    name = f"Familie von {professional_user.email}"
    referral = _case(world, name)
    open_help_plan(actor=_worker(world), referral=referral)
    return request_health_professional(
        actor=_worker(world), referral=referral, kind=HealthProfessionalKind.FAMILY_MIDWIFE
    )


def _other_professional(world: World) -> User:
    user = UserFactory(email="andere.hebamme@bergkamen.test")
    if not Membership.objects.for_commune(world.bergkamen).filter(user=user).exists():
        MembershipFactory(user=user, commune=world.bergkamen, role=Role.HEALTH_PROFESSIONAL)
    return user


def _own_family(world: World, user: User) -> dict[str, Any]:
    professional = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    return {"uuid": _assignment(world, professional).uuid}


def _another_professionals_family(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _assignment(world, _other_professional(world)).uuid}


def _is_assigned_professional(world: World, user: User) -> bool:
    return user == world.user("bergkamen", Role.HEALTH_PROFESSIONAL)


def _health_assignment(world: World, user: User) -> dict[str, Any]:
    return _own_family(world, user)


def _sponsorship(world: World, user: User) -> dict[str, Any]:
    plan = _help_plan(world)
    found = Sponsorship.objects.for_commune(world.bergkamen).filter(help_plan=plan).first()
    if found is None:
        found = request_sponsor(actor=_worker(world), help_plan=plan, languages=[], availability=[])
    return {"uuid": found.uuid}


def _volunteer(world: World, user: User) -> dict[str, Any]:
    found = Volunteer.objects.for_commune(world.bergkamen).first()
    return {"uuid": (found or make_volunteer(world.bergkamen)).uuid}


def _professional(world: World, user: User) -> dict[str, Any]:
    professional = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    found = HealthProfessional.objects.for_commune(world.bergkamen).filter(user=professional)
    return {"uuid": (found.first() or make_professional(world.bergkamen, professional)).uuid}


def _newborn(world: World, user: User) -> dict[str, Any]:
    found = Newborn.objects.for_commune(world.bergkamen).first()
    if found is None:
        found = Newborn.all_communes.create(
            commune=world.bergkamen,
            birth_month=date(2026, 10, 1),
            birth_date=date(2026, 10, 3),
            parents_names="Sara Vogel",
            address="Am Wasserpark 1",
            social_area=_case(world).family.social_area,
        )
    return {"uuid": found.uuid}


WEB: dict[str, Rule] = {
    "support:help_plan_list": Rule(C.WORK_CASES),
    "support:help_plan": Rule(C.WORK_CASES, kwargs=_referral_kwargs),
    "support:help_plan_open": Rule(C.WORK_CASES, post_only=True, kwargs=_referral_kwargs),
    "support:help_plan_goals": Rule(C.WORK_CASES, post_only=True, kwargs=_plan_kwargs),
    "support:help_propose": Rule(C.WORK_CASES, post_only=True, kwargs=_plan_kwargs),
    "support:health_request": Rule(C.WORK_CASES, post_only=True, kwargs=_plan_kwargs),
    "support:sponsor_request": Rule(C.WORK_CASES, post_only=True, kwargs=_plan_kwargs),
    "support:support_week": Rule(C.WORK_CASES, post_only=True, kwargs=_plan_kwargs),
    "support:help_plan_close": Rule(C.WORK_CASES, post_only=True, kwargs=_plan_kwargs),
    "support:help_send": Rule(C.WORK_CASES, post_only=True, kwargs=_brokered_kwargs),
    "support:help_end": Rule(C.WORK_CASES, post_only=True, kwargs=_brokered_kwargs),
    "support:health_cancel": Rule(C.WORK_CASES, post_only=True, kwargs=_health_assignment),
    "support:partner_inbox": Rule(C.RECEIVE_BROKERED_HELP),
    "support:partner_request": Rule(
        C.RECEIVE_BROKERED_HELP, kwargs=_brokered_kwargs, only=_own_organisation
    ),
    "support:partner_answer": Rule(
        C.RECEIVE_BROKERED_HELP, post_only=True, kwargs=_brokered_kwargs, only=_own_organisation
    ),
    "support:partner_started": Rule(
        C.RECEIVE_BROKERED_HELP,
        post_only=True,
        kwargs=_other_organisations_request,
        only=lambda world, user: False,
    ),
    "support:my_families": Rule(C.DOCUMENT_ASSIGNED_FAMILIES),
    "support:my_family": Rule(
        C.DOCUMENT_ASSIGNED_FAMILIES, kwargs=_own_family, only=_is_assigned_professional
    ),
    "support:my_family_end": Rule(
        C.DOCUMENT_ASSIGNED_FAMILIES,
        post_only=True,
        kwargs=_another_professionals_family,
        only=lambda world, user: False,
    ),
    "support:sponsorship_list": Rule(C.MATCH_VOLUNTEERS),
    "support:sponsorship_confirm": Rule(C.MATCH_VOLUNTEERS, kwargs=_sponsorship),
    "support:volunteer_list": Rule(C.MATCH_VOLUNTEERS),
    "support:volunteer_create": Rule(C.MATCH_VOLUNTEERS),
    "support:volunteer_match": Rule(C.MATCH_VOLUNTEERS),
    "support:volunteer_edit": Rule(C.MATCH_VOLUNTEERS, kwargs=_volunteer),
    "support:volunteer_check": Rule(C.MATCH_VOLUNTEERS, post_only=True, kwargs=_volunteer),
    "support:professional_list": Rule(C.WORK_CASES),
    "support:professional_create": Rule(C.WORK_CASES),
    "support:professional_edit": Rule(C.WORK_CASES, kwargs=_professional),
    "support:newborn_list": Rule(C.WORK_CASES),
    "support:newborn_add": Rule(C.WORK_CASES),
    "support:newborn_import": Rule(C.WORK_CASES),
    "support:welcome_coverage": Rule(C.WORK_CASES),
    "support:newborn_visit": Rule(C.WORK_CASES, kwargs=_newborn),
}

API: dict[tuple[str, str], Any] = {}
