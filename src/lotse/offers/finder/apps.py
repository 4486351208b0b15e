"""The public offer finder for families: search, filters, languages, accessibility."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinderConfig(AppConfig):
    name = "lotse.offers.finder"
    label = "finder"
    verbose_name = _("Finder")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []

    def ready(self) -> None:
        from lotse.core.audit import register_actions  # noqa: PLC0415
        from lotse.offers.finder import index  # noqa: PLC0415
        from lotse.offers.finder.feedback import FinderAction  # noqa: PLC0415

        register_actions(FinderAction)
        index.connect()
