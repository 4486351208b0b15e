from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.permissions import Capability


class NetworkConfig(AppConfig):
    name = "lotse.network"
    label = "network"
    verbose_name = _("Network")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = [
        (_("Network"), "network:overview", Capability.VIEW_NETWORK),
        (_("Organisations"), "network:organisation_list", Capability.VIEW_NETWORK),
        (_("Network settings"), "network:settings", Capability.MANAGE_NETWORK),
    ]

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415 - apps must be ready
        from lotse.network.actions import NetworkAction  # noqa: PLC0415

        register_actions(NetworkAction)
