"""Cooperation agreements: drafting, the PDF, signatures with the uploaded document,
obligations, termination, and the documents (served only through this check)."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.network.access import get_organisation_for_user
from lotse.network.forms import DateForm, ObligationForm, TerminationForm, UploadForm
from lotse.network.models import AgreementStatus, CooperationAgreement, Organisation
from lotse.network.selectors import has_signed_agreement
from lotse.network.services.agreements import (
    agreement_pdf,
    countersign,
    create_agreement,
    record_obligation,
    record_partner_signature,
    record_termination,
    send_agreement,
)

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def _agreement(request: HttpRequest, agreement_uuid: str) -> CooperationAgreement:
    return get_for_commune(CooperationAgreement, commune_of(request), agreement_uuid)


def _back(agreement: CooperationAgreement) -> HttpResponse:
    return redirect(
        "network:agreement_detail",
        commune_slug=agreement.commune.slug,
        agreement_uuid=agreement.uuid,
    )


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def agreement_create(
    request: HttpRequest, commune_slug: str, organisation_uuid: str
) -> HttpResponse:
    organisation = get_for_commune(Organisation, commune_of(request), organisation_uuid)
    try:
        agreement = create_agreement(actor=acting_user(request), organisation=organisation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(
            "network:organisation_detail",
            commune_slug=organisation.commune.slug,
            organisation_uuid=organisation.uuid,
        )
    messages.success(request, _("The agreement has been drafted from the template."))
    return _back(agreement)


def _render(
    request: HttpRequest,
    agreement: CooperationAgreement,
    *,
    date_form: DateForm | None = None,
    upload_form: UploadForm | None = None,
    termination_form: TerminationForm | None = None,
    obligation_form: ObligationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "network/agreement_detail.html",
        {
            "commune": agreement.commune,
            "agreement": agreement,
            "organisation": agreement.organisation,
            "obligations": agreement.obligations.all(),
            "history": agreement.history.select_related("actor"),
            "in_force": has_signed_agreement(agreement.organisation, today),
            "date_form": date_form or DateForm(initial={"day": today}),
            "upload_form": upload_form or UploadForm(initial={"day": today}),
            "termination_form": termination_form
            or TerminationForm(initial={"notice_received_on": today}),
            "obligation_form": obligation_form or ObligationForm(initial={"fulfilled_on": today}),
            "statuses": AgreementStatus,
        },
        status=status,
    )


@capability_required(Capability.MANAGE_NETWORK)
def agreement_detail(request: HttpRequest, commune_slug: str, agreement_uuid: str) -> HttpResponse:
    return _render(request, _agreement(request, agreement_uuid))


@capability_required(Capability.MANAGE_NETWORK)
def agreement_pdf_view(
    request: HttpRequest, commune_slug: str, agreement_uuid: str
) -> HttpResponse:
    return _pdf_response(_agreement(request, agreement_uuid))


def _pdf_response(agreement: CooperationAgreement) -> HttpResponse:
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="kooperationsvereinbarung-{agreement.uuid}.pdf"'
    )
    return response


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def agreement_send(request: HttpRequest, commune_slug: str, agreement_uuid: str) -> HttpResponse:
    agreement = _agreement(request, agreement_uuid)
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            send_agreement(
                actor=acting_user(request), agreement=agreement, sent_on=form.cleaned_data["day"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement is marked as sent."))
            return _back(agreement)
    return _render(request, agreement, date_form=form, status=422)


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def agreement_sign(request: HttpRequest, commune_slug: str, agreement_uuid: str) -> HttpResponse:
    agreement = _agreement(request, agreement_uuid)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            record_partner_signature(
                actor=acting_user(request),
                agreement=agreement,
                signed_on=form.cleaned_data["day"],
                document=form.cleaned_data["document"],
            )
        except ValidationError as error:
            _add_errors(form, error, {"signed_on": "day"})
        else:
            messages.success(request, _("The partner's signature has been recorded."))
            return _back(agreement)
    return _render(request, agreement, upload_form=form, status=422)


def _add_errors(form: forms.Form, error: ValidationError, renames: dict[str, str]) -> None:
    """Attach a service's field errors to the form's fields of other names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            name = renames.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def agreement_countersign(
    request: HttpRequest, commune_slug: str, agreement_uuid: str
) -> HttpResponse:
    agreement = _agreement(request, agreement_uuid)
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            countersign(
                actor=acting_user(request),
                agreement=agreement,
                countersigned_on=form.cleaned_data["day"],
            )
        except ValidationError as error:
            _add_errors(form, error, {"countersigned_on": "day"})
        else:
            messages.success(request, _("The agreement is countersigned and in force."))
            return _back(agreement)
    return _render(request, agreement, date_form=form, status=422)


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def agreement_obligation(
    request: HttpRequest, commune_slug: str, agreement_uuid: str
) -> HttpResponse:
    agreement = _agreement(request, agreement_uuid)
    form = ObligationForm(request.POST)
    if form.is_valid():
        try:
            record_obligation(
                actor=acting_user(request),
                agreement=agreement,
                kind=form.cleaned_data["kind"],
                fulfilled_on=form.cleaned_data["fulfilled_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_errors(form, error, {})
        else:
            messages.success(request, _("The obligation has been recorded."))
            return _back(agreement)
    return _render(request, agreement, obligation_form=form, status=422)


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def agreement_terminate(
    request: HttpRequest, commune_slug: str, agreement_uuid: str
) -> HttpResponse:
    agreement = _agreement(request, agreement_uuid)
    form = TerminationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            record_termination(
                actor=acting_user(request),
                agreement=agreement,
                notice_received_on=form.cleaned_data["notice_received_on"],
                effective_on=form.cleaned_data["effective_on"],
                document=form.cleaned_data["document"],
            )
        except ValidationError as error:
            _add_errors(form, error, {})
        else:
            messages.success(request, _("The written notice has been recorded."))
            return _back(agreement)
    return _render(request, agreement, termination_form=form, status=422)


@capability_required(Capability.MANAGE_NETWORK)
def agreement_document(
    request: HttpRequest, commune_slug: str, agreement_uuid: str, which: str
) -> HttpResponse:
    return _document_response(_agreement(request, agreement_uuid), which)


def _document_response(agreement: CooperationAgreement, which: str) -> HttpResponse:
    fields = {"signed": agreement.signed_document, "notice": agreement.termination_document}
    document = fields.get(which)
    if not document:
        raise Http404(_("Not found."))
    suffix = PurePath(document.name).suffix.lower()
    label = "unterschrieben" if which == "signed" else "kuendigung"
    # Read whole (at most 10 MB) so the file is closed whether or not the body is read.
    with document.open("rb") as stream:
        content = stream.read()
    response = HttpResponse(
        content, content_type=CONTENT_TYPES.get(suffix, "application/octet-stream")
    )
    response["Content-Disposition"] = f'attachment; filename="{label}-{agreement.uuid}{suffix}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Partner staff read their own organisation's agreement: another organisation's answers 404,
# the same as one that does not exist.
def _own_agreement(
    request: HttpRequest, organisation_uuid: str, agreement_uuid: str
) -> CooperationAgreement:
    organisation = get_organisation_for_user(request, organisation_uuid, need="write")
    agreement = _agreement(request, agreement_uuid)
    if agreement.organisation_id != organisation.pk:
        raise Http404(_("Not found."))
    return agreement


@capability_required(Capability.EDIT_OWN_ORGANISATION)
def own_agreement_detail(
    request: HttpRequest, commune_slug: str, organisation_uuid: str, agreement_uuid: str
) -> HttpResponse:
    agreement = _own_agreement(request, organisation_uuid, agreement_uuid)
    return render(
        request,
        "network/own_agreement_detail.html",
        {
            "commune": agreement.commune,
            "agreement": agreement,
            "organisation": agreement.organisation,
            "obligations": agreement.obligations.all(),
            "in_force": has_signed_agreement(agreement.organisation, timezone.localdate()),
        },
    )


@capability_required(Capability.EDIT_OWN_ORGANISATION)
def own_agreement_pdf(
    request: HttpRequest, commune_slug: str, organisation_uuid: str, agreement_uuid: str
) -> HttpResponse:
    return _pdf_response(_own_agreement(request, organisation_uuid, agreement_uuid))


@capability_required(Capability.EDIT_OWN_ORGANISATION)
def own_agreement_signed_document(
    request: HttpRequest, commune_slug: str, organisation_uuid: str, agreement_uuid: str
) -> HttpResponse:
    return _document_response(_own_agreement(request, organisation_uuid, agreement_uuid), "signed")
