"""The network overview (coordinators and planners) and the network settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.network.forms import InstitutionTypeEditForm, InstitutionTypeForm, NetworkSettingsForm
from lotse.network.models import InstitutionType, Sector
from lotse.network.selectors import (
    current_delegation_map,
    current_members,
    members_by_sector,
    members_by_social_area,
    members_by_type,
    open_todos,
)
from lotse.network.services.organisations import (
    SETTINGS_FIELDS,
    network_settings,
    save_institution_type,
    update_network_settings,
)

# The categories of the network profile (seed 003): education, job centre and other
# social services together are its "Sonstige".
PROFILE_CATEGORIES: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (gettext_lazy("Health"), (Sector.HEALTH,)),
    (gettext_lazy("Child and youth welfare"), (Sector.CHILD_AND_YOUTH_WELFARE,)),
    (gettext_lazy("Pregnancy counselling"), (Sector.PREGNANCY_COUNSELLING,)),
    (gettext_lazy("Early intervention"), (Sector.EARLY_INTERVENTION,)),
    (gettext_lazy("Other"), (Sector.OTHER, Sector.EDUCATION, Sector.JOB_CENTRE)),
    (gettext_lazy("Volunteering"), (Sector.VOLUNTEERING,)),
)


def profile_counts(by_sector: dict[str, int]) -> list[tuple[Any, int]]:
    return [(label, sum(by_sector[s] for s in sectors)) for label, sectors in PROFILE_CATEGORIES]


@capability_required(Capability.VIEW_NETWORK)
def overview(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    today = timezone.localdate()
    by_sector = members_by_sector(commune, today)
    members = list(current_members(commune, today).select_related("institution_type"))
    delegations = current_delegation_map(commune, [m.pk for m in members], today)
    return render(
        request,
        "network/overview.html",
        {
            "commune": commune,
            "today": today,
            "total": len(members),
            "profile": profile_counts(by_sector),
            "by_sector": [(Sector(s).label, n) for s, n in by_sector.items()],
            "by_type": members_by_type(commune, today),
            "by_area": members_by_social_area(commune, today),
            "members": [(m, *delegations.get(m.pk, (None, None))) for m in members],
            "todos": open_todos(commune, today),
        },
    )


@capability_required(Capability.MANAGE_NETWORK)
def settings_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    settings = network_settings(commune)
    conflict = None
    if request.method == "POST":
        form = NetworkSettingsForm(request.POST)
        if form.is_valid():
            values = {field: form.cleaned_data[field] for field in SETTINGS_FIELDS}
            try:
                update_network_settings(
                    actor=acting_user(request),
                    commune=commune,
                    values=values,
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                conflict = [
                    {"label": form.fields[d.field].label, "saved": d.saved, "yours": d.yours}
                    for d in error.differences
                ]
                form = NetworkSettingsForm(data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The network settings have been saved."))
                return redirect("network:settings", commune_slug=commune.slug)
    else:
        form = NetworkSettingsForm(
            initial={
                **{field: getattr(settings, field) for field in SETTINGS_FIELDS},
                "version": settings.version,
            }
        )
    return _render_settings(request, form, InstitutionTypeForm(), conflict)


def _render_settings(
    request: HttpRequest,
    form: NetworkSettingsForm,
    type_form: InstitutionTypeForm,
    conflict: list[dict[str, Any]] | None,
) -> HttpResponse:
    commune = commune_of(request)
    return render(
        request,
        "network/settings.html",
        {
            "commune": commune,
            "form": form,
            "type_form": type_form,
            "conflict": conflict,
            "types": InstitutionType.objects.for_commune(commune),
        },
    )


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def institution_type_add(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = InstitutionTypeForm(request.POST)
    if form.is_valid():
        try:
            save_institution_type(
                actor=acting_user(request),
                commune=commune,
                name=form.cleaned_data["name"],
                default_sector=form.cleaned_data["default_sector"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The institution type has been added."))
            return redirect("network:settings", commune_slug=commune.slug)
    settings = network_settings(commune)
    settings_form = NetworkSettingsForm(
        initial={
            **{field: getattr(settings, field) for field in SETTINGS_FIELDS},
            "version": settings.version,
        }
    )
    return _render_settings(request, settings_form, form, None)


@capability_required(Capability.MANAGE_NETWORK)
def institution_type_edit(request: HttpRequest, commune_slug: str, type_uuid: str) -> HttpResponse:
    """Rename a kind of institution or retire it: a retired type is no longer offered for
    new choices, organisations that have it keep it."""
    commune = commune_of(request)
    institution_type = get_for_commune(InstitutionType, commune, type_uuid)
    form = InstitutionTypeEditForm(
        request.POST or None,
        initial={
            "name": institution_type.name,
            "default_sector": institution_type.default_sector,
            "is_active": institution_type.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_institution_type(
                actor=acting_user(request),
                commune=commune,
                name=form.cleaned_data["name"],
                default_sector=form.cleaned_data["default_sector"],
                is_active=form.cleaned_data["is_active"],
                institution_type=institution_type,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The institution type has been saved."))
            return redirect("network:settings", commune_slug=commune.slug)
    return render(
        request,
        "network/institution_type_form.html",
        {"commune": commune, "institution_type": institution_type, "form": form},
    )
