"""Facts for the demo of the help for families. Numbers from the seeds are marked; names
and the rest are plausible and fictional."""

from __future__ import annotations

from dataclasses import dataclass

# Seed 001: "Familienhebammen / Familienkinderkrankenschwestern"; the FGKiKP of the
# Pestalozzihaus is one of the "Ansprechpartner der Frühen Hilfen".
HEALTH_PROFESSIONAL_KIND = {"bergkamen": "fgkikp", "dortmund": "family_midwife"}
HEALTH_PROFESSIONAL_CAPACITY = 8  # plausible, fictional
# Help plans opened for the referrals demo's open early-help cases, per commune, and the
# catalog offer proposed to the first of those families.
HELP_PLANS_PER_COMMUNE = 4
BROKERED_OFFER_COMMUNE = "bergkamen"
BROKERED_OFFER = "Baby-Café"


@dataclass(frozen=True)
class VolunteerFacts:
    name: str
    areas: tuple[str, ...]
    languages: tuple[str, ...]
    availability: tuple[str, ...]
    certificate_years_ago: int | None  # None: no certificate yet (blocked by § 72a)
    conviction: bool = False


# Seed 001: the Arbeitskreis Familienpaten of Bergkamen; all names fictional.
VOLUNTEERS: dict[str, tuple[VolunteerFacts, ...]] = {
    "bergkamen": (
        VolunteerFacts(
            "Gisela Hartmann", ("mitte", "weddinghofen"), ("de",), ("weekday_mornings",), 1
        ),
        VolunteerFacts(
            "Emine Yıldız", ("mitte",), ("de", "tr"), ("weekday_afternoons", "weekends"), 2
        ),
        VolunteerFacts(
            "Olena Kovalenko", ("oberaden", "ruenthe"), ("de", "uk", "ru"), ("weekday_evenings",), 0
        ),
        VolunteerFacts("Rolf Dierkes", ("ruenthe",), ("de",), ("weekends",), 6),
        VolunteerFacts("Marta Nowak", ("weddinghofen",), ("de", "pl"), ("weekday_mornings",), None),
    ),
    "dortmund": (
        VolunteerFacts("Ingrid Schulte", ("mitte",), ("de", "en"), ("weekday_mornings",), 1),
        VolunteerFacts("Samir Haddad", ("mitte",), ("de", "ar"), ("weekends",), 3),
    ),
}

# Seed 001: Willkommensbesuche of the Familienbüro Bergkamen; Bergkamen has "im Durchschnitt
# mehr als 450" births a year, all of which the demo lists (the figures' births per area).
WELCOME_VISIT_COMMUNE = "bergkamen"
# Outcome shares (plausible, fictional): most families welcome the visit.
OUTCOME_WEIGHTS = {"visited": 70, "declined": 15, "not_reached": 10, "open": 5}
FIRST_NAMES = (
    "Mia",
    "Emil",
    "Lina",
    "Noah",
    "Ella",
    "Paul",
    "Leni",
    "Ben",
    "Zeynep",
    "Yusuf",
    "Sofia",
    "Adam",
    "Maja",
    "Elias",
    "Hanna",
    "Mats",
)
FAMILY_NAMES = (
    "Becker",
    "Kaya",
    "Wagner",
    "Nowak",
    "Hoffmann",
    "Demir",
    "Schäfer",
    "Petrenko",
    "Krüger",
    "Yilmaz",
    "Lange",
    "Brandt",
    "Sommer",
    "Arslan",
    "Vogel",
    "Roth",
)
STREETS = (
    "Am Wasserpark",
    "Töddinghauser Straße",
    "Jahnstraße",
    "Rünther Straße",
    "Kleiweg",
    "Hochstraße",
    "Landwehrstraße",
    "Erich-Ollenhauer-Straße",
)
