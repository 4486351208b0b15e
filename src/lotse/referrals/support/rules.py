"""The seeds' rules for help, as pure functions of dates and numbers (no database).

- Familienhebamme: from pregnancy up to and including the child's 1st birthday.
- FGKiKP: from pregnancy up to the 3rd birthday; the 3rd birthday itself is no longer
  included (the child is then 3, and early help is for children under 3, "0 bis 3").
  Priority when the child was born prematurely or has a malformation, a syndromic or
  another illness.
- Familienpate: the family has at least one born child under 3.
- § 72a SGB VIII: an extended criminal record certificate not older than five years and
  without a relevant conviction; otherwise no matching.
- Individual support by the Fachkraft: 4 to 6 service hours per week and family; outside
  that range needs a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from lotse.referrals.support.choices import HealthProfessionalKind

MIN_WEEKLY_HOURS = Decimal(4)
MAX_WEEKLY_HOURS = Decimal(6)
CERTIFICATE_VALID_YEARS = 5


@dataclass(frozen=True)
class ChildFacts:
    """What the rules need to know about a child: born (birth date) or expected (due date),
    and whether a health reason gives an FGKiKP priority."""

    birth_date: date | None
    due_date: date | None = None
    health_priority: bool = False


def birthday(birth_date: date, years: int) -> date:
    """The day a child born on ``birth_date`` turns ``years`` old. A child born on
    29 February turns a year older on 1 March in common years (§ 188 Abs. 3 BGB: the
    year of life ends with 28 February)."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return date(birth_date.year + years, 3, 1)


def family_midwife_eligible(child: ChildFacts, on: date) -> bool:
    """From pregnancy up to and including the 1st birthday."""
    if child.birth_date is None or child.birth_date > on:
        return child.due_date is not None or child.birth_date is not None
    return on <= birthday(child.birth_date, 1)


def fgkikp_eligible(child: ChildFacts, on: date) -> bool:
    """From pregnancy up to the 3rd birthday, the birthday itself excluded."""
    if child.birth_date is None or child.birth_date > on:
        return child.due_date is not None or child.birth_date is not None
    return on < birthday(child.birth_date, 3)


def fgkikp_has_priority(child: ChildFacts, on: date) -> bool:
    """An eligible child born prematurely or with a malformation or illness comes first."""
    return child.health_priority and fgkikp_eligible(child, on)


def is_under_three(child: ChildFacts, on: date) -> bool:
    """A born child aged 0 to under 3 on ``on``."""
    if child.birth_date is None or child.birth_date > on:
        return False
    return on < birthday(child.birth_date, 3)


def volunteer_sponsor_eligible(children: Iterable[ChildFacts], on: date) -> bool:
    """A family with at least one child aged 0–3."""
    return any(is_under_three(child, on) for child in children)


def health_professional_ineligibility(
    kind: str, children: Iterable[ChildFacts], on: date
) -> str | None:
    """Why none of the family's children can have this professional on ``on``, or None."""
    facts = list(children)
    if kind == HealthProfessionalKind.FAMILY_MIDWIFE:
        if any(family_midwife_eligible(child, on) for child in facts):
            return None
        return _(
            "A family midwife can only support a family from pregnancy up to and including "
            "the child's first birthday. No child of this family is eligible."
        )
    if any(fgkikp_eligible(child, on) for child in facts):
        return None
    return _(
        "An FGKiKP can only support a family from pregnancy up to the day before the "
        "child's third birthday. No child of this family is eligible."
    )


def certificate_blocking_reason(
    issued_on: date | None, shows_relevant_conviction: bool | None, on: date
) -> str | None:
    """Why a volunteer may not be matched under § 72a SGB VIII on ``on``, or None."""
    if issued_on is None or shows_relevant_conviction is None:
        return _("No extended criminal record certificate is on file (§ 72a SGB VIII).")
    if shows_relevant_conviction:
        return _("The extended criminal record certificate shows a relevant conviction.")
    if on > birthday(issued_on, CERTIFICATE_VALID_YEARS):
        return _("The extended criminal record certificate is older than five years.")
    return None


def weekly_hours_need_reason(hours: Decimal) -> bool:
    """Individual support outside 4 to 6 service hours a week must be explained."""
    return not MIN_WEEKLY_HOURS <= hours <= MAX_WEEKLY_HOURS


def weekly_hours_error(hours: Decimal, reason: str) -> str | None:
    if hours < 0:
        return _("Hours cannot be negative.")
    if weekly_hours_need_reason(hours) and not reason.strip():
        return _(
            "Individual support is planned at 4 to 6 service hours a week; for "
            "%(hours)s hours please give a reason."
        ) % {"hours": hours}
    return None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover
