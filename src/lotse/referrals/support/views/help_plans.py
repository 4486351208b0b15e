"""The help plan of a case, for the early-help team (``WORK_CASES``): brokering offers,
a family midwife or FGKiKP, a volunteer sponsor, individual support hours, closing.

Every page that shows the case reads it through ``get_case_for_user``, which audits the
read."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.offers.selectors import publicly_visible
from lotse.referrals.access import get_case_for_user, readable_referrals
from lotse.referrals.models import Referral, ReferralStatus, TriageOutcome
from lotse.referrals.support.forms import (
    CloseCaseForm,
    DateForm,
    HealthRequestForm,
    HelpPlanForm,
    ProposeOfferForm,
    SponsorRequestForm,
    SupportWeekForm,
)
from lotse.referrals.support.models import BrokeredHelp, HealthAssignment, HelpPlan
from lotse.referrals.support.services import brokering, health, plans, sponsors
from lotse.referrals.support.views.common import add_service_errors

PURPOSE = "help plan"


@capability_required(Capability.WORK_CASES)
def help_plan_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Cases triaged as early help, with or without a help plan yet."""
    commune = commune_of(request)
    cases = (
        readable_referrals(acting_user(request), commune)
        .filter(
            status__in=(ReferralStatus.TRIAGED, ReferralStatus.HELP_IN_PROGRESS),
            triage_outcome=TriageOutcome.EARLY_HELP,
        )
        .select_related("family", "help_plan", "case_worker")
        .order_by("received_at")
    )
    return render(request, "support/help_plan_list.html", {"commune": commune, "cases": cases})


def _plan_of(referral: Referral) -> HelpPlan | None:
    try:
        plan: HelpPlan = referral.help_plan
    except HelpPlan.DoesNotExist:
        return None
    return plan


def _offers(request: HttpRequest) -> Any:
    return (
        publicly_visible(commune_of(request), timezone.localdate())
        .select_related("provider")
        .order_by("name")
    )


def _render_plan(
    request: HttpRequest,
    referral: Referral,
    *,
    status: int = 200,
    conflict: list[dict[str, Any]] | None = None,
    **forms_: forms.Form,
) -> HttpResponse:
    commune = commune_of(request)
    plan = _plan_of(referral)
    context: dict[str, Any] = {
        "commune": commune,
        "referral": referral,
        "family": referral.family,
        "children": list(referral.family.children.all()),
        "plan": plan,
        "conflict": conflict,
    }
    if plan is not None:
        context |= {
            "brokerages": plan.brokerages.select_related("offer", "organisation"),
            "assignments": HealthAssignment.objects.for_commune(commune)
            .filter(referral=referral)
            .select_related("professional__user"),
            "sponsorships": plan.sponsorships.select_related("volunteer"),
            "weeks": plan.weeks.all(),
            "plan_form": forms_.get("plan_form")
            or HelpPlanForm(initial={"goals": plan.goals, "version": plan.version}),
            "propose_form": forms_.get("propose_form") or ProposeOfferForm(offers=_offers(request)),
            "health_form": forms_.get("health_form") or HealthRequestForm(),
            "sponsor_form": forms_.get("sponsor_form")
            or SponsorRequestForm(initial={"languages": referral.family.languages}),
            "week_form": forms_.get("week_form") or SupportWeekForm(),
            "close_form": forms_.get("close_form")
            or CloseCaseForm(initial={"version": referral.version}),
            "end_form": DateForm(initial={"on": timezone.localdate()}),
        }
    return render(request, "support/help_plan.html", context, status=status)


def _case(request: HttpRequest, referral_uuid: UUID) -> Referral:
    return get_case_for_user(
        acting_user(request), commune_of(request), referral_uuid, purpose=PURPOSE
    )


def _plan_case(request: HttpRequest, plan_uuid: UUID) -> tuple[HelpPlan, Referral]:
    commune = commune_of(request)
    try:
        plan = HelpPlan.objects.for_commune(commune).get(uuid=plan_uuid)
    except (HelpPlan.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    referral = _case(request, plan.referral.uuid)
    return plan, referral


def _back(referral: Referral) -> HttpResponse:
    return redirect(
        "support:help_plan", commune_slug=referral.commune.slug, referral_uuid=referral.uuid
    )


@capability_required(Capability.WORK_CASES)
def help_plan(request: HttpRequest, commune_slug: str, referral_uuid: UUID) -> HttpResponse:
    return _render_plan(request, _case(request, referral_uuid))


@capability_required(Capability.WORK_CASES)
@require_POST
def help_plan_open(request: HttpRequest, commune_slug: str, referral_uuid: UUID) -> HttpResponse:
    referral = _case(request, referral_uuid)
    try:
        plans.open_help_plan(actor=acting_user(request), referral=referral)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The help has started; the help plan is open."))
    return _back(referral)


@capability_required(Capability.WORK_CASES)
@require_POST
def help_plan_goals(request: HttpRequest, commune_slug: str, plan_uuid: UUID) -> HttpResponse:
    plan, referral = _plan_case(request, plan_uuid)
    form = HelpPlanForm(request.POST)
    if form.is_valid():
        try:
            plans.update_help_plan(
                actor=acting_user(request),
                help_plan=plan,
                goals=form.cleaned_data["goals"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            data = request.POST.copy()
            data["version"] = str(conflict.current.version)
            rows = [
                {"label": _("Agreed goals and steps"), "saved": d.saved, "yours": d.yours}
                for d in conflict.differences
            ]
            return _render_plan(
                request, referral, status=409, conflict=rows, plan_form=HelpPlanForm(data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The help plan has been saved."))
            return _back(referral)
    return _render_plan(request, referral, status=422, plan_form=form)


@capability_required(Capability.WORK_CASES)
@require_POST
def help_propose(request: HttpRequest, commune_slug: str, plan_uuid: UUID) -> HttpResponse:
    plan, referral = _plan_case(request, plan_uuid)
    form = ProposeOfferForm(request.POST, offers=_offers(request))
    if form.is_valid():
        try:
            brokering.propose_offer(actor=acting_user(request), help_plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The offer has been added to the help plan."))
            return _back(referral)
    return _render_plan(request, referral, status=422, propose_form=form)


def _brokered(request: HttpRequest, uuid: UUID) -> tuple[BrokeredHelp, Referral]:
    try:
        brokered = BrokeredHelp.objects.for_commune(commune_of(request)).get(uuid=uuid)
    except (BrokeredHelp.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    return brokered, _case(request, brokered.help_plan.referral.uuid)


@capability_required(Capability.WORK_CASES)
@require_POST
def help_send(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    brokered, referral = _brokered(request, uuid)
    try:
        brokering.send_to_partner(
            actor=acting_user(request),
            brokered_help=brokered,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The partner has been asked by e-mail (without family data)."))
    return _back(referral)


@capability_required(Capability.WORK_CASES)
@require_POST
def help_end(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    brokered, referral = _brokered(request, uuid)
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            brokering.end_brokered_help(
                actor=acting_user(request), brokered_help=brokered, ended_on=form.cleaned_data["on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The brokered help has ended."))
    else:
        messages.error(request, _("Please enter a valid date."))
    return _back(referral)


@capability_required(Capability.WORK_CASES)
@require_POST
def health_request(request: HttpRequest, commune_slug: str, plan_uuid: UUID) -> HttpResponse:
    _plan, referral = _plan_case(request, plan_uuid)
    form = HealthRequestForm(request.POST)
    if form.is_valid():
        try:
            assignment = health.request_health_professional(
                actor=acting_user(request), referral=referral, kind=form.cleaned_data["kind"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if assignment.professional is None:
                messages.warning(request, _("No place is free: the family is on the waiting list."))
            else:
                messages.success(
                    request,
                    _("%(name)s takes on the family.") % {"name": assignment.professional.user},
                )
            return _back(referral)
    return _render_plan(request, referral, status=422, health_form=form)


@capability_required(Capability.WORK_CASES)
@require_POST
def health_cancel(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    try:
        assignment = HealthAssignment.objects.for_commune(commune).get(uuid=uuid)
    except (HealthAssignment.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    referral = _case(request, assignment.referral.uuid)
    try:
        health.end_assignment(
            actor=acting_user(request),
            commune=commune,
            assignment=assignment,
            ended_on=timezone.localdate(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The support has ended."))
    return _back(referral)


@capability_required(Capability.WORK_CASES)
@require_POST
def sponsor_request(request: HttpRequest, commune_slug: str, plan_uuid: UUID) -> HttpResponse:
    plan, referral = _plan_case(request, plan_uuid)
    form = SponsorRequestForm(request.POST)
    if form.is_valid():
        try:
            sponsors.request_sponsor(
                actor=acting_user(request), help_plan=plan, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The volunteer coordination has been asked."))
            return _back(referral)
    return _render_plan(request, referral, status=422, sponsor_form=form)


@capability_required(Capability.WORK_CASES)
@require_POST
def support_week(request: HttpRequest, commune_slug: str, plan_uuid: UUID) -> HttpResponse:
    plan, referral = _plan_case(request, plan_uuid)
    form = SupportWeekForm(request.POST)
    if form.is_valid():
        try:
            plans.record_support_week(
                actor=acting_user(request), help_plan=plan, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The hours have been saved."))
            return _back(referral)
    return _render_plan(request, referral, status=422, week_form=form)


@capability_required(Capability.WORK_CASES)
@require_POST
def help_plan_close(request: HttpRequest, commune_slug: str, plan_uuid: UUID) -> HttpResponse:
    plan, referral = _plan_case(request, plan_uuid)
    form = CloseCaseForm(request.POST)
    if form.is_valid():
        try:
            plans.close_help_case(
                actor=acting_user(request),
                help_plan=plan,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            form.add_error(None, _("Someone changed this case meanwhile. Please check it again."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case has been closed."))
            return redirect("support:help_plan_list", commune_slug=referral.commune.slug)
    return _render_plan(request, referral, status=422, close_form=form)
