"""Meetings: calendar (list and month), planning, agenda, documents, invitations."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import (
    acting_user,
    capability_required,
    commune_of,
    get_for_commune,
    has_capability,
)
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.meetings.forms import (
    AgendaItemForm,
    CancelForm,
    CloneForm,
    DocumentForm,
    GuestDecisionForm,
    GuestForm,
    MeetingForm,
    RegistrationForm,
)
from lotse.meetings.models import (
    AgendaItem,
    Body,
    Document,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MinutesStatus,
    RegistrationStatus,
)
from lotse.meetings.services.invitations import cancel_meeting, send_invitations
from lotse.meetings.services.meetings import (
    MEETING_FIELDS,
    add_agenda_item,
    attach_document,
    change_meeting_status,
    clone_meeting,
    create_meeting,
    update_meeting,
)
from lotse.meetings.views.support import add_errors, base_url, own_organisation
from lotse.network.selectors import current_members

C = Capability


def _upcoming(request: HttpRequest) -> Any:
    return (
        Meeting.objects.for_commune(commune_of(request))
        .filter(is_template=False)
        .select_related("body")
    )


@capability_required(C.TAKE_PART_IN_MEETINGS)
def meeting_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Upcoming meetings of the commune (the calendar as a list), templates and the
    meetings already held."""
    now = timezone.now()
    meetings = _upcoming(request)
    context = {
        "commune": commune_of(request),
        "upcoming": meetings.filter(ends_at__gte=now).order_by("starts_at")[:100],
        "past": meetings.filter(ends_at__lt=now).order_by("-starts_at")[:50],
        "templates": Meeting.objects.for_commune(commune_of(request))
        .filter(is_template=True)
        .select_related("body"),
        "can_manage": has_capability(request, C.MANAGE_MEETINGS),
        "today": timezone.localdate(),
    }
    return render(request, "meetings/meeting_list.html", context)


def _month(text: str | None) -> date:
    today = timezone.localdate()
    if not text:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise Http404(_("Not found.")) from None


@capability_required(C.TAKE_PART_IN_MEETINGS)
def meeting_month(request: HttpRequest, commune_slug: str) -> HttpResponse:
    first = _month(request.GET.get("month"))
    if not 2000 <= first.year <= 2100:
        raise Http404(_("Not found."))
    days_in_month = calendar.monthrange(first.year, first.month)[1]
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = start + timedelta(days=days_in_month)
    meetings = list(_upcoming(request).filter(starts_at__gte=start, starts_at__lt=end))
    by_day: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.starts_at).day, []).append(meeting)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(first.year, first.month):
        weeks.append([(day, by_day.get(day, [])) for day in week])
    previous = (first - timedelta(days=1)).replace(day=1)
    following = first + timedelta(days=days_in_month)
    context = {
        "commune": commune_of(request),
        "month": first,
        "weeks": weeks,
        "previous": previous,
        "following": following,
    }
    return render(request, "meetings/meeting_month.html", context)


@capability_required(C.MANAGE_MEETINGS)
def meeting_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = MeetingForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in MEETING_FIELDS}
        try:
            meeting = create_meeting(
                actor=acting_user(request),
                commune=commune,
                body=form.cleaned_data["body"],
                values=values,
                is_template=form.cleaned_data["is_template"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting has been planned."))
            return redirect("meetings:meeting_detail", commune.slug, meeting.uuid)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "commune": commune, "meeting": None}
    )


@capability_required(C.MANAGE_MEETINGS)
def meeting_edit(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    initial = {field: getattr(meeting, field) for field in MEETING_FIELDS}
    initial |= {
        "body": meeting.body,
        "version": meeting.version,
        "is_template": meeting.is_template,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
    }
    form = MeetingForm(request.POST or None, commune=commune, initial=initial)
    form.fields["body"].disabled = True
    form.fields["is_template"].disabled = True
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in MEETING_FIELDS}
        try:
            update_meeting(
                actor=acting_user(request),
                commune=commune,
                meeting=meeting,
                values=values,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            conflict = [
                {"label": form.fields[d.field].label, "saved": d.saved, "yours": d.yours}
                for d in error.differences
            ]
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form = MeetingForm(data, commune=commune, initial=initial)
            form.fields["body"].disabled = True
            form.fields["is_template"].disabled = True
        except ValidationError as error:
            add_errors(form, error)
        else:
            if meeting.status == MeetingStatus.INVITED:
                messages.success(
                    request,
                    _(
                        "The meeting has been changed. Send the invitations again so that "
                        "everyone gets the update."
                    ),
                )
            else:
                messages.success(request, _("The meeting has been changed."))
            return redirect("meetings:meeting_detail", commune.slug, meeting.uuid)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "commune": commune, "meeting": meeting, "conflict": conflict},
    )


