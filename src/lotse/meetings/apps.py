from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "lotse.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []
