"""Offers (HSDS services) with their languages, attributes, translations and history,
and the taxonomy their categories come from."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantManager, TenantModel
from lotse.offers.ages import (
    PREGNANCY_WEEKS,
    AgeLimits,
    LifePhase,
    add_months,
    completed_months,
)


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Which status may follow which; every change goes through services.change_status.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    OfferStatus.DRAFT: frozenset({OfferStatus.IN_REVIEW, OfferStatus.PUBLISHED}),
    OfferStatus.IN_REVIEW: frozenset(
        {OfferStatus.DRAFT, OfferStatus.PUBLISHED, OfferStatus.WITHDRAWN}
    ),
    OfferStatus.PUBLISHED: frozenset({OfferStatus.WITHDRAWN, OfferStatus.DRAFT}),
    OfferStatus.WITHDRAWN: frozenset({OfferStatus.DRAFT}),
}


class CostKind(models.TextChoices):
    FREE = "free", _("Free of charge")
    REDUCED = "reduced", _("Reduced fee possible")
    AMOUNT = "amount", _("Fee")


class TaxonomyTerm(TenantModel):
    """A term of a commune's taxonomy: the editable offer categories (``is_category``)
    and any term an HSDS import brings along, kept so an export gives it back."""

    CATEGORY_TAXONOMY = "lotse-kategorie"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.CharField(_("taxonomy"), max_length=120, default=CATEGORY_TAXONOMY)
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    is_category = models.BooleanField(_("offer category"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    language = models.CharField(_("language"), max_length=8, blank=True)
    term_uri = models.URLField(_("term URI"), blank=True)
    hsds_extra = models.JSONField(default=dict, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["position", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "taxonomy", "code"], name="taxonomy_term_code_per_commune"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OfferQuerySet(models.QuerySet["Offer"]):
    """Filters shared by the finder, the HSDS API and brokering: the same rules as
    :class:`~lotse.offers.ages.AgeLimits`, in SQL."""

    def accepting_age_months(self, months: int) -> OfferQuerySet:
        pregnancy_only = Q(
            min_age_months__isnull=True,
            max_age_months__isnull=True,
            from_pregnancy_week__isnull=False,
        )
        return self.exclude(pregnancy_only).filter(
            Q(min_age_months__isnull=True) | Q(min_age_months__lte=months),
            Q(max_age_months__isnull=True) | Q(max_age_months__gte=months),
        )

    def accepting_child_born(self, birth_date: datetime.date, on: datetime.date) -> OfferQuerySet:
        """Day-exact, like :meth:`AgeLimits.accepts_child_born`: on the day a child turns
        ``n`` months old it still counts for offers up to ``n`` months, the day after not."""
        if on < birth_date:
            return self.none()
        months = completed_months(birth_date, on)
        on_month_birthday = add_months(birth_date, months) == on
        last_month = months if on_month_birthday else months + 1
        return self.accepting_age_months(months).filter(
            Q(max_age_months__isnull=True) | Q(max_age_months__gte=last_month)
        )

    def accepting_pregnancy_week(self, week: int) -> OfferQuerySet:
        return self.filter(from_pregnancy_week__isnull=False, from_pregnancy_week__lte=week)


class OfferManager(TenantManager["Offer"]):
    def for_commune(self, commune: Any) -> OfferQuerySet:
        return OfferQuerySet(self.model, using=self._db).filter(commune=commune)


class Offer(TenantModel, VersionedModel):
    """An offer for families (HSDS ``service``) of one provider organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("provider"),
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternative name"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    summary = models.TextField(
        _("summary in plain language"),
        blank=True,
        help_text=_("Two or three short sentences in plain German: what, for whom, how."),
    )
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    application_process = models.TextField(_("how to take part"), blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    temporarily_closed = models.BooleanField(_("temporarily closed"), default=False)
    closed_note = models.CharField(_("note on the closure"), max_length=300, blank=True)
    publish_from = models.DateField(_("visible from"), null=True, blank=True)
    publish_until = models.DateField(_("visible until"), null=True, blank=True)
    last_confirmed_at = models.DateField(_("last confirmed on"), null=True, blank=True)
    confirmation_reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    last_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)

    registration_required = models.BooleanField(_("registration required"), default=False)
    cost_kind = models.CharField(
        _("cost"), max_length=16, choices=CostKind.choices, default=CostKind.FREE
    )
    cost_amount = models.DecimalField(
        _("amount"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cost_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    cost_note = models.CharField(_("note on the cost"), max_length=300, blank=True)

    min_age_months = models.PositiveSmallIntegerField(
        _("minimum age in months"),
        null=True,
        blank=True,
        help_text=_("Inclusive, in completed months; empty means from birth."),
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("maximum age in months"),
        null=True,
        blank=True,
        help_text=_(
            "Inclusive, in completed months: 12 means up to and including the 1st birthday."
        ),
    )
    from_pregnancy_week = models.PositiveSmallIntegerField(
        _("from week of pregnancy"),
        null=True,
        blank=True,
        help_text=_("Empty: not for pregnant women. 1: from the start of pregnancy."),
    )

    free_places = models.PositiveIntegerField(_("free places"), null=True, blank=True)
    free_places_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    places = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Total places per session or course, for the gap analysis. Empty: not stated."),
    )

    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    categories = models.ManyToManyField(
        TaxonomyTerm, related_name="offers", blank=True, verbose_name=_("categories")
    )
    service_areas = models.ManyToManyField(
        "core.SocialArea",
        related_name="offers",
        blank=True,
        verbose_name=_("social areas served"),
        help_text=_("For offers without a fixed place, e.g. home visits."),
    )

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    hsds_extra = models.JSONField(default=dict, blank=True)

    objects: Any = OfferManager()

    class Meta(TenantModel.Meta):
        ordering = ["name"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["commune", "status"], name="offer_commune_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age_months__isnull=True)
                | Q(max_age_months__isnull=True)
                | Q(min_age_months__lte=models.F("max_age_months")),
                name="offer_age_limits_in_order",
            ),
            models.CheckConstraint(
                condition=Q(from_pregnancy_week__isnull=True)
                | Q(from_pregnancy_week__gte=1, from_pregnancy_week__lte=PREGNANCY_WEEKS),
                name="offer_pregnancy_week_in_range",
            ),
            models.CheckConstraint(
                condition=Q(publish_from__isnull=True)
                | Q(publish_until__isnull=True)
                | Q(publish_from__lte=models.F("publish_until")),
                name="offer_publish_window_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def age_limits(self) -> AgeLimits:
        return AgeLimits(self.min_age_months, self.max_age_months, self.from_pregnancy_week)

    def accepts_age_months(self, months: int) -> bool:
        return self.age_limits.accepts_age_months(months)

    def accepts_pregnancy_week(self, week: int) -> bool:
        return self.age_limits.accepts_pregnancy_week(week)

    def accepts_child_born(self, birth_date: datetime.date, on: datetime.date) -> bool:
        return self.age_limits.accepts_child_born(birth_date, on)

    @property
    def life_phases(self) -> list[LifePhase]:
        return self.age_limits.life_phases()

    @property
    def is_free(self) -> bool:
        return self.cost_kind == CostKind.FREE


class OfferLanguage(models.Model):
    """A language the offer is held in (HSDS ``language``), ISO 639-1."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="languages")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("language"), max_length=3, db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="offer_language_once")
        ]

    def __str__(self) -> str:
        return self.code


class OfferAttribute(models.Model):
    """A taxonomy term attached to an offer beyond its categories (HSDS ``attribute``),
    e.g. an imported term of another taxonomy, with an optional value."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="attributes")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes")
    value = models.CharField(_("value"), max_length=300, blank=True)
    hsds_extra = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")

    def __str__(self) -> str:
        return f"{self.term}: {self.value}" if self.value else str(self.term)


class OfferTranslation(models.Model):
    """The offer's texts in another language (the German ones live on the offer)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    summary = models.TextField(_("summary in plain language"), blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "language"], name="offer_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.name}"


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Changed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    CONFIRMED = "confirmed", _("Confirmed as current")
    IMPORTED = "imported", _("Imported")


class OfferRevision(models.Model):
    """One entry of an offer's history: who changed what when, with the state after it."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=16, choices=RevisionAction.choices)
    version = models.PositiveIntegerField()
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    reason = models.TextField(blank=True)
    # {field: [before, after]} of what this revision changed.
    changes = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.offer_id} v{self.version} {self.action}"
