"""Reads shared by pages, figures and the demo; always scoped to one commune."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from lotse.core.models import Commune, SocialArea, SocialAreaFigures
from lotse.referrals.support.choices import VisitOutcome
from lotse.referrals.support.models import Newborn, Volunteer


@dataclass(frozen=True)
class VolunteerProposal:
    volunteer: Volunteer
    shared_languages: list[str]
    shared_availability: list[str]


@dataclass(frozen=True)
class BlockedVolunteer:
    volunteer: Volunteer
    reason: str


def volunteers_with_checks(commune: Commune) -> list[Volunteer]:
    return list(
        Volunteer.objects.for_commune(commune)
        .select_related("criminal_record_check")
        .prefetch_related("social_areas")
    )


def match_volunteers(
    commune: Commune,
    *,
    social_area: SocialArea,
    languages: Collection[str],
    availability: Collection[str],
    on: date,
) -> tuple[list[VolunteerProposal], list[BlockedVolunteer]]:
    """Volunteers who fit a family: active on ``on``, serving its social area, sharing a
    language (if the family named any) and a time (if it named any). Those who would fit
    but whose § 72a check blocks them are returned apart, with the reason, never proposed."""
    proposals: list[VolunteerProposal] = []
    blocked: list[BlockedVolunteer] = []
    for volunteer in volunteers_with_checks(commune):
        if not volunteer.is_active_on(on):
            continue
        if social_area.pk not in {area.pk for area in volunteer.social_areas.all()}:
            continue
        shared_languages = sorted(set(languages) & set(volunteer.languages))
        shared_times = sorted(set(availability) & set(volunteer.availability))
        if (languages and not shared_languages) or (availability and not shared_times):
            continue
        if reason := volunteer.blocking_reason(on):
            blocked.append(BlockedVolunteer(volunteer, reason))
            continue
        proposals.append(VolunteerProposal(volunteer, shared_languages, shared_times))
    proposals.sort(
        key=lambda p: (-len(p.shared_languages), -len(p.shared_availability), p.volunteer.pk)
    )
    return proposals, blocked


@dataclass(frozen=True)
class CoverageRow:
    social_area: str
    births: int | None
    listed: int
    offered: int
    visited: int
    declined: int
    not_reached: int
    packages: int

    @property
    def coverage_percent(self) -> int | None:
        """Visited families per birth of the statistics office, in whole percent."""
        if not self.births:
            return None
        return round(100 * self.visited / self.births)


def welcome_visit_coverage(commune: Commune, year: int) -> list[CoverageRow]:
    """Per social area: the year's births (statistics office) against the newborns listed,
    visits offered, outcomes and packages. Aggregates only."""
    counts = {
        row["social_area"]: row
        for row in Newborn.objects.for_commune(commune)
        .filter(birth_month__year=year)
        .values("social_area")
        .annotate(
            listed=Count("pk"),
            offered=Count("pk", filter=Q(visit_offered_on__isnull=False)),
            visited=Count("pk", filter=Q(outcome=VisitOutcome.VISITED)),
            declined=Count("pk", filter=Q(outcome=VisitOutcome.DECLINED)),
            not_reached=Count("pk", filter=Q(outcome=VisitOutcome.NOT_REACHED)),
            packages=Count("pk", filter=Q(package_handed_over=True)),
        )
    }
    births = dict(
        SocialAreaFigures.objects.for_commune(commune)
        .filter(year=year)
        .values_list("social_area", "births")
    )
    rows = []
    for area in SocialArea.objects.for_commune(commune).order_by("name"):
        found = counts.get(area.pk, {})
        rows.append(
            CoverageRow(
                social_area=area.name,
                births=births.get(area.pk),
                listed=found.get("listed", 0),
                offered=found.get("offered", 0),
                visited=found.get("visited", 0),
                declined=found.get("declined", 0),
                not_reached=found.get("not_reached", 0),
                packages=found.get("packages", 0),
            )
        )
    return rows
