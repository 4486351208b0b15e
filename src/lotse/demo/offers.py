"""Demo data of the offers app, built after the communes, their users and organisations."""

from __future__ import annotations

import datetime

from django.utils import timezone

from lotse.core.models import Commune, SocialArea
from lotse.demo import catalog_facts as shapes
from lotse.demo import offers_facts as facts
from lotse.demo import offers_facts_dortmund as dortmund_facts
from lotse.demo.builders import DemoResult
from lotse.network.models import Organisation, Sector
from lotse.offers.defaults import ensure_catalog_defaults
from lotse.offers.models import (
    Location,
    LocationAccessibility,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferRevision,
    OfferStatus,
    RevisionAction,
    Schedule,
    TaxonomyTerm,
)
from lotse.offers.services.offers import snapshot


def build(result: DemoResult) -> None:
    """Create or update the offers demo data (idempotent, like the rest of the demo)."""
    today = timezone.localdate()
    for slug, commune in result.communes.items():
        ensure_catalog_defaults(commune)
        if slug == "bergkamen":
            _catalog(commune, facts.BERGKAMEN, today)
        elif slug == "dortmund":
            _catalog(commune, _dortmund_facts(), today)


def _organisation(
    commune: Commune, name: str, sector: str = Sector.OTHER, **extra: str
) -> Organisation:
    """The network's organisation of this name, created if the network demo has none."""
    found: Organisation | None = (
        Organisation.objects.for_commune(commune).filter(name=name).order_by("pk").first()
    )
    if found is not None:
        return found
    created: Organisation = Organisation.all_communes.create(
        commune=commune, name=name, sector=sector, **extra
    )
    return created


def _place(commune: Commune, place: shapes.PlaceFacts) -> Location:
    area = SocialArea.objects.for_commune(commune).filter(slug=place.area).first()
    location: Location
    location, _created = Location.all_communes.update_or_create(
        commune=commune,
        name=place.name,
        defaults={
            "street": place.street,
            "postal_code": place.postal_code,
            "city": place.city,
            "social_area": area,
            "latitude": place.latitude,
            "longitude": place.longitude,
        },
    )
    for feature in place.accessibility:
        LocationAccessibility.objects.get_or_create(location=location, feature=feature)
    return location


def _catalog(commune: Commune, catalog: shapes.CatalogFacts, today: datetime.date) -> None:
    for provider in catalog.providers:
        _organisation(
            commune,
            provider.name,
            provider.sector,
            street=provider.street,
            postal_code=provider.postal_code,
            city=provider.city,
            email=provider.email,
        )
    places = {place.name: _place(commune, place) for place in catalog.places}
    terms = {term.code: term for term in TaxonomyTerm.objects.for_commune(commune)}
    areas = {area.slug: area for area in SocialArea.objects.for_commune(commune)}
    for item in catalog.offers:
        _offer(commune, item, places=places, terms=terms, areas=areas, today=today)


def _offer(
    commune: Commune,
    item: shapes.OfferFacts,
    *,
    places: dict[str, Location],
    terms: dict[str, TaxonomyTerm],
    areas: dict[str, SocialArea],
    today: datetime.date,
) -> Offer:
    provider = _organisation(commune, item.provider)
    offer: Offer
    offer, created = Offer.all_communes.update_or_create(
        commune=commune,
        name=item.name,
        defaults={
            "provider": provider,
            "summary": item.summary,
            "description": item.description,
            "min_age_months": item.min_age_months,
            "max_age_months": item.max_age_months,
            "from_pregnancy_week": item.from_pregnancy_week,
            "cost_kind": item.cost,
            "cost_amount": item.amount,
            "cost_note": item.cost_note,
            "registration_required": item.registration,
            "status": OfferStatus.PUBLISHED,
            "last_confirmed_at": today - datetime.timedelta(days=item.confirmed_days_ago),
            "free_places": item.free_places,
            "contact_email": provider.email,
            "contact_phone": provider.phone,
            "website": provider.website,
        },
    )
    offer.categories.set([terms[code] for code in item.categories])
    offer.service_areas.set([areas[slug] for slug in item.areas])
    for code in item.languages:
        OfferLanguage.objects.get_or_create(offer=offer, code=code)
    at: dict[str, OfferLocation] = {}
    for name in item.places:
        at[name], _new = OfferLocation.objects.get_or_create(offer=offer, location=places[name])
    for time in item.times:
        _schedule(offer, at.get(time.place) if time.place else None, time)
    if created:
        # The network's offers have been in the catalog for years, so the reports of last
        # year find them too.
        offer.created_at = offer.published_at = datetime.datetime(
            today.year - 2, 1, 15, 8, 0, tzinfo=datetime.UTC
        )
        offer.save(update_fields=["created_at", "published_at"])
        OfferRevision.objects.create(
            offer=offer,
            actor=None,
            action=RevisionAction.CREATED,
            version=offer.version,
            to_status=OfferStatus.PUBLISHED,
            snapshot=snapshot(offer),
        )
    return offer


