"""Every number and name of the demo, with its source.

"seed 001" / "seed 003" name the source documents in ``shared/seeds/`` (Bergkamen's concept,
Dortmund's network profile). Everything marked "plausible, fictional" is invented so the
demo looks like a real commune; it is no statistic of the town.

Totals a seed states are met exactly: the per-area figures are shares of the total by
plausible weights, rounded with the largest-remainder method so they add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from lotse.core.models import FederalState
from lotse.network.models import Sector

# The year of the social areas' figures.
FIGURES_YEAR = 2025  # plausible, fictional (the seeds give no year for their figures)

# Every demo user logs in with this password (printed by `lotse demo`, shown in the README).
# Public on purpose: the demo's login, printed and in the README.
DEMO_PASSWORD = "lotse-demo"  # noqa: S105  # nosec B105
DEMO_EMAIL_DOMAIN = "example"  # RFC 2606: <role>@<commune-slug>.example never delivers
OPERATOR_EMAIL = "operator@lotse.example"
OPERATOR_NAME = "Lotse-Betrieb"  # plausible, fictional

# Names are drawn from Faker de_DE with a seed per user, so they are stable across runs.
FAKER_LOCALE = "de_DE"
FAKER_SEED = "lotse-demo"
# Parts of real people's names in the seeds (seed 003 names a contact person); a drawn name
# containing one of them is drawn again.
SEED_NAME_PARTS = frozenset({"Pilar", "Wulff"})


def apportion(total: int, weights: list[Fraction]) -> list[int]:
    """Split ``total`` into whole numbers in proportion to ``weights`` that add up to
    ``total`` exactly (largest-remainder method; ties go to the earlier weight)."""
    weight_sum = sum(weights, Fraction(0))
    if total < 0 or weight_sum <= 0 or any(weight < 0 for weight in weights):
        raise ValueError("apportion needs a non-negative total and positive weights")
    exact = [total * weight / weight_sum for weight in weights]
    shares = [int(value) for value in exact]  # floor: the values are non-negative
    by_remainder = sorted(
        range(len(weights)), key=lambda index: (-(exact[index] - shares[index]), index)
    )
    for index in by_remainder[: total - sum(shares)]:
        shares[index] += 1
    return shares


@dataclass(frozen=True)
class AreaWeights:
    """How one social area differs from the others (all plausible, fictional)."""

    name: str
    slug: str
    inhabitants: int  # weight for sharing the commune's inhabitants
    children_per_1000: int  # children aged 0–3 per 1,000 inhabitants
    poverty_percent: int  # share of the children aged 0–3 in poverty (SGB II), weight


@dataclass(frozen=True)
class AreaFigures:
    name: str
    slug: str
    inhabitants: int
    children_0_3: int
    children_0_3_in_poverty: int
    births: int


@dataclass(frozen=True)
class OrganisationFacts:
    name: str
    sector: Sector
    legal_carrier: str
    street: str
    postal_code: str
    city: str
    email: str


@dataclass(frozen=True)
class CommuneFacts:
    slug: str
    name: str
    youth_office_name: str
    federal_state: FederalState
    inhabitants: int
    children_0_3: int
    children_0_3_in_poverty: int
    births: int
    areas: tuple[AreaWeights, ...]
    organisations: tuple[OrganisationFacts, ...]
    # Name of the organisation the demo partner_staff user works for.
    partner_staff_organisation: str

    def area_figures(self) -> list[AreaFigures]:
        """The totals shared among the areas; each column adds up to its total."""
        inhabitants = apportion(self.inhabitants, [Fraction(a.inhabitants) for a in self.areas])
        children = apportion(
            self.children_0_3,
            [
                Fraction(count * area.children_per_1000)
                for count, area in zip(inhabitants, self.areas, strict=True)
            ],
        )
        poverty = apportion(
            self.children_0_3_in_poverty,
            [
                Fraction(count * area.poverty_percent)
                for count, area in zip(children, self.areas, strict=True)
            ],
        )
        births = apportion(self.births, [Fraction(count) for count in children])
        return [
            AreaFigures(area.name, area.slug, *numbers)
            for area, *numbers in zip(
                self.areas, inhabitants, children, poverty, births, strict=True
            )
        ]


DORTMUND = CommuneFacts(
    slug="dortmund",
    name="Stadt Dortmund",  # seed 003
    youth_office_name="Jugendamt Dortmund",  # seed 002/003
    federal_state=FederalState.NW,  # seed 003: "Stadt Dortmund, Nordrhein-Westfalen"
    inhabitants=602_566,  # seed 003: "Bevölkerungszahl insgesamt 602.566"
    children_0_3=22_994,  # seed 003: "Anteil der 0–3 Jährigen in der Kommune 22.994"
    children_0_3_in_poverty=7_128,  # seed 003: "… in Familien in Armutslagen … 7.128"
    births=7_665,  # plausible, fictional: a third of the children aged 0–3 (three cohorts)
    # The twelve Stadtbezirke. Weights plausible, fictional: the inner city (Nord above all)
    # and the north (Eving, Scharnhorst) with more children and a higher poverty share, the
    # south (Hombruch, Aplerbeck) with fewer.
    areas=(
        AreaWeights("Innenstadt-West", "innenstadt-west", 53_000, 33, 30),
        AreaWeights("Innenstadt-Nord", "innenstadt-nord", 60_000, 50, 58),
        AreaWeights("Innenstadt-Ost", "innenstadt-ost", 57_000, 36, 27),
        AreaWeights("Eving", "eving", 39_000, 43, 44),
        AreaWeights("Scharnhorst", "scharnhorst", 46_000, 41, 42),
        AreaWeights("Brackel", "brackel", 56_000, 36, 22),
        AreaWeights("Aplerbeck", "aplerbeck", 56_000, 34, 14),
        AreaWeights("Hörde", "hoerde", 56_000, 38, 24),
        AreaWeights("Hombruch", "hombruch", 57_000, 33, 11),
        AreaWeights("Lütgendortmund", "luetgendortmund", 48_000, 37, 29),
        AreaWeights("Huckarde", "huckarde", 37_000, 40, 33),
        AreaWeights("Mengede", "mengede", 39_000, 38, 30),
    ),
    # Organisation names plausible, fictional; the family office is the youth office's own.
    organisations=(
        OrganisationFacts(
            name="Familienbüro Innenstadt-Nord",
            sector=Sector.CHILD_AND_YOUTH_WELFARE,
            legal_carrier="Stadt Dortmund, Jugendamt",
            street="Am Nordmarkt 1",
            postal_code="44145",
            city="Dortmund",
            email="familienbuero-nord@dortmund.example",
        ),
        OrganisationFacts(
            name="Frauenklinik am Westpark",
            sector=Sector.HEALTH,
            legal_carrier="Klinikverbund Westfalen gGmbH",
            street="Parkallee 12",
            postal_code="44137",
            city="Dortmund",
            email="geburtshilfe@frauenklinik-westpark.example",
        ),
        OrganisationFacts(
            name="Beratungszentrum Lichtblick",
            sector=Sector.PREGNANCY_COUNSELLING,
            legal_carrier="Lichtblick Familienhilfe e. V.",
            street="Lindenhof 7",
            postal_code="44139",
            city="Dortmund",
            email="beratung@lichtblick-dortmund.example",
        ),
    ),
    partner_staff_organisation="Beratungszentrum Lichtblick",
)

BERGKAMEN = CommuneFacts(
    slug="bergkamen",
    name="Stadt Bergkamen",  # seed 001
    youth_office_name="Jugendamt Bergkamen",  # seed 001
    federal_state=FederalState.NW,  # seed 001: the NRW administrative agreement applies
    inhabitants=49_000,  # plausible, fictional
    children_0_3=1_356,  # plausible, fictional: three cohorts of about 450 births
    children_0_3_in_poverty=372,  # plausible, fictional
    births=452,  # seed 001: "im Durchschnitt mehr als 450 Kinder geboren" (prognosis 450–460)
    # The four social areas of seed 001 ("die vier gebildeten sozialen Räume": Mitte,
    # Weddinghofen, Oberaden, Rünthe). Weights plausible, fictional.
    areas=(
        AreaWeights("Mitte", "mitte", 17_800, 28, 34),
        AreaWeights("Weddinghofen", "weddinghofen", 11_200, 29, 30),
        AreaWeights("Oberaden", "oberaden", 11_300, 26, 18),
        AreaWeights("Rünthe", "ruenthe", 8_700, 27, 24),
    ),
    # The kinds of institution are those of seed 001; the names of private bodies are
    # plausible, fictional.
    organisations=(
        OrganisationFacts(
            name="Familienbüro Bergkamen",  # seed 001: a department of the youth office
            sector=Sector.CHILD_AND_YOUTH_WELFARE,
            legal_carrier="Stadt Bergkamen, Jugendamt",
            street="Rathausplatz 1",
            postal_code="59192",
            city="Bergkamen",
            email="familienbuero@bergkamen.example",
        ),
        OrganisationFacts(
            name="Ev. Familienbildung am Nordberg",
            sector=Sector.CHILD_AND_YOUTH_WELFARE,
            legal_carrier="Ev. Familienbildungswerk Nordberg e. V.",
            street="Am Nordberg 5",
            postal_code="59192",
            city="Bergkamen",
            email="kontakt@familienbildung-nordberg.example",
        ),
        OrganisationFacts(
            name="Schwangerschaftsberatung Sonnenweg",
            sector=Sector.PREGNANCY_COUNSELLING,
            legal_carrier="Frauen- und Familienberatung Sonnenweg e. V.",
            street="Sonnenweg 3",
            postal_code="59192",
            city="Bergkamen",
            email="beratung@sonnenweg.example",
        ),
        OrganisationFacts(
            name="Frühförderstelle Regenbogen",
            sector=Sector.EARLY_INTERVENTION,
            legal_carrier="Regenbogen Frühförderung gGmbH",
            street="Kanalstraße 21",
            postal_code="59192",
            city="Bergkamen",
            email="info@fruehfoerderung-regenbogen.example",
        ),
    ),
    partner_staff_organisation="Ev. Familienbildung am Nordberg",
)

# In this order: the command's table lists Bergkamen first, as the README does.
COMMUNES: tuple[CommuneFacts, ...] = (BERGKAMEN, DORTMUND)
