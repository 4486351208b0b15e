"""Welcome visits (Willkommensbesuche): the month's newborns, entering and importing them,
recording each visit, and the coverage per social area. The early-help team
(``WORK_CASES``)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.referrals.support.forms import (
    NewbornForm,
    NewbornImportForm,
    WelcomeVisitForm,
    month_choices,
)
from lotse.referrals.support.models import Newborn
from lotse.referrals.support.selectors import welcome_visit_coverage
from lotse.referrals.support.services.welcome import (
    NewbornData,
    add_newborn,
    first_of_month,
    import_newborns,
    record_welcome_visit,
)
from lotse.referrals.support.views.common import add_service_errors


def _month_of(request: HttpRequest) -> date:
    text = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        return first_of_month(timezone.localdate())


def _month_url(commune_slug: str, month: date) -> str:
    from django.urls import reverse  # noqa: PLC0415

    url = reverse("support:newborn_list", kwargs={"commune_slug": commune_slug})
    return f"{url}?month={month:%Y-%m}"


@capability_required(Capability.WORK_CASES)
def newborn_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    month = _month_of(request)
    newborns = (
        Newborn.objects.for_commune(commune).filter(birth_month=month).select_related("social_area")
    )
    return render(
        request,
        "support/newborn_list.html",
        {
            "commune": commune,
            "month": month,
            "month_value": f"{month:%Y-%m}",
            "months": month_choices(),
            "newborns": newborns,
        },
    )


@capability_required(Capability.WORK_CASES)
def newborn_add(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = NewbornForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            newborn = add_newborn(
                actor=acting_user(request), commune=commune, data=NewbornData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The newborn has been added to the list."))
            return redirect(_month_url(commune.slug, newborn.birth_month))
    return render(request, "support/newborn_form.html", {"commune": commune, "form": form})


@capability_required(Capability.WORK_CASES)
def newborn_import(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = NewbornImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        month = form.month_date()
        try:
            count = import_newborns(
                actor=acting_user(request),
                commune=commune,
                month=month,
                text=form.cleaned_data["file"],
            )
        except ValidationError as error:
            problems = list(error.messages)
        else:
            messages.success(
                request, _("%(count)s newborns have been imported.") % {"count": count}
            )
            return redirect(_month_url(commune.slug, month))
    return render(
        request,
        "support/newborn_import.html",
        {"commune": commune, "form": form, "problems": problems},
    )


@capability_required(Capability.WORK_CASES)
def newborn_visit(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    newborn = get_for_commune(Newborn, commune, uuid)
    form = WelcomeVisitForm(
        request.POST or None,
        initial={
            "visit_offered_on": newborn.visit_offered_on,
            "outcome": newborn.outcome,
            "outcome_on": newborn.outcome_on,
            "package_handed_over": newborn.package_handed_over,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_welcome_visit(
                actor=acting_user(request), commune=commune, newborn=newborn, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The welcome visit has been recorded."))
            return redirect(_month_url(commune.slug, newborn.birth_month))
    return render(
        request,
        "support/newborn_visit.html",
        {"commune": commune, "form": form, "newborn": newborn},
    )


@capability_required(Capability.WORK_CASES)
def welcome_coverage(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), 2100)
    return render(
        request,
        "support/welcome_coverage.html",
        {
            "commune": commune,
            "year": year,
            "years": range(this_year, this_year - 6, -1),
            "rows": welcome_visit_coverage(commune, year),
        },
    )
