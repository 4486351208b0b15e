"""API v1 operations for offers: the public search of the finder, for a city app or
another portal to embed. The same rules and order as the finder's pages
(:mod:`lotse.offers.finder.search`); no token needed."""

from __future__ import annotations

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Query, Router, Schema
from pydantic import Field

from lotse.api.schemas import ErrorOut
from lotse.core.models import Commune
from lotse.offers.finder import presentation
from lotse.offers.finder.forms import FinderForm
from lotse.offers.finder.language import language_codes
from lotse.offers.finder.search import PAGE_SIZE, search
from lotse.offers.models import Offer

router = Router(tags=["offers"])


class SearchParams(Schema):
    """Every parameter is optional and given as text; a value that does not fit is
    answered with 422 naming the parameter, in German."""

    q: str | None = Field(None, description="Free text; forgives umlauts and word forms.")
    age_months: str | None = Field(
        None, description="The child's age in completed months (0–323), limits inclusive."
    )
    pregnancy_week: str | None = Field(None, description="Week of pregnancy (1–42).")
    social_area: str | None = Field(
        None,
        description="Slug of a social area: its offers first, then those for the whole commune.",
    )
    category: str | None = Field(None, description="Code of an offer category, e.g. `kurs`.")
    language: str | None = Field(
        None, description="ISO 639-1 code of a language the offer is held in, e.g. `tr`."
    )
    free: str | None = Field(None, description="`true`: only offers free of charge.")
    no_registration: str | None = Field(
        None, description="`true`: only offers one can attend without registration."
    )
    weekday: str | None = Field(
        None, description="iCalendar day code (MO, TU, WE, TH, FR, SA, SU)."
    )
    lat: str | None = Field(
        None, description="Latitude of the family's place (with `lon`): nearest first."
    )
    lon: str | None = Field(None, description="Longitude of the family's place (with `lat`).")
    page: str | None = Field(None, description=f"Page of {PAGE_SIZE} results, from 1.")
    lang: str | None = Field(
        None,
        description=(
            "Language of the texts (de, en, tr, ar, fa, uk, ru, pl, ro, bg); an offer's "
            "translation is used where it has one. Default de."
        ),
    )


class PlaceOut(Schema):
    name: str
    address: str
    social_area: str | None
    latitude: float | None
    longitude: float | None


class ContactOut(Schema):
    provider: str
    name: str
    phone: str
    email: str
    website: str


class OfferCardOut(Schema):
    uuid: UUID
    name: str = Field(description="In the requested language where a translation exists.")
    summary: str
    url: str = Field(description="The offer's page in the public finder.")
    categories: list[str]
    for_whom: str = Field(description="Who may come, as a sentence.")
    min_age_months: int | None
    max_age_months: int | None
    from_pregnancy_week: int | None
    life_phases: list[str]
    free_of_charge: bool
    cost: str
    registration_required: bool
    languages: list[str] = Field(description="ISO 639-1 codes; empty means German.")
    schedules: list[str]
    places: list[PlaceOut]
    distance_km: float | None = Field(description="To the nearest place, if lat/lon given.")
    temporarily_closed: bool
    free_places: int | None
    last_confirmed_at: datetime.date | None
    confirmed: bool = Field(description='False: shown as "not confirmed" in the finder.')
    contact: ContactOut


class OfferSearchOut(Schema):
    total: int
    page: int
    pages: int
    page_size: int
    results: list[OfferCardOut]


def _card(offer: Offer, commune: Commune, language: str) -> OfferCardOut:
    url = reverse("finder:detail", kwargs={"commune_slug": commune.slug, "offer_uuid": offer.uuid})
    if language != "de":
        url += f"?lang={language}"
    return OfferCardOut(
        uuid=offer.uuid,
        name=offer.shown_name,  # type: ignore[attr-defined]
        summary=offer.shown_summary,  # type: ignore[attr-defined]
        url=url,
        categories=[term.name for term in offer.categories.all()],
        for_whom=presentation.for_whom(offer),
        min_age_months=offer.min_age_months,
        max_age_months=offer.max_age_months,
        from_pregnancy_week=offer.from_pregnancy_week,
        life_phases=[str(phase.value) for phase in offer.life_phases],
        free_of_charge=offer.is_free,
        cost=presentation.cost_text(offer),
        registration_required=offer.registration_required,
        languages=[language.code for language in offer.languages.all()],
        schedules=[
            presentation.schedule_text(schedule)
            for schedule in [
                *offer.schedules.all(),
                *(s for link in offer.offer_locations.all() for s in link.schedules.all()),
            ]
        ],
        places=[
            PlaceOut(
                name=link.location.name,
                address=link.location.address_line,
                social_area=link.location.social_area.slug if link.location.social_area else None,
                latitude=link.location.latitude,
                longitude=link.location.longitude,
            )
            for link in offer.offer_locations.all()
        ],
        distance_km=(
            round(offer.distance_km, 2) if offer.distance_km is not None else None  # type: ignore[attr-defined]
        ),
        temporarily_closed=offer.temporarily_closed,
        free_places=offer.free_places,
        last_confirmed_at=offer.last_confirmed_at,
        confirmed=offer.freshness == "confirmed",  # type: ignore[attr-defined]
        contact=ContactOut(
            provider=offer.provider.name,
            name=offer.contact_name,
            phone=offer.contact_phone,
            email=offer.contact_email,
            website=offer.website,
        ),
    )


@router.get(
    "/communes/{slug}/offers",
    response={200: OfferSearchOut, 404: ErrorOut},
    auth=None,
    summary="Search a commune's offers for families",
)
def search_offers(request: HttpRequest, slug: str, params: Query[SearchParams]) -> OfferSearchOut:
    """The public finder's search as JSON: offers that fit, best fit first (text match,
    the chosen social area, distance, how closely the age range fits). Needs no token.
    Ages are in completed months and inclusive: `max_age_months=12` includes the first
    birthday. Unknown commune: 404."""
    commune = get_object_or_404(Commune, slug=slug, is_active=True)
    data = QueryDict(mutable=True)
    for name, value in params.dict().items():
        if value is not None and name != "lang":
            data[name] = value.upper() if name == "weekday" else value
    today = timezone.localdate()
    with translation.override("de"):
        form = FinderForm(data, commune=commune, today=today)
        if not form.is_valid():
            raise ValidationError(
                {
                    field: [str(message) for message in messages]
                    for field, messages in form.errors.items()
                }
            )
    language = params.lang if params.lang in language_codes() else "de"
    with translation.override(language):
        result = search(
            commune,
            form.filters(),
            today,
            page=form.cleaned_data.get("page") or 1,
            language=language,
        )
        cards = [_card(offer, commune, language) for offer in result.offers]
    return OfferSearchOut(
        total=result.total,
        page=result.page,
        pages=result.pages,
        page_size=PAGE_SIZE,
        results=cards,
    )
