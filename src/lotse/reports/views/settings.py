"""The report settings (``MANAGE_REPORTS``): the weight of the poverty share in the gap
analysis and the children per social area and life phase of a year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.models import SocialArea
from lotse.core.permissions import Capability
from lotse.offers.ages import LifePhase
from lotse.reports.forms import AgeGroupFiguresForm, ReportSettingsForm, YearForm, figure_field_name
from lotse.reports.indicators import Group
from lotse.reports.models import AgeGroupFigures
from lotse.reports.services import (
    report_settings_of,
    save_age_group_figures,
    update_report_settings,
)


@capability_required(Capability.MANAGE_REPORTS)
def report_settings(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    year_form = YearForm(request.GET)
    if not year_form.is_valid():
        return render(
            request,
            "reports/settings.html",
            {"year_form": year_form, "year": None, "groups": list(Group)},
            status=400,
        )
    year = year_form.chosen_year()
    areas = list(SocialArea.objects.for_commune(commune).order_by("name"))
    phases = list(LifePhase)
    settings = report_settings_of(commune)
    saved = {
        figure_field_name(row.social_area, LifePhase(row.life_phase)): row.children
        for row in AgeGroupFigures.objects.for_commune(commune)
        .filter(year=year)
        .select_related("social_area")
    }
    settings_form = ReportSettingsForm(
        request.POST if "save_settings" in request.POST else None, instance=settings
    )
    figures_form = AgeGroupFiguresForm(
        request.POST if "save_figures" in request.POST else None,
        initial=saved,
        areas=areas,
        phases=phases,
    )
    if request.method == "POST":
        actor = acting_user(request)
        target = f"{request.path}?year={year}"
        try:
            if "save_settings" in request.POST and settings_form.is_valid():
                update_report_settings(
                    actor=actor,
                    commune=commune,
                    poverty_weight=settings_form.cleaned_data["poverty_weight"],
                )
                messages.success(request, _("The settings have been saved."))
                return redirect(target)
            if "save_figures" in request.POST and figures_form.is_valid():
                changed = save_age_group_figures(
                    actor=actor, commune=commune, year=year, figures=figures_form.figures()
                )
                messages.success(
                    request,
                    _("%(count)s figures of %(year)s have been saved.")
                    % {"count": changed, "year": year},
                )
                return redirect(target)
        except ValidationError as error:
            form = settings_form if "save_settings" in request.POST else figures_form
            form.add_error(None, error)
    return render(
        request,
        "reports/settings.html",
        {
            "year_form": year_form,
            "year": year,
            "groups": list(Group),
            "settings_form": settings_form,
            "figures_form": figures_form,
            "phases": phases,
        },
        status=400 if request.method == "POST" else 200,
    )
