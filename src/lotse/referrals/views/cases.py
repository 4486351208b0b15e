"""The early-help workers' pages: the queue, the case file and what happens to a case.
Every page that shows a case reads it through :func:`read_case` (audited)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.core.workdays import local_date
from lotse.referrals.access import get_case_for_user
from lotse.referrals.forms.case import CloseCaseForm, ContactAttemptForm, FamilyForm, TriageForm
from lotse.referrals.models import Referral
from lotse.referrals.pdf import pdf_response
from lotse.referrals.selectors import queue as queue_of
from lotse.referrals.services import (
    close_case,
    log_contact_attempt,
    set_confidential,
    start_help,
    take_on_case,
    triage,
    update_family,
)
from lotse.referrals.services.exports import anonymised_summary, family_export
from lotse.referrals.services.lifecycle import FAMILY_FIELDS as FAMILY_FORM_FIELDS

# Open cases per page of the queue: a page's cost must not grow with the open cases.
QUEUE_PER_PAGE = 50


@capability_required(Capability.WORK_CASES)
def queue(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Open cases by due date, a page at a time; overdue and due today marked. No personal
    data beyond the family's name is shown here, and the list is not a read of a case file."""
    today = local_date(timezone.now())
    page = Paginator(queue_of(acting_user(request), commune_of(request)), QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(referral, referral.due_state(today)) for referral in page.object_list]
    return render(
        request, "referrals/cases/queue.html", {"rows": rows, "page": page, "today": today}
    )


def _case(request: HttpRequest, uuid: str, purpose: str) -> Referral:
    return get_case_for_user(acting_user(request), commune_of(request), uuid, purpose=purpose)


def _detail_context(referral: Referral) -> dict[str, Any]:
    family = referral.family
    return {
        "referral": referral,
        "family": family,
        "children": list(family.children.all()),
        "consents": list(family.consents.select_related("text")),
        "attempts": list(referral.contact_attempts.select_related("recorded_by")),
        "history": list(referral.history.select_related("actor")),
        "handover": getattr(referral, "asd_handover", None),
        "screening": getattr(referral, "screening_result", None),
        "today": local_date(timezone.now()),
        "due_state": referral.due_state(local_date(timezone.now())),
    }


@capability_required(Capability.WORK_CASES)
def case_detail(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    referral = _case(request, uuid, "case file")
    context = _detail_context(referral)
    context["contact_form"] = ContactAttemptForm()
    return render(request, "referrals/cases/detail.html", context)


@capability_required(Capability.WORK_CASES)
def log_contact(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    referral = _case(request, uuid, "contact attempt")
    form = ContactAttemptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            log_contact_attempt(actor=acting_user(request), referral=referral, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The contact attempt is logged."))
            return redirect(referral_url(referral))
    return render(request, "referrals/cases/contact.html", {"form": form, "referral": referral})


def referral_url(referral: Referral) -> str:
    return reverse(
        "referrals:case_detail",
        kwargs={"commune_slug": referral.commune.slug, "uuid": referral.uuid},
    )


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _conflict(error: EditConflict) -> list[dict[str, Any]]:
    return [
        {"field": difference.field, "saved": difference.saved, "yours": difference.yours}
        for difference in error.differences
    ]


@capability_required(Capability.WORK_CASES)
def triage_case(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    referral = _case(request, uuid, "triage")
    form = TriageForm(
        request.POST if request.method == "POST" else None,
        initial={"version": referral.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            triage(
                actor=acting_user(request),
                referral=referral,
                outcome=data["outcome"],
                reason=data["reason"],
                expected_version=data["version"],
                asd_reason=data["asd_reason"],
                asd_handed_over_at=data["asd_handed_over_at"],
                asd_receiving_person=data["asd_receiving_person"],
            )
        except EditConflict as error:
            conflict = _conflict(error)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The triage is saved."))
            return redirect(referral_url(referral))
    return render(
        request,
        "referrals/cases/triage.html",
        {"form": form, "referral": referral, "conflict": conflict},
    )


@capability_required(Capability.WORK_CASES)
def close(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    referral = _case(request, uuid, "closing")
    form = CloseCaseForm(
        request.POST if request.method == "POST" else None,
        initial={"version": referral.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            close_case(
                actor=acting_user(request),
                referral=referral,
                outcome=data["outcome"],
                reason=data["reason"],
                expected_version=data["version"],
            )
        except EditConflict as error:
            conflict = _conflict(error)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The case is closed."))
            return redirect(referral_url(referral))
    return render(
        request,
        "referrals/cases/close.html",
        {"form": form, "referral": referral, "conflict": conflict},
    )


@capability_required(Capability.WORK_CASES)
@require_POST
def begin_help(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    referral = _case(request, uuid, "start help")
    try:
        start_help(actor=acting_user(request), referral=referral)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The help has started."))
    return redirect(referral_url(referral))


@capability_required(Capability.WORK_CASES)
@require_POST
def take_on(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    referral = _case(request, uuid, "take on")
    take_on_case(actor=acting_user(request), referral=referral)
    messages.success(request, _("You are now the case worker."))
    return redirect(referral_url(referral))


@capability_required(Capability.WORK_CASES)
@require_POST
def confidential(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    referral = _case(request, uuid, "§ 65 marking")
    mark = request.POST.get("confidential") == "1"
    version = request.POST.get("version", "")
    try:
        set_confidential(
            actor=acting_user(request),
            referral=referral,
            confidential=mark,
            expected_version=int(version) if version.isdigit() else None,
        )
    except EditConflict:
        messages.error(request, _("Someone else changed the case meanwhile. Please check again."))
    else:
        messages.success(
            request,
            _("The case is marked as entrusted to you personally.")
            if mark
            else _("The § 65 marking is lifted."),
        )
    return redirect(referral_url(referral))


@capability_required(Capability.WORK_CASES)
def export(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """Art. 15 GDPR: everything about the family, as JSON or PDF."""
    referral = _case(request, uuid, "Art. 15 export")
    data = family_export(actor=acting_user(request), referral=referral)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="auskunft-{referral.uuid}.json"'
        response["Cache-Control"] = "no-store"
        return response
    return pdf_response(
        request, "referrals/pdf/export.html", {"data": data}, f"auskunft-{referral.uuid}.pdf"
    )


@capability_required(Capability.WORK_CASES)
def summary(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """An anonymised summary for the network's case consultation."""
    referral = _case(request, uuid, "anonymised summary")
    data = anonymised_summary(
        actor=acting_user(request), referral=referral, on=local_date(timezone.now())
    )
    return render(request, "referrals/cases/summary.html", {"summary": data})


@capability_required(Capability.WORK_CASES)
def edit_family(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """Correct the family's details; two workers editing at once overwrite nothing."""
    referral = _case(request, uuid, "edit family")
    family = referral.family
    initial = {field: getattr(family, field) for field in FAMILY_FORM_FIELDS}
    initial["version"] = referral.version
    form = FamilyForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        commune=commune_of(request),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["languages"] = sorted(set(data["languages"]))
        try:
            update_family(
                actor=acting_user(request), referral=referral, values=data, expected_version=version
            )
        except EditConflict as error:
            conflict = _conflict(error)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The family's details are saved."))
            return redirect(referral_url(referral))
    return render(
        request,
        "referrals/cases/family.html",
        {"form": form, "referral": referral, "conflict": conflict},
    )
