"""Audit actions of the HSDS import and the organisation review queue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.audit import register_actions


class HsdsAction(models.TextChoices):
    IMPORTED = "offers.hsds_imported", _("Offers imported (HSDS)")
    TEMPLATE_IMPORTED = "offers.template_imported", _("Offers imported from the partner template")
    MATCH_MERGED = "offers.organisation_match_merged", _("Imported organisation merged")
    MATCH_CREATED = (
        "offers.organisation_match_created",
        _("Imported organisation created as a new one"),
    )


# The offers app's ready() registers its own actions; these register when the module is
# first imported (by the import code, its pages and commands).
register_actions(HsdsAction)
