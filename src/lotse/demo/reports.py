"""Demo data of the reports app, built after every other area: the weight of the poverty
share, the children of the later life phases per social area (so the gap analysis covers
the whole prevention chain), the annual report's texts and staffing for this year and
last year in both communes, and the finder's anonymous counts of searches without a
result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from lotse.core.models import Commune, SocialArea, SocialAreaFigures
from lotse.demo import facts
from lotse.demo.builders import DemoResult
from lotse.offers.ages import LifePhase
from lotse.offers.finder.models import EmptySearchCount, LifePhaseFacet
from lotse.reports.models import AgeGroupFigures, AnnualReport, ReportSettings

# Dortmund weighs poverty strongly ("Ungleiches ungleich behandeln", seed 004); Bergkamen
# counts a child in poverty twice (the default). Plausible, fictional.
POVERTY_WEIGHT = {"dortmund": Decimal("1.50"), "bergkamen": Decimal("1.00")}

# Children of a later life phase per child aged 0–3 in the same area: the phases span
# 3 and 4 years of age, with slightly smaller cohorts than today's births. Plausible,
# fictional (the seeds give figures for children aged 0–3 only). The demo stops at primary
# school, where the early-help network's offers end (Kita-Sozialarbeit and the
# Familiengrundschulzentren of seed 004); later phases have no figures, so the gap
# analysis ranks them last instead of filling its top with youth work nobody entered.
LATER_PHASES: dict[LifePhase, Decimal] = {
    LifePhase.AGE_3_6: Decimal("0.98"),
    LifePhase.AGE_6_10: Decimal("1.28"),
}


@dataclass(frozen=True)
class ReportFacts:
    # Coordination staff: full-time equivalents and hours per week.
    staff: Decimal
    hours_per_week: Decimal
    introduction: str
    network_text: str
    offers_text: str
    access_text: str
    reach_text: str
    funding_text: str
    participation_text: str
    outlook: str


REPORTS: dict[str, ReportFacts] = {
    # Seed 001: one educational professional coordinates the network "mit 5 Wochenstunden";
    # the family office is a department of the youth office. 5 of 39 hours ≈ 0.13 FTE.
    "bergkamen": ReportFacts(
        staff=Decimal("0.13"),
        hours_per_week=Decimal("5"),
        introduction=(
            "Die Frühen Hilfen in Bergkamen sind im Jugendamt angesiedelt. Eine pädagogische "
            "Fachkraft koordiniert das Netzwerk mit fünf Wochenstunden; das Familienbüro ist "
            "Service- und Anlaufstelle für Familien mit Kindern bis drei Jahren."
        ),
        network_text=(
            "Die Steuerungsgruppe hat sich regelmäßig getroffen. In den vier sozialen Räumen "
            "Mitte, Weddinghofen, Oberaden und Rünthe sollen nach dem Vorbild Weddinghofens "
            "eigene Steuerungsgruppen unter der Leitung der Jugendhilfeplanung entstehen."
        ),
        offers_text=(
            "Der kostenfreie Elternkurs für Eltern mit Neugeborenen wird an drei Standorten "
            "angeboten. Das Familienpaten-Projekt begleitet Familien mit mindestens einem Kind "
            "von 0 bis 3 Jahren im Alltag."
        ),
        access_text=(
            "Meldungen von Geburtskliniken, Kooperationspartnern und Familien selbst nimmt die "
            "Fachkraft Frühe Hilfen auf. Ziel ist der Kontakt innerhalb von drei Werktagen."
        ),
        reach_text=(
            "Jährlich werden in Bergkamen mehr als 450 Kinder geboren. Der Besuchsdienst "
            "bietet allen Familien mit Neugeborenen einen Willkommensbesuch an."
        ),
        funding_text=(
            "Die Mittel der Bundesstiftung Frühe Hilfen fließen vor allem in den Einsatz der "
            "Familienhebammen und in die Familienpaten."
        ),
        participation_text=(
            "Familien können Angebote und den Kontakt zu den Frühen Hilfen anonym bewerten; "
            "die Rückmeldungen fließen in die Steuerungsgruppen ein."
        ),
        outlook=(
            "Die Angebote sollen passgenau für die einzelnen Sozialräume fortgeschrieben "
            "werden; die neue Stelle der Jugendhilfeplanung begleitet diese Entwicklung."
        ),
    ),
    # Seeds 000, 003, 004: the Koordinierungsstelle Frühe Hilfen in the youth office works
    # with the Koordinierungsstelle "kinderstark" at the Präventionsfachstelle. Staffing
    # plausible, fictional.
    "dortmund": ReportFacts(
        staff=Decimal("2.50"),
        hours_per_week=Decimal("97.5"),
        introduction=(
            "Die Koordinierungsstelle Frühe Hilfen im Jugendamt und die Koordinierungsstelle "
            "„kinderstark“ sind gemeinsam an der Präventionsfachstelle angebunden. Dieser "
            "Bericht fasst die Kennzahlen des Netzwerks für die zwölf Stadtbezirke zusammen."
        ),
        network_text=(
            "Das Netzwerk hat sich drei- bis viermal im Jahr getroffen, dazu kam der Fachtag. "
            "Die paritätische Geschäftsführung aus Jugendamt, Gesundheitsamt und drei freien "
            "Trägern wird alle zwei Jahre gewählt."
        ),
        offers_text=(
            "Babylotsinnen in den Geburtskliniken, Kita-Sozialarbeit und die kommunalen "
            "Familienbüros bilden die Bausteine der Präventionskette „kinderstark“."
        ),
        access_text=(
            "Die meisten Familien erreichen die Frühen Hilfen über die Babylotsinnen in den "
            "Geburtskliniken und über die Familienbüros in den Stadtbezirken."
        ),
        reach_text=(
            "In Dortmund leben 22.994 Kinder unter drei Jahren, 7.128 von ihnen in Familien "
            "in Armutslagen. Die Innenstadt-Nord trägt den größten Anteil."
        ),
        funding_text=(
            "Anträge auf Mittel der Bundesstiftung werden bei der Koordinierungsstelle "
            "eingereicht; der Verwendungsnachweis ist Ende Januar des Folgejahres fällig."
        ),
        participation_text=(
            "Die Netzwerke INFamilie beziehen Familien in den Quartieren ein; anonyme "
            "Rückmeldungen zu Angeboten ergänzen die Bedarfserhebungen."
        ),
        outlook=(
            "Lücken in der Präventionskette sollen in den Präventionsnetzwerken INFamilie "
            "sozialräumlich geschlossen werden, zuerst dort, wo der Bedarf am größten ist."
        ),
    ),
}


def build(result: DemoResult) -> None:
    """Create or update the reports demo data (idempotent, like the rest of the demo)."""
    this_year = timezone.localdate().year
    for slug, commune in result.communes.items():
        ReportSettings.all_communes.update_or_create(
            commune=commune, defaults={"poverty_weight": POVERTY_WEIGHT.get(slug, Decimal(1))}
        )
        for year in (this_year - 1, this_year):
            _age_groups(commune, year)
            report_facts = REPORTS.get(slug)
            if report_facts is not None:
                _annual_report(commune, year, report_facts)
        _empty_searches(commune, this_year - 1)


# What families looked for in vain, by life phase: mostly for older children and young
# people, whom the early-help catalog serves least (fictional, plausible).
EMPTY_SEARCHES_PER_MONTH: dict[str, int] = {
    LifePhaseFacet.PREGNANCY: 1,
    LifePhaseFacet.AGE_6_10: 2,
    LifePhaseFacet.AGE_10_16: 4,
    LifePhaseFacet.AGE_16_27: 3,
    LifePhaseFacet.ANY: 2,
}


def _empty_searches(commune: Commune, first_year: int) -> None:
    """The finder's anonymous counts of searches without a result, one row per month,
    social area and life phase since January of ``first_year``; rebuilt on every run."""
    today = timezone.localdate()
    months = [
        date(year, month, 1)
        for year in range(first_year, today.year + 1)
        for month in range(1, 13)
        if date(year, month, 1) <= today
    ]
    EmptySearchCount.objects.for_commune(commune).filter(day__gte=months[0]).delete()
    areas = list(SocialArea.objects.for_commune(commune).order_by("name"))
    rows = [
        EmptySearchCount(
            commune=commune,
            day=month,
            social_area=area,
            life_phase=phase,
            # The areas differ, and so do the months, but the same every run.
            searches=base + (index + month.month) % 3,
        )
        for month in months
        for index, area in enumerate(areas)
        for phase, base in EMPTY_SEARCHES_PER_MONTH.items()
    ]
    EmptySearchCount.all_communes.bulk_create(rows)


def _age_groups(commune: Commune, year: int) -> None:
    """The later life phases from the children aged 0–3 of the demo's population figures."""
    for figures in (
        SocialAreaFigures.objects.for_commune(commune)
        .filter(year=facts.FIGURES_YEAR)
        .select_related("social_area")
    ):
        for phase, factor in LATER_PHASES.items():
            AgeGroupFigures.all_communes.update_or_create(
                commune=commune,
                social_area=figures.social_area,
                year=year,
                life_phase=phase,
                defaults={"children": int(figures.children_0_3 * factor)},
            )


def _annual_report(commune: Commune, year: int, report_facts: ReportFacts) -> None:
    texts = {field: getattr(report_facts, field) for field in AnnualReport.TEXT_FIELDS}
    AnnualReport.all_communes.update_or_create(
        commune=commune,
        year=year,
        defaults={
            "coordination_staff": report_facts.staff,
            "coordination_hours_per_week": report_facts.hours_per_week,
            **texts,
        },
    )
