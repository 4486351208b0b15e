"""The allocation of the state's share of the federal fund among its youth offices, in
proportion to their children under 3 in SGB II benefits, by the largest-remainder method:
everyone gets the rounded-down share, and the units left over go to the largest remainders
(ties: the larger number of children, then the name), so the shares add up to the pot
exactly."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from django.utils.translation import gettext as _

COLUMNS = ("youth_office", "children_under_3_sgb2")


@dataclass(frozen=True)
class YouthOffice:
    name: str
    children: int


@dataclass(frozen=True)
class Share:
    name: str
    children: int
    allocation: Decimal


class AllocationError(ValueError):
    """A malformed table: ``errors`` names every bad line and why."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_table(text: str) -> list[YouthOffice]:
    """Read the CSV ``youth_office,children_under_3_sgb2``; collect every bad line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    errors: list[str] = []
    if not rows or tuple(cell.strip() for cell in rows[0]) != COLUMNS:
        raise AllocationError(
            [_("Line 1: the header must be “%(columns)s”.") % {"columns": ",".join(COLUMNS)}]
        )
    offices: list[YouthOffice] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            errors.append(
                _("Line %(line)s: expected 2 columns, found %(count)s.")
                % {"line": number, "count": len(row)}
            )
            continue
        name, count = row[0].strip(), row[1].strip()
        if not name:
            errors.append(_("Line %(line)s: the youth office is missing.") % {"line": number})
            continue
        if name in seen:
            errors.append(
                _("Line %(line)s: “%(name)s” appears twice.") % {"line": number, "name": name}
            )
            continue
        if not count.isdigit():
            errors.append(
                _("Line %(line)s: “%(value)s” is not a whole number of children.")
                % {"line": number, "value": count}
            )
            continue
        seen.add(name)
        offices.append(YouthOffice(name, int(count)))
    if not errors and not offices:
        errors.append(_("The table lists no youth office."))
    if not errors and sum(office.children for office in offices) == 0:
        errors.append(_("The table counts no children at all."))
    if errors:
        raise AllocationError(errors)
    return offices


def allocate(pot: Decimal, offices: list[YouthOffice], *, to_cents: bool) -> list[Share]:
    """Each office's share of ``pot``, rounded to euros (or cents), summing to ``pot``."""
    unit = Decimal("0.01") if to_cents else Decimal("1")
    try:
        units_total = int((pot / unit).to_integral_exact())
    except InvalidOperation:
        raise AllocationError([_("The amount must be a positive number.")]) from None
    if pot <= 0:
        raise AllocationError([_("The amount must be a positive number.")])
    if Decimal(units_total) * unit != pot:
        raise AllocationError(
            [_("The amount %(amount)s cannot be shared in whole units.") % {"amount": pot}]
        )
    children_total = sum(office.children for office in offices)
    exact = [Decimal(units_total) * office.children / children_total for office in offices]
    floors = [int(value.to_integral_value(rounding=ROUND_FLOOR)) for value in exact]
    left = units_total - sum(floors)
    order = sorted(
        range(len(offices)),
        key=lambda i: (-(exact[i] - floors[i]), -offices[i].children, offices[i].name),
    )
    for i in order[:left]:
        floors[i] += 1
    return [
        Share(office.name, office.children, (Decimal(units) * unit).quantize(Decimal("0.01")))
        for office, units in zip(offices, floors, strict=True)
    ]


def shares_csv(shares: list[Share], *, to_cents: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["youth_office", "allocation"])
    for share in shares:
        amount = f"{share.allocation:.2f}" if to_cents else f"{share.allocation:.0f}"
        writer.writerow([share.name, amount])
    return out.getvalue()
