"""Demo data of the support app, built after the communes, their users and organisations:
volunteer sponsors with their § 72a checks, a family midwife or FGKiKP per commune, a year
of welcome visits in Bergkamen, and help plans for the referrals demo's early-help cases."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from django.utils import timezone

from lotse.core.models import Commune, Membership, SocialArea, SocialAreaFigures, User
from lotse.core.permissions import Role
from lotse.demo import support_facts as facts
from lotse.demo.builders import DemoResult, demo_email
from lotse.demo.facts import FIGURES_YEAR
from lotse.offers.selectors import publicly_visible
from lotse.referrals.models import Referral, ReferralStatus, TriageOutcome
from lotse.referrals.support.models import (
    BrokeredHelp,
    CriminalRecordCheck,
    HealthAssignment,
    HealthProfessional,
    Newborn,
    Volunteer,
)
from lotse.referrals.support.rules import add_months, health_professional_ineligibility
from lotse.referrals.support.services.brokering import propose_offer
from lotse.referrals.support.services.health import request_health_professional
from lotse.referrals.support.services.plans import children_facts, open_help_plan

NAMESPACE = uuid.UUID("6f1d4c1e-5b55-4a43-9a1f-2c3c5d8e7b10")


def _uuid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts))


def build(result: DemoResult) -> None:
    """Create or update the support demo data (idempotent, like the rest of the demo)."""
    today = timezone.localdate()
    for slug, commune in result.communes.items():
        areas = {area.slug: area for area in SocialArea.objects.for_commune(commune)}
        _volunteers(commune, areas, slug, today)
        _professional(commune, areas, slug)
        if slug == facts.WELCOME_VISIT_COMMUNE:
            _welcome_visits(commune, list(areas.values()), today)
        _help_plans(commune, today)


def _volunteers(commune: Commune, areas: dict[str, SocialArea], slug: str, today: date) -> None:
    for item in facts.VOLUNTEERS.get(slug, ()):
        volunteer, _created = Volunteer.all_communes.update_or_create(
            uuid=_uuid(slug, "volunteer", item.name),
            defaults={
                "commune": commune,
                "name": item.name,
                "languages": list(item.languages),
                "availability": list(item.availability),
                "started_on": date(today.year - 2, 3, 1),
            },
        )
        volunteer.social_areas.set([areas[a] for a in item.areas if a in areas] or areas.values())
        if item.certificate_years_ago is None:
            CriminalRecordCheck.all_communes.filter(volunteer=volunteer).delete()
            continue
        CriminalRecordCheck.all_communes.update_or_create(
            volunteer=volunteer,
            defaults={
                "commune": commune,
                "issued_on": add_months(today, -12 * item.certificate_years_ago - 1),
                "shows_relevant_conviction": item.conviction,
            },
        )


def _professional(commune: Commune, areas: dict[str, SocialArea], slug: str) -> None:
    user = User.objects.filter(email=demo_email(Role.HEALTH_PROFESSIONAL, slug)).first()
    if user is None:
        return
    professional, _created = HealthProfessional.all_communes.get_or_create(
        commune=commune,
        user=user,
        kind=facts.HEALTH_PROFESSIONAL_KIND.get(slug, "family_midwife"),
        defaults={"caseload_capacity": facts.HEALTH_PROFESSIONAL_CAPACITY},
    )
    professional.social_areas.set(areas.values())


def _welcome_visits(commune: Commune, areas: list[SocialArea], today: date) -> None:
    """Every birth of the figures' year, and of this year's past months, on the month's
    list, so coverage compares like with like: the statistics office's births per area,
    spread evenly over the months."""
    rng = random.Random(f"lotse-demo/welcome/{commune.slug}")  # noqa: S311  # nosec B311 - demo data
    outcomes = list(facts.OUTCOME_WEIGHTS)
    weights = list(facts.OUTCOME_WEIGHTS.values())
    births = dict(
        SocialAreaFigures.objects.for_commune(commune)
        .filter(year=FIGURES_YEAR)
        .values_list("social_area_id", "births")
    )
    # The figures' year and this year up to last month, with the figures' births.
    months = [date(FIGURES_YEAR, index + 1, 1) for index in range(12)]
    months += [
        date(today.year, index + 1, 1)
        for index in range(today.month - 1)
        if today.year > FIGURES_YEAR
    ]
    for area in areas:
        total = births.get(area.pk, 0)
        for month in months:
            month_index = month.month - 1
            count = total * (month_index + 1) // 12 - total * month_index // 12
            for number in range(count):
                _newborn(
                    commune,
                    area,
                    month=month,
                    number=number,
                    rng=rng,
                    outcomes=outcomes,
                    weights=weights,
                    today=today,
                )


def _newborn(
    commune: Commune,
    area: SocialArea,
    *,
    month: date,
    number: int,
    rng: random.Random,
    outcomes: list[str],
    weights: list[int],
    today: date,
) -> None:
    birth_date = month + timedelta(days=rng.randrange(28))
    outcome = rng.choices(outcomes, weights)[0]
    offered = birth_date + timedelta(days=rng.randrange(7, 21))
    outcome_on: date | None = offered + timedelta(days=rng.randrange(3, 14))
    if outcome == "open" or outcome_on is None or outcome_on > today:
        outcome, outcome_on = "open", None
    Newborn.all_communes.update_or_create(
        uuid=_uuid(commune.slug, "newborn", area.slug, month, number),
        defaults={
            "commune": commune,
            "birth_month": month,
            "birth_date": birth_date,
            "child_name": rng.choice(facts.FIRST_NAMES),
            "parents_names": f"Familie {rng.choice(facts.FAMILY_NAMES)}",
            "address": f"{rng.choice(facts.STREETS)} {rng.randrange(1, 90)}, Bergkamen",
            "phone": f"02307 {rng.randrange(100000, 999999)}",
            "social_area": area,
            "visit_offered_on": offered if offered <= today else None,
            "outcome": outcome,
            "outcome_on": outcome_on,
            "package_handed_over": outcome == "visited",
        },
    )


def _help_plans(commune: Commune, today: date) -> None:
    """Help plans, opened through the services, for a few of the referrals demo's open
    early-help cases; the Baby-Café proposed to the first family in Bergkamen (the demo
    consents do not allow passing data to partners, so it is not sent on) and the
    commune's family midwife or FGKiKP for the first eligible family. Idempotent: a plan
    is opened once, an offer or professional is not asked for twice."""
    membership = (
        Membership.objects.for_commune(commune)
        .filter(
            role=Role.EARLY_HELP_WORKER,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        return
    worker = membership.user
    cases = list(
        Referral.objects.for_commune(commune)
        .filter(
            triage_outcome=TriageOutcome.EARLY_HELP,
            status__in=(ReferralStatus.TRIAGED, ReferralStatus.HELP_IN_PROGRESS),
            confidential_to__isnull=True,
        )
        .order_by("-received_at", "pk")[: facts.HELP_PLANS_PER_COMMUNE]
    )
    plans = [open_help_plan(actor=worker, referral=case) for case in cases]
    if not plans:
        return
    if commune.slug == facts.BROKERED_OFFER_COMMUNE:
        offer = (
            publicly_visible(commune, today)
            .filter(name=facts.BROKERED_OFFER)
            .order_by("pk")
            .first()
        )
        if offer is not None and not BrokeredHelp.objects.for_commune(commune).filter(
            help_plan__in=plans, offer=offer
        ):
            propose_offer(
                actor=worker,
                help_plan=plans[0],
                offer=offer,
                message_to_partner="Die Familie möchte gern mittwochs kommen (Demo).",
            )
    kind = facts.HEALTH_PROFESSIONAL_KIND.get(commune.slug, "family_midwife")
    if HealthAssignment.objects.for_commune(commune).filter(referral__in=cases, kind=kind):
        return
    for case in cases:
        if not health_professional_ineligibility(kind, children_facts(case), today):
            request_health_professional(actor=worker, referral=case, kind=kind)
            return
