"""Changing agenda items: their text, their order, and documents for one item."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.meetings.forms import AgendaItemForm, DocumentForm
from lotse.meetings.models import AgendaItem, MeetingStatus
from lotse.meetings.services.agenda import (
    AGENDA_FIELDS,
    DOWN,
    UP,
    move_agenda_item,
    update_agenda_item,
)
from lotse.meetings.views.support import add_errors

C = Capability


@capability_required(C.MANAGE_MEETINGS)
def agenda_item_edit(request: HttpRequest, commune_slug: str, item_uuid: str) -> HttpResponse:
    """Title, kind, speaker and description of one item, and its documents."""
    commune = commune_of(request)
    item = get_for_commune(AgendaItem, commune, item_uuid)
    meeting = item.meeting
    initial = {field: getattr(item, field) for field in AGENDA_FIELDS}
    form = AgendaItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_agenda_item(
                actor=acting_user(request),
                commune=commune,
                item=item,
                values={field: form.cleaned_data[field] for field in AGENDA_FIELDS},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The agenda item has been saved."))
            return redirect("meetings:meeting_detail", commune.slug, meeting.uuid)
    return render(
        request,
        "meetings/agenda_item_form.html",
        {
            "commune": commune,
            "meeting": meeting,
            "item": item,
            "form": form,
            "document_form": DocumentForm(),
            "documents": item.documents.all(),
            "changeable": meeting.status
            not in (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED),
        },
    )


@capability_required(C.MANAGE_MEETINGS)
@require_POST
def agenda_item_move(request: HttpRequest, commune_slug: str, item_uuid: str) -> HttpResponse:
    """Up/down buttons: plain forms, so the order can be changed without JavaScript."""
    commune = commune_of(request)
    item = get_for_commune(AgendaItem, commune, item_uuid)
    direction = request.POST.get("direction", "")
    try:
        move_agenda_item(
            actor=acting_user(request), commune=commune, item=item, direction=direction
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if direction == UP:
            messages.success(request, _("The item has moved up."))
        elif direction == DOWN:
            messages.success(request, _("The item has moved down."))
    response = redirect("meetings:meeting_detail", commune.slug, item.meeting.uuid)
    response["Location"] += "#agenda-heading"
    return response
