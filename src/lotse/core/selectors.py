"""Reads shared by pages and the API, always scoped to one commune."""

from __future__ import annotations

from django.db.models import Prefetch

from lotse.core.models import Commune, SocialArea, SocialAreaFigures


def social_areas_with_latest_figures(commune: Commune) -> list[SocialArea]:
    """The commune's social areas, each with ``latest_figures`` (or None): two queries,
    whatever the number of areas."""
    areas = list(
        SocialArea.objects.for_commune(commune).prefetch_related(
            Prefetch(
                "figures",
                queryset=SocialAreaFigures.objects.for_commune(commune).order_by("-year"),
                to_attr="figures_newest_first",
            )
        )
    )
    for area in areas:
        newest = area.figures_newest_first
        area.latest_figures = newest[0] if newest else None
    return areas
