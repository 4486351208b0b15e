"""The commune's categories and catalog settings (coordination only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.offers.forms import CatalogSettingsForm, CategoryForm
from lotse.offers.models import TaxonomyTerm
from lotse.offers.selectors import catalog_settings
from lotse.offers.services.catalog import (
    SETTINGS_FIELDS,
    create_category,
    remove_category,
    update_catalog_settings,
    update_category,
)
from lotse.offers.views.common import add_errors


@capability_required(Capability.MANAGE_OFFERS)
def category_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            create_category(actor=acting_user(request), commune=commune, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The category has been added."))
            return redirect("offers:category_list", commune_slug=commune.slug)
    terms = (
        TaxonomyTerm.objects.for_commune(commune)
        .filter(is_category=True)
        .annotate(offer_count=Count("offers"))
    )
    context = {"commune": commune, "terms": terms, "form": form}
    return render(request, "offers/category_list.html", context)


@capability_required(Capability.MANAGE_OFFERS)
def category_edit(request: HttpRequest, commune_slug: str, term_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    term = get_for_commune(TaxonomyTerm, commune, term_uuid)
    initial = {"name": term.name, "description": term.description, "position": term.position}
    form = CategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_category(actor=acting_user(request), term=term, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The category has been saved."))
            return redirect("offers:category_list", commune_slug=commune.slug)
    context = {"commune": commune, "term": term, "form": form}
    return render(request, "offers/category_form.html", context)


@capability_required(Capability.MANAGE_OFFERS)
@require_POST
def category_remove(request: HttpRequest, commune_slug: str, term_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    term = get_for_commune(TaxonomyTerm, commune, term_uuid)
    try:
        remove_category(actor=acting_user(request), term=term)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The category has been removed."))
    return redirect("offers:category_list", commune_slug=commune.slug)


@capability_required(Capability.MANAGE_OFFERS)
def catalog_settings_edit(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    current = catalog_settings(commune)
    form = CatalogSettingsForm(
        request.POST or None, initial=model_to_dict(current, fields=SETTINGS_FIELDS)
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_catalog_settings(
                actor=acting_user(request), commune=commune, values=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("offers:catalog_settings", commune_slug=commune.slug)
    return render(request, "offers/catalog_settings.html", {"commune": commune, "form": form})
