"""Family participation: anonymous feedback and needs-assessment surveys."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability


class ParticipationConfig(AppConfig):
    name = "lotse.reports.participation"
    label = "participation"
    verbose_name = _("Participation")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = [
        (_("Surveys"), "participation:survey_list", Capability.MANAGE_REPORTS),
        (_("Family feedback"), "participation:feedback_overview", Capability.VIEW_REPORTS),
        (_("Survey results"), "participation:survey_results_list", Capability.VIEW_REPORTS),
        (_("Feedback handouts"), "participation:handouts", Capability.EDIT_OWN_OFFERS),
        (_("Feedback on the contact"), "participation:contact_handout", Capability.WORK_CASES),
    ]

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.reports.participation.audit import ParticipationAction  # noqa: PLC0415

        register_actions(ParticipationAction)
