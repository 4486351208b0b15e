"""The applicants' pages: their organisation's applications, the form, attachments,
submission, withdrawal, the decision letter and the proof of use
(``APPLY_FOR_FUNDING``, own organisation only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.funding.access import get_own_application, get_year, own_organisation
from lotse.funding.deadlines import application_closes_at, application_deadline
from lotse.funding.eligibility import why_not_eligible
from lotse.funding.exports import decision_letter_pdf
from lotse.funding.files import read_stored
from lotse.funding.forms import (
    ApplicationForm,
    AttachmentForm,
    NewApplicationForm,
    ProofForm,
    TextForm,
    WithdrawForm,
)
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    Attachment,
    AttachmentPurpose,
    CommentKind,
    FundingYear,
    ProofOfUse,
    measure_status,
    settings_of,
)
from lotse.funding.services.applications import (
    APPLICATION_FIELDS,
    EDITABLE,
    add_attachment,
    answer_question,
    create_application,
    save_application,
    submission_problems,
    submit_application,
    withdraw_application,
)
from lotse.funding.services.proofs import PROOF_FIELDS, proof_problems, save_proof, submit_proof
from lotse.funding.views.common import add_errors, conflict_rows, download

APPLY = Capability.APPLY_FOR_FUNDING
S = ApplicationStatus


def _organisation(request: HttpRequest) -> Any:
    organisation = own_organisation(acting_user(request), commune_of(request))
    if organisation is None:
        raise PermissionDenied(_("Your role does not allow this."))
    return organisation


@capability_required(APPLY)
def my_applications(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    organisation = _organisation(request)
    now = timezone.now()
    form = NewApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        funding_year = get_year(commune, form.cleaned_data["funding_year"])
        application = create_application(
            actor=acting_user(request),
            organisation=organisation,
            funding_year=funding_year,
            title=form.cleaned_data["title"],
        )
        messages.success(request, _("Your draft has been created."))
        return redirect(
            "funding:application_edit", commune_slug=commune.slug, uuid=application.uuid
        )
    open_years = [
        (year, application_deadline(commune, year.year))
        for year in FundingYear.objects.for_commune(commune)
        if now < application_closes_at(commune, year.year)
    ]
    applications = (
        Application.objects.for_commune(commune)
        .filter(organisation=organisation)
        .select_related("funding_year", "proof")
        .order_by("-funding_year__year", "title")
    )
    return render(
        request,
        "funding/my_applications.html",
        {
            "organisation": organisation,
            "applications": applications,
            "open_years": open_years,
            "form": form,
            "reasons": why_not_eligible(organisation, timezone.localdate()),
        },
    )


def _application_form(
    request: HttpRequest, application: Application, data: Any = None
) -> ApplicationForm:
    commune = application.commune
    areas = settings_of(commune).funding_areas
    if data is not None:
        return ApplicationForm(data, commune=commune, funding_areas=areas, instance=Application())
    initial: dict[str, Any] = {
        **model_to_dict(application, fields=APPLICATION_FIELDS),
        "social_areas": list(application.social_areas.all()),
        "version": application.version,
    }
    for index, item in enumerate(application.cost_items.all()):
        initial[f"cost_label_{index}"] = item.label
        initial[f"cost_amount_{index}"] = item.planned_amount
    return ApplicationForm(commune=commune, funding_areas=areas, initial=initial)


@capability_required(APPLY)
def application_edit(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    application = get_own_application(request, uuid)
    conflict: list[dict[str, Any]] | None = None
    if request.method == "POST":
        form = _application_form(request, application, request.POST)
        if form.is_valid():
            try:
                save_application(
                    actor=acting_user(request),
                    application=application,
                    values={name: form.cleaned_data[name] for name in APPLICATION_FIELDS},
                    social_areas=list(form.cleaned_data["social_areas"]),
                    cost_items=form.cost_items(),
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                conflict = conflict_rows(form, error.differences)
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = _application_form(request, application, data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your application has been saved."))
                return redirect(
                    "funding:application_edit", commune_slug=commune_slug, uuid=application.uuid
                )
    else:
        form = _application_form(request, application)
    return _render_application(request, application, form=form, conflict=conflict)


def _render_application(
    request: HttpRequest,
    application: Application,
    *,
    form: ApplicationForm | None = None,
    attachment_form: AttachmentForm | None = None,
    answer_form: TextForm | None = None,
    conflict: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    now = timezone.now()
    editable = application.status in EDITABLE
    proof = (
        ProofOfUse.objects.for_commune(application.commune).filter(application=application).first()
    )
    return render(
        request,
        "funding/application_edit.html",
        {
            "application": application,
            "form": form if editable else None,
            "editable": editable,
            "conflict": conflict,
            "attachment_form": attachment_form
            or AttachmentForm(initial={"purpose": "application"}),
            "answer_form": answer_form or TextForm(prefix="answer"),
            "withdraw_form": WithdrawForm(prefix="withdraw"),
            "attachments": application.attachments.filter(purpose=AttachmentPurpose.APPLICATION),
            "questions": application.comments.exclude(kind=CommentKind.INTERNAL).select_related(
                "author"
            ),
            "cost_items": application.cost_items.all(),
            "problems": submission_problems(application, now)
            if application.status == S.DRAFT
            else [],
            "deadline": application_deadline(application.commune, application.funding_year.year),
            "withdrawable": application.status
            in (S.DRAFT, S.SUBMITTED, S.MORE_INFO, S.IN_REVIEW, S.DECISION_PENDING),
            "proof": proof,
            "measure_status": measure_status(application, timezone.localdate())
            if application.is_funded
            else None,
        },
    )


@capability_required(APPLY)
@require_POST
def application_action(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """Submit, withdraw, answer a question or attach a document."""
    application = get_own_application(request, uuid)
    actor = acting_user(request)
    action = request.POST.get("action", "")
    attachment_form = AttachmentForm(
        request.POST if action == "upload" else None,
        request.FILES if action == "upload" else None,
    )
    answer_form = TextForm(request.POST if action == "answer" else None, prefix="answer")
    try:
        if action == "submit":
            submit_application(actor=actor, application=application)
            messages.success(request, _("Your application has been submitted."))
        elif action == "withdraw":
            form = WithdrawForm(request.POST, prefix="withdraw")
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            withdraw_application(actor=actor, application=application, reason=reason)
            messages.success(request, _("Your application has been withdrawn."))
        elif action == "answer":
            if not answer_form.is_valid():
                return _render_application(request, application, answer_form=answer_form)
            answer_question(
                actor=actor, application=application, text=answer_form.cleaned_data["text"]
            )
            messages.success(request, _("Your answer has been sent."))
        elif action == "upload":
            if not attachment_form.is_valid():
                return _render_application(request, application, attachment_form=attachment_form)
            add_attachment(
                actor=actor,
                application=application,
                upload=attachment_form.cleaned_data["file"],
                purpose=attachment_form.cleaned_data["purpose"],
            )
            messages.success(request, _("The document has been attached."))
        else:
            raise Http404(_("Not found."))
    except ValidationError as error:
        if action == "upload":
            add_errors(attachment_form, error)
            if attachment_form.cleaned_data.get("purpose") != AttachmentPurpose.APPLICATION:
                return _render_proof(request, application.proof, upload_form=attachment_form)
            return _render_application(request, application, attachment_form=attachment_form)
        for message in error.messages:
            messages.error(request, message)
    if (
        action == "upload"
        and attachment_form.cleaned_data["purpose"] != AttachmentPurpose.APPLICATION
    ):
        return redirect("funding:proof_edit", commune_slug=commune_slug, uuid=application.uuid)
    return redirect("funding:application_edit", commune_slug=commune_slug, uuid=application.uuid)


@capability_required(APPLY)
def attachment_download(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    attachment = get_for_commune(Attachment, commune_of(request), uuid)
    get_own_application(request, attachment.application.uuid)
    return download(
        read_stored(attachment.stored_name),
        content_type=attachment.content_type,
        filename=f"anlage-{attachment.uuid}.{attachment.stored_name.rsplit('.', 1)[-1]}",
    )


@capability_required(APPLY)
def decision_letter(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """The decision letter, once the decision has been released to the applicant."""
    application = get_own_application(request, uuid)
    if application.told_status not in (S.APPROVED, S.PARTIALLY_APPROVED, S.REJECTED):
        raise Http404(_("Not found."))
    return download(
        decision_letter_pdf(application),
        content_type="application/pdf",
        filename=f"bescheid-{application.uuid}.pdf",
        inline=True,
    )


def _render_proof(
    request: HttpRequest,
    proof: ProofOfUse,
    *,
    form: ProofForm | None = None,
    upload_form: AttachmentForm | None = None,
    conflict: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    application = proof.application
    cost_items = list(application.cost_items.all())
    if form is None:
        form = ProofForm(
            initial={**model_to_dict(proof, fields=PROOF_FIELDS), "version": proof.version},
            cost_items=cost_items,
        )
    return render(
        request,
        "funding/proof_edit.html",
        {
            "proof": proof,
            "application": application,
            "form": form,
            "editable": proof.status in ("open", "returned"),
            "upload_form": upload_form or AttachmentForm(initial={"purpose": "receipt"}),
            "receipts": application.attachments.exclude(purpose=AttachmentPurpose.APPLICATION),
            "problems": proof_problems(proof),
            "conflict": conflict,
        },
    )


@capability_required(APPLY)
def proof_edit(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    application = get_own_application(request, uuid)
    proof = (
        ProofOfUse.objects.for_commune(application.commune).filter(application=application).first()
    )
    if proof is None:
        raise Http404(_("Not found."))
    if request.method != "POST":
        return _render_proof(request, proof)
    actor = acting_user(request)
    if request.POST.get("action") == "submit":
        try:
            submit_proof(actor=actor, proof=proof)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your proof of use has been submitted."))
        return redirect("funding:proof_edit", commune_slug=commune_slug, uuid=application.uuid)
    cost_items = list(application.cost_items.all())
    form = ProofForm(request.POST, cost_items=cost_items, instance=ProofOfUse())
    if form.is_valid():
        try:
            save_proof(
                actor=actor,
                proof=proof,
                values={name: form.cleaned_data[name] for name in PROOF_FIELDS},
                spent=form.spent(),
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            return _render_proof(
                request,
                proof,
                form=ProofForm(data, cost_items=cost_items, instance=ProofOfUse()),
                conflict=conflict_rows(form, error.differences),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your proof of use has been saved."))
            return redirect("funding:proof_edit", commune_slug=commune_slug, uuid=application.uuid)
    return _render_proof(request, proof, form=form)