def _schedule(offer: Offer, offer_location: OfferLocation | None, time: shapes.TimeFacts) -> None:
    first = datetime.date.fromisoformat(time.first_date) if time.first_date else None
    weekdays = time.weekdays
    if time.kind == shapes.ONE_OFF and first is not None:
        weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][first.weekday()]
    Schedule.objects.update_or_create(
        offer=None if offer_location else offer,
        offer_location=offer_location,
        kind=time.kind,
        dtstart=first,
        weekdays=weekdays,
        defaults={
            "opens_at": datetime.time.fromisoformat(time.opens) if time.opens else None,
            "closes_at": datetime.time.fromisoformat(time.closes) if time.closes else None,
            "count": time.sessions,
        },
    )


def _dortmund_facts() -> shapes.CatalogFacts:
    """Dortmund's prevention chain: built from the lists in the facts module."""
    places: list[shapes.PlaceFacts] = []
    offers: list[shapes.OfferFacts] = []
    providers: list[shapes.ProviderFacts] = []
    for name, street, postal_code, area, latitude, longitude in dortmund_facts.CLINICS:
        providers.append(
            shapes.ProviderFacts(name, Sector.HEALTH, street, postal_code, "Dortmund", "")
        )
        places.append(
            shapes.PlaceFacts(name, street, postal_code, "Dortmund", area, latitude, longitude)
        )
        offers.append(
            shapes.OfferFacts(
                f"Babylotsin – {name}",
                name,
                ("beratung", "anlaufstelle"),
                "Die Babylotsin berät Sie rund um die Geburt in der Klinik und zeigt Ihnen "
                "Hilfen in Ihrer Nähe – freiwillig und kostenlos.",
                "Babylotsinnen beraten und unterstützen im klinischen Setting mit ihrem "
                "freiwilligen, präventiven Angebot (werdende) Eltern. Sie informieren über "
                "wohnortnahe Unterstützungsangebote, vermitteln erste Kontakte und begleiten "
                "Eltern bei Bedarf.",
                min_age_months=0,
                max_age_months=3,
                from_pregnancy_week=28,
                languages=("de", "en", "tr", "ar"),
                places=(name,),
                times=(shapes.TimeFacts(shapes.WEEKLY, "MO,TU,WE,TH,FR", "08:00", "16:00"),),
            )
        )
    for slug, district, latitude, longitude in dortmund_facts.DISTRICTS:
        office = f"Familienbüro {district}"
        providers.append(
            shapes.ProviderFacts(
                office,
                Sector.CHILD_AND_YOUTH_WELFARE,
                "",
                "",
                "Dortmund",
                f"familienbuero-{slug}@dortmund.example",
            )
        )
        places.append(
            shapes.PlaceFacts(
                office,
                f"Bezirksverwaltungsstelle {district}",
                "",
                "Dortmund",
                slug,
                latitude,
                longitude,
            )
        )
        offers.append(
            shapes.OfferFacts(
                f"Familienbüro {district}",
                office,
                ("anlaufstelle", "beratung", "hausbesuche"),
                "Ihre Anlaufstelle im Stadtbezirk: Information, Beratung und Begrüßungsbesuch "
                "für (werdende) Eltern – kostenlos.",
                "Die kommunalen Familienbüros stehen (werdenden) Eltern und Familien als "
                "niederschwellige Service- und Lotsenstelle zur Verfügung, beraten auch mobil "
                "und helfen beim Zugang zum Online-Tool „Guter Start NRW“.",
                min_age_months=0,
                max_age_months=72,
                from_pregnancy_week=1,
                languages=("de", "en", "tr"),
                places=(office,),
                times=(shapes.TimeFacts(shapes.WEEKLY, "MO,TU,TH", "09:00", "12:00"),),
            )
        )
    offers.append(
        shapes.OfferFacts(
            "Kita-Sozialarbeit",
            "Familienbüro Innenstadt-Nord",
            ("beratung", "bildung-betreuung"),
            "Sozialarbeiterinnen in Kitas helfen bei Erziehungsfragen, Familienproblemen "
            "und Anträgen – freiwillig und kostenlos.",
            "Kita-Sozialarbeit ist ein aufsuchendes, sozialräumliches Angebot mit präventivem, "
            "niedrigschwelligem Ansatz auf freiwilliger Basis. Die Fachkräfte arbeiten eng mit "
            "Kitas und Kindertagespflege zusammen, unterstützen bei erzieherischen "
            "Herausforderungen und helfen bei Anträgen und Behördengängen.",
            min_age_months=12,
            max_age_months=72,
            areas=dortmund_facts.KITA_SOCIAL_WORK_DISTRICTS,
            times=(shapes.TimeFacts(shapes.ARRANGED),),
        )
    )
    providers.append(
        shapes.ProviderFacts(
            "Bildungsnetz Familiengrundschulzentren Dortmund",
            Sector.EDUCATION,
            "Königswall 25",
            "44137",
            "Dortmund",
            "fgz@bildungsnetz-dortmund.example",
        )
    )
    district_centres = {slug: (lat, lon) for slug, _name, lat, lon in dortmund_facts.DISTRICTS}
    for name, slug, street, postal_code in dortmund_facts.FAMILY_SCHOOL_CENTRES:
        latitude, longitude = district_centres[slug]
        places.append(
            shapes.PlaceFacts(
                name, street, postal_code, "Dortmund", slug, latitude + 0.004, longitude - 0.004
            )
        )
        offers.append(
            shapes.OfferFacts(
                name,
                "Bildungsnetz Familiengrundschulzentren Dortmund",
                ("anlaufstelle", "bildung-betreuung", "cafe-treffpunkt"),
                "Treffpunkt und Anlaufstelle für Familien an der Grundschule: Elterncafé, "
                "Beratung und Angebote im Quartier.",
                "Familiengrundschulzentren setzen die Präventions- und Bildungskette im "
                "Primarbereich fort. Sie sind sozialräumliche Knotenpunkte und Anlaufstellen "
                "für Familien im Quartier.",
                min_age_months=72,
                max_age_months=120,
                languages=("de", "tr", "ar", "uk"),
                places=(name,),
                times=(shapes.TimeFacts(shapes.WEEKLY, "TU", "08:00", "10:00"),),
            )
        )
    offers.extend(_dortmund_around(places, providers))
    return shapes.CatalogFacts(tuple(providers), tuple(places), tuple(offers))


