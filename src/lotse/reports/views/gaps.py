"""The gap analysis of the prevention chain (``VIEW_REPORTS``): a ranked table and the
social area × life phase matrix, each cell linking to its offers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.core.access import capability_required, commune_of
from lotse.core.permissions import Capability
from lotse.offers.ages import LifePhase
from lotse.reports.forms import YearForm
from lotse.reports.indicators import Group
from lotse.reports.selectors import gap_analysis, gap_line, gap_matrix, poverty_weight


@capability_required(Capability.VIEW_REPORTS)
def gap_page(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = YearForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "reports/gaps.html",
            {"form": form, "year": None, "groups": list(Group)},
            status=400,
        )
    year = form.chosen_year()
    cells = gap_analysis(commune, year)
    return render(
        request,
        "reports/gaps.html",
        {
            "form": form,
            "year": year,
            "groups": list(Group),
            "lines": [gap_line(cell) for cell in cells],
            "matrix": gap_matrix(cells),
            "phases": list(LifePhase),
            "weight": poverty_weight(commune),
        },
    )
