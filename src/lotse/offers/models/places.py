"""Where and when offers take place: locations (HSDS location), their accessibility, the
offer at a location (service_at_location) and schedules."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantModel
from lotse.offers.models.catalog import Offer


class ScheduleKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    EVERY_TWO_WEEKS = "every_two_weeks", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
    COURSE = "course", _("Course with a number of sessions")
    ONE_OFF = "one_off", _("One-off event")
    BY_ARRANGEMENT = "by_arrangement", _("By arrangement")


class Weekday(models.TextChoices):
    """iCalendar / HSDS ``byday`` codes."""

    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


WEEKDAY_CODES = [day.value for day in Weekday]


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Place")
    POSTAL = "postal", _("Postal address")
    VIRTUAL = "virtual", _("Online")


class AccessibilityFeature(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free access")
    WHEELCHAIR_TOILET = "wheelchair_toilet", _("Wheelchair-accessible toilet")
    PRAM_PARKING = "pram_parking", _("Space for prams")
    BABY_CHANGING = "baby_changing", _("Baby changing table")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    SIGN_LANGUAGE = "sign_language", _("Sign language on request")
    EASY_LANGUAGE = "easy_language", _("Information in easy language")
    OTHER = "other", _("Other")


class Location(TenantModel, VersionedModel):
    """A place where offers happen (HSDS ``location``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    location_type = models.CharField(
        _("type"), max_length=16, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    social_area = models.ForeignKey(
        "core.SocialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offer_locations",
        verbose_name=_("social area"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    transportation = models.CharField(_("public transport"), max_length=300, blank=True)
    url = models.URLField(_("web address"), blank=True)
    hsds_extra = models.JSONField(default=dict, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_line(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)


class LocationAccessibility(models.Model):
    """An accessibility feature of a location (HSDS ``accessibility``)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    feature = models.CharField(_("feature"), max_length=32, choices=AccessibilityFeature.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    details = models.TextField(_("details"), blank=True)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")

    def __str__(self) -> str:
        return self.get_feature_display()


class OfferLocation(models.Model):
    """An offer held at a location (HSDS ``service_at_location``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="offer_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="offer_locations")
    description = models.TextField(_("description"), blank=True)
    hsds_extra = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("place of the offer")
        verbose_name_plural = _("places of the offer")
        constraints = [
            models.UniqueConstraint(fields=["offer", "location"], name="offer_location_once")
        ]

    def __str__(self) -> str:
        return f"{self.offer} @ {self.location}"


class Schedule(models.Model):
    """When an offer takes place (HSDS ``schedule``), for the offer as a whole or at one of
    its locations. ``weekdays`` holds HSDS ``byday`` codes ("MO,TH"); a one-off event and a
    course have a first date (``dtstart``), a course a number of sessions (``count``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    offer_location = models.ForeignKey(
        OfferLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    kind = models.CharField(_("rhythm"), max_length=16, choices=ScheduleKind.choices)
    weekdays = models.CharField(_("weekdays"), max_length=27, blank=True)
    opens_at = models.TimeField(_("from"), null=True, blank=True)
    closes_at = models.TimeField(_("until"), null=True, blank=True)
    dtstart = models.DateField(_("first date"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of sessions"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=300, blank=True)
    hsds_extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["dtstart", "opens_at", "pk"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=False, offer_location__isnull=True)
                | Q(offer__isnull=True, offer_location__isnull=False),
                name="schedule_of_offer_or_offer_location",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.weekdays}".strip()

    @property
    def weekday_codes(self) -> list[str]:
        return [code for code in self.weekdays.split(",") if code]

    @property
    def interval(self) -> int:
        return 2 if self.kind == ScheduleKind.EVERY_TWO_WEEKS else 1
