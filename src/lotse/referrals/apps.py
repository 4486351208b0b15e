"""Families, consent, referrals, contact deadlines, triage; data protection of families' data."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability


class ReferralsConfig(AppConfig):
    name = "lotse.referrals"
    label = "referrals"
    verbose_name = _("Referrals")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = [
        (_("Referral queue"), "referrals:queue", Capability.WORK_CASES),
        (_("Refer a family"), "referrals:refer", Capability.REFER_FAMILIES),
        (_("My referrals"), "referrals:my_referrals", Capability.READ_OWN_REFERRALS),
        (_("§ 4 KKG"), "referrals:procedures", Capability.DOCUMENT_ASSIGNED_FAMILIES),
        (_("Intake settings"), "referrals:settings", Capability.MANAGE_COMMUNE_SETTINGS),
    ]

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415 - apps must be ready
        from lotse.referrals.audit import ReferralAction  # noqa: PLC0415

        register_actions(ReferralAction)
