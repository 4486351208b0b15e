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
        from django.db.models.signals import post_save  # noqa: PLC0415

        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.referrals.models import Consent  # noqa: PLC0415
        from lotse.referrals.services.exports import register_family_export  # noqa: PLC0415
        from lotse.referrals.support.audit import SupportAction  # noqa: PLC0415
        from lotse.referrals.support.exports import family_help  # noqa: PLC0415
        from lotse.referrals.support.signals import consent_saved  # noqa: PLC0415

        register_actions(SupportAction)
        register_family_export("help", family_help)
        post_save.connect(consent_saved, sender=Consent, dispatch_uid="support.consent_saved")
