"""Fachtag: topic wishes and votes, the board's choice, registration and waiting list."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import (
    acting_user,
    capability_required,
    commune_of,
    get_for_commune,
    has_capability,
)
from lotse.core.permissions import Capability
from lotse.meetings.forms import RegistrationForm, TopicCallForm, TopicForm
from lotse.meetings.models import (
    Meeting,
    Registration,
    TopicCall,
    TopicProposal,
    TopicStatus,
)
from lotse.meetings.services.conference import (
    cancel_registration,
    decide_topic,
    open_topic_call,
    propose_topic,
    record_conference_attendance,
    register,
    vote_for_topic,
    votes_left,
)
from lotse.meetings.views.support import add_errors, own_organisation
from lotse.network.selectors import current_members

C = Capability


@capability_required(C.TAKE_PART_IN_MEETINGS)
def topic_calls(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return _render_calls(request, TopicCallForm())


def _render_calls(request: HttpRequest, form: TopicCallForm) -> HttpResponse:
    commune = commune_of(request)
    calls: TopicCall = TopicCall.objects.for_commune(commune).order_by("-year")
    return render(
        request,
        "meetings/topic_calls.html",
        {
            "commune": commune,
            "calls": calls,
            "form": form,
            "can_manage": has_capability(request, C.MANAGE_MEETINGS),
        },
    )


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def topic_call_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = TopicCallForm(request.POST)
    if form.is_valid():
        try:
            open_topic_call(actor=acting_user(request), commune=commune, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The period for topic wishes is set."))
            return redirect("meetings:topic_calls", commune.slug)
    return _render_calls(request, form)


@capability_required(C.TAKE_PART_IN_MEETINGS)
def topic_call_detail(request: HttpRequest, commune_slug: str, call_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    call = get_for_commune(TopicCall, commune, call_uuid)
    organisation = own_organisation(request)
    proposals = list(
        call.proposals.select_related("organisation", "merged_into")
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at")
    )
    voted = set()
    if organisation is not None:
        voted = set(
            call.proposals.filter(votes__organisation=organisation).values_list("pk", flat=True)
        )
    today = timezone.localdate()
    return render(
        request,
        "meetings/topic_call_detail.html",
        {
            "commune": commune,
            "call": call,
            "proposals": proposals,
            "voted": voted,
            "organisation": organisation,
            "votes_left": votes_left(call, organisation) if organisation else 0,
            "is_open": call.opens_on <= today <= call.closes_on,
            "form": TopicForm(),
            "can_manage": has_capability(request, C.MANAGE_MEETINGS),
            "statuses": [
                (TopicStatus.ACCEPTED, TopicStatus.ACCEPTED.label),
                (TopicStatus.REJECTED, TopicStatus.REJECTED.label),
            ],
            "merge_targets": [p for p in proposals if p.status != TopicStatus.MERGED],
        },
    )


def _to_call(call: TopicCall) -> HttpResponse:
    return redirect("meetings:topic_call_detail", call.commune.slug, call.uuid)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _flash(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@capability_required(C.TAKE_PART_IN_MEETINGS)
@require_POST
def topic_propose(request: HttpRequest, commune_slug: str, call_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    call = get_for_commune(TopicCall, commune, call_uuid)
    form = TopicForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please name the topic."))
        return _to_call(call)
    try:
        propose_topic(
            actor=acting_user(request),
            commune=commune,
            call=call,
            organisation=own_organisation(request),
            **form.cleaned_data,
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("Thank you: your topic wish has been submitted."))
    return _to_call(call)


@capability_required(C.TAKE_PART_IN_MEETINGS)
@require_POST
def topic_vote(request: HttpRequest, commune_slug: str, proposal_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    proposal = get_for_commune(TopicProposal, commune, proposal_uuid)
    try:
        vote_for_topic(
            actor=acting_user(request),
            commune=commune,
            proposal=proposal,
            organisation=own_organisation(request),
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("Your organisation's vote has been counted."))
    return _to_call(proposal.call)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def topic_decide(request: HttpRequest, commune_slug: str, proposal_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    proposal = get_for_commune(TopicProposal, commune, proposal_uuid)
    # Only a wish of the same call can take the merged one in; anything else counts as
    # "none chosen" and the service refuses it with a German message.
    merged_into = (
        TopicProposal.objects.for_commune(commune)
        .filter(call=proposal.call, uuid=request.POST["merged_into"])
        .exclude(pk=proposal.pk)
        .first()
        if _is_uuid(request.POST.get("merged_into", ""))
        else None
    )
    try:
        decide_topic(
            actor=acting_user(request),
            commune=commune,
            proposal=proposal,
            status=request.POST.get("status", ""),
            merged_into=merged_into,
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("The board's decision has been recorded."))
    return _to_call(proposal.call)


def _to_meeting(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:meeting_detail", meeting.commune.slug, meeting.uuid)


@capability_required(C.TAKE_PART_IN_MEETINGS)
@require_POST
def registration_add(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    members = current_members(commune)
    if not has_capability(request, C.MANAGE_MEETINGS):
        own = own_organisation(request)
        members = members.filter(pk=own.pk) if own else members.none()
    form = RegistrationForm(request.POST, organisations=members)
    if not form.is_valid():
        messages.error(request, _("Please give name, e-mail address and organisation."))
        return _to_meeting(meeting)
    try:
        registration = register(
            actor=acting_user(request), commune=commune, meeting=meeting, **form.cleaned_data
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(
            request,
            _("Registered; a confirmation has been sent.")
            if registration.status == "registered"
            else _("The Fachtag is fully booked: the registration is on the waiting list."),
        )
    return _to_meeting(meeting)


def _registration(request: HttpRequest, registration_uuid: str) -> Registration:
    registration = get_for_commune(Registration, commune_of(request), registration_uuid)
    if not has_capability(request, C.MANAGE_MEETINGS):
        own = own_organisation(request)
        if own is None or registration.organisation_id != own.pk:
            raise Http404(_("Not found."))
    return registration


@capability_required(C.TAKE_PART_IN_MEETINGS)
@require_POST
def registration_cancel(
    request: HttpRequest, commune_slug: str, registration_uuid: str
) -> HttpResponse:
    registration = _registration(request, registration_uuid)
    try:
        cancel_registration(
            actor=acting_user(request), commune=commune_of(request), registration=registration
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("The registration has been cancelled."))
    return _to_meeting(registration.meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def registration_attended(
    request: HttpRequest, commune_slug: str, registration_uuid: str
) -> HttpResponse:
    registration = get_for_commune(Registration, commune_of(request), registration_uuid)
    try:
        record_conference_attendance(
            actor=acting_user(request),
            commune=commune_of(request),
            registration=registration,
            attended=request.POST.get("attended") == "1",
        )
    except ValidationError as error:
        _flash(request, error)
    return _to_meeting(registration.meeting)
