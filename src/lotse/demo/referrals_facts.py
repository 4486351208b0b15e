"""Facts of the referrals demo: the seeds' rules and plausible, fictional numbers."""

from __future__ import annotations

from lotse.referrals.models import ReferralSource

# Referrals a year (fictional, in proportion to the communes' size: Dortmund's four birth
# clinics with Babylotsinnen, seed 004; Bergkamen's family office and partners, seed 001).
REFERRALS_PER_YEAR = {"dortmund": 72, "bergkamen": 36}

# Where referrals come from, as weights per commune.
SOURCE_WEIGHTS = {
    "dortmund": {
        ReferralSource.BIRTH_CLINIC: 6,
        ReferralSource.PARTNER: 2,
        ReferralSource.FAMILY: 2,
        ReferralSource.OTHER: 1,
    },
    "bergkamen": {
        ReferralSource.BIRTH_CLINIC: 2,
        ReferralSource.PARTNER: 3,
        ReferralSource.WELCOME_VISIT: 3,
        ReferralSource.FAMILY: 2,
        ReferralSource.OTHER: 1,
    },
}

# Intake settings: obviously fictional numbers, except the police's emergency number.
INTAKE = {
    "dortmund": {
        "asd_phone": "0231 000-1100",
        "asd_out_of_hours_phone": "0231 000-1199",
        "team_name": "Frühe Hilfen – Familienbüros Dortmund",
        "team_phone": "0231 000-1200",
        "team_email": "fruehe-hilfen@dortmund.example",
    },
    "bergkamen": {
        "asd_phone": "02307 000-100",
        "asd_out_of_hours_phone": "02307 000-199",
        "team_name": "Familienbüro Bergkamen – Fachkraft Frühe Hilfen",
        "team_phone": "02307 000-200",
        "team_email": "familienbuero@bergkamen.example",
    },
}

CONSENT_TEXT = {
    "title": "Einwilligung in die Weitergabe an die Frühen Hilfen",
    "purpose": (
        "Das Team der Frühen Hilfen soll Sie kontaktieren, Sie beraten und mit Ihrem "
        "Einverständnis passende Unterstützung vermitteln."
    ),
    "data": (
        "Name, Anschrift, Telefon und E-Mail, Geburtsdatum oder Geburtstermin des Kindes, "
        "Ihr Anliegen; nur wenn angekreuzt: Angaben zur Gesundheit von Mutter und Kind."
    ),
    "recipients": (
        "Die Fachkräfte Frühe Hilfen des Jugendamts; nur wenn angekreuzt: der Träger des "
        "Angebots, an den Sie vermittelt werden."
    ),
    "withdrawal": (
        "Sie können die Einwilligung jederzeit formlos widerrufen: telefonisch, per E-Mail "
        "oder bei der Person, der Sie sie gegeben haben."
    ),
}

# A generic example screening sheet (not a published instrument): points per item.
SCREENING_SHEET = "Beispielbogen Gesprächsbedarf"
SCREENING_THRESHOLD = 3
SCREENING_ITEMS = (
    (2, "Die Mutter wirkt erschöpft oder überfordert"),
    (1, "Wenig Unterstützung durch Familie oder Freunde"),
    (1, "Belastende Wohn- oder Geldsituation berichtet"),
    (2, "Frühgeburt oder längerer Klinikaufenthalt des Kindes"),
    (1, "Sprachliche Hürden beim Zugang zu Hilfen"),
    (1, "Alleinerziehend ohne feste Ansprechperson"),
)

NEEDS = (
    "Mutter wünscht Kontakt zu anderen Eltern und ein Babycafé in der Nähe.",
    "Eltern unsicher beim Stillen und Schlafen, wünschen Begleitung.",
    "Frühgeborenes, Eltern möchten Unterstützung zu Hause.",
    "Familie neu zugezogen, sucht Angebote und Kinderbetreuung.",
    "Alleinerziehende Mutter fühlt sich erschöpft, wünscht Entlastung.",
    "Familie fragt nach Hilfe bei Anträgen (Elterngeld, Kinderzuschlag).",
    "Zwillinge, die Eltern wünschen praktische Unterstützung im Alltag.",
    "Schwangere mit Fragen zur Geburt und zur Zeit danach.",
)
