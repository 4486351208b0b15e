"""Facts from the seeds for the meetings demo.

Dortmund (seeds 000, 002): network meetings 3–4 times a year, one Fachtag, a parity board
of youth office, health office and three elected free providers, every two years.
Bergkamen (seed 001): the network meets at least once a year; steering groups per social
area (the one in Weddinghofen exists already, led by the parenting counselling office)."""

from __future__ import annotations

from datetime import date

# (month, day) of the plenary meetings of the demo year, 14:00 local time.
DORTMUND_MEETINGS = ((2, 11), (5, 13), (9, 9), (11, 18))
BERGKAMEN_MEETINGS = ((3, 17), (10, 20))
DEMO_YEAR = 2026
MEETING_HOURS = 2

AGENDA = (
    ("Begrüßung und Protokoll der letzten Sitzung", "regular", ""),
    (
        "Fachvortrag: Babylotsinnen in den Geburtskliniken",
        "expert_talk",
        "Referentin des Klinikums",
    ),
    ("Planung des Fachtags", "regular", ""),
)
DECISION = (
    "Das Netzwerk beschließt, den Fachtag zum Thema „Väter in den Frühen Hilfen“ auszurichten."
)
ACTION = ("Raum und Referent:innen für den Fachtag anfragen", "Koordinierungsstelle")

DORTMUND_PLACE = "Rathaus Dortmund, Friedensplatz 1"
BERGKAMEN_PLACE = "Rathaus Bergkamen, Rathausplatz 1"

BOARD_ELECTION_TITLE = "Wahl der paritätischen Geschäftsführung 2026"
BOARD_TERM_START = date(2026, 6, 1)
FIXED_SEATS = (
    ("youth_office", "Koordinierungsstelle Frühe Hilfen im Jugendamt"),
    ("health_office", "Koordinierungsstelle im Gesundheitsamt"),
)
ELECTED_SEATS = 3
