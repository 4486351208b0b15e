"""The commune's settings: working-day rules, retention, deadlines, closing days and the
yearly figures of its social areas. Coordinators only (``MANAGE_COMMUNE_SETTINGS``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.forms.commune import ClosingDayForm, CommuneSettingsForm, SocialAreaFiguresForm
from lotse.core.locking import EditConflict
from lotse.core.models import ClosingDay, Commune, SocialArea, SocialAreaFigures
from lotse.core.permissions import Capability
from lotse.core.services.commune import (
    COMMUNE_SETTINGS_FIELDS,
    FIGURE_FIELDS,
    add_closing_day,
    remove_closing_day,
    save_social_area_figures,
    update_commune_settings,
)
from lotse.core.workdays import non_working_days

MIN_YEAR, MAX_YEAR = 2000, 2100


def _render_settings(
    request: HttpRequest,
    commune: Commune,
    settings_form: CommuneSettingsForm | None = None,
    closing_day_form: ClosingDayForm | None = None,
    conflict: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    this_year = timezone.localdate().year
    if settings_form is None:
        settings_form = CommuneSettingsForm(
            initial={
                **model_to_dict(commune, fields=COMMUNE_SETTINGS_FIELDS),
                "version": commune.version,
            }
        )
    context = {
        "conflict": conflict,
        "commune": commune,
        "settings_form": settings_form,
        "closing_day_form": closing_day_form or ClosingDayForm(),
        "closing_days": ClosingDay.objects.for_commune(commune).filter(date__year__gte=this_year),
        "calendars": [
            (year, non_working_days(commune, year)) for year in (this_year, this_year + 1)
        ],
        "areas": SocialArea.objects.for_commune(commune),
    }
    return render(request, "core/settings/commune_settings.html", context)


@capability_required(Capability.MANAGE_COMMUNE_SETTINGS)
def commune_settings(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    if request.method != "POST":
        return _render_settings(request, commune)
    form = CommuneSettingsForm(request.POST)
    if form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            update_commune_settings(
                actor=acting_user(request),
                commune=commune,
                values=values,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return _render_conflict(request, commune, form, conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("core:commune_settings", commune_slug=commune.slug)
    return _render_settings(request, commune, settings_form=form)


def _render_conflict(
    request: HttpRequest, commune: Commune, form: CommuneSettingsForm, conflict: EditConflict
) -> HttpResponse:
    """Both versions side by side; the person's entries stay in the form, which now
    carries the saved version, so saving again keeps theirs knowingly."""
    data = request.POST.copy()
    data["version"] = str(conflict.current.version)
    rows = [
        {
            "label": form.fields[difference.field].label,
            "saved": _display(form, difference.field, difference.saved),
            "yours": _display(form, difference.field, difference.yours),
        }
        for difference in conflict.differences
    ]
    return _render_settings(
        request, commune, settings_form=CommuneSettingsForm(data), conflict=rows
    )


def _display(form: CommuneSettingsForm, field: str, value: Any) -> Any:
    """A value as the form shows it: the label of a choice, yes/no for a checkbox."""
    choices = dict(getattr(form.fields[field], "choices", None) or [])
    choices |= dict(getattr(form.fields[field].widget, "choices", None) or [])
    if value in choices:
        return choices[value]
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


@capability_required(Capability.MANAGE_COMMUNE_SETTINGS)
@require_POST
def closing_day_add(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = ClosingDayForm(request.POST)
    if form.is_valid():
        try:
            closing_day = add_closing_day(
                actor=acting_user(request),
                commune=commune,
                day=form.cleaned_data["date"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(date)s is now a closing day.")
                % {"date": date_format(closing_day.date, "SHORT_DATE_FORMAT")},
            )
            return redirect("core:commune_settings", commune_slug=commune.slug)
    return _render_settings(request, commune, closing_day_form=form)


def _parse_day(text: str) -> date:
    """A ``yyyy-mm-dd`` date from the URL, or 404."""
    if len(text) != len("2026-12-28"):
        raise Http404(_("Not found."))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Http404(_("Not found.")) from None


@capability_required(Capability.MANAGE_COMMUNE_SETTINGS)
@require_POST
def closing_day_delete(request: HttpRequest, commune_slug: str, day: str) -> HttpResponse:
    commune = commune_of(request)
    closing_day = ClosingDay.objects.for_commune(commune).filter(date=_parse_day(day)).first()
    if closing_day is None:
        raise Http404(_("Not found."))
    remove_closing_day(actor=acting_user(request), commune=commune, closing_day=closing_day)
    messages.success(
        request,
        _("%(date)s is no longer a closing day.")
        % {"date": date_format(closing_day.date, "SHORT_DATE_FORMAT")},
    )
    return redirect("core:commune_settings", commune_slug=commune.slug)


def _requested_year(request: HttpRequest) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


@capability_required(Capability.MANAGE_COMMUNE_SETTINGS)
def social_area_figures(request: HttpRequest, commune_slug: str, area_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    area = get_for_commune(SocialArea, commune, area_uuid)
    figures = list(
        SocialAreaFigures.objects.for_commune(commune).filter(social_area=area).order_by("-year")
    )
    if request.method == "POST":
        form = SocialAreaFiguresForm(request.POST)
        if form.is_valid():
            try:
                saved = save_social_area_figures(
                    actor=acting_user(request),
                    social_area=area,
                    year=form.cleaned_data["year"],
                    **{name: form.cleaned_data[name] for name in FIGURE_FIELDS},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The figures of %(year)s have been saved.") % {"year": saved.year},
                )
                return redirect(
                    "core:social_area_figures", commune_slug=commune.slug, area_uuid=area.uuid
                )
    else:
        year = _requested_year(request)
        existing = next((item for item in figures if item.year == year), None)
        if existing is not None:
            initial = model_to_dict(existing, fields=("year", *FIGURE_FIELDS))
        else:
            initial = {"year": year or timezone.localdate().year}
        form = SocialAreaFiguresForm(initial=initial)
    return render(
        request,
        "core/settings/social_area_figures.html",
        {"commune": commune, "area": area, "figures": figures, "form": form},
    )
