"""Offers in words: who they are for, what they cost, when they take place. Shared by
the staff pages, the brochure and whoever else shows offers."""

from __future__ import annotations

from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.offers.ages import AgeLimits
from lotse.offers.models import CostKind, Offer, Schedule, ScheduleKind, Weekday


def months_label(months: int) -> str:
    """ "6 months", "1 year", "2 years and 6 months"."""
    years, rest = divmod(months, 12)
    if years == 0:
        return ngettext("%(count)d month", "%(count)d months", rest) % {"count": rest}
    text = ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    if rest:
        text += " " + ngettext("and %(count)d month", "and %(count)d months", rest) % {
            "count": rest
        }
    return text


def age_label(limits: AgeLimits) -> str:
    """E.g. "pregnancy (from week 1) up to and including the age of 1 year"."""
    parts: list[str] = []
    if limits.for_pregnancy:
        week = limits.from_pregnancy_week or 1
        parts.append(
            _("pregnancy") if week <= 1 else _("pregnancy from week %(week)d") % {"week": week}
        )
    if limits.for_children:
        low, high = limits.min_age_months, limits.max_age_months
        if high is not None and (low or 0) == 0:
            parts.append(
                _("children up to and including the age of %(age)s") % {"age": months_label(high)}
            )
        elif high is not None:
            parts.append(
                _("children from %(low)s up to and including %(high)s")
                % {"low": months_label(low or 0), "high": months_label(high)}
            )
        elif low:
            parts.append(_("children from %(age)s") % {"age": months_label(low)})
        else:
            parts.append(_("families with children of every age"))
    return ", ".join(parts)


def cost_label(offer: Offer) -> str:
    if offer.cost_kind == CostKind.FREE:
        text = _("free of charge")
    elif offer.cost_amount is not None:
        amount = number_format(offer.cost_amount, decimal_pos=2)
        currency = "€" if offer.cost_currency == "EUR" else offer.cost_currency
        text = f"{amount} {currency}"
        if offer.cost_kind == CostKind.REDUCED:
            text = _("%(amount)s, reduced fee possible") % {"amount": text}
    else:
        text = str(CostKind(offer.cost_kind).label)
    return f"{text} ({offer.cost_note})" if offer.cost_note else text


def schedule_label(schedule: Schedule) -> str:
    days = ", ".join(str(Weekday(code).label) for code in schedule.weekday_codes)
    time = ""
    if schedule.opens_at and schedule.closes_at:
        time = _("%(start)s to %(end)s") % {
            "start": time_format(schedule.opens_at, "H:i"),
            "end": time_format(schedule.closes_at, "H:i"),
        }
    elif schedule.opens_at:
        time = _("from %(start)s") % {"start": time_format(schedule.opens_at, "H:i")}
    kind = schedule.kind
    if kind == ScheduleKind.ONE_OFF and schedule.dtstart:
        text = date_format(schedule.dtstart, "l, j. F Y")
    elif kind == ScheduleKind.COURSE:
        text = _("course of %(count)s sessions, %(days)s, from %(start)s") % {
            "count": schedule.count,
            "days": days,
            "start": date_format(schedule.dtstart, "SHORT_DATE_FORMAT") if schedule.dtstart else "",
        }
    elif kind == ScheduleKind.EVERY_TWO_WEEKS:
        text = _("every two weeks, %(days)s") % {"days": days}
    elif kind == ScheduleKind.WEEKLY:
        text = _("weekly, %(days)s") % {"days": days}
    else:
        text = str(ScheduleKind(kind).label)
        if days:
            text += f", {days}"
    text = f"{text}, {time}" if time else text
    return f"{text} ({schedule.description})" if schedule.description else text
