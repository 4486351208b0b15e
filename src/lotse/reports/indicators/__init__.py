"""The registry of indicators: each group's module lists its own, in display order."""

from __future__ import annotations

from lotse.reports.indicators import (
    access,
    finder,
    funding,
    network,
    network_attendance,
    offers,
    participation,
    reach,
)
from lotse.reports.indicators.base import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)

ALL: list[Indicator] = [
    *network.INDICATORS,
    *network_attendance.INDICATORS,
    *offers.INDICATORS,
    *access.INDICATORS,
    *reach.INDICATORS,
    *funding.INDICATORS,
    *finder.INDICATORS,
    *participation.INDICATORS,
]
BY_KEY: dict[str, Indicator] = {indicator.key: indicator for indicator in ALL}
if len(BY_KEY) != len(ALL):  # pragma: no cover - a programming error, caught at import
    raise RuntimeError("Two indicators share a key.")


def in_group(group: Group) -> list[Indicator]:
    return [indicator for indicator in ALL if indicator.group == group]


__all__ = [
    "ALL",
    "BY_KEY",
    "Column",
    "Figure",
    "Group",
    "Indicator",
    "Result",
    "Scope",
    "Table",
    "Unit",
    "in_group",
]
