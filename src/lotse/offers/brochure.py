"""The printable "Wegweiser Frühe Hilfen": the visible offers of a commune as a PDF,
arranged by social area or by life phase, with a table of contents (WeasyPrint)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from lotse.core.models import Commune, SocialArea
from lotse.offers.ages import LifePhase
from lotse.offers.chain import area_ids_of, chain_offers
from lotse.offers.languages import LANGUAGE_NAMES
from lotse.offers.models import Offer, Schedule
from lotse.offers.presentation import age_label, cost_label, schedule_label

BY_AREA, BY_PHASE = "area", "phase"


@dataclass
class BrochureEntry:
    offer: Offer
    age: str
    cost: str
    schedules: list[str]
    places: list[str]
    languages: list[str]


@dataclass
class BrochureSection:
    anchor: str
    title: str
    entries: list[BrochureEntry]


def _entry(offer: Offer, schedules: dict[int, list[Schedule]]) -> BrochureEntry:
    places = []
    for item in offer.offer_locations.all():
        location = item.location
        places.append(", ".join(p for p in (location.name, location.address_line) if p))
    return BrochureEntry(
        offer=offer,
        age=age_label(offer.age_limits),
        cost=cost_label(offer),
        schedules=[schedule_label(s) for s in schedules.get(offer.pk, [])],
        places=places,
        languages=[str(LANGUAGE_NAMES.get(lang.code, lang.code)) for lang in offer.languages.all()],
    )


def brochure_sections(
    commune: Commune,
    today: datetime.date,
    *,
    arrangement: str,
    area: SocialArea | None = None,
    phase: str | None = None,
) -> list[BrochureSection]:
    offers = chain_offers(commune, today)
    offer_ids = [offer.pk for offer in offers]
    schedules: dict[int, list[Schedule]] = {}
    for schedule in Schedule.objects.filter(offer_id__in=offer_ids).order_by("dtstart", "pk"):
        schedules.setdefault(schedule.offer_id or 0, []).append(schedule)
    for schedule in (
        Schedule.objects.filter(offer_location__offer_id__in=offer_ids)
        .select_related("offer_location")
        .order_by("dtstart", "pk")
    ):
        schedules.setdefault(schedule.offer_location.offer_id, []).append(schedule)  # type: ignore[union-attr]
    areas = list(SocialArea.objects.for_commune(commune).order_by("name"))
    all_ids = {a.pk for a in areas}
    phases = [LifePhase(phase)] if phase else list(LifePhase)
    wanted_areas = [area] if area else areas
    sections: list[BrochureSection] = []
    if arrangement == BY_PHASE:
        for life_phase in phases:
            chosen = [
                o
                for o in offers
                if life_phase in o.life_phases
                and (area is None or area.pk in area_ids_of(o, all_ids))
            ]
            sections.append(
                BrochureSection(
                    f"phase-{life_phase.value}",
                    str(life_phase.label),
                    [_entry(o, schedules) for o in chosen],
                )
            )
    else:
        for social_area in wanted_areas:
            chosen = [
                o
                for o in offers
                if social_area.pk in area_ids_of(o, all_ids)
                and (phase is None or LifePhase(phase) in o.life_phases)
            ]
            sections.append(
                BrochureSection(
                    f"area-{social_area.slug}",
                    social_area.name,
                    [_entry(o, schedules) for o in chosen],
                )
            )
    return [section for section in sections if section.entries]


def render_brochure(
    commune: Commune,
    today: datetime.date,
    *,
    arrangement: str,
    area: SocialArea | None = None,
    phase: str | None = None,
) -> bytes:
    """The brochure as PDF bytes, in German (it is printed for families of the commune)."""
    with translation.override("de"):
        sections = brochure_sections(
            commune, today, arrangement=arrangement, area=area, phase=phase
        )
        context: dict[str, Any] = {
            "commune": commune,
            "today": today,
            "sections": sections,
            "title": _("Early-help guide"),
            "subtitle": area.name if area else (LifePhase(phase).label if phase else ""),
        }
        html = render_to_string("offers/brochure.html", context)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
