"""The prevention-chain matrix and the printable brochure."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import capability_required, commune_of
from lotse.core.models import SocialArea
from lotse.core.permissions import Capability
from lotse.offers.ages import LifePhase
from lotse.offers.brochure import BY_AREA, render_brochure
from lotse.offers.chain import chain_matrix
from lotse.offers.forms import BrochureForm


@capability_required(Capability.VIEW_REPORTS)
def chain(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    rows = chain_matrix(commune, timezone.localdate())
    gaps = sum(1 for row in rows for cell in row.cells if cell.is_gap)
    context = {"commune": commune, "rows": rows, "phases": list(LifePhase), "gaps": gaps}
    return render(request, "offers/chain.html", context)


@capability_required(Capability.VIEW_REPORTS)
def chain_cell(request: HttpRequest, commune_slug: str, area_slug: str, phase: str) -> HttpResponse:
    commune = commune_of(request)
    if phase not in LifePhase.values:
        raise Http404(_("Not found."))
    area = SocialArea.objects.for_commune(commune).filter(slug=area_slug).first()
    if area is None:
        raise Http404(_("Not found."))
    rows = chain_matrix(commune, timezone.localdate())
    cell = next(c for row in rows if row.area.pk == area.pk for c in row.cells if c.phase == phase)
    manages = Capability.EDIT_OWN_OFFERS in request.capabilities  # type: ignore[attr-defined]
    context = {"commune": commune, "cell": cell, "manages": manages}
    return render(request, "offers/chain_cell.html", context)


@capability_required(Capability.MANAGE_OFFERS)
def brochure(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The form; with ``?arrangement=…`` the PDF itself (a GET, so the link can be shared)."""
    commune = commune_of(request)
    if "arrangement" not in request.GET:
        form = BrochureForm(commune=commune)
        return render(request, "offers/brochure_form.html", {"commune": commune, "form": form})
    form = BrochureForm(request.GET, commune=commune)
    if not form.is_valid():
        return render(
            request, "offers/brochure_form.html", {"commune": commune, "form": form}, status=400
        )
    pdf = render_brochure(
        commune,
        timezone.localdate(),
        arrangement=form.cleaned_data["arrangement"] or BY_AREA,
        area=form.cleaned_data["social_area"],
        phase=form.cleaned_data["life_phase"] or None,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wegweiser-{commune.slug}.pdf"'
    return response
