"""A small catalog like the demo's that uses every field the HSDS mapping knows."""

from __future__ import annotations

import datetime
from decimal import Decimal

from lotse.core.models import Commune, SocialArea
from lotse.network.models import Organisation, Sector
from lotse.offers.models import (
    AccessibilityFeature,
    CostKind,
    Location,
    LocationAccessibility,
    LocationType,
    Offer,
    OfferAttribute,
    OfferLanguage,
    OfferLocation,
    OfferStatus,
    OfferTranslation,
    Schedule,
    ScheduleKind,
    TaxonomyTerm,
)

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def category(commune: Commune, code: str) -> TaxonomyTerm:
    term: TaxonomyTerm = TaxonomyTerm.objects.for_commune(commune).get(
        taxonomy=TaxonomyTerm.CATEGORY_TAXONOMY, code=code
    )
    return term


def build_catalog(commune: Commune) -> dict[str, Offer]:
    """Baby-Café (free, no registration, 0–12 months, Turkish, every two weeks at a
    step-free place), Familienhebamme (pregnancy to the 1st birthday, home visits in social
    areas), Elternstartkurs (course of nine sessions, reduced fee, translations, a foreign
    taxonomy term), and a withdrawn draft-like offer of a second provider."""
    mitte = SocialArea.objects.for_commune(commune).get(slug="mitte")
    oberaden, _created = SocialArea.all_communes.get_or_create(
        commune=commune, slug="oberaden", defaults={"name": "Oberaden"}
    )
    family_centre = Organisation.all_communes.create(
        commune=commune,
        name="Familienzentrum Pestalozzihaus",
        legal_carrier="AWO Unterbezirk Unna",
        sector=Sector.CHILD_AND_YOUTH_WELFARE,
        street="Pestalozzistraße 4",
        postal_code="59192",
        city="Bergkamen",
        website="https://pestalozzihaus.example",
        phone="02307 123456",
        email="info@pestalozzihaus.example",
    )
    health_office = Organisation.all_communes.create(
        commune=commune, name="Gesundheitsamt Kreis Unna", sector=Sector.HEALTH
    )
    house = Location.all_communes.create(
        commune=commune,
        organisation=family_centre,
        name="Pestalozzihaus",
        description="Eingang über den Hof",
        street="Pestalozzistraße 4",
        postal_code="59192",
        city="Bergkamen",
        social_area=mitte,
        latitude=51.6155,
        longitude=7.6329,
        transportation="Bus R11, Haltestelle Rathaus",
        url="https://pestalozzihaus.example/anfahrt",
    )
    LocationAccessibility.objects.create(
        location=house,
        feature=AccessibilityFeature.STEP_FREE,
        description="Stufenloser Zugang",
        details="Rampe am Hofeingang",
    )
    LocationAccessibility.objects.create(location=house, feature=AccessibilityFeature.PRAM_PARKING)
    Location.all_communes.create(
        commune=commune, name="Online-Sprechstunde", location_type=LocationType.VIRTUAL
    )
    baby_cafe = Offer.all_communes.create(
        commune=commune,
        provider=family_centre,
        name="Baby-Café",
        alternate_name="Babytreff",
        description="Treffpunkt für Eltern mit Babys.",
        summary="Eltern mit Babys treffen sich. Es kostet nichts.",
        eligibility_description="Eltern mit Babys bis 12 Monate",
        application_process="Einfach vorbeikommen.",
        status=OfferStatus.PUBLISHED,
        last_confirmed_at=datetime.date(2026, 2, 1),
        registration_required=False,
        cost_kind=CostKind.FREE,
        min_age_months=0,
        max_age_months=12,
        free_places=4,
        contact_name="Frau Beispiel",
        contact_email="babycafe@pestalozzihaus.example",
        contact_phone="02307 123457",
        website="https://pestalozzihaus.example/babycafe",
        created_at=NOON,
        updated_at=NOON,
        published_at=NOON,
    )
    baby_cafe.categories.set([category(commune, "cafe-treffpunkt")])
    OfferLanguage.objects.create(offer=baby_cafe, code="de")
    OfferLanguage.objects.create(offer=baby_cafe, code="tr", note="dienstags")
    at_house = OfferLocation.objects.create(offer=baby_cafe, location=house, description="Raum 2")
    Schedule.objects.create(
        offer_location=at_house,
        kind=ScheduleKind.EVERY_TWO_WEEKS,
        weekdays="TU",
        opens_at=datetime.time(9, 30),
        closes_at=datetime.time(11, 0),
        valid_from=datetime.date(2026, 1, 6),
        description="nicht in den Schulferien",
    )
    midwife = Offer.all_communes.create(
        commune=commune,
        provider=health_office,
        name="Familienhebamme",
        description="Begleitung in der Schwangerschaft und im ersten Lebensjahr.",
        status=OfferStatus.PUBLISHED,
        temporarily_closed=True,
        closed_note="Bis Ende März keine neuen Familien",
        last_confirmed_at=datetime.date(2026, 1, 15),
        registration_required=True,
        cost_kind=CostKind.FREE,
        min_age_months=0,
        max_age_months=12,
        from_pregnancy_week=1,
        publish_from=datetime.date(2026, 1, 1),
        publish_until=datetime.date(2026, 12, 31),
        created_at=NOON,
        updated_at=NOON,
        published_at=NOON,
    )
    midwife.categories.set(
        [category(commune, "hausbesuche"), category(commune, "gesundheitsfachkraft")]
    )
    midwife.service_areas.set([mitte, oberaden])
    Schedule.objects.create(offer=midwife, kind=ScheduleKind.BY_ARRANGEMENT)
    foreign = TaxonomyTerm.all_communes.create(
        commune=commune,
        taxonomy="open-eligibility",
        code="parenting-education",
        name="Parenting Education",
        description="Classes for parents",
        is_category=False,
        term_uri="https://example.org/terms/parenting-education",
        language="en",
    )
    course = Offer.all_communes.create(
        commune=commune,
        provider=family_centre,
        name="Elternstartkurs",
        description="Neun Treffen für Eltern von Neugeborenen.",
        status=OfferStatus.IN_REVIEW,
        registration_required=True,
        cost_kind=CostKind.REDUCED,
        cost_amount=Decimal("25.00"),
        cost_note="Ermäßigung mit Familienpass",
        min_age_months=1,
        max_age_months=6,
        created_at=NOON,
        updated_at=NOON,
    )
    course.categories.set([category(commune, "kurs")])
    OfferAttribute.objects.create(offer=course, term=foreign, value="Level 1")
    OfferTranslation.objects.create(
        offer=course,
        language="en",
        name="Parent start course",
        description="Nine meetings for parents of newborns.",
        summary="Nine meetings.",
    )
    Schedule.objects.create(
        offer=course,
        kind=ScheduleKind.COURSE,
        weekdays="MO,TH",
        opens_at=datetime.time(10, 0),
        closes_at=datetime.time(11, 30),
        dtstart=datetime.date(2026, 4, 13),
        count=9,
    )
    OfferLocation.objects.create(offer=course, location=house)
    old = Offer.all_communes.create(
        commune=commune,
        provider=health_office,
        name="Stillberatung (alt)",
        description="Wird nicht mehr angeboten.",
        status=OfferStatus.WITHDRAWN,
        cost_kind=CostKind.AMOUNT,
        cost_amount=Decimal("10.50"),
        created_at=NOON,
        updated_at=NOON,
    )
    Schedule.objects.create(offer=old, kind=ScheduleKind.ONE_OFF, dtstart=datetime.date(2025, 5, 5))
    return {"baby_cafe": baby_cafe, "midwife": midwife, "course": course, "old": old}
