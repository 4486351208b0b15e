"""Funding facts of the demo: the federal money each commune receives (seed 001: Bergkamen
37,240 EUR a year; seed 003: Dortmund about 450,000 EUR plus municipal funds and ESF project
money) and fictional measures of the partners."""

from __future__ import annotations

from decimal import Decimal

ALLOCATION = {"bergkamen": Decimal("37240.00"), "dortmund": Decimal("450000.00")}
MUNICIPAL_FUNDS = {"bergkamen": Decimal("12000.00"), "dortmund": Decimal("250000.00")}
OTHER_FUNDS = {"bergkamen": Decimal("0.00"), "dortmund": Decimal("80000.00")}
OTHER_FUNDS_NOTE = {"bergkamen": "", "dortmund": "ESF-Projektmittel"}
PRIORITIES = {
    "bergkamen": "Familien mit Kindern von 0 bis 3 Jahren früh erreichen\n"
    "Familienhebammen und Familienpaten stärken\n"
    "Übergänge aus der Geburtsklinik begleiten",
    "dortmund": "Flächendeckende Bedarfserhebung und Bearbeitung im Netzwerk\n"
    "Familien in Armutslagen erreichen\n"
    "Partizipation von Familien",
}

# (title, funding area index, requested share of the federal allocation in percent)
MEASURES = [
    ("Familienhebammen und FGKiKP im Stadtteil", 1, 40),
    ("Elterncafé mit Hebammensprechstunde", 2, 15),
    ("Koordination der Familienpaten", 0, 20),
    ("Willkommensbesuche für Neugeborene", 1, 10),
    ("Kinoabend für Eltern", 2, 5),
]
