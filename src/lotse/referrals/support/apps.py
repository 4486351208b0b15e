from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability


class SupportConfig(AppConfig):
    name = "lotse.referrals.support"
    label = "support"
    verbose_name = _("Help for families")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = [
        (_("Help plans"), "support:help_plan_list", Capability.WORK_CASES),
        (_("Requests"), "support:partner_inbox", Capability.RECEIVE_BROKERED_HELP),
        (_("My families"), "support:my_families", Capability.DOCUMENT_ASSIGNED_FAMILIES),
        (_("Sponsorship requests"), "support:sponsorship_list", Capability.MATCH_VOLUNTEERS),
        (_("Welcome visits"), "support:newborn_list", Capability.WORK_CASES),
        (_("Family midwives and FGKiKP"), "support:professional_list", Capability.WORK_CASES),
        (_("Volunteer sponsors"), "support:volunteer_list", Capability.MATCH_VOLUNTEERS),
    ]

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.referrals.services.exports import register_family_export  # noqa: PLC0415
        from lotse.referrals.support.audit import SupportAction  # noqa: PLC0415
        from lotse.referrals.support.exports import family_help  # noqa: PLC0415

        register_actions(SupportAction)
        register_family_export("help", family_help)
