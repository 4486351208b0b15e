"""Coordinators' settings of the intake: numbers, the team's contact, consent texts,
screening sheets (``MANAGE_COMMUNE_SETTINGS``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.permissions import Capability
from lotse.referrals.forms.case import ConsentTextForm, IntakeSettingsForm, ScreeningSheetForm
from lotse.referrals.models import ConsentText, ScreeningSheet
from lotse.referrals.selectors import intake_settings
from lotse.referrals.services.settings import (
    publish_consent_text,
    publish_screening_sheet,
    save_intake_settings,
)


@capability_required(Capability.MANAGE_COMMUNE_SETTINGS)
def settings_page(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    current = intake_settings(commune)
    form = IntakeSettingsForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        save_intake_settings(actor=acting_user(request), commune=commune, values=form.cleaned_data)
        messages.success(request, _("The intake settings are saved."))
        return redirect("referrals:settings", commune_slug=commune.slug)
    return render(request, "referrals/settings/intake.html", {"form": form})


@capability_required(Capability.MANAGE_COMMUNE_SETTINGS)
def consent_texts(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    texts = ConsentText.objects.for_commune(commune)
    current = texts.filter(is_current=True).first()
    initial = (
        {
            "title": current.title,
            "purpose": current.purpose,
            "data_passed": current.data,
            "recipients": current.recipients,
            "withdrawal": current.withdrawal,
        }
        if current
        else None
    )
    form = ConsentTextForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values["data"] = values.pop("data_passed")
        text = publish_consent_text(actor=acting_user(request), commune=commune, values=values)
        messages.success(
            request,
            _("Version %(version)s of the consent text is now in use.") % {"version": text.version},
        )
        return redirect("referrals:consent_texts", commune_slug=commune.slug)
    return render(request, "referrals/settings/consent_texts.html", {"form": form, "texts": texts})


@capability_required(Capability.MANAGE_COMMUNE_SETTINGS)
def screening_sheets(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    sheets = ScreeningSheet.objects.for_commune(commune).prefetch_related("items")
    current = sheets.filter(is_active=True).first()
    initial = (
        {
            "name": current.name,
            "threshold": current.threshold,
            "items": "\n".join(f"{item.points}; {item.text}" for item in current.items.all()),
        }
        if current
        else None
    )
    form = ScreeningSheetForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        publish_screening_sheet(
            actor=acting_user(request),
            commune=commune,
            name=form.cleaned_data["name"],
            threshold=form.cleaned_data["threshold"],
            items=form.cleaned_data["items"],
        )
        messages.success(request, _("The new screening sheet is in use."))
        return redirect("referrals:screening_sheets", commune_slug=commune.slug)
    return render(request, "referrals/settings/screening.html", {"form": form, "current": current})
