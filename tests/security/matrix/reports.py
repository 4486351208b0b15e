"""Rules for reports: coordinators and planners read the dashboards, the gap analysis and
the annual report (aggregates only, no personal data); only the coordination changes the
settings and writes the report's texts."""

from __future__ import annotations

from typing import Any

from lotse.core.models import User
from lotse.core.permissions import Capability as C  # noqa: N817 - as in the other areas
from lotse.reports.indicators import ALL
from tests.conftest import World
from tests.security.matrix import Access, ApiRule, Rule

YEAR = 2025


def _indicator(world: World, user: User) -> dict[str, Any]:
    return {"key": ALL[0].key}


def _drillable(world: World, user: User) -> dict[str, Any]:
    return {"key": next(i.key for i in ALL if i.drilldown is not None)}


def _group(world: World, user: User) -> dict[str, Any]:
    return {"group": "network"}


def _year(world: World, user: User) -> dict[str, Any]:
    return {"year": YEAR}


def _survey(world: World, user: User) -> dict[str, Any]:
    return {"year": YEAR, "fmt": "csv"}


WEB: dict[str, Rule] = {
    "reports:overview": Rule(C.VIEW_REPORTS),
    "reports:group": Rule(C.VIEW_REPORTS, kwargs=_group),
    "reports:indicator": Rule(C.VIEW_REPORTS, kwargs=_indicator),
    "reports:details": Rule(C.VIEW_REPORTS, kwargs=_drillable),
    "reports:gaps": Rule(C.VIEW_REPORTS),
    "reports:settings": Rule(C.MANAGE_REPORTS),
    "reports:annual_list": Rule(C.VIEW_REPORTS),
    "reports:annual_edit": Rule(C.MANAGE_REPORTS, kwargs=_year),
    "reports:annual_pdf": Rule(C.VIEW_REPORTS, kwargs=_year),
    "reports:annual_xlsx": Rule(C.VIEW_REPORTS, kwargs=_year),
    "reports:survey_export": Rule(C.VIEW_REPORTS, kwargs=_survey),
}

API: dict[tuple[str, str], Access | ApiRule] = {}
