"""Family participation: anonymous feedback and needs-assessment surveys."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "lotse.reports.participation"
    label = "participation"
    verbose_name = _("Participation")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []
