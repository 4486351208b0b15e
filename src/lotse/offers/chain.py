"""The prevention chain as a matrix: social areas × life phases, with the number of
publicly visible offers in each cell. An offer belongs to the social areas of its places
and the social areas it serves; one with neither serves the whole commune and counts in
every social area."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from lotse.core.models import Commune, SocialArea
from lotse.offers.ages import LifePhase
from lotse.offers.models import Offer, OfferLocation
from lotse.offers.selectors import publicly_visible


@dataclass
class Cell:
    area: SocialArea
    phase: LifePhase
    offers: list[Offer] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.offers)

    @property
    def is_gap(self) -> bool:
        return not self.offers


@dataclass
class ChainRow:
    area: SocialArea
    cells: list[Cell]


def area_ids_of(offer: Offer, all_area_ids: set[int]) -> set[int]:
    ids = {
        item.location.social_area_id
        for item in offer.offer_locations.all()
        if item.location.social_area_id is not None
    }
    ids |= {area.pk for area in offer.service_areas.all()}
    return ids or set(all_area_ids)


def chain_offers(commune: Commune, today: datetime.date) -> list[Offer]:
    """Visible offers with what the matrix needs, in a fixed number of queries."""
    return list(
        publicly_visible(commune, today)
        .select_related("provider")
        .prefetch_related(
            Prefetch(
                "offer_locations",
                queryset=OfferLocation.objects.select_related("location"),
            ),
            "service_areas",
            "languages",
        )
        .order_by("name")
    )


def chain_matrix(commune: Commune, today: datetime.date) -> list[ChainRow]:
    areas = list(SocialArea.objects.for_commune(commune).order_by("name"))
    all_ids = {area.pk for area in areas}
    rows = [ChainRow(area, [Cell(area, phase) for phase in LifePhase]) for area in areas]
    by_area = {row.area.pk: row for row in rows}
    phase_index = {phase: index for index, phase in enumerate(LifePhase)}
    for offer in chain_offers(commune, today):
        phases = offer.life_phases
        for area_id in area_ids_of(offer, all_ids):
            row = by_area.get(area_id)
            if row is None:
                continue
            for phase in phases:
                row.cells[phase_index[phase]].offers.append(offer)
    return rows
