"""The measure plan (Maßnahmeplan): the funded measures of a year, for every network member
(``VIEW_MEASURE_PLAN``), as a page and as PDF, XLSX, CSV and JSON (360Giving-style)."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import capability_required, commune_of
from lotse.core.permissions import Capability
from lotse.funding.exports import plan_csv, plan_json, plan_pdf, plan_xlsx
from lotse.funding.models import FundingYear
from lotse.funding.selectors import measure_plan as plan_of
from lotse.funding.views.common import download

VIEW = Capability.VIEW_MEASURE_PLAN
FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return timezone.localdate().year
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise Http404(_("Not found."))
    return int(raw)


@capability_required(VIEW)
def measure_plan(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    year = _year(request)
    applications = list(plan_of(commune, year))
    return render(
        request,
        "funding/measure_plan.html",
        {
            "year": year,
            "years": FundingYear.objects.for_commune(commune).values_list("year", flat=True),
            "applications": applications,
            "total": sum((a.approved_amount or Decimal(0) for a in applications), Decimal(0)),
            "formats": list(FORMATS),
        },
    )


@capability_required(VIEW)
def measure_plan_export(request: HttpRequest, commune_slug: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(_("Not found."))
    commune = commune_of(request)
    year = _year(request)
    applications = list(plan_of(commune, year))
    if fmt == "pdf":
        content = plan_pdf(commune, year, applications)
    elif fmt == "xlsx":
        content = plan_xlsx(year, applications)
    elif fmt == "csv":
        content = plan_csv(commune, applications)
    else:
        content = plan_json(commune, applications)
    return download(content, content_type=FORMATS[fmt], filename=f"massnahmeplan-{year}.{fmt}")
