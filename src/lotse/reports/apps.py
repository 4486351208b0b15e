"""Reports: indicators per commune, social area and year, the gap analysis of the
prevention chain, dashboards with drill-downs and the annual report."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lotse.reports"
    label = "reports"
    verbose_name = _("Reports")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []
