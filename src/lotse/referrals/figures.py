"""Figures for reports: aggregates only, never a single case. Live cases and the
anonymous counts of deleted ones (:class:`ArchivedReferralCount`) are added up, so the
figures do not shrink when the retention run deletes cases."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from lotse.core.models import Commune
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
    live = Referral.objects.for_commune(commune).filter(
        received_at__date__gte=start, received_at__date__lte=end
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
