"""Guests and the attendance list: prepare, tick on a tablet, print for signatures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.meetings.forms import AttendanceForm, GuestDecisionForm, GuestForm, PresenceForm
from lotse.meetings.models import Attendance, GuestRequest, GuestStatus, Meeting
from lotse.meetings.pdf import attendance_pdf
from lotse.meetings.services.attendance import (
    add_attendance,
    decide_guest,
    prepare_attendance_list,
    request_guest,
    set_presence,
)
from lotse.meetings.views.support import add_errors, audited_download

C = Capability


def _back(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:meeting_detail", meeting.commune.slug, meeting.uuid)


def _to_list(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:attendance", meeting.commune.slug, meeting.uuid)


@capability_required(C.TAKE_PART_IN_MEETINGS)
@require_POST
def guest_request(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    form = GuestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the guest's name."))
        return _back(meeting)
    try:
        request_guest(
            actor=acting_user(request), commune=commune, meeting=meeting, **form.cleaned_data
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The guest has been proposed; the network decides."))
    return _back(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def guest_decide(request: HttpRequest, commune_slug: str, guest_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    guest = get_for_commune(GuestRequest, commune, guest_uuid)
    form = GuestDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a decision."))
        return _back(guest.meeting)
    try:
        decide_guest(
            actor=acting_user(request),
            commune=commune,
            guest=guest,
            approve=form.cleaned_data["approve"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The network's decision about the guest has been recorded."))
    return _back(guest.meeting)


def _attendance_form(meeting: Meeting, data: object = None) -> AttendanceForm:
    return AttendanceForm(
        data,
        commune=meeting.commune,
        guests=meeting.guests.filter(status=GuestStatus.APPROVED, attendance=None),
    )


@capability_required(C.MANAGE_MEETINGS)
def attendance(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    """The check-in page: big buttons per line, usable on a tablet during the meeting."""
    meeting = get_for_commune(Meeting, commune_of(request), meeting_uuid)
    return _render(request, meeting, _attendance_form(meeting))


def _render(request: HttpRequest, meeting: Meeting, form: AttendanceForm) -> HttpResponse:
    lines = list(meeting.attendances.select_related("organisation", "guest"))
    return render(
        request,
        "meetings/attendance.html",
        {
            "commune": meeting.commune,
            "meeting": meeting,
            "lines": lines,
            "present_count": sum(1 for line in lines if line.present),
            "form": form,
            "pending_guests": meeting.guests.exclude(status=GuestStatus.APPROVED),
        },
    )


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def attendance_prepare(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    try:
        added = prepare_attendance_list(
            actor=acting_user(request), commune=commune, meeting=meeting
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(count)s lines added to the list.") % {"count": added})
    return _to_list(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def attendance_add(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    form = _attendance_form(meeting, request.POST)
    if form.is_valid():
        try:
            add_attendance(
                actor=acting_user(request),
                commune=commune,
                meeting=meeting,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                guest=form.cleaned_data["guest"],
                present=True,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The person has been added to the list."))
            return _to_list(meeting)
    return _render(request, meeting, form)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def attendance_mark(request: HttpRequest, commune_slug: str, attendance_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    line = get_for_commune(Attendance, commune, attendance_uuid)
    form = PresenceForm(request.POST)
    if form.is_valid():
        try:
            set_presence(
                actor=acting_user(request),
                commune=commune,
                attendance=line,
                present=form.cleaned_data["present"],
                kind=form.cleaned_data["kind"] or None,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    response = _to_list(line.meeting)
    response["Location"] += f"#line-{line.uuid}"
    return response


@capability_required(C.MANAGE_MEETINGS)
def attendance_print(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    meeting = get_for_commune(Meeting, commune_of(request), meeting_uuid)
    return audited_download(
        request,
        content=attendance_pdf(meeting),
        content_type="application/pdf",
        filename=f"anwesenheit-{meeting.starts_at:%Y-%m-%d}.pdf",
        what="attendance_pdf",
        target=meeting,
    )
