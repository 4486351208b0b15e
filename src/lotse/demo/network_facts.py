"""Facts of the network demo.

Dortmund: the network profile (seed 003) counts its cooperations per sector: Gesundheit
15, Kinder- und Jugend 20, Schwangerschaftsberatung 4, Frühförderung 5, Sonstige 18,
Freiwilligenarbeit 4. The demo's members add up to exactly these numbers, the
organisations the core demo creates included. Names combine a kind of institution with a
Dortmund district: plausible, fictional.

Bergkamen: one institution for each kind the concept (seed 001) lists; public bodies
under their public names, private ones plausible, fictional.
"""

from __future__ import annotations

from datetime import date

from lotse.network.models import Sector

# Seed 003, "Anzahl Kooperationen". "Sonstige" is split over the three sectors the
# profile does not list on its own.
DORTMUND_PROFILE: dict[str, int] = {
    "health": 15,
    "child_youth_welfare": 20,
    "pregnancy_counselling": 4,
    "early_intervention": 5,
    "other": 18,
    "volunteering": 4,
}

# Members per sector: the profile's six numbers, its "Sonstige" (18) spread over the
# three sectors it does not list on its own (education 6, job centre 4, other 8).
DORTMUND_SECTORS: dict[str, int] = {
    Sector.HEALTH: 15,
    Sector.CHILD_AND_YOUTH_WELFARE: 20,
    Sector.PREGNANCY_COUNSELLING: 4,
    Sector.EARLY_INTERVENTION: 5,
    Sector.VOLUNTEERING: 4,
    Sector.EDUCATION: 6,
    Sector.JOB_CENTRE: 4,
    Sector.OTHER: 8,
}

