"""Reads shared by pages and the API, always scoped to one commune."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from lotse.core.models import Commune, Membership, SocialArea, SocialAreaFigures, User


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


def own_active_memberships(user: User) -> QuerySet[Membership]:
    """The user's own active roles in active communes, across communes: the one read that
    is not scoped to a commune, because it is scoped to the person."""
    memberships: QuerySet[Membership] = (
        Membership.all_communes.filter(user=user, is_active=True, commune__is_active=True)
        .select_related("commune", "organisation")
        .order_by("commune__name", "role")
    )
    return memberships


def own_communes(user: User) -> list[Commune]:
    return list(Commune.objects.filter(pk__in=own_active_memberships(user).values("commune_id")))
