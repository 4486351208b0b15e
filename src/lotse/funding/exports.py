"""Exports of funding: the measure plan (PDF, XLSX, 360Giving-style CSV and JSON), the
decision letter (PDF), the year overview (XLSX) and a measure's dossier for auditors (ZIP)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lotse.core.models import Commune
from lotse.funding.files import read_stored
from lotse.funding.models import Application, FundingYear
from lotse.funding.selectors import applications_of_year

# 360Giving's column names (https://standard.threesixtygiving.org), as far as they apply.
GIVING_COLUMNS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Beneficiary Location:Name",
)


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, only when a PDF is made

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def giving_rows(commune: Commune, applications: Iterable[Application]) -> list[dict[str, Any]]:
    rows = []
    for application in applications:
        rows.append(
            {
                "Identifier": f"lotse-{commune.slug}-{application.uuid}",
                "Title": application.title,
                "Description": application.goals,
                "Currency": "EUR",
                "Amount Awarded": str(application.approved_amount or Decimal(0)),
                "Award Date": application.told_at.date().isoformat() if application.told_at else "",
                "Planned Dates:Start Date": application.period_start.isoformat()
                if application.period_start
                else "",
                "Planned Dates:End Date": application.period_end.isoformat()
                if application.period_end
                else "",
                "Recipient Org:Identifier": f"lotse-{commune.slug}-{application.organisation.uuid}",
                "Recipient Org:Name": application.organisation.name,
                "Funding Org:Identifier": f"lotse-{commune.slug}",
                "Funding Org:Name": commune.youth_office_name or commune.name,
                "Grant Programme:Title": application.funding_area,
                "Beneficiary Location:Name": "; ".join(
                    area.name for area in application.social_areas.all()
                ),
            }
        )
    return rows


def plan_csv(commune: Commune, applications: Iterable[Application]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=GIVING_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(giving_rows(commune, applications))
    return out.getvalue().encode("utf-8-sig")


def plan_json(commune: Commune, applications: Iterable[Application]) -> bytes:
    grants = []
    for row in giving_rows(commune, applications):
        grants.append(
            {
                "id": row["Identifier"],
                "title": row["Title"],
                "description": row["Description"],
                "currency": "EUR",
                "amountAwarded": float(row["Amount Awarded"]),
                "awardDate": row["Award Date"],
                "plannedDates": [
                    {
                        "startDate": row["Planned Dates:Start Date"],
                        "endDate": row["Planned Dates:End Date"],
                    }
                ],
                "recipientOrganization": [
                    {"id": row["Recipient Org:Identifier"], "name": row["Recipient Org:Name"]}
                ],
                "fundingOrganization": [
                    {"id": row["Funding Org:Identifier"], "name": row["Funding Org:Name"]}
                ],
                "grantProgramme": [{"title": row["Grant Programme:Title"]}],
                "beneficiaryLocation": [
                    {"name": name} for name in row["Beneficiary Location:Name"].split("; ") if name
                ],
            }
        )
    return json.dumps({"grants": grants}, ensure_ascii=False, indent=2).encode()


def plan_xlsx(year: int, applications: Iterable[Application]) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = _("Measure plan %(year)s") % {"year": year}
    sheet.append(
        [_("Provider"), _("Measure"), _("Funding area"), _("Amount (EUR)"), _("Social areas")]
    )
    for application in applications:
        sheet.append(
            [
                application.organisation.name,
                application.title,
                application.funding_area,
                float(application.approved_amount or 0),
                ", ".join(area.name for area in application.social_areas.all()),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plan_pdf(commune: Commune, year: int, applications: list[Application]) -> bytes:
    total = sum((app.approved_amount or Decimal(0) for app in applications), Decimal(0))
    html = render_to_string(
        "funding/pdf/measure_plan.html",
        {"commune": commune, "year": year, "applications": applications, "total": total},
    )
    return _pdf(html)


def decision_letter_pdf(application: Application) -> bytes:
    html = render_to_string(
        "funding/pdf/decision_letter.html",
        {
            "application": application,
            "commune": application.commune,
            "today": timezone.localdate(),
            "proof": getattr(application, "proof", None),
        },
    )
    return _pdf(html)


def year_xlsx(funding_year: FundingYear) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = _("Applications")
    sheet.append(
        [
            _("Provider"),
            _("Measure"),
            _("Funding area"),
            _("Status"),
            _("Requested (EUR)"),
            _("Approved (EUR)"),
            _("Proof of use"),
            _("Repayment (EUR)"),
        ]
    )
    for application in applications_of_year(funding_year):
        proof = getattr(application, "proof", None)
        sheet.append(
            [
                application.organisation.name,
                application.title,
                application.funding_area,
                str(application.get_status_display()),
                float(application.requested_amount),
                float(application.approved_amount) if application.approved_amount else None,
                str(proof.get_status_display()) if proof else "",
                float(proof.repayment_amount) if proof and proof.repayment_amount else None,
            ]
        )
    budget = book.create_sheet(_("Budget"))
    budget.append([_("Allocation (EUR)"), float(funding_year.allocation)])
    budget.append(
        [_("Allocation confirmed"), _("yes") if funding_year.allocation_confirmed else _("no")]
    )
    budget.append([_("Municipal funds (EUR)"), float(funding_year.municipal_funds)])
    budget.append([_("Other funds (EUR)"), float(funding_year.other_funds)])
    budget.append([_("Budget (EUR)"), float(funding_year.budget)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def dossier_zip(application: Application) -> bytes:
    """Everything an auditor needs about one measure."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "antrag.html",
            render_to_string("funding/pdf/application.html", {"application": application}),
        )
        if application.told_at and application.decision:
            archive.writestr("bescheid.pdf", decision_letter_pdf(application))
        proof = getattr(application, "proof", None)
        if proof is not None:
            archive.writestr(
                "verwendungsnachweis.html",
                render_to_string(
                    "funding/pdf/proof.html", {"application": application, "proof": proof}
                ),
            )
        for index, attachment in enumerate(application.attachments.all(), start=1):
            folder = "belege" if attachment.purpose == "receipt" else "anlagen"
            archive.writestr(
                # Only the last part of the uploaded name: no path may leave the folder.
                f"{folder}/{index:02d}-{PurePath(attachment.original_name).name}",
                read_stored(attachment.stored_name),
            )
    return out.getvalue()
