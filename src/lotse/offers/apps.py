from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "lotse.offers"
    label = "offers"
    verbose_name = _("Offers")
    # (label, URL name under /<commune_slug>/, capability) for the staff navigation.
    navigation: list[tuple[Any, str, Any]] = []
