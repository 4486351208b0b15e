"""The coordination office's pages: funding years with their budget and overview,
allocation, settings (``MANAGE_FUNDING``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.funding.access import get_year
from lotse.funding.allocation import AllocationError, allocate, parse_table
from lotse.funding.deadlines import application_deadline
from lotse.funding.exports import year_xlsx
from lotse.funding.forms import (
    AllocationForm,
    BulkDecisionForm,
    FundingSettingsForm,
    FundingYearForm,
    NewYearForm,
)
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    FundingYear,
    settings_of,
)
from lotse.funding.selectors import applications_of_year, budget_of, proofs_due
from lotse.funding.services.review import decide_many, release_decisions
from lotse.funding.services.years import (
    YEAR_FIELDS,
    create_funding_year,
    update_funding_settings,
    update_funding_year,
)
from lotse.funding.views.common import add_errors, conflict_rows, download

MANAGE = Capability.MANAGE_FUNDING


@capability_required(MANAGE)
def year_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = NewYearForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            funding_year = create_funding_year(
                actor=acting_user(request), commune=commune, year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The funding year has been created."))
            return redirect("funding:year_edit", commune_slug=commune.slug, year=funding_year.year)
    years = list(FundingYear.objects.for_commune(commune))
    today = timezone.localdate()
    due, overdue = proofs_due(commune, today)
    return render(
        request,
        "funding/year_list.html",
        {
            "years": [(year, application_deadline(commune, year.year)) for year in years],
            "form": form,
            "due": due,
            "overdue": overdue,
        },
    )


@capability_required(MANAGE)
def year_detail(request: HttpRequest, commune_slug: str, year: int) -> HttpResponse:
    """The year overview: budget, applications and their status, bulk decision, release."""
    commune = commune_of(request)
    funding_year = get_year(commune, year)
    bulk_form = BulkDecisionForm(request.POST if "bulk" in request.POST else None)
    if request.method == "POST":
        actor = acting_user(request)
        try:
            if "release" in request.POST:
                released = release_decisions(actor=actor, funding_year=funding_year)
                messages.success(
                    request,
                    _("%(count)s decisions have been released and the applicants told.")
                    % {"count": len(released)},
                )
                return redirect("funding:year_detail", commune_slug=commune.slug, year=year)
            if bulk_form.is_valid():
                chosen = list(
                    Application.objects.for_commune(commune).filter(
                        funding_year=funding_year, uuid__in=request.POST.getlist("applications")
                    )
                )
                decided = decide_many(
                    actor=actor,
                    funding_year=funding_year,
                    applications=chosen,
                    decision=bulk_form.cleaned_data["decision"],
                    reason=bulk_form.cleaned_data["reason"],
                )
                messages.success(
                    request, _("%(count)s applications decided.") % {"count": len(decided)}
                )
                return redirect("funding:year_detail", commune_slug=commune.slug, year=year)
        except ValidationError as error:
            add_errors(bulk_form, error)
    applications = list(applications_of_year(funding_year))
    return render(
        request,
        "funding/year_detail.html",
        {
            "funding_year": funding_year,
            "budget": budget_of(funding_year),
            "applications": applications,
            "decidable": [
                a
                for a in applications
                if a.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)
            ],
            "pending": [a for a in applications if a.status == ApplicationStatus.DECISION_PENDING],
            "bulk_form": bulk_form,
            "deadline": application_deadline(commune, year),
        },
    )


@capability_required(MANAGE)
def year_edit(request: HttpRequest, commune_slug: str, year: int) -> HttpResponse:
    commune = commune_of(request)
    funding_year = get_year(commune, year)
    conflict: list[dict[str, Any]] | None = None
    if request.method == "POST":
        form = FundingYearForm(request.POST, instance=FundingYear(commune=commune, year=year))
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in YEAR_FIELDS}
            try:
                update_funding_year(
                    actor=acting_user(request),
                    funding_year=funding_year,
                    values=values,
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                conflict = conflict_rows(form, error.differences)
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = FundingYearForm(data, instance=FundingYear(commune=commune, year=year))
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The funding year has been saved."))
                return redirect("funding:year_detail", commune_slug=commune.slug, year=year)
    else:
        form = FundingYearForm(
            initial={
                **model_to_dict(funding_year, fields=YEAR_FIELDS),
                "version": funding_year.version,
            }
        )
    return render(
        request,
        "funding/year_edit.html",
        {"funding_year": funding_year, "form": form, "conflict": conflict},
    )


@capability_required(MANAGE)
def year_export(request: HttpRequest, commune_slug: str, year: int) -> HttpResponse:
    funding_year = get_year(commune_of(request), year)
    return download(
        year_xlsx(funding_year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"foerderjahr-{year}.xlsx",
    )


@capability_required(MANAGE)
def allocation(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """An estimate: each youth office's share of an amount, from the statewide table."""
    commune = commune_of(request)
    to_cents = settings_of(commune).round_to_cents
    form = AllocationForm(request.POST or None, request.FILES or None)
    shares = None
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["table"].read()
        try:
            text = raw.decode("utf-8")
            shares = allocate(form.cleaned_data["amount"], parse_table(text), to_cents=to_cents)
        except UnicodeDecodeError:
            form.add_error("table", _("The file must be a CSV file in UTF-8."))
        except AllocationError as error:
            for message in error.errors:
                form.add_error("table", message)
    return render(
        request,
        "funding/allocation.html",
        {
            "form": form,
            "shares": shares,
            "to_cents": to_cents,
            "total": sum(share.allocation for share in shares) if shares else None,
        },
    )


@capability_required(MANAGE)
def funding_settings(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    current = settings_of(commune)
    if request.method == "POST":
        form = FundingSettingsForm(request.POST)
        if form.is_valid():
            try:
                update_funding_settings(
                    actor=acting_user(request), commune=commune, values=form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The funding settings have been saved."))
                return redirect("funding:settings", commune_slug=commune.slug)
    else:
        form = FundingSettingsForm(
            initial={
                "funding_areas": "\n".join(current.funding_areas),
                "round_to_cents": current.round_to_cents,
                "max_upload_megabytes": current.max_upload_megabytes,
            }
        )
    return render(request, "funding/settings.html", {"form": form, "commune": commune})
