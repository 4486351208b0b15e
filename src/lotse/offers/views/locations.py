"""Places where offers happen. Partner staff create and edit their organisation's places
and may hold offers at any place of the commune; the coordination edits all."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.network.models import Organisation
from lotse.offers.access import get_location_for_user, manages_catalog, own_organisation_ids
from lotse.offers.forms import LocationForm, location_initial
from lotse.offers.models import Location
from lotse.offers.services.places import create_location, update_location
from lotse.offers.views.common import add_errors, conflict_rows


@capability_required(Capability.EDIT_OWN_OFFERS)
def location_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    user = acting_user(request)
    locations = (
        Location.objects.for_commune(commune)
        .select_related("social_area", "organisation")
        .order_by("name")
    )
    editable = None if manages_catalog(user, commune) else own_organisation_ids(user, commune)
    rows = [
        {
            "location": location,
            "editable": editable is None or location.organisation_id in editable,
        }
        for location in locations
    ]
    return render(request, "offers/location_list.html", {"commune": commune, "rows": rows})


@capability_required(Capability.EDIT_OWN_OFFERS)
def location_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    user = acting_user(request)
    form = LocationForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        own = sorted(own_organisation_ids(user, commune))
        organisation = (
            Organisation.objects.for_commune(commune).filter(pk=own[0]).first() if own else None
        )
        try:
            create_location(
                actor=user,
                commune=commune,
                values=form.values(),
                accessibility=form.cleaned_data["accessibility"],
                organisation=organisation,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The place has been saved."))
            return redirect("offers:location_list", commune_slug=commune.slug)
    return render(request, "offers/location_form.html", {"commune": commune, "form": form})


@capability_required(Capability.EDIT_OWN_OFFERS)
def location_edit(request: HttpRequest, commune_slug: str, location_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    location = get_location_for_user(request, location_uuid)
    conflict = None
    if request.method != "POST":
        form = LocationForm(initial=location_initial(location), commune=commune)
    else:
        form = LocationForm(request.POST, commune=commune)
        if form.is_valid():
            try:
                update_location(
                    actor=acting_user(request),
                    location=location,
                    values=form.values(),
                    accessibility=form.cleaned_data["accessibility"],
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                conflict = conflict_rows(form, error)
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = LocationForm(data, commune=commune)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The place has been saved."))
                return redirect("offers:location_list", commune_slug=commune.slug)
    context = {"commune": commune, "form": form, "location": location, "conflict": conflict}
    return render(request, "offers/location_form.html", context)
