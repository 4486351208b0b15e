"""Audit actions of the offer catalog."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferAction(models.TextChoices):
    OFFER_CREATED = "offers.offer_created", _("Offer created")
    OFFER_CHANGED = "offers.offer_changed", _("Offer changed")
    OFFER_STATUS_CHANGED = "offers.offer_status_changed", _("Offer status changed")
    OFFER_CONFIRMED = "offers.offer_confirmed", _("Offer confirmed as current")
    OFFER_LOCATION_ADDED = "offers.offer_location_added", _("Place added to an offer")
    OFFER_LOCATION_REMOVED = "offers.offer_location_removed", _("Place removed from an offer")
    SCHEDULE_ADDED = "offers.schedule_added", _("Offer schedule added")
    SCHEDULE_REMOVED = "offers.schedule_removed", _("Offer schedule removed")
    TRANSLATION_SAVED = "offers.translation_saved", _("Offer translation saved")
    TRANSLATION_REMOVED = "offers.translation_removed", _("Offer translation removed")
    LOCATION_CREATED = "offers.location_created", _("Place created")
    LOCATION_CHANGED = "offers.location_changed", _("Place changed")
    TERM_CREATED = "offers.term_created", _("Category created")
    TERM_CHANGED = "offers.term_changed", _("Category changed")
    TERM_REMOVED = "offers.term_removed", _("Category removed")
    SETTINGS_CHANGED = "offers.settings_changed", _("Catalog settings changed")
    REMINDER_SENT = "offers.confirmation_reminder_sent", _("Confirmation reminder sent")
