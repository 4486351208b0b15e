"""Filters that turn an offer's facts into the sentences of a result card."""

from __future__ import annotations

from django import template

from lotse.offers.finder import labels, presentation
from lotse.offers.finder.forms import language_name
from lotse.offers.models import Offer, Schedule

register = template.Library()


@register.filter
def for_whom(offer: Offer) -> str:
    return presentation.for_whom(offer)


@register.filter
def schedule_text(schedule: Schedule) -> str:
    return presentation.schedule_text(schedule)


@register.filter
def cost_text(offer: Offer) -> str:
    return presentation.cost_text(offer)


@register.filter
def spoken_languages(offer: Offer) -> str:
    codes = [language.code for language in offer.languages.all()] or ["de"]
    return ", ".join(language_name(code) for code in codes)


@register.filter
def all_schedules(offer: Offer) -> list[Schedule]:
    found = list(offer.schedules.all())
    for link in offer.offer_locations.all():
        found += list(link.schedules.all())
    return found


@register.filter
def feature_label(code: str) -> str:
    return str(labels.ACCESSIBILITY.get(code, code))
