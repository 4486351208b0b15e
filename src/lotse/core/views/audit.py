"""The commune's audit log: who changed what, when. Read-only; coordinators only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst

from lotse.core.access import capability_required, commune_of
from lotse.core.audit import action_label
from lotse.core.forms.audit import AuditFilterForm
from lotse.core.models import AuditEvent
from lotse.core.permissions import Capability

EVENTS_PER_PAGE = 50
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    action_label: Any
    object_label: Any
    changes: list[Change]


def object_type_label(object_type: str) -> Any:
    """The model's verbose name for an ``app_label.ModelName``, or the text itself."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return capfirst(model._meta.verbose_name)


def _object_types() -> list[tuple[str, Any]]:
    """Every model of Lotse's own apps: known without scanning the (growing) log."""
    labels = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("lotse.") and model is not AuditEvent
    ]
    return sorted(((label, object_type_label(label)) for label in labels), key=lambda c: str(c[1]))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=BERLIN)


def _filtered(events: QuerySet[AuditEvent], filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("actor"):
        events = events.filter(actor__email__icontains=filters["actor"].strip())
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("date_from"):
        events = events.filter(created_at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(created_at__lt=_start_of(filters["date_to"] + timedelta(days=1)))
    return events


def _changes(raw: Any) -> list[Change]:
    if not isinstance(raw, dict):
        return []
    changes = []
    for field, values in raw.items():
        if isinstance(values, dict):
            changes.append(Change(str(field), values.get("old"), values.get("new")))
        else:
            changes.append(Change(str(field), None, values))
    return changes


def _row(event: AuditEvent, type_labels: dict[str, Any]) -> EventRow:
    object_label = ""
    if event.object_type:
        object_label = type_labels.get(event.object_type) or object_type_label(event.object_type)
    return EventRow(
        event=event,
        action_label=action_label(event.action),
        object_label=object_label,
        changes=_changes(event.changes),
    )


@capability_required(Capability.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    object_types = _object_types()
    events: QuerySet[AuditEvent] = AuditEvent.objects.for_commune(commune).select_related("actor")
    form = AuditFilterForm(request.GET or None, object_types=object_types)
    if form.is_bound:
        events = _filtered(events, form.cleaned_data) if form.is_valid() else events.none()
    page = Paginator(events.order_by("-created_at", "-id"), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    type_labels = dict(object_types)
    rows = [_row(event, type_labels) for event in page.object_list]
    return render(
        request,
        "core/audit/audit_log.html",
        {"commune": commune, "form": form, "page": page, "rows": rows},
    )