@capability_required(C.TAKE_PART_IN_MEETINGS)
def meeting_detail(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    can_manage = has_capability(request, C.MANAGE_MEETINGS)
    organisation = own_organisation(request)
    minutes = getattr(meeting, "minutes", None)
    context: dict[str, Any] = {
        "commune": commune,
        "meeting": meeting,
        "can_manage": can_manage,
        "items": meeting.agenda_items.prefetch_related("documents"),
        "documents": meeting.documents.filter(agenda_item=None),
        "guests": meeting.guests.all(),
        "minutes": minutes,
        "minutes_visible": minutes is not None
        and (can_manage or minutes.status != MinutesStatus.DRAFT),
        "agenda_form": AgendaItemForm(),
        "document_form": DocumentForm(),
        "clone_form": CloneForm(),
        "cancel_form": CancelForm(),
        "guest_form": GuestForm(),
        "decision_form": GuestDecisionForm(),
        "is_future": meeting.starts_at > timezone.now(),
        "has_begun": meeting.starts_at <= timezone.now(),
        "organisation": organisation,
    }
    if can_manage:
        context["invitations"] = meeting.invitations.select_related("organisation")
    if meeting.kind == MeetingKind.CONFERENCE_DAY:
        registrations = meeting.registrations.select_related("organisation").exclude(
            status=RegistrationStatus.CANCELLED
        )
        if not can_manage:
            registrations = registrations.filter(organisation=organisation)
        context["registrations"] = registrations
        members = current_members(commune)
        if not can_manage:
            members = members.filter(pk=organisation.pk) if organisation else members.none()
        context["registration_form"] = RegistrationForm(organisations=members)
        context["taken"] = meeting.registrations.filter(
            status=RegistrationStatus.REGISTERED
        ).count()
    return render(request, "meetings/meeting_detail.html", context)


def _back(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:meeting_detail", meeting.commune.slug, meeting.uuid)


def _error_back(request: HttpRequest, meeting: Meeting, error: ValidationError) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return _back(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def meeting_clone(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    template = get_for_commune(Meeting, commune, meeting_uuid)
    form = CloneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the date and time of the new meeting."))
        return _back(template)
    try:
        meeting = clone_meeting(
            actor=acting_user(request),
            commune=commune,
            template=template,
            starts_at=form.cleaned_data["starts_at"],
            title=form.cleaned_data["title"],
        )
    except ValidationError as error:
        return _error_back(request, template, error)
    messages.success(request, _("The meeting has been created from the template."))
    return _back(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def meeting_invite(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    try:
        sent = send_invitations(
            actor=acting_user(request), commune=commune, meeting=meeting, base_url=base_url(request)
        )
    except ValidationError as error:
        return _error_back(request, meeting, error)
    messages.success(request, _("%(count)s invitations have been sent.") % {"count": len(sent)})
    return _back(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def meeting_cancel(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for the cancellation."))
        return _back(meeting)
    try:
        cancel_meeting(
            actor=acting_user(request),
            commune=commune,
            meeting=meeting,
            reason=form.cleaned_data["reason"],
            base_url=base_url(request),
        )
    except ValidationError as error:
        return _error_back(request, meeting, error)
    messages.success(request, _("The meeting has been cancelled; everyone invited is told."))
    return _back(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def meeting_held(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    try:
        change_meeting_status(
            actor=acting_user(request),
            commune=commune,
            meeting=meeting,
            to_status=MeetingStatus.HELD,
        )
    except ValidationError as error:
        return _error_back(request, meeting, error)
    messages.success(request, _("The meeting is marked as held; the minutes can be written."))
    return _back(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def agenda_item_add(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            add_agenda_item(
                actor=acting_user(request),
                commune=commune,
                meeting=meeting,
                values=form.cleaned_data,
            )
        except ValidationError as error:
            return _error_back(request, meeting, error)
        messages.success(request, _("The item has been added to the agenda."))
    else:
        messages.error(request, _("Please give the item a title."))
    return _back(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def document_upload(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    form = DocumentForm(request.POST, request.FILES)
    item_uuid = request.POST.get("agenda_item") or None
    item = get_for_commune(AgendaItem, commune, item_uuid) if item_uuid else None
    # A document for one item is attached from that item's page: go back there.
    back = (
        redirect("meetings:agenda_item_edit", commune.slug, item.uuid)
        if item is not None
        else _back(meeting)
    )
    if not form.is_valid():
        messages.error(request, _("Please give a title and choose a file."))
        return back
    try:
        attach_document(
            actor=acting_user(request),
            commune=commune,
            meeting=meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            agenda_item=item,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return back
    messages.success(request, _("The document has been attached."))
    return back


@capability_required(C.TAKE_PART_IN_MEETINGS)
def document_download(request: HttpRequest, commune_slug: str, document_uuid: str) -> HttpResponse:
    """Documents live outside the web root; only members of this commune get them.
    Read whole (at most 10 MB) so the file is closed before the response leaves."""
    document = get_for_commune(Document, commune_of(request), document_uuid)
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404(_("Not found.")) from None
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(True, document.original_name) or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@capability_required(C.TAKE_PART_IN_MEETINGS)
def body_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    bodies = (
        Body.objects.for_commune(commune)
        .select_related("social_area")
        .prefetch_related("organisations")
    )
    return render(
        request,
        "meetings/body_list.html",
        {
            "commune": commune,
            "bodies": bodies,
            "can_manage": has_capability(request, C.MANAGE_MEETINGS),
        },
    )
