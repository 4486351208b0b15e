"""The offer catalog, modelled on Open Referral HSDS 3.0 so that a round trip loses nothing.

HSDS → here: service → :class:`Offer`, location → :class:`Location`, service_at_location →
:class:`OfferLocation`, schedule → :class:`Schedule`, language → :class:`OfferLanguage`,
accessibility → :class:`LocationAccessibility` (HSDS keeps accessibility on the location),
taxonomy_term → :class:`TaxonomyTerm` (categories and any imported term), attribute →
:class:`OfferAttribute`, cost_option → the ``cost_*`` fields of the offer, contact and phone →
the ``contact_*`` fields, service_area → ``Offer.service_areas`` (social areas),
assured_date → ``Offer.last_confirmed_at``. HSDS fields with no column here are kept in
``hsds_extra``. The HSDS ids are our ``uuid``.

Offers never hold personal data of families: the contact is the offer's own.
"""

from lotse.offers.models.catalog import (
    STATUS_TRANSITIONS,
    CostKind,
    Offer,
    OfferAttribute,
    OfferLanguage,
    OfferManager,
    OfferQuerySet,
    OfferRevision,
    OfferStatus,
    OfferTranslation,
    RevisionAction,
    TaxonomyTerm,
)
from lotse.offers.models.governance import (
    CatalogSettings,
    MatchReviewStatus,
    OrganisationMatchReview,
)
from lotse.offers.models.places import (
    WEEKDAY_CODES,
    AccessibilityFeature,
    Location,
    LocationAccessibility,
    LocationType,
    OfferLocation,
    Schedule,
    ScheduleKind,
    Weekday,
)

__all__ = [
    "STATUS_TRANSITIONS",
    "WEEKDAY_CODES",
    "AccessibilityFeature",
    "CatalogSettings",
    "CostKind",
    "Location",
    "LocationAccessibility",
    "LocationType",
    "MatchReviewStatus",
    "Offer",
    "OfferAttribute",
    "OfferLanguage",
    "OfferLocation",
    "OfferManager",
    "OfferQuerySet",
    "OfferRevision",
    "OfferStatus",
    "OfferTranslation",
    "OrganisationMatchReview",
    "RevisionAction",
    "Schedule",
    "ScheduleKind",
    "TaxonomyTerm",
    "Weekday",
]
