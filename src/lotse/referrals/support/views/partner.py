"""The partner's inbox (``RECEIVE_BROKERED_HELP``): requests brokered to its own
organisation's offers, the audited view of what the family agreed to share, the answer and
the report that the family started."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.permissions import Capability
from lotse.referrals.models import ConsentScope, ReferralStatus
from lotse.referrals.support.forms import AnswerForm, DateForm
from lotse.referrals.support.models import BrokeredHelp
from lotse.referrals.support.services import brokering
from lotse.referrals.support.views.common import add_service_errors


@capability_required(Capability.RECEIVE_BROKERED_HELP)
def partner_inbox(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    organisations = brokering.partner_organisation_ids(acting_user(request), commune)
    requests = (
        BrokeredHelp.objects.for_commune(commune)
        .filter(organisation_id__in=organisations)
        .exclude(status__in=brokering.HIDDEN_FROM_PARTNER)
        .exclude(help_plan__referral__status=ReferralStatus.CONSENT_WITHDRAWN)
        .select_related("offer")
        .order_by("-sent_at", "-pk")
    )
    return render(request, "support/partner_inbox.html", {"commune": commune, "requests": requests})


def _find(request: HttpRequest, uuid: UUID) -> BrokeredHelp:
    """A request for the user's own organisation, or 404 (not audited: nothing shown)."""
    commune = commune_of(request)
    try:
        brokered: BrokeredHelp = (
            BrokeredHelp.objects.for_commune(commune)
            .select_related("offer", "help_plan__referral__family", "help_plan__referral__consent")
            .get(uuid=uuid)
        )
    except (BrokeredHelp.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    organisations = brokering.partner_organisation_ids(acting_user(request), commune)
    if brokered.organisation_id not in organisations or brokering.hidden_from_partner(brokered):
        raise Http404(_("Not found."))
    return brokered


def _request(request: HttpRequest, uuid: UUID) -> BrokeredHelp:
    """The request with the family, as far as its consent allows; the read is audited."""
    return brokering.read_brokered_family(
        actor=acting_user(request), brokered_help=_find(request, uuid)
    )


def _render(
    request: HttpRequest,
    brokered: BrokeredHelp,
    answer_form: AnswerForm | None = None,
    start_form: DateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    referral = brokered.help_plan.referral
    consent = referral.consent
    shared = consent is not None and consent.allows(ConsentScope.BROKER_TO_PARTNERS)
    return render(
        request,
        "support/partner_request.html",
        {
            "commune": commune_of(request),
            "brokered": brokered,
            "family": referral.family if shared else None,
            "answer_form": answer_form or AnswerForm(),
            "start_form": start_form or DateForm(initial={"on": timezone.localdate()}),
        },
        status=status,
    )


@capability_required(Capability.RECEIVE_BROKERED_HELP)
def partner_request(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    return _render(request, _request(request, uuid))


@capability_required(Capability.RECEIVE_BROKERED_HELP)
def partner_answer(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    brokered = _find(request, uuid)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            brokering.answer_request(
                actor=acting_user(request),
                brokered_help=brokered,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you, your answer has been passed to the team."))
            return redirect("support:partner_request", commune_slug=commune_slug, uuid=uuid)
    return _render(request, _request(request, uuid), answer_form=form, status=422)


@capability_required(Capability.RECEIVE_BROKERED_HELP)
def partner_started(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    brokered = _find(request, uuid)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            brokering.report_started(
                actor=acting_user(request),
                brokered_help=brokered,
                started_on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("on", message)
        else:
            messages.success(request, _("Thank you, the team sees that the family has started."))
            return redirect("support:partner_request", commune_slug=commune_slug, uuid=uuid)
    return _render(request, _request(request, uuid), start_form=form, status=422)
