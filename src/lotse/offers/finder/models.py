"""What the finder keeps of its own: barrier feedback (BITV NRW), anonymous counts of
searches that found nothing, and a normalised search document per offer.

Nothing here identifies a family: no IP address, no query text, no coordinates."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.tenancy import TenantModel


class BarrierFeedback(TenantModel):
    """A report of a barrier on a public page, as § 7 BITV NRW requires a way to send one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    page = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(_("description"), max_length=4000)
    # Optional, so the coordination office can answer; encrypted like every personal value.
    contact_email = EncryptedTextField(_("e-mail address for a reply"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("barrier feedback")
        verbose_name_plural = _("barrier feedback")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page}"


class LifePhaseFacet(models.TextChoices):
    """The life phase a search asked for, as far as its filters tell."""

    PREGNANCY = "pregnancy", _("Pregnancy")
    AGE_0_1 = "0-1", _("0–1 years")
    AGE_1_3 = "1-3", _("1–3 years")
    AGE_3_6 = "3-6", _("3–6 years")
    AGE_6_10 = "6-10", _("6–10 years")
    AGE_10_16 = "10-16", _("10–16 years")
    AGE_16_27 = "16-27", _("16–27 years")
    ANY = "any", _("Not given")


class EmptySearchCount(TenantModel):
    """How many searches found nothing, per day, social area and life phase. Only these
    facets are kept, counted up: never the search text, an address or an IP address."""

    day = models.DateField(_("day"))
    social_area = models.ForeignKey(
        "core.SocialArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("social area"),
    )
    life_phase = models.CharField(
        _("life phase"), max_length=16, choices=LifePhaseFacet.choices, default=LifePhaseFacet.ANY
    )
    searches = models.PositiveIntegerField(_("searches without a result"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("searches without a result")
        verbose_name_plural = _("searches without a result")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "day", "social_area", "life_phase"],
                condition=models.Q(social_area__isnull=False),
                name="finder_one_empty_search_count_per_area",
            ),
            models.UniqueConstraint(
                fields=["commune", "day", "life_phase"],
                condition=models.Q(social_area__isnull=True),
                name="finder_one_empty_search_count_without_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.life_phase}: {self.searches}"


class SearchDocument(TenantModel):
    """The normalised words of one offer (see :mod:`lotse.offers.finder.text`), kept
    current by signal receivers (:mod:`lotse.offers.finder.index`). ``title`` holds the
    words of the name and categories, which weigh more for the order of fit; ``body``
    everything else a family might type: description, summary, provider, places,
    translations."""

    offer = models.OneToOneField(
        "offers.Offer", on_delete=models.CASCADE, related_name="search_document"
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        # The page cache's stamp: count and newest change per commune, from the index.
        indexes = [models.Index(fields=["commune", "updated_at"], name="finder_doc_changed")]

    def __str__(self) -> str:
        return f"{self.offer_id}"
