"""Figures of the help for families for reports: aggregates only, never a person.

- help brokered by kind in a year: offers brokered to partners (and how many families
  started), family midwives and FGKiKP (assigned, waiting), volunteer sponsors confirmed,
  individual support by the Fachkraft (families, service hours given);
- welcome-visit coverage per social area against the year's births.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from lotse.core.models import Commune, SocialArea
from lotse.referrals.models import ArchivedReferralCount, Referral
from lotse.referrals.support.choices import HealthProfessionalKind, VisitOutcome
from lotse.referrals.support.models import (
    AssignmentStatus,
    BrokeredHelp,
    BrokeredHelpStatus,
    HealthAssignment,
    Newborn,
    Sponsorship,
    SponsorshipStatus,
    SupportWeek,
)
from lotse.referrals.support.selectors import CoverageRow, welcome_visit_coverage

__all__ = [
    "CoverageRow",
    "HelpBrokered",
    "WelcomeVisitCount",
    "families_reached_by_social_area",
    "help_brokered_by_kind",
    "help_brokered_by_social_area",
    "welcome_visit_counts",
    "welcome_visit_coverage_figures",
]

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


# Where each kind of help finds the family's social area.
_BROKERED_AREA = "help_plan__referral__family__social_area"
_HEALTH_AREA = "referral__family__social_area"
_SPONSOR_AREA = "social_area"
_WEEK_AREA = "help_plan__referral__family__social_area"

_OFFER_COUNTS = {
    "sent": Count("pk"),
    "accepted": Count("pk", filter=Q(status__in=(B.ACCEPTED, B.STARTED, B.ENDED))),
    "declined": Count("pk", filter=Q(status=B.DECLINED)),
    "started": Count("pk", filter=Q(status__in=(B.STARTED, B.ENDED))),
}
_HEALTH_COUNTS = {
    "midwives": Count(
        "pk",
        filter=Q(kind=HealthProfessionalKind.FAMILY_MIDWIFE) & ~Q(status=AssignmentStatus.WAITING),
    ),
    "fgkikp": Count(
        "pk",
        filter=Q(kind=HealthProfessionalKind.FGKIKP) & ~Q(status=AssignmentStatus.WAITING),
    ),
    "waiting": Count("pk", filter=Q(status=AssignmentStatus.WAITING)),
}
_WEEK_SUMS = {"families": Count("help_plan", distinct=True), "hours": Sum("logged_hours")}


def _help_querysets(
    commune: Commune, year: int, social_area: SocialArea | None
) -> tuple[QuerySet[Any], QuerySet[Any], QuerySet[Any], QuerySet[Any]]:
    offers = BrokeredHelp.objects.for_commune(commune).filter(sent_at__year=year)
    health = HealthAssignment.objects.for_commune(commune).filter(requested_at__year=year)
    sponsors = (
        Sponsorship.objects.for_commune(commune)
        .filter(confirmed_at__year=year)
        .exclude(status=SponsorshipStatus.REQUESTED)
    )
    weeks = SupportWeek.objects.for_commune(commune).filter(week_start__year=year)
    if social_area is not None:
        offers = offers.filter(**{_BROKERED_AREA: social_area})
        health = health.filter(**{_HEALTH_AREA: social_area})
        sponsors = sponsors.filter(**{_SPONSOR_AREA: social_area})
        weeks = weeks.filter(**{_WEEK_AREA: social_area})
    return offers, health, sponsors, weeks


def _help_brokered(
    offers: dict[str, Any], health: dict[str, Any], sponsors: int, weeks: dict[str, Any]
) -> HelpBrokered:
    return HelpBrokered(
        offers_sent=offers.get("sent", 0),
        offers_accepted=offers.get("accepted", 0),
        offers_declined=offers.get("declined", 0),
        offers_started=offers.get("started", 0),
        family_midwives=health.get("midwives", 0),
        fgkikp=health.get("fgkikp", 0),
        waiting_for_health_professional=health.get("waiting", 0),
        volunteer_sponsors=sponsors,
        individual_support_families=weeks.get("families", 0),
        individual_support_hours=weeks.get("hours") or Decimal(0),
    )


def help_brokered_by_kind(
    commune: Commune, year: int, *, social_area: SocialArea | None = None
) -> HelpBrokered:
    """What the team brokered in ``year`` (by when it was sent, requested or given),
    optionally for the families of one social area only."""
    offers, health, sponsors, weeks = _help_querysets(commune, year, social_area)
    return _help_brokered(
        offers.aggregate(**_OFFER_COUNTS),
        health.aggregate(**_HEALTH_COUNTS),
        sponsors.count(),
        weeks.aggregate(**_WEEK_SUMS),
    )


def help_brokered_by_social_area(commune: Commune, year: int) -> dict[int | None, HelpBrokered]:
    """:func:`help_brokered_by_kind` per social area (its id; ``None``: families without a
    social area), in four queries. Areas without any help are left out."""
    offers, health, sponsors, weeks = _help_querysets(commune, year, None)
    by_area: dict[str, dict[int | None, dict[str, Any]]] = {
        "offers": {
            row.pop(_BROKERED_AREA): row
            for row in offers.values(_BROKERED_AREA).annotate(**_OFFER_COUNTS).order_by()
        },
        "health": {
            row.pop(_HEALTH_AREA): row
            for row in health.values(_HEALTH_AREA).annotate(**_HEALTH_COUNTS).order_by()
        },
        "sponsors": {
            row[_SPONSOR_AREA]: row
            for row in sponsors.values(_SPONSOR_AREA).annotate(n=Count("pk")).order_by()
        },
        "weeks": {
            row.pop(_WEEK_AREA): row
            for row in weeks.values(_WEEK_AREA).annotate(**_WEEK_SUMS).order_by()
        },
    }
    areas = set().union(*(rows.keys() for rows in by_area.values()))
    return {
        area: _help_brokered(
            by_area["offers"].get(area, {}),
            by_area["health"].get(area, {}),
            by_area["sponsors"].get(area, {}).get("n", 0),
            by_area["weeks"].get(area, {}),
        )
        for area in areas
    }


@dataclass(frozen=True)
class WelcomeVisitCount:
    """Newborns listed in one social area and month of birth, and their visits."""

    social_area_id: int
    month: str
    listed: int
    offered: int
    visited: int
    declined: int
    not_reached: int


def welcome_visit_counts(
    commune: Commune, year: int, *, social_area: SocialArea | None = None
) -> list[WelcomeVisitCount]:
    """Welcome visits of the children born in ``year`` by social area and month of birth
    ("YYYY-MM"), in one query. Erased records still count: their month, social area and
    outcome stay."""
    newborns = Newborn.objects.for_commune(commune).filter(birth_month__year=year)
    if social_area is not None:
        newborns = newborns.filter(social_area=social_area)
    rows = (
        newborns.values("social_area", "birth_month")
        .annotate(
            listed=Count("pk"),
            offered=Count("pk", filter=Q(visit_offered_on__isnull=False)),
            visited=Count("pk", filter=Q(outcome=VisitOutcome.VISITED)),
            declined=Count("pk", filter=Q(outcome=VisitOutcome.DECLINED)),
            not_reached=Count("pk", filter=Q(outcome=VisitOutcome.NOT_REACHED)),
        )
        .order_by("social_area", "birth_month")
    )
    return [
        WelcomeVisitCount(
            social_area_id=row["social_area"],
            month=f"{row['birth_month']:%Y-%m}",
            listed=row["listed"],
            offered=row["offered"],
            visited=row["visited"],
            declined=row["declined"],
            not_reached=row["not_reached"],
        )
        for row in rows
    ]


def welcome_visit_coverage_figures(commune: Commune, year: int) -> list[CoverageRow]:
    """Welcome-visit coverage per social area against the year's births."""
    return welcome_visit_coverage(commune, year)


