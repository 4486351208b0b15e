"""How an offer reads on a card: for whom, when, where, what it costs. Plain sentences in
the family's language, built from the catalog's facts."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.offers.finder import labels
from lotse.offers.models import CostKind, Offer, Schedule


def _age(months: int) -> str:
    if months % 12 == 0 and months >= 12:
        years = months // 12
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


def for_whom(offer: Offer) -> str:
    """Who may come, e.g. "Pregnancy and children from 0 to 12 months"."""
    low, high, week = offer.min_age_months, offer.max_age_months, offer.from_pregnancy_week
    children = ""
    if low is None and high is None:
        children = "" if week is not None else _("Families with children of every age")
    elif high is None:
        children = _("Children from %(age)s") % {"age": _age(low or 0)}
    else:
        children = _("Children from %(low)s to %(high)s (inclusive)") % {
            "low": _age(low or 0),
            "high": _age(high),
        }
    if week is None:
        return children
    pregnancy = (
        _("Pregnant women")
        if week <= 1
        else _("Pregnant women from week %(week)d") % {"week": week}
    )
    return f"{pregnancy}; {children}" if children else pregnancy


def weekday_names(schedule: Schedule) -> str:
    return ", ".join(
        str(labels.WEEKDAYS[code]) for code in schedule.weekday_codes if code in labels.WEEKDAYS
    )


def schedule_text(schedule: Schedule) -> str:
    """One schedule as a sentence: "Weekly: Tuesday, 9:30–11:00"."""
    parts = [str(labels.SCHEDULE_KINDS.get(schedule.kind, schedule.kind))]
    days = weekday_names(schedule)
    if days:
        parts.append(days)
    if schedule.opens_at is not None:
        time = formats.time_format(schedule.opens_at, "TIME_FORMAT")
        if schedule.closes_at is not None:
            time += "–" + formats.time_format(schedule.closes_at, "TIME_FORMAT")
        parts.append(time)
    if schedule.dtstart is not None:
        parts.append(
            _("from %(date)s")
            % {"date": formats.date_format(schedule.dtstart, "SHORT_DATE_FORMAT")}
        )
    if schedule.count:
        parts.append(
            ngettext("%(count)d session", "%(count)d sessions", schedule.count)
            % {"count": schedule.count}
        )
    text = ", ".join(parts)
    return f"{text} ({schedule.description})" if schedule.description else text


def cost_text(offer: Offer) -> str:
    if offer.cost_kind == CostKind.FREE:
        text = _("Free of charge")
    elif offer.cost_kind == CostKind.REDUCED:
        text = _("Reduced fee possible")
    elif offer.cost_amount is not None:
        text = _("%(amount)s €") % {"amount": formats.number_format(offer.cost_amount, 2)}
    else:
        text = _("Fee")
    return f"{text} – {offer.cost_note}" if offer.cost_note else text
