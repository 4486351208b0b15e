"""The annual report: its texts and staffing (``MANAGE_REPORTS``), the PDF, the workbook and
the survey figures (``VIEW_REPORTS``; every download is audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.reports.annual import (
    annual_report_pdf,
    annual_report_xlsx,
    survey_export_csv,
    survey_export_xlsx,
)
from lotse.reports.forms import FIRST_YEAR, LAST_YEAR, AnnualReportForm
from lotse.reports.indicators import Group
from lotse.reports.models import AnnualReport
from lotse.reports.services import (
    ANNUAL_REPORT_FIELDS,
    record_download,
    record_survey_download,
    save_annual_report,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("Not found."))
    return year


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@capability_required(Capability.VIEW_REPORTS)
def annual_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The last years with their downloads, and the texts saved for each."""
    commune = commune_of(request)
    current = timezone.localdate().year
    saved = {
        report.year: report
        for report in AnnualReport.objects.for_commune(commune).select_related("updated_by")
    }
    years = sorted({current, current - 1, current - 2, *saved}, reverse=True)
    return render(
        request,
        "reports/annual_list.html",
        {"years": [(year, saved.get(year)) for year in years], "groups": list(Group)},
    )


@capability_required(Capability.MANAGE_REPORTS)
def annual_edit(request: HttpRequest, commune_slug: str, year: int) -> HttpResponse:
    commune = commune_of(request)
    _year(year)
    report = AnnualReport.objects.for_commune(commune).filter(year=year).first()
    if report is None:
        report = AnnualReport(commune=commune, year=year, version=0)
    conflict: list[dict[str, Any]] | None = None
    if request.method == "POST":
        form = AnnualReportForm(request.POST, instance=AnnualReport(commune=commune, year=year))
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in ANNUAL_REPORT_FIELDS}
            try:
                save_annual_report(
                    actor=acting_user(request),
                    commune=commune,
                    year=year,
                    values=values,
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                conflict = [
                    {
                        "label": form.fields[d.field].label,
                        "saved": d.saved if d.saved not in (None, "") else "–",
                        "yours": d.yours if d.yours not in (None, "") else "–",
                    }
                    for d in error.differences
                ]
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = AnnualReportForm(data, instance=AnnualReport(commune=commune, year=year))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The annual report has been saved."))
                return redirect("reports:annual_edit", commune_slug=commune.slug, year=year)
    else:
        form = AnnualReportForm(
            initial={
                **model_to_dict(report, fields=ANNUAL_REPORT_FIELDS),
                "version": report.version,
            }
        )
    return render(
        request,
        "reports/annual_edit.html",
        {
            "year": year,
            "report": report,
            "form": form,
            "conflict": conflict,
            "groups": list(Group),
        },
        status=409 if conflict is not None else 200,
    )


@capability_required(Capability.VIEW_REPORTS)
def annual_pdf(request: HttpRequest, commune_slug: str, year: int) -> HttpResponse:
    commune = commune_of(request)
    content = annual_report_pdf(commune, _year(year))
    record_download(actor=acting_user(request), commune=commune, year=year, kind="pdf")
    return _download(content, content_type="application/pdf", filename=f"jahresbericht-{year}.pdf")


@capability_required(Capability.VIEW_REPORTS)
def annual_xlsx(request: HttpRequest, commune_slug: str, year: int) -> HttpResponse:
    commune = commune_of(request)
    content = annual_report_xlsx(commune, _year(year))
    record_download(actor=acting_user(request), commune=commune, year=year, kind="xlsx")
    return _download(content, content_type=XLSX, filename=f"jahresbericht-{year}.xlsx")


@capability_required(Capability.VIEW_REPORTS)
def survey_export(request: HttpRequest, commune_slug: str, year: int, fmt: str) -> HttpResponse:
    commune = commune_of(request)
    _year(year)
    if fmt == "xlsx":
        content, content_type = survey_export_xlsx(commune, year), XLSX
    elif fmt == "csv":
        content, content_type = survey_export_csv(commune, year), "text/csv; charset=utf-8"
    else:
        raise Http404(_("Not found."))
    record_survey_download(actor=acting_user(request), commune=commune, year=year, kind=fmt)
    return _download(content, content_type=content_type, filename=f"befragung-{year}.{fmt}")
