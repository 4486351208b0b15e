"""Indicators of the group "finder"."""

from __future__ import annotations

from lotse.reports.indicators.base import Indicator

INDICATORS: list[Indicator] = []
