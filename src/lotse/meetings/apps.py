"""Bodies, meetings, invitations, attendance, minutes, Fachtag topics, board elections."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "lotse.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.core.permissions import Capability  # noqa: PLC0415
        from lotse.meetings.audit import MeetingAction  # noqa: PLC0415

        register_actions(MeetingAction)
        self.navigation = [
            (_("Meetings"), "meetings:meeting_list", Capability.TAKE_PART_IN_MEETINGS),
            (_("Board"), "meetings:election_list", Capability.TAKE_PART_IN_MEETINGS),
        ]
