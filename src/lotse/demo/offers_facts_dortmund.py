"""Facts of Dortmund's part of the offer catalog demo: the places of its prevention chain
(seed 004: Babylotsinnen in the four birth clinics, a family office per Stadtbezirk,
Kita-Sozialarbeit, family primary-school centres). Addresses and coordinates are fictional."""

from __future__ import annotations

# The four birth clinics of Dortmund (seed 004: "in allen vier Dortmunder Geburtskliniken");
# the first is the demo's organisation, the others fictional names.
CLINICS = (
    ("Frauenklinik am Westpark", "Parkallee 12", "44137", "innenstadt-west", 51.5093, 7.4489),
    (
        "Klinikum Nord, Geburtshilfe",
        "Münsterstraße 240",
        "44145",
        "innenstadt-nord",
        51.5310,
        7.4650,
    ),
    ("St.-Marien-Geburtsklinik", "Marienplatz 3", "44135", "innenstadt-ost", 51.5120, 7.4810),
    ("Geburtshaus-Klinik Hörde", "Hörder Bahnhofstraße 30", "44263", "hoerde", 51.4830, 7.5000),
)

# Stadtbezirk slug → (name, centre latitude, longitude) for a family office each.
DISTRICTS = (
    ("innenstadt-west", "Innenstadt-West", 51.5100, 7.4450),
    ("innenstadt-nord", "Innenstadt-Nord", 51.5270, 7.4630),
    ("innenstadt-ost", "Innenstadt-Ost", 51.5080, 7.4900),
    ("eving", "Eving", 51.5600, 7.4800),
    ("scharnhorst", "Scharnhorst", 51.5450, 7.5500),
    ("brackel", "Brackel", 51.5200, 7.5600),
    ("aplerbeck", "Aplerbeck", 51.4900, 7.5550),
    ("hoerde", "Hörde", 51.4820, 7.5050),
    ("hombruch", "Hombruch", 51.4700, 7.4400),
    ("luetgendortmund", "Lütgendortmund", 51.5000, 7.3450),
    ("huckarde", "Huckarde", 51.5350, 7.4150),
    ("mengede", "Mengede", 51.5700, 7.3900),
)

# Stadtbezirke with Kita-Sozialarbeit and with a family primary-school centre (fictional).
KITA_SOCIAL_WORK_DISTRICTS = (
    "innenstadt-nord",
    "eving",
    "scharnhorst",
    "huckarde",
    "mengede",
    "luetgendortmund",
)
FAMILY_SCHOOL_CENTRES = (
    ("Familiengrundschulzentrum Nordmarkt", "innenstadt-nord", "Nordmarkt 20", "44145"),
    ("Familiengrundschulzentrum Eving", "eving", "Evinger Platz 4", "44339"),
    ("Familiengrundschulzentrum Scharnhorst", "scharnhorst", "Gleiwitzstraße 11", "44328"),
    ("Familiengrundschulzentrum Hörde", "hoerde", "Faßstraße 8", "44263"),
)