def families_reached_by_social_area(commune: Commune, year: int) -> dict[int | None, int]:
    """Families reached in ``year`` per social area id (``None``: without one): each
    family with a referral received in the year or help in the year (an offer brokered,
    a family midwife or FGKiKP assigned, a volunteer sponsor confirmed, a week of
    individual support) counts once, in one query; a deleted or anonymised referral of the
    year counts as one family of its anonymous count's social area (one more query)."""
    family = "help_plan__referral__family"
    parts = [
        Referral.objects.for_commune(commune)
        .filter(received_at__year=year, anonymised_at__isnull=True)
        .values_list("family_id", "family__social_area_id"),
        BrokeredHelp.objects.for_commune(commune)
        .filter(sent_at__year=year, help_plan__referral__anonymised_at__isnull=True)
        .values_list(f"{family}_id", f"{family}__social_area_id"),
        HealthAssignment.objects.for_commune(commune)
        .filter(requested_at__year=year, referral__anonymised_at__isnull=True)
        .exclude(status=AssignmentStatus.WAITING)
        .values_list("referral__family_id", "referral__family__social_area_id"),
        Sponsorship.objects.for_commune(commune)
        .filter(confirmed_at__year=year, help_plan__referral__anonymised_at__isnull=True)
        .exclude(status=SponsorshipStatus.REQUESTED)
        .values_list(f"{family}_id", f"{family}__social_area_id"),
        SupportWeek.objects.for_commune(commune)
        .filter(week_start__year=year, help_plan__referral__anonymised_at__isnull=True)
        .values_list(f"{family}_id", f"{family}__social_area_id"),
    ]
    first, *rest = (part.order_by() for part in parts)
    reached: Counter[int | None] = Counter(area for _family, area in first.union(*rest))
    archived = (
        ArchivedReferralCount.objects.for_commune(commune)
        .filter(month__year=year)
        .values("social_area")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in archived:
        reached[row["social_area"]] += row["n"] or 0
    return dict(reached)
