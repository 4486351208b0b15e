"""Data for the finder benchmark: communes with social areas, providers and offers, in
the database named by ``DATABASE_URL``, written with ``bulk_create`` in batches.

    python bench/finder_data.py grow --offers 50000 --communes 200
    python bench/finder_data.py measure --searches 300

``grow`` adds offers until the database holds ``--offers`` of them, spread evenly over
``--communes`` communes (created on the first call), each with a place in one of the
commune's social areas, categories, languages, a weekly schedule and age limits drawn from
the catalog's typical ranges; then it builds their search documents. ``measure`` times the
finder's search in-process (no HTTP) for a mix of family searches and prints JSON.
The same seed gives the same data, so runs can be compared."""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from lotse.core.models import Commune, SocialArea  # noqa: E402
from lotse.network.models import Organisation  # noqa: E402
from lotse.offers.finder import index  # noqa: E402
from lotse.offers.finder.search import Filters, search  # noqa: E402
from lotse.offers.models import (  # noqa: E402
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferStatus,
    Schedule,
    TaxonomyTerm,
)

SLUG = "bench-{:03d}"
AREAS = ["Mitte", "Nord", "Süd", "Ost", "West"]
NAMES = [
    ("Baby-Café", "Treffen für Eltern mit Babys im ersten Lebensjahr.", 0, 12, None),
    ("Offenes Elterncafé", "Offenes Café ohne Anmeldung für Eltern mit Babys.", 0, 12, None),
    ("Still-Café", "Beratung und Austausch rund ums Stillen.", 0, 12, 1),
    ("Elternstartkurs", "Neun kostenlose Treffen für Eltern von Neugeborenen.", 0, 12, None),
    ("Krabbelgruppe", "Spielen und Krabbeln für Kinder ab sechs Monaten.", 6, 24, None),
    ("Familienhebamme", "Begleitung in der Schwangerschaft bis zum 1. Geburtstag.", 0, 12, 1),
    ("Geburtsvorbereitung", "Kurs zur Vorbereitung auf die Geburt.", None, None, 20),
    ("Frühförderung", "Interdisziplinäre Frühförderung bis zum Schulbeginn.", 0, 72, None),
    ("Erziehungsberatung", "Beratung für Eltern in allen Fragen der Erziehung.", None, None, None),
    ("Familienpaten", "Ehrenamtliche begleiten Familien mit Kindern bis drei Jahre.", 0, 36, None),
    ("Spielgruppe", "Freies Spiel für Kinder von ein bis drei Jahren.", 12, 36, None),
    ("Elternfrühstück", "Frühstück und Austausch alle zwei Wochen.", 0, 36, None),
]
LANGUAGES = ["de", "tr", "ar", "uk", "ru", "en", "pl", "fa"]
DAYS = ["MO", "TU", "WE", "TH", "FR"]
SEARCHES: list[dict[str, Any]] = [
    {},
    {"query": "Baby"},
    {"query": "stillen"},
    {"query": "Fruehfoerderung"},
    {"age_months": 4, "free": True, "no_registration": True},
    {"age_months": 4, "area": True},
    {"pregnancy_week": 30},
    {"query": "Kurs", "age_months": 2},
    {"age_months": 18, "weekday": "TU"},
    {"language": "tr", "age_months": 8},
    {"near": True, "age_months": 4},
    {"query": "Café", "near": True, "free": True},
]


def communes(count: int) -> list[Commune]:
    found = list(Commune.objects.filter(slug__startswith="bench-").order_by("slug"))
    for number in range(len(found), count):
        commune = Commune.objects.create(
            slug=SLUG.format(number), name=f"Benchstadt {number}", youth_office_name="Jugendamt"
        )
        for name in AREAS:
            SocialArea.objects.for_commune(commune).create(
                commune=commune, name=name, slug=name.lower().replace("ü", "ue")
            )
        for provider in range(3):
            Organisation.objects.for_commune(commune).create(
                commune=commune,
                name=f"Träger {provider} in Benchstadt {number}",
                sector="child_youth_welfare",
                street=f"Hauptstraße {provider}",
            )
        found.append(commune)
    return found[:count]


def grow(total: int, commune_count: int, seed: int = 7) -> dict[str, Any]:
    started = time.perf_counter()
    chosen = communes(commune_count)
    existing = Offer.all_communes.filter(commune__slug__startswith="bench-").count()
    today = timezone.localdate()
    rng = random.Random(seed + existing)
    areas = {c.pk: list(SocialArea.objects.for_commune(c).order_by("pk")) for c in chosen}
    providers = {c.pk: list(Organisation.objects.for_commune(c).order_by("pk")) for c in chosen}
    terms = {
        c.pk: list(TaxonomyTerm.objects.for_commune(c).filter(is_category=True).order_by("pk"))
        for c in chosen
    }
    created_ids: list[int] = []
    batch = 2000
    for start in range(existing, total, batch):
        numbers = range(start, min(start + batch, total))
        with transaction.atomic():
            offers, locations = [], []
            for number in numbers:
                commune = chosen[number % len(chosen)]
                name, summary, low, high, week = NAMES[number % len(NAMES)]
                offers.append(
                    Offer(
                        commune=commune,
                        provider=rng.choice(providers[commune.pk]),
                        name=f"{name} {number // len(chosen)}",
                        summary=summary,
                        description=f"{summary} Ein Angebot in Benchstadt ({number}).",
                        status=OfferStatus.PUBLISHED,
                        min_age_months=low,
                        max_age_months=high,
                        from_pregnancy_week=week,
                        registration_required=rng.random() < 0.4,
                        cost_kind="free" if rng.random() < 0.7 else "amount",
                        cost_amount=None,
                        last_confirmed_at=today - timedelta(days=rng.randint(0, 200)),
                        temporarily_closed=rng.random() < 0.03,
                    )
                )
                area = rng.choice(areas[commune.pk])
                locations.append(
                    Location(
                        commune=commune,
                        name=f"Familienzentrum {area.name} {number}",
                        street=f"Weg {number}",
                        postal_code="59192",
                        city=commune.name,
                        social_area=area,
                        latitude=51.6 + rng.uniform(-0.05, 0.05),
                        longitude=7.6 + rng.uniform(-0.08, 0.08),
                    )
                )
            Offer.all_communes.bulk_create(offers)
            Location.all_communes.bulk_create(locations)
            links = OfferLocation.objects.bulk_create(
                [
                    OfferLocation(offer=o, location=loc)
                    for o, loc in zip(offers, locations, strict=True)
                ]
            )
            Schedule.objects.bulk_create(
                [
                    Schedule(offer_location=link, kind="weekly", weekdays=rng.choice(DAYS))
                    for link in links
                ]
            )
            OfferLanguage.objects.bulk_create(
                [
                    OfferLanguage(offer=o, code=code)
                    for o in offers
                    for code in {"de", rng.choice(LANGUAGES)}
                ]
            )
            through = Offer.categories.through
            through.objects.bulk_create(
                [
                    through(offer_id=o.pk, taxonomyterm_id=rng.choice(terms[o.commune_id]).pk)
                    for o in offers
                ]
            )
            index.refresh([o.pk for o in offers])
            created_ids += [o.pk for o in offers]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE") if connection.vendor == "postgresql" else None
    return {
        "offers": total,
        "communes": len(chosen),
        "created": len(created_ids),
        "seconds": round(time.perf_counter() - started, 1),
    }


def filters_for(spec: dict[str, Any], commune: Commune) -> Filters:
    spec = dict(spec)
    filters = Filters(
        query=spec.pop("query", ""),
        age_months=spec.pop("age_months", None),
        pregnancy_week=spec.pop("pregnancy_week", None),
        language=spec.pop("language", ""),
        free=spec.pop("free", False),
        no_registration=spec.pop("no_registration", False),
        weekday=spec.pop("weekday", ""),
    )
    if spec.pop("area", False):
        filters.social_area = SocialArea.objects.for_commune(commune).get(slug="mitte")
    if spec.pop("near", False):
        filters.latitude, filters.longitude = 51.61, 7.62
    return filters


def measure(searches: int, seed: int = 3) -> dict[str, Any]:
    """Time ``search()`` (count, page, related lists, freshness) in-process."""
    chosen = list(Commune.objects.filter(slug__startswith="bench-").order_by("slug"))
    rng = random.Random(seed)
    today = timezone.localdate()
    timings: list[float] = []
    found: list[int] = []
    for _ in range(searches):
        commune = rng.choice(chosen)
        filters = filters_for(rng.choice(SEARCHES), commune)
        began = time.perf_counter()
        result = search(commune, filters, today)
        timings.append((time.perf_counter() - began) * 1000)
        found.append(result.total)
    timings.sort()
    return {
        "offers": Offer.all_communes.filter(commune__slug__startswith="bench-").count(),
        "communes": len(chosen),
        "searches": searches,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 2),
        "mean_results": round(statistics.mean(found), 1),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["grow", "measure"])
    parser.add_argument("--offers", type=int, default=50_000)
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--searches", type=int, default=300)
    options = parser.parse_args(argv)
    if options.action == "grow":
        print(json.dumps(grow(options.offers, options.communes)))
    else:
        print(json.dumps(measure(options.searches)))


if __name__ == "__main__":
    main(sys.argv[1:])
