"""Reads of the finder's statistics for reports and the gap analysis; always one commune."""

from __future__ import annotations

import datetime

from django.db.models import Sum

from lotse.core.models import Commune
from lotse.offers.finder.models import EmptySearchCount


def empty_searches(
    commune: Commune, start: datetime.date, end: datetime.date
) -> dict[tuple[int | None, str], int]:
    """Searches that found nothing from ``start`` to ``end`` (inclusive), per (social area
    id or None, life phase): where families looked for something the catalog lacks."""
    rows = (
        EmptySearchCount.objects.for_commune(commune)
        .filter(day__gte=start, day__lte=end)
        .values("social_area_id", "life_phase")
        .annotate(total=Sum("searches"))
        .order_by()
    )
    return {(row["social_area_id"], row["life_phase"]): int(row["total"]) for row in rows}
