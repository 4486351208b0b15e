from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability


class FundingConfig(AppConfig):
    name = "lotse.funding"
    label = "funding"
    verbose_name = _("Funding")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = [
        (_("Funding"), "funding:year_list", Capability.MANAGE_FUNDING),
        (_("Funding applications"), "funding:my_applications", Capability.APPLY_FOR_FUNDING),
        (_("Measure plan"), "funding:measure_plan", Capability.VIEW_MEASURE_PLAN),
    ]

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.funding.actions import FundingAction  # noqa: PLC0415

        register_actions(FundingAction)
