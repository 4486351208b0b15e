"""What every commune's catalog starts with: its settings and the default categories."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lotse.offers.models import CatalogSettings, TaxonomyTerm

# (code, name) of the default offer categories (issue 5); communes may rename, add and
# remove them. The names are stored in German, the commune's language.
DEFAULT_CATEGORIES: list[tuple[str, Any]] = [
    ("cafe-treffpunkt", _("Café and meeting place")),
    ("kurs", _("Course")),
    ("beratung", _("Counselling")),
    ("hausbesuche", _("Home visits")),
    ("gesundheitsfachkraft", _("Health professional")),
    ("ehrenamtliche-hilfe", _("Volunteer help")),
    ("gruppe", _("Group")),
    ("informationsveranstaltung", _("Information event")),
    ("anlaufstelle", _("Contact point and family office")),
    ("bildung-betreuung", _("Day care and school")),
]


def ensure_catalog_defaults(commune: Any) -> CatalogSettings:
    """Create the commune's catalog settings and default categories if missing."""
    settings, _created = CatalogSettings.objects.get_or_create(commune=commune)
    with translation.override("de"):
        for position, (code, name) in enumerate(DEFAULT_CATEGORIES):
            TaxonomyTerm.all_communes.get_or_create(
                commune=commune,
                taxonomy=TaxonomyTerm.CATEGORY_TAXONOMY,
                code=code,
                defaults={"name": str(name), "position": position * 10},
            )
    return settings