# (sector, kinds of institution to cycle through); names are "<kind> <district>".
DORTMUND_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    Sector.HEALTH: (
        ("Kinder- und Jugendarztpraxis", "Therapeutische Praxis (z. B. Ergotherapie, Logopädie)"),
        ("Hebammenpraxis", "(Familien-)Hebammen"),
        ("Familienkinderkrankenpflege", "Familienkinderkrankenpflegerinnen"),
        ("Geburtsklinik", ""),
    ),
    Sector.CHILD_AND_YOUTH_WELFARE: (
        ("Familienzentrum", "Familienzentrum"),
        ("Kita", "Kindertageseinrichtung"),
        ("Erziehungsberatungsstelle", "Erziehungsberatungsstelle"),
        ("Familienbüro", "Familienbüro"),
        ("Jugendhilfeträger", "Freier Träger der Jugendhilfe"),
    ),
    Sector.PREGNANCY_COUNSELLING: (
        ("Schwangerschaftsberatung", "Schwangerschaftsberatungsstelle"),
    ),
    Sector.EARLY_INTERVENTION: (("Interdisziplinäre Frühförderstelle", "Frühförderung"),),
    Sector.VOLUNTEERING: (("Familienpatenprojekt", "Verein für Familiäre Kindertagesbetreuung"),),
    Sector.EDUCATION: (("Grundschule", ""), ("Familienbildungsstätte", "")),
    Sector.JOB_CENTRE: (("Jobcenter-Standort", ""),),
    Sector.OTHER: (
        ("Integrationsbüro", "Integrationsbüro"),
        ("Polizeiwache", "Polizei"),
        ("Schuldnerberatung", ""),
    ),
}
# Bergkamen: (name, institution type, sector, legal carrier) for the kinds the core demo
# does not create yet.
BERGKAMEN_INSTITUTIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Netzwerkkoordination Frühe Hilfen Bergkamen",
        "Netzwerkkoordination Frühe Hilfen",
        Sector.CHILD_AND_YOUTH_WELFARE,
        "Stadt Bergkamen, Jugendamt",
    ),
    ("Hebammenpraxis Weddinghofen", "(Familien-)Hebammen", Sector.HEALTH, ""),
    (
        "Familienkinderkrankenpflege im Pestalozzihaus",
        "Familienkinderkrankenpflegerinnen",
        Sector.HEALTH,
        "",
    ),
    ("Kreisgesundheitsamt Unna", "Kreisgesundheitsamt", Sector.HEALTH, "Kreis Unna"),
    ("Familienzentrum Oberaden", "Familienzentrum", Sector.CHILD_AND_YOUTH_WELFARE, ""),
    ("Kita Rünther Spatzennest", "Kindertageseinrichtung", Sector.CHILD_AND_YOUTH_WELFARE, ""),
    (
        "Fachberatung Kindertageseinrichtungen Bergkamen",
        "Fachberatung von Trägern der Kindertageseinrichtungen",
        Sector.CHILD_AND_YOUTH_WELFARE,
        "Stadt Bergkamen, Jugendamt",
    ),
    (
        "Erziehungsberatungsstelle Bergkamen",
        "Erziehungsberatungsstelle",
        Sector.CHILD_AND_YOUTH_WELFARE,
        "",
    ),
    ("Polizeiwache Bergkamen", "Polizei", Sector.OTHER, "Kreispolizeibehörde Unna"),
    (
        "Jugendamt Bergkamen – ASD und Kinderschutz",
        "Jugendamt: ASD, § 8b-Beratung, erzieherischer Kinder- und Jugendschutz",
        Sector.CHILD_AND_YOUTH_WELFARE,
        "Stadt Bergkamen, Jugendamt",
    ),
    (
        "Praxis für Ergotherapie und Logopädie am Kanal",
        "Therapeutische Praxis (z. B. Ergotherapie, Logopädie)",
        Sector.HEALTH,
        "",
    ),
    (
        "Kinder- und Jugendhilfe Seseke e. V.",
        "Freier Träger der Jugendhilfe",
        Sector.CHILD_AND_YOUTH_WELFARE,
        "",
    ),
    (
        "Regionales Bildungsnetzwerk Kreis Unna",
        "Regionales Bildungsnetzwerk",
        Sector.EDUCATION,
        "Kreis Unna",
    ),
    (
        "Kommunales Integrationszentrum Kreis Unna",
        "Kommunales Integrationszentrum",
        Sector.OTHER,
        "Kreis Unna",
    ),
    (
        "Jugendhilfeplanung Bergkamen",
        "Jugendhilfeplanung",
        Sector.CHILD_AND_YOUTH_WELFARE,
        "Stadt Bergkamen, Jugendamt",
    ),
    ("Integrationsbüro Bergkamen", "Integrationsbüro", Sector.OTHER, "Stadt Bergkamen"),
    (
        "Verein für Familiäre Kindertagesbetreuung e. V.",  # seed 001 names it
        "Verein für Familiäre Kindertagesbetreuung",
        Sector.VOLUNTEERING,
        "",
    ),
)
# Types of the organisations the core demo creates.
CORE_ORGANISATION_TYPES: dict[str, str] = {
    "Familienbüro Bergkamen": "Familienbüro",
    "Ev. Familienbildung am Nordberg": "Familientreff",
    "Schwangerschaftsberatung Sonnenweg": "Schwangerschaftsberatungsstelle",
    "Frühförderstelle Regenbogen": "Frühförderung",
    "Familienbüro Innenstadt-Nord": "Familienbüro",
    "Beratungszentrum Lichtblick": "Schwangerschaftsberatungsstelle",
}
# A candidate of Bergkamen whose admission is under way (the members are consulted).
BERGKAMEN_CANDIDATE = ("Kita Pusteblume Overberge", "Kindertageseinrichtung")

MEMBERS_SINCE = date(2019, 1, 1)
AGREEMENTS_SIGNED_ON = date(2023, 3, 1)

# Fictional people: first and last names combined by position.
FIRST_NAMES = (
    "Anke",
    "Birgit",
    "Carsten",
    "Dilek",
    "Elena",
    "Frank",
    "Gül",
    "Heike",
    "Ingo",
    "Jana",
    "Katrin",
    "Lars",
    "Miriam",
    "Nils",
    "Olga",
    "Petra",
    "Rafael",
    "Sabine",
    "Timo",
    "Ute",
)
LAST_NAMES = (
    "Albers",
    "Brinkmann",
    "Claßen",
    "Dreier",
    "Egert",
    "Feldhaus",
    "Grothe",
    "Hülsmann",
    "Imhoff",
    "Jostes",
    "Kemper",
    "Lindner",
    "Möllers",
    "Nolte",
    "Osterkamp",
    "Pieper",
    "Quast",
    "Rademacher",
    "Schürmann",
    "Tigges",
    "Uhlenbrock",
)
FUNCTIONS = ("Leitung", "Fachberatung", "Sozialpädagogin", "Koordination", "Hebamme")
