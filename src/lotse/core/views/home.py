"""The entry pages: where a user lands, and a commune's start page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lotse.core.access import capability_required, commune_of
from lotse.core.models import Commune
from lotse.core.permissions import Capability
from lotse.core.selectors import own_communes, social_areas_with_latest_figures


def home(request: HttpRequest) -> HttpResponse:
    """Logged-in users go to their commune (or choose one); everyone else sees the
    communes on this instance."""
    if request.user.is_authenticated:
        communes = own_communes(request.user)
        if len(communes) == 1:
            return redirect("core:commune_home", commune_slug=communes[0].slug)
        return render(request, "core/choose_commune.html", {"communes": communes})
    return render(
        request, "core/landing.html", {"communes": Commune.objects.filter(is_active=True)}
    )


@capability_required(Capability.VIEW_COMMUNE_HOME)
def commune_home(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    areas = social_areas_with_latest_figures(commune)
    totals = {
        key: sum(getattr(area.latest_figures, key) for area in areas if area.latest_figures)
        for key in ("inhabitants", "children_0_3", "children_0_3_in_poverty", "births")
    }
    years = sorted({area.latest_figures.year for area in areas if area.latest_figures})
    return render(
        request,
        "core/commune_home.html",
        {"commune": commune, "areas": areas, "totals": totals, "figure_years": years},
    )
