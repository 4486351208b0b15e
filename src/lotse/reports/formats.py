"""Figures as German text: "42,5 %", "1.234,56 €", "12,3 je 1.000". The format does not
depend on the active language: reports are German."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from lotse.reports.indicators.base import Number, Unit

NBSP = "\u00a0"


def german(value: Number, decimals: int) -> str:
    """``value`` rounded half up to ``decimals`` places, with "." for thousands and ","
    for decimals."""
    exponent = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0,0"
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def decimals_of(unit: Unit, value: Number) -> int:
    if unit == Unit.EUR:
        return 2
    if unit == Unit.COUNT:
        return 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 1
    return 1


def plain(value: Number | None, unit: Unit) -> str:
    """The number alone, without its unit ("42,5" for a share of 0.425)."""
    if value is None:
        return _("not available")
    if unit == Unit.SHARE:
        return german(Decimal(str(value)) * 100, 1)
    return german(value, decimals_of(unit, value))


def format_value(value: Number | None, unit: Unit) -> str:  # noqa: PLR0911 - one per unit
    """The figure with its unit, as a reader expects it in a German report."""
    if value is None:
        return _("not available")
    number = plain(value, unit)
    if unit == Unit.SHARE:
        return f"{number}{NBSP}%"
    if unit == Unit.EUR:
        return f"{number}{NBSP}€"
    if unit == Unit.PER_1000:
        return _("%(value)s per 1,000") % {"value": number}
    if unit == Unit.DAYS:
        return _("%(value)s days") % {"value": number}
    if unit == Unit.HOURS:
        return _("%(value)s hours") % {"value": number}
    if unit == Unit.RATING:
        return _("%(value)s of 5") % {"value": number}
    return number


def format_ratio(numerator: Number | None, denominator: Number | None, unit: Unit) -> str:
    """What a share or rate is computed from ("12 von 40"); empty without both parts."""
    if numerator is None or denominator is None:
        return ""
    part_unit = Unit.EUR if unit == Unit.EUR else Unit.COUNT
    return _("%(numerator)s of %(denominator)s") % {
        "numerator": format_value(numerator, part_unit),
        "denominator": format_value(denominator, part_unit),
    }


def unit_label(unit: Unit) -> str:
    labels = {
        Unit.COUNT: _("number"),
        Unit.SHARE: _("percent"),
        Unit.PER_1000: _("per 1,000 children"),
        Unit.DAYS: _("days"),
        Unit.HOURS: _("hours"),
        Unit.EUR: _("euros"),
        Unit.RATING: _("rating from 1 to 5"),
    }
    return labels[unit]
