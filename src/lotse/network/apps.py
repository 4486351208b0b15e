from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "lotse.network"
    label = "network"
    verbose_name = _("Network")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []
