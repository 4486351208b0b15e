"""The annual report: its texts with optimistic locking, the PDF, the workbook and the
survey figures, read back and checked."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.core.locking import EditConflict
from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.demo import reports as demo_reports
from lotse.demo.builders import DemoResult
from lotse.offers.ages import LifePhase
from lotse.reports.annual import (
    annual_report_pdf,
    annual_report_xlsx,
    survey_export_csv,
    survey_export_xlsx,
)
from lotse.reports.indicators import ALL
from lotse.reports.models import AgeGroupFigures, AnnualReport, ReportSettings
from lotse.reports.services import save_annual_report
from tests.conftest import World
from tests.network.factories import OrganisationFactory
from tests.reports.dashboard_fakes import fake_gaps, fake_indicators  # noqa: F401 - fixtures

ClientFor = Callable[[str, str], Client]
YEAR = 2025


def _report(world: World) -> AnnualReport:
    return save_annual_report(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=world.bergkamen,
        year=YEAR,
        values={
            "coordination_staff": Decimal("1.5"),
            "coordination_hours_per_week": Decimal("58.5"),
            "introduction": "Das Netzwerk ist 2025 um drei Partner gewachsen.",
            "access_text": "Die Babylotsinnen haben die meisten Familien vermittelt.",
            "outlook": "2026 kommt ein Familienbüro in Weddinghofen hinzu.",
        },
    )


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@time_machine.travel("2026-03-02 09:00", tick=False)
@pytest.mark.usefixtures("fake_indicators", "fake_gaps")
def test_the_pdf_has_title_year_indicators_values_texts_and_the_biggest_gaps(world: World) -> None:
    _report(world)
    content = annual_report_pdf(world.bergkamen, YEAR)
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    assert "Jahresbericht 2025" in text
    assert "Netzwerk Frühe Hilfen Bergkamen" in text
    assert "Inhalt" in text
    assert "Anteil eingehaltener Fristen (Test)" in text
    assert "42,5 %" in text.replace("\u00a0", " ")
    assert "1.234,56 €" in text.replace("\u00a0", " ")
    assert "Die Babylotsinnen haben die meisten Familien vermittelt." in text
    assert "Das Netzwerk ist 2025 um drei Partner gewachsen." in text
    assert "2026 kommt ein Familienbüro in Weddinghofen hinzu." in text
    assert "Lücken der Präventionskette" in text
    assert "1 bis 3 Jahre" in text
    assert "58,5" in text


@time_machine.travel("2026-03-02 09:00", tick=False)
@pytest.mark.usefixtures("fake_indicators", "fake_gaps")
def test_the_workbook_has_a_sheet_per_group_and_numbers_as_numbers(world: World) -> None:
    workbook = load_workbook(io.BytesIO(annual_report_xlsx(world.bergkamen, YEAR)))
    assert workbook.sheetnames == ["Netzwerk", "Zugänge", "Förderung", "Lückenanalyse"]
    access = workbook["Zugänge"]
    assert [cell.value for cell in access[1]] == [
        "Kennzahl",
        "Definition",
        "Wert",
        "Einheit",
        "Notiz",
    ]
    assert access["A2"].value == "Anteil eingehaltener Fristen (Test)"
    assert access["C2"].value == pytest.approx(0.425)
    assert access["C2"].number_format == "0.0%"
    assert access["D2"].value == "Prozent"
    assert access["A3"].value.strip() == "Mitte"
    assert access["C4"].value == "keine Angabe"
    funding = workbook["Förderung"]
    assert funding["C2"].value == pytest.approx(1234.56)
    assert "€" in funding["C2"].number_format
    gaps = workbook["Lückenanalyse"]
    assert [gaps["A2"].value, gaps["C2"].value, gaps["G2"].value] == [1, "1 bis 3 Jahre", 240]


@time_machine.travel("2026-03-02 09:00", tick=False)
def test_the_survey_export_has_sectors_staff_offers_and_referrals(world: World) -> None:
    _report(world)
    OrganisationFactory(commune=world.bergkamen, sector="health")
    workbook = load_workbook(io.BytesIO(survey_export_xlsx(world.bergkamen, YEAR)))
    assert workbook.sheetnames == [
        "Netzwerk nach Handlungsfeld",
        "Koordination",
        "Angebote nach Art",
        "Angebote nach Lebensphase",
        "Zugänge nach Zugangsweg",
        "Zugänge nach Ergebnis",
    ]
    network = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True)}
    assert network["Mitglieder insgesamt"] == 2
    coordination = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert coordination["Personal der Koordinierungsstelle (Vollzeitäquivalente)"] == 1.5
    assert coordination["Wochenstunden der Netzwerkkoordination"] == 58.5
    rows = list(
        csv.reader(
            io.StringIO(survey_export_csv(world.bergkamen, YEAR).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0] == ["Thema", "Schlüssel", "Kennzahl", "Jahr", "Wert"]
    by_key = {row[1]: row for row in rows[1:]}
    assert by_key["coordination.hours_per_week"] == [
        "Koordination",
        "coordination.hours_per_week",
        "Wochenstunden der Netzwerkkoordination",
        "2025",
        "58,50",
    ]
    assert by_key["network.total"][4] == "2"


def test_a_second_save_from_the_same_version_sees_both_versions_and_changes_nothing(
    world: World,
) -> None:
    coordinator = world.user("bergkamen", Role.COORDINATOR)
    first = save_annual_report(
        actor=coordinator,
        commune=world.bergkamen,
        year=YEAR,
        values={"introduction": "Fassung A"},
        expected_version=0,
    )
    assert first.version == 1
    with pytest.raises(EditConflict) as raised:
        save_annual_report(
            actor=coordinator,
            commune=world.bergkamen,
            year=YEAR,
            values={"introduction": "Fassung B"},
            expected_version=0,
        )
    [difference] = raised.value.differences
    assert (difference.field, difference.saved, difference.yours) == (
        "introduction",
        "Fassung A",
        "Fassung B",
    )
    assert AnnualReport.objects.for_commune(world.bergkamen).get(year=YEAR).introduction == (
        "Fassung A"
    )


def test_the_edit_page_shows_the_conflict_with_both_versions(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    url = f"/bergkamen/reports/annual/{YEAR}/"
    assert client.get(url).status_code == 200
    saved = client.post(url, {"version": "0", "introduction": "Fassung A"})
    assert saved.status_code == 302
    late = client.post(url, {"version": "0", "introduction": "Fassung B"})
    assert late.status_code == 409
    html = late.content.decode()
    assert "Jemand anderes hat dies gespeichert" in html
    assert "Fassung A" in html
    assert "Fassung B" in html
    report = AnnualReport.objects.for_commune(world.bergkamen).get(year=YEAR)
    assert (report.introduction, report.version) == ("Fassung A", 1)
    again = client.post(url, {"version": "1", "introduction": "Fassung B"})
    assert again.status_code == 302
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action="reports.annual_report_saved")
        .count()
        == 2
    )


def test_negative_staff_is_a_german_error_and_saves_nothing(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).post(
        f"/bergkamen/reports/annual/{YEAR}/",
        {"version": "0", "coordination_staff": "-1", "introduction": "Text"},
    )
    assert response.status_code == 200
    assert "Das Personal kann nicht negativ sein." in response.content.decode()
    assert not AnnualReport.objects.for_commune(world.bergkamen).exists()


@time_machine.travel("2026-03-02 09:00", tick=False)
@pytest.mark.usefixtures("fake_indicators", "fake_gaps")
def test_the_planner_downloads_the_report_and_every_download_is_audited(
    world: World,
    client_for: ClientFor,
) -> None:
    client = client_for("bergkamen", Role.PLANNER)
    assert client.get(f"/bergkamen/reports/annual/{YEAR}/").status_code == 403
    listing = client.get("/bergkamen/reports/annual/")
    assert f"/bergkamen/reports/annual/{YEAR}/report.pdf" in listing.content.decode()
    pdf = client.get(f"/bergkamen/reports/annual/{YEAR}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(f"/bergkamen/reports/annual/{YEAR}/report.xlsx")
    assert xlsx.status_code == 200
    survey = client.get(f"/bergkamen/reports/annual/{YEAR}/survey.csv")
    assert survey.status_code == 200
    assert client.get(f"/bergkamen/reports/annual/{YEAR}/survey.doc").status_code == 404
    events = AuditEvent.objects.for_commune(world.bergkamen).filter(
        action__in=["reports.annual_report_downloaded", "reports.survey_export_downloaded"]
    )
    assert sorted(event.changes["format"]["new"] for event in events) == ["csv", "pdf", "xlsx"]


@time_machine.travel("2026-03-02 09:00", tick=False)
def test_the_demo_writes_settings_age_groups_and_reports_for_two_years_once(
    world: World,
) -> None:
    result = DemoResult(communes={"bergkamen": world.bergkamen, "dortmund": world.dortmund})
    demo_reports.build(result)
    demo_reports.build(result)
    weights = {
        commune.slug: ReportSettings.objects.for_commune(commune).get().poverty_weight
        for commune in (world.bergkamen, world.dortmund)
    }
    assert weights == {"bergkamen": Decimal("1.00"), "dortmund": Decimal("1.50")}
    reports = AnnualReport.objects.for_commune(world.bergkamen).order_by("year")
    assert [(r.year, r.coordination_hours_per_week) for r in reports] == [
        (2025, Decimal("5.00")),
        (2026, Decimal("5.00")),
    ]
    assert "fünf Wochenstunden" in reports[0].introduction
    figures = AgeGroupFigures.objects.for_commune(world.bergkamen).filter(year=2026)
    # The world's area "Mitte" has 350 children aged 0–3 in 2025.
    assert sorted((f.life_phase, f.children) for f in figures) == [("3-6", 343), ("6-10", 448)]


@time_machine.travel("2026-03-02 09:00", tick=False)
def test_the_report_is_made_from_the_real_indicators_and_gap_analysis(world: World) -> None:
    _report(world)
    text = _pdf_text(annual_report_pdf(world.bergkamen, YEAR))
    flat = " ".join(text.split())
    for indicator in ALL[:3]:
        assert " ".join(str(indicator.title).split()) in flat
    assert "Mitte" in text
    workbook = load_workbook(io.BytesIO(annual_report_xlsx(world.bergkamen, YEAR)))
    assert workbook.sheetnames[-1] == "Lückenanalyse"
    assert workbook["Lückenanalyse"].max_row == 1 + len(LifePhase)
