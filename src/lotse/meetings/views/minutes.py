"""Writing, approving and reading minutes; decisions and open tasks across meetings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
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
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.meetings.forms import OUTCOME_CHOICES, ActionItemForm, ApproveMinutesForm, SearchForm
from lotse.meetings.models import ActionItem, AgendaItem, Meeting, MinutesStatus
from lotse.meetings.models.bodies import AgendaOutcome
from lotse.meetings.pdf import decision_pdf, minutes_pdf
from lotse.meetings.services.minutes import (
    EDITABLE_STATUSES,
    ITEM_FIELDS,
    add_action_item,
    approve_minutes,
    circulate_minutes,
    mark_action_item_done,
    minutes_of,
    save_minutes,
)
from lotse.meetings.views.support import audited_download

C = Capability


def _to_minutes(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:minutes_edit", meeting.commune.slug, meeting.uuid)


@capability_required(C.MANAGE_MEETINGS)
def minutes_edit(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    """One text per agenda item: discussion, outcome, decision, vote; optimistic locking."""
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    if not meeting.is_held:
        messages.error(request, _("Minutes are written once the meeting has been held."))
        return redirect("meetings:meeting_detail", commune.slug, meeting.uuid)
    minutes = minutes_of(meeting)
    items = list(meeting.agenda_items.prefetch_related("action_items"))
    conflict: list[dict[str, Any]] | None = None
    errors: list[str] = []
    introduction = minutes.introduction
    version = minutes.version
    if request.method == "POST":
        introduction = request.POST.get("introduction", "")
        values: dict[AgendaItem, dict[str, Any]] = {}
        for item in items:
            entered = {
                field: request.POST.get(f"{item.uuid}-{field}", "").strip() for field in ITEM_FIELDS
            }
            if entered["outcome"] not in AgendaOutcome.values:
                entered["outcome"] = AgendaOutcome.OPEN
            values[item] = entered
        try:
            expected = int(request.POST.get("version", ""))
        except ValueError:
            expected = None
        try:
            save_minutes(
                actor=acting_user(request),
                commune=commune,
                meeting=meeting,
                introduction=introduction,
                items=values,
                expected_version=expected,
            )
        except EditConflict as error:
            conflict = [
                {"label": d.field, "saved": d.saved, "yours": d.yours} for d in error.differences
            ]
            version = error.current.version
            for item in items:
                item.entered = values[item]  # type: ignore[attr-defined]
        except ValidationError as error:
            errors = list(error.messages)
            for item in items:
                item.entered = values[item]  # type: ignore[attr-defined]
        else:
            messages.success(request, _("The minutes have been saved."))
            return _to_minutes(meeting)
    for item in items:
        if not hasattr(item, "entered"):
            item.entered = {field: getattr(item, field) for field in ITEM_FIELDS}  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/minutes_edit.html",
        {
            "commune": commune,
            "meeting": meeting,
            "minutes": minutes,
            "items": items,
            "introduction": introduction,
            "version": version,
            "conflict": conflict,
            "errors": errors,
            "outcomes": OUTCOME_CHOICES,
            "action_form": ActionItemForm(),
            "approve_form": ApproveMinutesForm(),
            "is_draft": minutes.status in EDITABLE_STATUSES,
            "can_circulate": minutes.status == MinutesStatus.DRAFT,
        },
    )


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def action_item_add(request: HttpRequest, commune_slug: str, item_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    item = get_for_commune(AgendaItem, commune, item_uuid)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            add_action_item(
                actor=acting_user(request), commune=commune, item=item, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The task has been added."))
    else:
        messages.error(request, _("Please describe the task and name who is responsible."))
    return _to_minutes(item.meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def action_item_done(request: HttpRequest, commune_slug: str, action_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    action = get_for_commune(ActionItem, commune, action_uuid)
    try:
        mark_action_item_done(
            actor=acting_user(request), commune=commune, action=action, done_on=timezone.localdate()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The task is marked as done."))
    return redirect("meetings:decision_search", commune.slug)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def minutes_circulate(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    try:
        circulate_minutes(actor=acting_user(request), commune=commune, meeting=meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The draft minutes have been sent to all members as PDF for reading.")
        )
    return _to_minutes(meeting)


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def minutes_approve(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    meeting = get_for_commune(Meeting, commune, meeting_uuid)
    form = ApproveMinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please say who approved the minutes (next meeting or board)."))
        return _to_minutes(meeting)
    try:
        approve_minutes(
            actor=acting_user(request),
            commune=commune,
            meeting=meeting,
            approved_how=form.cleaned_data["approved_how"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _to_minutes(meeting)
    messages.success(
        request, _("The minutes are approved and have been sent to all members as PDF.")
    )
    return redirect("meetings:meeting_detail", commune.slug, meeting.uuid)


def _readable_minutes(request: HttpRequest, meeting: Meeting) -> Any:
    minutes = getattr(meeting, "minutes", None)
    if minutes is None:
        raise Http404(_("Not found."))
    # A circulated draft has gone to every member by e-mail already.
    if minutes.status == MinutesStatus.DRAFT and not has_capability(request, C.MANAGE_MEETINGS):
        raise Http404(_("Not found."))
    return minutes


@capability_required(C.TAKE_PART_IN_MEETINGS)
def minutes_pdf_view(request: HttpRequest, commune_slug: str, meeting_uuid: str) -> HttpResponse:
    """Circulated and approved minutes for every member; drafts only for the coordination."""
    meeting = get_for_commune(Meeting, commune_of(request), meeting_uuid)
    minutes = _readable_minutes(request, meeting)
    return audited_download(
        request,
        content=minutes_pdf(minutes),
        content_type="application/pdf",
        filename=f"protokoll-{meeting.starts_at:%Y-%m-%d}.pdf",
        what="minutes_pdf",
        target=minutes,
    )


@capability_required(C.TAKE_PART_IN_MEETINGS)
def decision_extract(request: HttpRequest, commune_slug: str, item_uuid: str) -> HttpResponse:
    """One decision as PDF, to send to a member."""
    item = get_for_commune(AgendaItem, commune_of(request), item_uuid)
    minutes = _readable_minutes(request, item.meeting)
    # A decision is only final once the minutes are approved.
    if minutes.status != MinutesStatus.APPROVED and not has_capability(request, C.MANAGE_MEETINGS):
        raise Http404(_("Not found."))
    if item.decision_number is None:
        raise Http404(_("Not found."))
    return audited_download(
        request,
        content=decision_pdf(item),
        content_type="application/pdf",
        filename=f"beschluss-{item.decision_number}-{item.decision_year}.pdf",
        what="decision_pdf",
        target=minutes,
    )


@capability_required(C.TAKE_PART_IN_MEETINGS)
def decision_search(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Decisions of approved minutes and open tasks, across meetings."""
    commune = commune_of(request)
    can_manage = has_capability(request, C.MANAGE_MEETINGS)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    decisions = AgendaItem.objects.for_commune(commune).filter(decision_number__isnull=False)
    actions = ActionItem.objects.for_commune(commune).filter(done_on=None)
    if not can_manage:
        decisions = decisions.filter(meeting__minutes__status=MinutesStatus.APPROVED)
        actions = actions.filter(agenda_item__meeting__minutes__status=MinutesStatus.APPROVED)
    if query:
        decisions = decisions.filter(
            Q(decision__icontains=query)
            | Q(title__icontains=query)
            | Q(meeting__title__icontains=query)
        )
        actions = actions.filter(Q(description__icontains=query) | Q(owner__icontains=query))
    return render(
        request,
        "meetings/decision_search.html",
        {
            "commune": commune,
            "form": form,
            "query": query,
            "decisions": decisions.select_related("meeting", "meeting__body").order_by(
                "-decision_year", "-decision_number"
            )[:200],
            "actions": actions.select_related("agenda_item__meeting").order_by("due_on")[:200],
            "can_manage": can_manage,
            "today": timezone.localdate(),
        },
    )
