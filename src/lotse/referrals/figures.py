"""Figures for reports: aggregates only, never a single case. Live cases and the
anonymous counts of deleted ones (:class:`ArchivedReferralCount`) are added up, so the
figures do not shrink when the retention run deletes cases. A case the retention run
anonymised instead (another record protects it) is counted in the archived counts only."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from lotse.core.models import Commune, SocialArea
from lotse.core.workdays import local_date
from lotse.referrals.models import ArchivedReferralCount, Referral


@dataclass
class ReferralFigures:
    """The referral figures of one commune in one period (dates received)."""

    total: int = 0
    by_source: Counter[str] = field(default_factory=Counter)
    by_social_area: Counter[str] = field(default_factory=Counter)
    by_month: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)
    by_triage: Counter[str] = field(default_factory=Counter)
    asd_handovers: int = 0
    contacted: int = 0
    deadlines_met: int = 0
    deadlines_decided: int = 0
    days_to_first_contact: int = 0

    @property
    def share_of_deadlines_met(self) -> float | None:
        """Met / decided (a case counts once its first contact decided the deadline)."""
        if not self.deadlines_decided:
            return None
        return self.deadlines_met / self.deadlines_decided

    @property
    def average_days_to_first_contact(self) -> float | None:
        if not self.contacted:
            return None
        return self.days_to_first_contact / self.contacted


def referral_figures(commune: Commune, start: date, end: date) -> ReferralFigures:
    """Figures for referrals received from ``start`` to ``end`` (both included). Social
    areas are named by slug ("" for unknown), months as "YYYY-MM"."""
    figures = ReferralFigures()
    # An anonymised case is already in the archived counts.
    live = Referral.objects.for_commune(commune).filter(
        received_at__date__gte=start, received_at__date__lte=end, anonymised_at__isnull=True
    )
    _add_live(figures, live)
    archived = ArchivedReferralCount.objects.for_commune(commune).filter(
        month__gte=start.replace(day=1), month__lte=end
    )
    _add_archived(figures, archived)
    return figures


def _add_live(figures: ReferralFigures, live: QuerySet[Referral]) -> None:
    figures.total += live.count()
    for row in live.values("source").annotate(n=Count("id")):
        figures.by_source[row["source"]] += row["n"]
    for row in live.values("family__social_area__slug").annotate(n=Count("id")):
        figures.by_social_area[row["family__social_area__slug"] or ""] += row["n"]
    for row in (
        live.annotate(month=TruncMonth("received_at")).values("month").annotate(n=Count("id"))
    ):
        figures.by_month[f"{row['month']:%Y-%m}"] += row["n"]
    for row in live.exclude(outcome="").values("outcome").annotate(n=Count("id")):
        figures.by_outcome[row["outcome"]] += row["n"]
    for row in live.exclude(triage_outcome="").values("triage_outcome").annotate(n=Count("id")):
        figures.by_triage[row["triage_outcome"]] += row["n"]
    totals = live.aggregate(
        asd=Count("id", filter=Q(asd_handover__isnull=False)),
        met=Count("id", filter=Q(deadline_met=True)),
        decided=Count("id", filter=Q(deadline_met__isnull=False)),
    )
    figures.asd_handovers += totals["asd"]
    figures.deadlines_met += totals["met"]
    figures.deadlines_decided += totals["decided"]
    contacted = live.filter(first_contact_at__isnull=False)
    for received_at, first_contact_at in contacted.values_list("received_at", "first_contact_at"):
        if first_contact_at is None:  # filtered above; for the type checker
            continue
        figures.contacted += 1
        figures.days_to_first_contact += max(
            (local_date(first_contact_at) - local_date(received_at)).days, 0
        )


def _add_archived(figures: ReferralFigures, archived: QuerySet[ArchivedReferralCount]) -> None:
    for row in archived.select_related("social_area"):
        figures.total += row.count
        figures.by_source[row.source] += row.count
        figures.by_social_area[row.social_area.slug if row.social_area else ""] += row.count
        figures.by_month[f"{row.month:%Y-%m}"] += row.count
        if row.outcome:
            figures.by_outcome[row.outcome] += row.count
        if row.triage_outcome:
            figures.by_triage[row.triage_outcome] += row.count
        if row.handed_over_to_asd:
            figures.asd_handovers += row.count
        if row.deadline_met is not None:
            figures.deadlines_decided += row.count
            figures.deadlines_met += row.count if row.deadline_met else 0
        figures.contacted += row.contacted
        figures.days_to_first_contact += row.days_to_first_contact


@dataclass
class ReferralCell:
    """Referrals of one month, source and social area (slug, "" for unknown): the finest
    aggregate reports break figures down by. Live cases and archived counts together."""

    month: str
    source: str
    social_area: str
    count: int = 0
    asd_handovers: int = 0
    deadlines_met: int = 0
    deadlines_decided: int = 0
    contacted: int = 0
    days_to_first_contact: int = 0


@dataclass
class ReferralCube:
    cells: list[ReferralCell]
    # Median of the calendar days from receipt to first contact; ``None`` when no case
    # was contacted or when deleted cases of the period only left their sum behind.
    median_days_to_first_contact: float | None


def referral_cube(
    commune: Commune,
    start: date,
    end: date,
    *,
    social_area: SocialArea | None = None,
    today: date | None = None,
) -> ReferralCube:
    """Referrals received from ``start`` to ``end`` (both included) by month, source and
    social area, optionally of one social area only; two queries. Days to first contact
    are calendar days in Europe/Berlin, as :func:`referral_figures` counts them. A live
    case not contacted whose deadline passed before ``today`` counts as a deadline missed
    (decided), unlike in :func:`referral_figures`."""
    today = today or timezone.localdate()
    live = Referral.objects.for_commune(commune).filter(
        received_at__date__gte=start, received_at__date__lte=end, anonymised_at__isnull=True
    )
    archived = ArchivedReferralCount.objects.for_commune(commune).filter(
        month__gte=start.replace(day=1), month__lte=end
    )
    if social_area is not None:
        live = live.filter(family__social_area=social_area)
        archived = archived.filter(social_area=social_area)
    cells: dict[tuple[str, str, str], ReferralCell] = {}

    def cell(month: str, source: str, area: str) -> ReferralCell:
        key = (month, source, area)
        if key not in cells:
            cells[key] = ReferralCell(month, source, area)
        return cells[key]

    live_days: list[int] = []
    rows = live.values_list(
        "received_at",
        "source",
        "family__social_area__slug",
        "deadline_met",
        "first_contact_at",
        "contact_due_by",
        "asd_handover__id",
    )
    for received_at, source, area, deadline_met, first_contact_at, due_by, handover in rows:
        found = cell(f"{local_date(received_at):%Y-%m}", source, area or "")
        found.count += 1
        found.asd_handovers += 1 if handover is not None else 0
        if deadline_met is not None:
            found.deadlines_decided += 1
            found.deadlines_met += 1 if deadline_met else 0
        elif first_contact_at is None and due_by < today:
            found.deadlines_decided += 1
        if first_contact_at is not None:
            days = max((local_date(first_contact_at) - local_date(received_at)).days, 0)
            found.contacted += 1
            found.days_to_first_contact += days
            live_days.append(days)
    archived_contacted = 0
    for row in archived.select_related("social_area"):
        found = cell(
            f"{row.month:%Y-%m}", row.source, row.social_area.slug if row.social_area else ""
        )
        found.count += row.count
        found.asd_handovers += row.count if row.handed_over_to_asd else 0
        if row.deadline_met is not None:
            found.deadlines_decided += row.count
            found.deadlines_met += row.count if row.deadline_met else 0
        found.contacted += row.contacted
        found.days_to_first_contact += row.days_to_first_contact
        archived_contacted += row.contacted
    median = None
    if live_days and not archived_contacted:
        median = float(statistics.median(live_days))
    ordered = sorted(cells.values(), key=lambda c: (c.month, c.source, c.social_area))
    return ReferralCube(ordered, median)