def _dortmund_around(
    places: list[shapes.PlaceFacts], providers: list[shapes.ProviderFacts]
) -> list[shapes.OfferFacts]:
    """A plausible, fictional catalog around the prevention chain's offers."""
    places += [
        shapes.PlaceFacts(
            "Beratungszentrum Lichtblick",
            "Lindenhof 7",
            "44139",
            "Dortmund",
            "innenstadt-ost",
            51.5051,
            7.4902,
        ),
        shapes.PlaceFacts(
            "Kinder- und Jugendtreff Brechten",
            "Brechtener Straße 50",
            "44339",
            "Dortmund",
            "eving",
            51.5850,
            7.4700,
        ),
        shapes.PlaceFacts(
            "Jugendfreizeitstätte Eving",
            "Deutsche Straße 20",
            "44339",
            "Dortmund",
            "eving",
            51.5620,
            7.4790,
        ),
        shapes.PlaceFacts(
            "Elterncafé Nordstadt",
            "Mallinckrodtstraße 110",
            "44145",
            "Dortmund",
            "innenstadt-nord",
            51.5250,
            7.4580,
        ),
        shapes.PlaceFacts(
            "Jugendberufsagentur Dortmund",
            "Steinstraße 39",
            "44147",
            "Dortmund",
            "innenstadt-nord",
            51.5190,
            7.4600,
        ),
    ]
    providers += [
        shapes.ProviderFacts(
            "Jugendhilfe Nord e. V.",
            Sector.CHILD_AND_YOUTH_WELFARE,
            "Brechtener Straße 50",
            "44339",
            "Dortmund",
            "treff@jugendhilfe-nord.example",
        ),
        shapes.ProviderFacts(
            "Jugendberufsagentur Dortmund",
            Sector.JOB_CENTRE,
            "Steinstraße 39",
            "44147",
            "Dortmund",
            "info@jba-dortmund.example",
        ),
    ]
    return [
        shapes.OfferFacts(
            "Schwangerschafts- und Familienberatung",
            "Beratungszentrum Lichtblick",
            ("beratung",),
            "Vertrauliche Beratung in der Schwangerschaft und mit kleinen Kindern – "
            "kostenlos, auf Wunsch anonym.",
            "Beratung zu Schwangerschaft, Geburt, finanziellen Hilfen und Familienleben.",
            min_age_months=0,
            max_age_months=36,
            from_pregnancy_week=1,
            registration=True,
            languages=("de", "en", "ar", "fa", "ru"),
            places=("Beratungszentrum Lichtblick",),
            times=(shapes.TimeFacts(shapes.WEEKLY, "MO,TU,WE,TH", "09:00", "16:00"),),
        ),
        shapes.OfferFacts(
            "Elterncafé Nordstadt",
            "Familienbüro Innenstadt-Nord",
            ("cafe-treffpunkt",),
            "Offenes Café für Eltern mit Babys und Kleinkindern, ohne Anmeldung.",
            "Treffpunkt für Eltern mit Kindern bis 3 Jahren, mit Beratung durch eine "
            "Familienhebamme.",
            min_age_months=0,
            max_age_months=36,
            languages=("de", "tr", "ar", "bg", "ro"),
            places=("Elterncafé Nordstadt",),
            times=(shapes.TimeFacts(shapes.WEEKLY, "WE", "10:00", "12:00"),),
        ),
        shapes.OfferFacts(
            "Familienhebammen Dortmund",
            "Familienbüro Innenstadt-Nord",
            ("hausbesuche", "gesundheitsfachkraft"),
            "Eine Familienhebamme begleitet Sie zu Hause – von der Schwangerschaft bis "
            "einschließlich zum 1. Geburtstag.",
            "Aufsuchende Begleitung durch Familienhebammen in allen Stadtbezirken.",
            min_age_months=0,
            max_age_months=12,
            from_pregnancy_week=1,
            registration=True,
            times=(shapes.TimeFacts(shapes.ARRANGED),),
        ),
        shapes.OfferFacts(
            "Kinder- und Jugendtreff Brechten",
            "Jugendhilfe Nord e. V.",
            ("gruppe", "cafe-treffpunkt"),
            "Offener Treff mit Spiel, Sport und Projekten für Kinder und Jugendliche.",
            "Vielfältige Aktivitäten und Projekte für Kinder und Jugendliche von 8 bis 16 Jahren.",
            min_age_months=96,
            max_age_months=191,
            places=("Kinder- und Jugendtreff Brechten",),
            times=(shapes.TimeFacts(shapes.WEEKLY, "MO,WE,FR", "14:00", "19:00"),),
        ),
        shapes.OfferFacts(
            "Jugendfreizeitstätte Eving",
            "Jugendhilfe Nord e. V.",
            ("gruppe",),
            "Freizeit, Beteiligung und Projekte für Jugendliche.",
            "Freizeitangebote für Jugendliche von 12 bis 21 Jahren.",
            min_age_months=144,
            max_age_months=252,
            places=("Jugendfreizeitstätte Eving",),
            times=(shapes.TimeFacts(shapes.WEEKLY, "TU,TH", "15:00", "21:00"),),
        ),
        shapes.OfferFacts(
            "Beratung Übergang Schule – Beruf",
            "Jugendberufsagentur Dortmund",
            ("beratung",),
            "Beratung zu Ausbildung, Studium und erstem Job für junge Menschen bis 27.",
            "Die Jugendberufsagentur berät junge Menschen beim Übergang von der Schule in "
            "Ausbildung und Beruf.",
            min_age_months=180,
            max_age_months=323,
            registration=True,
            languages=("de", "en", "uk"),
            places=("Jugendberufsagentur Dortmund",),
            times=(shapes.TimeFacts(shapes.WEEKLY, "MO,TU,WE,TH,FR", "08:00", "16:00"),),
        ),
    ]
