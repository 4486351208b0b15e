"""Reports: indicators per commune, social area and year, the gap analysis of the
prevention chain, dashboards with drill-downs and the annual report."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability


class ReportsConfig(AppConfig):
    name = "lotse.reports"
    label = "reports"
    verbose_name = _("Reports")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = [
        (_("Reports"), "reports:overview", Capability.VIEW_REPORTS),
        (_("Gap analysis"), "reports:gaps", Capability.VIEW_REPORTS),
        (_("Annual report"), "reports:annual_list", Capability.VIEW_REPORTS),
    ]

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.reports.audit import ReportsAction  # noqa: PLC0415

        register_actions(ReportsAction)
