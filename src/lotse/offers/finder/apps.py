from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinderConfig(AppConfig):
    name = "lotse.offers.finder"
    label = "finder"
    verbose_name = _("Finder")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []
