"""Data and in-process timers for the scale and annual-report benchmarks, in the database
named by ``DATABASE_URL`` (run with a benchmark's environment; Django is set up here).

    python bench/scale_data.py grow --referrals 10000
    python bench/scale_data.py measure --renders 30 --report-runs 3
    python bench/scale_data.py dortmund --years 5
    python bench/scale_data.py measure --commune dortmund --renders 30 --report-runs 3

``grow`` fills the commune ``skalenstadt`` (12 social areas, an early-help team with TOTP
devices) until it holds ``--referrals`` referrals, with a tenth as many offers and a
hundredth as many organisations (at least 20): the "rows" of a scale step. Each referral
has its own family and child; those who have been contacted have a contact attempt; a
fifth of them are still open (in the queue). Everything is written with ``bulk_create``
in batches, the personal values encrypted as Lotse always does (about 25 µs a value).

``dortmund`` adds ``--years`` years of a Dortmund-sized early-help network to the demo's
Dortmund (``lotse demo`` first): referrals, contact attempts, organisations, offers,
meetings with attendance lists, and funding years with applications.

``measure`` times, in-process (Django's test client, no HTTP server): the referral queue
page (median and p95 of ``--renders`` renders, and its database queries), the indicators
of the dashboards computed for the report year, the reports dashboard page if this
version of Lotse has it, and the annual report as PDF and XLSX
(``lotse.reports.annual``) if it exists. It prints JSON. The same seed gives the same
data, so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from lotse.core.models import Commune, Membership, SocialArea, User  # noqa: E402
from lotse.core.permissions import Role  # noqa: E402
from lotse.network.models import Organisation  # noqa: E402
from lotse.offers.models import (  # noqa: E402
    Location,
    Offer,
    OfferLocation,
    OfferStatus,
    TaxonomyTerm,
)
from lotse.referrals.models import (  # noqa: E402
    CaseOutcome,
    Child,
    ContactAttempt,
    ContactChannel,
    ContactOutcome,
    Family,
    Referral,
    ReferralSource,
    ReferralStatus,
    TriageOutcome,
)

SCALE_SLUG = "skalenstadt"
# Dortmund's twelve Stadtbezirke.
AREAS = [
    "Innenstadt-West",
    "Innenstadt-Nord",
    "Innenstadt-Ost",
    "Eving",
    "Scharnhorst",
    "Brackel",
    "Aplerbeck",
    "Hörde",
    "Hombruch",
    "Lütgendortmund",
    "Huckarde",
    "Mengede",
]
SECTORS = [
    "health",
    "child_youth_welfare",
    "pregnancy_counselling",
    "early_intervention",
    "volunteering",
    "other",
]
# Seed 003 (Dortmund's network profile): cooperations by sector, 66 in all.
DORTMUND_COOPERATIONS = {
    "health": 15,
    "child_youth_welfare": 20,
    "pregnancy_counselling": 4,
    "early_intervention": 5,
    "other": 18,
    "volunteering": 4,
}
OFFER_NAMES = [
    "Baby-Café",
    "Elterncafé",
    "Still-Café",
    "Elternstartkurs",
    "Krabbelgruppe",
    "Familienhebamme",
    "Geburtsvorbereitung",
    "Frühförderung",
    "Erziehungsberatung",
    "Familienpaten",
    "Spielgruppe",
    "Elternfrühstück",
]
SOURCES = [
    ReferralSource.BIRTH_CLINIC,
    ReferralSource.BIRTH_CLINIC,
    ReferralSource.WELCOME_VISIT,
    ReferralSource.PARTNER,
    ReferralSource.PARTNER,
    ReferralSource.FAMILY,
    ReferralSource.OTHER,
]
OPEN_STATUSES = [
    ReferralStatus.CONTACT_DUE,
    ReferralStatus.CONTACT_DUE,
    ReferralStatus.CONTACTED,
    ReferralStatus.TRIAGED,
    ReferralStatus.HELP_IN_PROGRESS,
]
OUTCOMES = [
    CaseOutcome.HELP_COMPLETED,
    CaseOutcome.HELP_COMPLETED,
    CaseOutcome.HELP_IN_PLACE,
    CaseOutcome.NO_NEED,
    CaseOutcome.DECLINED,
    CaseOutcome.NOT_REACHED,
    CaseOutcome.HANDED_OVER_TO_ASD,
]
OPEN_SHARE = 0.2  # of a year's referrals, the latest fifth is still in the queue
BATCH = 2000
PASSWORD = "lotse-demo"  # noqa: S105 (the public demo login, see README)


def report_year() -> int:
    """The last complete year: the one an annual report is written for."""
    return timezone.localdate().year - 1


# --- the commune and its people -------------------------------------------------------


def scale_commune() -> Commune:
    commune = Commune.objects.filter(slug=SCALE_SLUG).first()
    if commune is not None:
        return commune
    commune = Commune.objects.create(
        slug=SCALE_SLUG, name="Skalenstadt", youth_office_name="Jugendamt Skalenstadt"
    )
    for name in AREAS:
        SocialArea.objects.for_commune(commune).create(commune=commune, name=name, slug=_slug(name))
    return commune


def _slug(name: str) -> str:
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(umlaut, plain)
    return name.lower().replace(" ", "-")


def member(commune: Commune, role: Role, email: str | None = None) -> User:
    """The commune's user with ``role`` (the demo's, or one made here), with a confirmed
    TOTP device: roles that read family data must use two factors."""
    email = email or f"{role.value}@{commune.slug}.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD, full_name=f"{role.label} {commune.name}")
    if not Membership.objects.for_commune(commune).filter(user=user, role=role.value).exists():
        Membership.objects.for_commune(commune).create(commune=commune, user=user, role=role.value)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
    return user


def logged_in(user: User) -> Client:
    """A test client logged in as ``user``, with the second factor verified (as after
    entering the code)."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


# --- organisations and offers ---------------------------------------------------------


def add_organisations(commune: Commune, total: int, rng: random.Random) -> int:
    """Organisations until the commune has ``total``; members since a few years."""
    existing = Organisation.objects.for_commune(commune).count()
    areas = list(SocialArea.objects.for_commune(commune).order_by("pk"))
    created = []
    for number in range(existing, total):
        sector = SECTORS[number % len(SECTORS)]
        created.append(
            Organisation(
                commune=commune,
                name=f"Träger {number} ({sector})",
                sector=sector,
                status="member",
                member_since=date(report_year() - rng.randint(1, 8), 1, 1),
                street=f"Hauptstraße {number}",
                postal_code="44135",
                city=commune.name,
            )
        )
    Organisation.all_communes.bulk_create(created, batch_size=BATCH)
    through = Organisation.social_areas.through
    through.objects.bulk_create(
        [
            through(organisation_id=organisation.pk, socialarea_id=rng.choice(areas).pk)
            for organisation in created
        ],
        batch_size=BATCH,
    )
    return len(created)


def add_offers(commune: Commune, total: int, rng: random.Random) -> int:
    """Published offers until the commune has ``total``, each at a place in a social area,
    with a category, from one of the commune's organisations."""
    existing = Offer.objects.for_commune(commune).count()
    areas = list(SocialArea.objects.for_commune(commune).order_by("pk"))
    providers = list(Organisation.objects.for_commune(commune).order_by("pk"))
    terms = list(TaxonomyTerm.objects.for_commune(commune).filter(is_category=True).order_by("pk"))
    today = timezone.localdate()
    made = 0
    for start in range(existing, total, BATCH):
        numbers = range(start, min(start + BATCH, total))
        with transaction.atomic():
            offers, locations = [], []
            for number in numbers:
                name = OFFER_NAMES[number % len(OFFER_NAMES)]
                low = rng.choice([None, 0, 0, 6, 12])
                offers.append(
                    Offer(
                        commune=commune,
                        provider=rng.choice(providers),
                        name=f"{name} {number}",
                        summary=f"{name} für Familien in {commune.name}.",
                        description=f"{name}: ein Angebot der Frühen Hilfen ({number}).",
                        status=OfferStatus.PUBLISHED,
                        min_age_months=low,
                        max_age_months=None if low is None else low + 24,
                        registration_required=rng.random() < 0.4,
                        cost_kind="free" if rng.random() < 0.7 else "amount",
                        last_confirmed_at=today - timedelta(days=rng.randint(0, 400)),
                    )
                )
                area = rng.choice(areas)
                locations.append(
                    Location(
                        commune=commune,
                        name=f"Familienzentrum {area.name} {number}",
                        street=f"Weg {number}",
                        postal_code="44135",
                        city=commune.name,
                        social_area=area,
                        latitude=51.51 + rng.uniform(-0.05, 0.05),
                        longitude=7.46 + rng.uniform(-0.08, 0.08),
                    )
                )
            Offer.all_communes.bulk_create(offers)
            Location.all_communes.bulk_create(locations)
            OfferLocation.objects.bulk_create(
                [OfferLocation(offer=o, location=p) for o, p in zip(offers, locations, strict=True)]
            )
            if terms:
                through = Offer.categories.through
                through.objects.bulk_create(
                    [through(offer_id=o.pk, taxonomyterm_id=rng.choice(terms).pk) for o in offers]
                )
        made += len(offers)
    return made


# --- referrals ------------------------------------------------------------------------


def add_referrals(
    commune: Commune,
    count: int,
    year: int,
    rng: random.Random,
    *,
    open_share: float,
    workers: list[User],
    referrer: User,
) -> int:
    """``count`` referrals received over ``year``, each with its own family and child.
    The latest ``open_share`` are open (in the queue); the others are closed with an
    outcome. Contacted referrals have a first contact and one contact attempt."""
    areas = list(SocialArea.objects.for_commune(commune).order_by("pk"))
    organisations = list(Organisation.objects.for_commune(commune).order_by("pk")[:50])
    start = datetime(year, 1, 1, 7, tzinfo=UTC)
    seconds = 365 * 24 * 3600 - 12 * 3600
    first_open = int(count * (1 - open_share))
    made = 0
    for begin in range(0, count, BATCH):
        numbers = range(begin, min(begin + BATCH, count))
        with transaction.atomic():
            families, children, referrals = [], [], []
            for number in numbers:
                received = start + timedelta(seconds=seconds * number // max(count, 1))
                area = areas[number % len(areas)] if rng.random() < 0.95 else None
                family = Family(
                    commune=commune,
                    name=f"Familie Skala {number}",
                    phone=f"0231 {rng.randint(100000, 999999)}",
                    address=f"Musterweg {number % 200 + 1}, 44135 {commune.name}",
                    social_area=area,
                    languages=["de"] if rng.random() < 0.6 else ["de", "tr"],
                    created_at=received,
                )
                families.append(family)
                # Encrypted date and flag: their stubs type them as text.
                health: dict[str, Any] = {
                    "birth_date": (received - timedelta(days=rng.randint(0, 300))).date(),
                    "premature": rng.random() < 0.08,
                }
                children.append(
                    Child(
                        commune=commune,
                        family=family,
                        first_name="Mia" if number % 2 else "Ben",
                        **health,
                    )
                )
                referrals.append(
                    _referral(
                        commune, family, received, number=number, first_open=first_open, rng=rng
                    )
                )
                referrals[-1].case_worker = rng.choice(workers)
                referrals[-1].referring_user = referrer
                if referrals[-1].source == ReferralSource.PARTNER and organisations:
                    referrals[-1].referring_organisation = rng.choice(organisations)
            Family.all_communes.bulk_create(families)
            for child in children:
                child.family_id = child.family.pk
            Child.all_communes.bulk_create(children)
            for referral in referrals:
                referral.family_id = referral.family.pk
            Referral.all_communes.bulk_create(referrals)
            ContactAttempt.all_communes.bulk_create(
                [
                    ContactAttempt(
                        commune=commune,
                        referral=referral,
                        at=referral.first_contact_at,
                        channel=ContactChannel.PHONE,
                        outcome=ContactOutcome.REACHED,
                        recorded_by=referral.case_worker,
                    )
                    for referral in referrals
                    if referral.first_contact_at is not None
                ]
            )
        made += len(referrals)
    return made


def _referral(
    commune: Commune,
    family: Family,
    received: datetime,
    *,
    number: int,
    first_open: int,
    rng: random.Random,
) -> Referral:
    due = (received + timedelta(days=3 if received.weekday() < 2 else 5)).date()
    status = ReferralStatus.CLOSED if number < first_open else rng.choice(OPEN_STATUSES)
    contacted = status != ReferralStatus.CONTACT_DUE and rng.random() < 0.93
    first_contact = received + timedelta(hours=rng.randint(2, 120)) if contacted else None
    referral = Referral(
        commune=commune,
        family=family,
        source=SOURCES[number % len(SOURCES)],
        received_at=received,
        entered_at=received + timedelta(minutes=10),
        need="Unterstützung nach der Geburt gewünscht",
        contact_due_by=due,
        first_contact_at=first_contact,
        deadline_met=None if first_contact is None else first_contact.date() <= due,
        status=status,
    )
    if status in (ReferralStatus.TRIAGED, ReferralStatus.HELP_IN_PROGRESS, ReferralStatus.CLOSED):
        referral.triage_outcome = rng.choice(
            [TriageOutcome.EARLY_HELP] * 6 + [TriageOutcome.NO_NEED, TriageOutcome.DECLINED]
        )
        referral.triaged_at = (first_contact or received) + timedelta(days=rng.randint(1, 10))
    if status == ReferralStatus.CLOSED:
        referral.outcome = rng.choice(OUTCOMES)
        referral.closed_at = (referral.triaged_at or received) + timedelta(days=rng.randint(5, 120))
    return referral


def grow(total: int, seed: int = 5) -> dict[str, Any]:
    """The scale commune until it holds ``total`` referrals (of the report year), a tenth
    as many offers and a hundredth as many organisations (at least 20)."""
    started = time.perf_counter()
    commune = scale_commune()
    workers = [member(commune, Role.EARLY_HELP_WORKER)]
    navigator = member(commune, Role.NAVIGATOR)
    member(commune, Role.COORDINATOR)
    member(commune, Role.PLANNER)
    existing = Referral.objects.for_commune(commune).count()
    rng = random.Random(seed + existing)
    organisations = add_organisations(commune, max(20, total // 100), rng)
    offers = add_offers(commune, total // 10, rng)
    # Grown in steps, each step's referrals spread over the year with its own open fifth:
    # at every size a fifth of all referrals are open.
    referrals = add_referrals(
        commune,
        total - existing,
        report_year(),
        rng,
        open_share=OPEN_SHARE,
        workers=workers,
        referrer=navigator,
    )
    _analyze()
    return {
        "commune": commune.slug,
        "referrals": Referral.objects.for_commune(commune).count(),
        "open_referrals": Referral.objects.for_commune(commune)
        .exclude(status=ReferralStatus.CLOSED)
        .count(),
        "offers": Offer.objects.for_commune(commune).count(),
        "organisations": Organisation.objects.for_commune(commune).count(),
        "created": {"referrals": referrals, "offers": offers, "organisations": organisations},
        "seconds": round(time.perf_counter() - started, 1),
    }


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- Dortmund over five years ---------------------------------------------------------

DORTMUND_REFERRALS_PER_YEAR = 3000  # about half of 6,000 births a year (22,994 children 0-3)
DORTMUND_OFFERS = 600
DORTMUND_ORGANISATIONS = 200  # 66 cooperations (seed 003) and further providers of offers
DORTMUND_MEETINGS_PER_YEAR = 12 * 4 + 4  # each Stadtbezirk's round table quarterly, plenary
DORTMUND_APPLICATIONS_PER_YEAR = 20


def dortmund(years: int, seed: int = 9) -> dict[str, Any]:
    """Five years of a Dortmund-sized network in the demo's Dortmund."""
    started = time.perf_counter()
    commune = Commune.objects.get(slug="dortmund")
    rng = random.Random(seed)
    worker = member(commune, Role.EARLY_HELP_WORKER)
    workers = [worker] + [
        member(commune, Role.EARLY_HELP_WORKER, f"fachkraft-{n}@dortmund.example")
        for n in range(1, 8)
    ]
    navigator = member(commune, Role.NAVIGATOR)
    coordinator = member(commune, Role.COORDINATOR)
    member(commune, Role.PLANNER)
    last = report_year()
    first = last - years + 1
    counts: dict[str, Any] = {"years": [first, last]}
    counts["organisations_created"] = add_organisations(commune, DORTMUND_ORGANISATIONS, rng)
    counts["offers_created"] = add_offers(commune, DORTMUND_OFFERS, rng)
    counts["referrals_created"] = 0
    for year in range(first, last + 1):
        counts["referrals_created"] += add_referrals(
            commune,
            DORTMUND_REFERRALS_PER_YEAR,
            year,
            rng,
            # Only the latest year's last weeks are still open.
            open_share=0.05 if year == last else 0.0,
            workers=workers,
            referrer=navigator,
        )
    counts["meetings_created"], counts["attendances_created"] = _meetings(commune, first, last, rng)
    counts["applications_created"] = _funding(commune, first, last, coordinator, rng)
    _analyze()
    counts.update(
        referrals=Referral.objects.for_commune(commune).count(),
        offers=Offer.objects.for_commune(commune).count(),
        organisations=Organisation.objects.for_commune(commune).count(),
        seconds=round(time.perf_counter() - started, 1),
    )
    return counts


def _meetings(commune: Commune, first: int, last: int, rng: random.Random) -> tuple[int, int]:
    from lotse.meetings.models import (  # noqa: PLC0415 (only the Dortmund data needs it)
        Attendance,
        Body,
        Meeting,
        MeetingStatus,
    )

    bodies = list(Body.objects.for_commune(commune).order_by("pk"))
    if not bodies:
        bodies = [
            Body.objects.for_commune(commune).create(
                commune=commune, name="Netzwerkkonferenz", kind="plenary"
            )
        ]
    organisations = list(Organisation.objects.for_commune(commune).order_by("pk"))
    meetings, attendances = 0, 0
    for year in range(first, last + 1):
        with transaction.atomic():
            made = []
            for number in range(DORTMUND_MEETINGS_PER_YEAR):
                day = datetime(year, 1, 15, 9, tzinfo=UTC) + timedelta(days=number * 7)
                made.append(
                    Meeting(
                        commune=commune,
                        body=bodies[number % len(bodies)],
                        title=f"Runder Tisch {AREAS[number % len(AREAS)]} {year}",
                        starts_at=day,
                        ends_at=day + timedelta(hours=2),
                        place="Familienbüro",
                        status=MeetingStatus.MINUTES_APPROVED,
                    )
                )
            Meeting.all_communes.bulk_create(made)
            rows = []
            for meeting in made:
                for organisation in rng.sample(organisations, min(12, len(organisations))):
                    rows.append(
                        Attendance(
                            commune=commune,
                            meeting=meeting,
                            organisation=organisation,
                            name=f"Delegierte {organisation.pk}",
                            kind="delegate",
                            present=rng.random() < 0.8,
                        )
                    )
            Attendance.all_communes.bulk_create(rows)
        meetings += len(made)
        attendances += len(rows)
    return meetings, attendances


def _funding(commune: Commune, first: int, last: int, coordinator: User, rng: random.Random) -> int:
    from lotse.funding.models import (  # noqa: PLC0415 (only the Dortmund data needs it)
        Application,
        ApplicationStatus,
        FundingYear,
    )

    organisations = list(Organisation.objects.for_commune(commune).order_by("pk")[:60])
    made = 0
    for year in range(first, last + 1):
        funding_year = FundingYear.objects.for_commune(commune).filter(year=year).first()
        if funding_year is None:
            funding_year = FundingYear.objects.for_commune(commune).create(
                commune=commune,
                year=year,
                allocation=Decimal("450000.00"),
                allocation_confirmed=True,
                municipal_funds=Decimal("950000.00"),
            )
        applications = []
        for number in range(DORTMUND_APPLICATIONS_PER_YEAR):
            requested = Decimal(rng.randrange(5_000, 60_000))
            approved = number % 5 != 4
            applications.append(
                Application(
                    commune=commune,
                    funding_year=funding_year,
                    organisation=rng.choice(organisations),
                    status=ApplicationStatus.APPROVED if approved else ApplicationStatus.REJECTED,
                    title=f"Maßnahme {number} ({year})",
                    requested_amount=requested,
                    created_by=coordinator,
                    submitted_at=datetime(year - 1, 10, 1, tzinfo=UTC),
                    decision="approved" if approved else "rejected",
                    approved_amount=requested if approved else None,
                    decided_at=datetime(year - 1, 12, 1, tzinfo=UTC),
                )
            )
        Application.all_communes.bulk_create(applications)
        made += len(applications)
    return made


# --- measuring ------------------------------------------------------------------------


def _timed(action: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    timings, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = action()
        timings.append((time.perf_counter() - began) * 1000)
    return timings, result


def _figures(timings: list[float]) -> dict[str, Any]:
    ordered = sorted(timings)
    rank = max(1, -(-len(ordered) * 95 // 100))  # nearest rank
    return {
        "runs": len(ordered),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[rank - 1], 1),
        "max_ms": round(ordered[-1], 1),
    }


def _queries(action: Callable[[], Any]) -> int:
    """The database queries of one run of ``action``. Counted at once: the captured list
    is read from the connection's log, which the next request clears."""
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def _page(client: Client, path: str, renders: int) -> dict[str, Any]:
    first = client.get(path, secure=True)  # warm: templates, translations
    if first.status_code != 200:
        return {"path": path, "status": first.status_code, "skipped": "not 200"}
    queries = _queries(lambda: client.get(path, secure=True))
    timings, response = _timed(lambda: client.get(path, secure=True), renders)
    return {
        "path": path,
        "status": response.status_code,
        "queries": queries,
        "bytes": len(response.content),
        **_figures(timings),
    }


def _size(result: Any) -> int | None:
    if isinstance(result, bytes | bytearray):
        return len(result)
    content = getattr(result, "content", None)
    if isinstance(content, bytes):
        return len(content)
    getvalue = getattr(result, "getvalue", None)
    return len(getvalue()) if callable(getvalue) else None


def measure(commune_slug: str, renders: int, report_runs: int) -> dict[str, Any]:
    commune = Commune.objects.get(slug=commune_slug)
    year = report_year()
    figures: dict[str, Any] = {
        "commune": commune.slug,
        "year": year,
        "referrals": Referral.objects.for_commune(commune).count(),
        "open_referrals": Referral.objects.for_commune(commune)
        .exclude(status=ReferralStatus.CLOSED)
        .count(),
        "referrals_in_year": Referral.objects.for_commune(commune)
        .filter(received_at__year=year)
        .count(),
        "offers": Offer.objects.for_commune(commune).count(),
        "organisations": Organisation.objects.for_commune(commune).count(),
        "timing": "in-process: Django's test client (no HTTP server), DEBUG=false",
        "notes": [],
    }
    worker = member(commune, Role.EARLY_HELP_WORKER)
    coordinator = member(commune, Role.COORDINATOR)
    worker_client = logged_in(worker)
    queue = f"/{commune.slug}/faelle/"
    figures["queue_first_page"] = _page(worker_client, queue, renders)
    pages = -(-figures["open_referrals"] // 50)
    if pages > 2:
        figures["queue_middle_page"] = _page(worker_client, f"{queue}?page={pages // 2}", renders)
    figures["indicators"] = _indicators(commune, year, max(1, report_runs))
    dashboard = f"/{commune.slug}/reports/"
    try:
        resolve(dashboard)
    except Resolver404:
        figures["notes"].append(f"{dashboard} does not exist in this version: not measured")
    else:
        # Fewer renders: the dashboard computes every indicator.
        figures["dashboard"] = _page(logged_in(coordinator), dashboard, max(3, renders // 6))
    figures.update(_annual(commune, year, report_runs, figures["notes"]))
    return figures


def _indicators(commune: Commune, year: int, runs: int) -> dict[str, Any]:
    """Every indicator of the dashboards computed for the whole commune and the year."""
    try:
        from lotse.reports.indicators import ALL, Scope  # noqa: PLC0415
    except ImportError as error:
        return {"skipped": f"lotse.reports.indicators: {error}"}
    scope = Scope(commune=commune, year=year)

    def compute_all() -> int:
        return len([indicator.compute(scope) for indicator in ALL])

    queries = _queries(compute_all)
    timings, count = _timed(compute_all, runs)
    # Each indicator once: which ones cost the most (what to look at first).
    each: list[dict[str, Any]] = []
    for indicator in ALL:
        began = time.perf_counter()
        used = _queries(lambda indicator=indicator: indicator.compute(scope))  # type: ignore[misc]
        each.append(
            {
                "key": indicator.key,
                "ms": round((time.perf_counter() - began) * 1000, 1),
                "queries": used,
            }
        )
    each.sort(key=lambda row: -row["ms"])
    return {
        "indicators": count,
        "queries": queries,
        **_figures(timings),
        "slowest": each[:5],
    }


def _annual(commune: Commune, year: int, runs: int, notes: list[str]) -> dict[str, Any]:
    try:
        from lotse.reports import annual  # noqa: PLC0415 (written by another part of Lotse)

        makers = {"pdf": annual.annual_report_pdf, "xlsx": annual.annual_report_xlsx}
    except (ImportError, AttributeError) as error:
        notes.append(f"the annual report is not in this version ({error}): not measured")
        return {}
    found: dict[str, Any] = {}
    for kind, make in makers.items():
        queries = _queries(lambda make=make: make(commune, year))  # type: ignore[misc]
        timings, result = _timed(lambda make=make: make(commune, year), runs)  # type: ignore[misc]
        found[f"annual_report_{kind}"] = {
            "bytes": _size(result),
            "queries": queries,
            **_figures(timings),
        }
    return found


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["grow", "dortmund", "measure"])
    parser.add_argument("--referrals", type=int, default=1000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--commune", default=SCALE_SLUG)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--report-runs", type=int, default=3)
    options = parser.parse_args(argv)
    if options.action == "grow":
        answer = grow(options.referrals)
    elif options.action == "dortmund":
        answer = dortmund(options.years)
    else:
        answer = measure(options.commune, options.renders, options.report_runs)
    print(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
