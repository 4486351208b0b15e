"""PDF documents (WeasyPrint): the attendance list for signatures, the minutes and the
extract of one decision."""

from __future__ import annotations

from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone

from lotse.meetings.models import AgendaItem, Meeting, Minutes


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def attendance_pdf(meeting: Meeting) -> bytes:
    return render_pdf(
        "meetings/pdf/attendance.html",
        {
            "meeting": meeting,
            "starts_at": timezone.localtime(meeting.starts_at),
            "lines": list(meeting.attendances.select_related("organisation")),
        },
    )


def minutes_pdf(minutes: Minutes) -> bytes:
    meeting = minutes.meeting
    items = list(meeting.agenda_items.prefetch_related("action_items"))
    return render_pdf(
        "meetings/pdf/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "starts_at": timezone.localtime(meeting.starts_at),
            "items": items,
            "present": minutes.attendance_snapshot
            or [
                {
                    "name": line.name,
                    "organisation": line.organisation.name if line.organisation else "",
                    "kind": line.get_kind_display(),
                }
                for line in meeting.attendances.filter(present=True).select_related("organisation")
            ],
        },
    )


def decision_pdf(item: AgendaItem) -> bytes:
    return render_pdf(
        "meetings/pdf/decision.html",
        {
            "item": item,
            "meeting": item.meeting,
            "starts_at": timezone.localtime(item.meeting.starts_at),
        },
    )
