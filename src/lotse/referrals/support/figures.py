"""Figures of the help for families for reports: aggregates only, never a person.

- help brokered by kind in a year: offers brokered to partners (and how many families
  started), family midwives and FGKiKP (assigned, waiting), volunteer sponsors confirmed,
  individual support by the Fachkraft (families, service hours given);
- welcome-visit coverage per social area against the year's births.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lotse.core.models import Commune
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.models import (
    AssignmentStatus,
    BrokeredHelp,
    BrokeredHelpStatus,
    HealthAssignment,
    Sponsorship,
    SponsorshipStatus,
    SupportWeek,
)
from lotse.referrals.support.selectors import CoverageRow, welcome_visit_coverage

__all__ = ["CoverageRow", "HelpBrokered", "help_brokered_by_kind", "welcome_visit_coverage_figures"]

B = BrokeredHelpStatus


@dataclass(frozen=True)
class HelpBrokered:
    offers_sent: int
    offers_accepted: int
    offers_declined: int
    offers_started: int
    family_midwives: int
    fgkikp: int
    waiting_for_health_professional: int
    volunteer_sponsors: int
    individual_support_families: int
    individual_support_hours: Decimal


def help_brokered_by_kind(commune: Commune, year: int) -> HelpBrokered:
    """What the team brokered in ``year`` (by when it was sent, requested or given)."""
    offers = (
        BrokeredHelp.objects.for_commune(commune)
        .filter(sent_at__year=year)
        .aggregate(
            sent=Count("pk"),
            accepted=Count("pk", filter=Q(status__in=(B.ACCEPTED, B.STARTED, B.ENDED))),
            declined=Count("pk", filter=Q(status=B.DECLINED)),
            started=Count("pk", filter=Q(status__in=(B.STARTED, B.ENDED))),
        )
    )
    health = (
        HealthAssignment.objects.for_commune(commune)
        .filter(requested_at__year=year)
        .aggregate(
            midwives=Count(
                "pk",
                filter=Q(kind=HealthProfessionalKind.FAMILY_MIDWIFE)
                & ~Q(status=AssignmentStatus.WAITING),
            ),
            fgkikp=Count(
                "pk",
                filter=Q(kind=HealthProfessionalKind.FGKIKP) & ~Q(status=AssignmentStatus.WAITING),
            ),
            waiting=Count("pk", filter=Q(status=AssignmentStatus.WAITING)),
        )
    )
    sponsors = (
        Sponsorship.objects.for_commune(commune)
        .filter(confirmed_at__year=year)
        .exclude(status=SponsorshipStatus.REQUESTED)
        .count()
    )
    weeks = (
        SupportWeek.objects.for_commune(commune)
        .filter(week_start__year=year)
        .aggregate(families=Count("help_plan", distinct=True), hours=Sum("logged_hours"))
    )
    return HelpBrokered(
        offers_sent=offers["sent"],
        offers_accepted=offers["accepted"],
        offers_declined=offers["declined"],
        offers_started=offers["started"],
        family_midwives=health["midwives"],
        fgkikp=health["fgkikp"],
        waiting_for_health_professional=health["waiting"],
        volunteer_sponsors=sponsors,
        individual_support_families=weeks["families"],
        individual_support_hours=weeks["hours"] or Decimal(0),
    )


def welcome_visit_coverage_figures(commune: Commune, year: int) -> list[CoverageRow]:
    """Welcome-visit coverage per social area against the year's births."""
    return welcome_visit_coverage(commune, year)
