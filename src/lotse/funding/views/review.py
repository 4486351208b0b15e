"""The coordination office's review of one application and its proof of use
(``MANAGE_FUNDING``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.models import User
from lotse.core.permissions import Capability
from lotse.funding.eligibility import why_not_eligible
from lotse.funding.exports import decision_letter_pdf, dossier_zip
from lotse.funding.files import read_stored
from lotse.funding.forms import DecisionForm, ReasonForm, ReopenForm, TextForm
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    Attachment,
    Comment,
    ProofOfUse,
    measure_status,
)
from lotse.funding.services.proofs import accept_proof, repayment_due, return_proof
from lotse.funding.services.review import (
    add_comment,
    ask_question,
    decide,
    reopen_submission,
    save_scores,
    start_review,
    undo_decision,
)
from lotse.funding.views.common import add_errors, download

MANAGE = Capability.MANAGE_FUNDING
S = ApplicationStatus


def _load(request: HttpRequest, uuid: str) -> Application:
    return get_for_commune(Application, commune_of(request), uuid)


def _act(request: HttpRequest, application: Application, forms: dict[str, Form]) -> bool:
    """Run the posted action; True when it succeeded."""
    actor: User = acting_user(request)
    action = request.POST.get("action", "")
    try:
        if action == "start":
            start_review(actor=actor, application=application)
        elif action == "comment" and forms["comment"].is_valid():
            add_comment(
                actor=actor, application=application, text=forms["comment"].cleaned_data["text"]
            )
        elif action == "question" and forms["question"].is_valid():
            ask_question(
                actor=actor, application=application, text=forms["question"].cleaned_data["text"]
            )
        elif action == "scores":
            save_scores(actor=actor, application=application, scores=_scores(request, application))
        elif action == "decide" and forms["decide"].is_valid():
            data = forms["decide"].cleaned_data
            decide(
                actor=actor,
                application=application,
                decision=data["decision"],
                amount=data["amount"],
                reason=data["reason"],
            )
        elif action == "undo" and forms["undo"].is_valid():
            undo_decision(
                actor=actor, application=application, reason=forms["undo"].cleaned_data["reason"]
            )
        elif action == "reopen" and forms["reopen"].is_valid():
            data = forms["reopen"].cleaned_data
            reopen_submission(
                actor=actor, application=application, until=data["until"], reason=data["reason"]
            )
        else:
            return False
    except ValidationError as error:
        form = forms.get(action)
        if form is None:
            for message in error.messages:
                messages.error(request, message)
        else:
            add_errors(form, error)
        return False
    return True


def _scores(request: HttpRequest, application: Application) -> dict[str, int]:
    scores: dict[str, int] = {}
    for index, priority in enumerate(application.funding_year.priority_list):
        raw = request.POST.get(f"score_{index}", "")
        if raw.strip():
            try:
                scores[priority] = int(raw)
            except ValueError:
                raise ValidationError(_("A score lies between 0 and 3.")) from None
    return scores


@capability_required(MANAGE)
def review(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    application = _load(request, uuid)
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "")

    def bound(name: str, form_class: type[Form]) -> Form:
        return form_class(posted if action == name else None, prefix=name)

    forms: dict[str, Form] = {
        "comment": bound("comment", TextForm),
        "question": bound("question", TextForm),
        "decide": bound("decide", DecisionForm),
        "undo": bound("undo", ReasonForm),
        "reopen": bound("reopen", ReopenForm),
    }
    if posted is not None and _act(request, application, forms):
        messages.success(request, _("Saved."))
        return redirect("funding:review", commune_slug=commune_slug, uuid=application.uuid)
    application.refresh_from_db()
    year = application.funding_year
    scores = [
        (index, priority, application.scores.get(priority, ""))
        for index, priority in enumerate(year.priority_list)
    ]
    return render(
        request,
        "funding/review.html",
        {
            "application": application,
            "forms": forms,
            "scores": scores,
            "comments": Comment.objects.for_commune(application.commune)
            .filter(application=application)
            .select_related("author"),
            "history": application.status_changes.select_related("actor"),
            "attachments": application.attachments.all(),
            "cost_items": application.cost_items.all(),
            "eligibility": why_not_eligible(application.organisation, timezone.localdate()),
            "reviewable": application.status in (S.SUBMITTED, S.IN_REVIEW),
            "undoable": application.status
            in (S.DECISION_PENDING, S.APPROVED, S.PARTIALLY_APPROVED, S.REJECTED),
            "measure_status": measure_status(application, timezone.localdate())
            if application.is_funded
            else None,
        },
    )


@capability_required(MANAGE)
def review_attachment(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    attachment = get_for_commune(Attachment, commune_of(request), uuid)
    return download(
        read_stored(attachment.stored_name),
        content_type=attachment.content_type,
        filename=f"anlage-{attachment.uuid}{_suffix(attachment)}",
    )


def _suffix(attachment: Attachment) -> str:
    return "." + attachment.stored_name.rsplit(".", 1)[-1]


@capability_required(MANAGE)
def review_letter(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """The decision letter as it will be (or was) sent; a preview before release."""
    application = _load(request, uuid)
    return download(
        decision_letter_pdf(application),
        content_type="application/pdf",
        filename=f"bescheid-{application.uuid}.pdf",
        inline=True,
    )


@capability_required(MANAGE)
def dossier(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    application = _load(request, uuid)
    return download(
        dossier_zip(application),
        content_type="application/zip",
        filename=f"dossier-{application.uuid}.zip",
    )


@capability_required(MANAGE)
def proof_check(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    commune = commune_of(request)
    proof = get_for_commune(ProofOfUse, commune, uuid)
    form = ReasonForm(request.POST if request.POST.get("action") == "return" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                accept_proof(actor=acting_user(request), proof=proof)
                messages.success(request, _("The proof of use has been accepted."))
                return redirect("funding:proof_check", commune_slug=commune.slug, uuid=proof.uuid)
            if form.is_valid():
                return_proof(
                    actor=acting_user(request), proof=proof, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The proof of use has been returned for corrections."))
                return redirect("funding:proof_check", commune_slug=commune.slug, uuid=proof.uuid)
        except ValidationError as error:
            add_errors(form, error)
    application = proof.application
    context: dict[str, Any] = {
        "proof": proof,
        "application": application,
        "cost_items": application.cost_items.all(),
        "receipts": application.attachments.all(),
        "form": form,
        "repayment": repayment_due(proof),
    }
    return render(request, "funding/proof_check.html", context)
