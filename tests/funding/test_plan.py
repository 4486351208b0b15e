"""The measure plan: funded measures per year for every network member, as PDF, XLSX and
360Giving-style CSV and JSON; a ZIP dossier per measure for auditors."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable

from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.core.permissions import Role
from lotse.funding.models import ApplicationStatus
from tests.conftest import World
from tests.funding.conftest import YEAR, MakeApplication


def test_members_see_the_funded_measures_of_the_year_and_not_the_others(
    world: World,
    make_application: MakeApplication,
    client_for: Callable[[str, str], Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    make_application(status=ApplicationStatus.APPROVED, approved="10000")
    make_application(status=ApplicationStatus.REJECTED, title="Abgelehnte Idee")
    make_application(status=ApplicationStatus.DECISION_PENDING, approved="5000", title="Geheim")
    client = client_for("bergkamen", Role.PLANNER)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(f"/bergkamen/funding/plan/?year={YEAR}")
    content = response.content.decode()
    assert "Familienhebammen im Stadtteil" in content
    assert "10.000,00 €" in content
    assert "Abgelehnte Idee" not in content
    assert "Geheim" not in content
    for i in range(8):
        make_application(status=ApplicationStatus.APPROVED, approved="100", title=f"Kurs {i}")
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        client.get(f"/bergkamen/funding/plan/?year={YEAR}")


def test_the_measure_plan_exports_as_360giving_csv_and_json_xlsx_and_pdf(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    make_application(status=ApplicationStatus.APPROVED, approved="10000")
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    base = "/bergkamen/funding/plan/export"
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"{base}.csv?year={YEAR}").content.decode("utf-8-sig"))
        )
    )
    assert rows[0]["Title"] == "Familienhebammen im Stadtteil"
    assert rows[0]["Amount Awarded"] == "10000.00"
    assert rows[0]["Currency"] == "EUR"
    assert rows[0]["Recipient Org:Name"] == "Familienbildung Bergkamen"
    assert rows[0]["Beneficiary Location:Name"] == "Mitte"
    grants = json.loads(client.get(f"{base}.json?year={YEAR}").content)["grants"]
    assert grants[0]["amountAwarded"] == 10000.0
    assert grants[0]["plannedDates"][0]["startDate"] == f"{YEAR}-01-01"
    sheet = load_workbook(io.BytesIO(client.get(f"{base}.xlsx?year={YEAR}").content)).worksheets[0]
    assert sheet["B2"].value == "Familienhebammen im Stadtteil"
    pdf = client.get(f"{base}.pdf?year={YEAR}").content
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Maßnahmeplan 2027" in text
    assert "Familienhebammen" in text
    assert "10.000,00" in text
    assert client.get(f"{base}.exe?year={YEAR}").status_code == 404


def test_the_dossier_holds_application_decision_and_proof_for_auditors(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    from django.utils import timezone  # noqa: PLC0415

    application = make_application(
        status=ApplicationStatus.APPROVED, approved="10000", told_at=timezone.now()
    )
    response = client_for("bergkamen", Role.COORDINATOR).get(
        f"/bergkamen/funding/review/{application.uuid}/dossier.zip"
    )
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == ["antrag.html", "bescheid.pdf", "verwendungsnachweis.html"]


def test_another_communes_measures_never_appear(
    world: World, make_application: MakeApplication, client_for: Callable[[str, str], Client]
) -> None:
    make_application(status=ApplicationStatus.APPROVED, approved="10000")
    response = client_for("dortmund", Role.PLANNER).get(f"/dortmund/funding/plan/?year={YEAR}")
    assert "Familienhebammen im Stadtteil" not in response.content.decode()
    assert client_for("dortmund", Role.PLANNER).get("/bergkamen/funding/plan/").status_code == 404
