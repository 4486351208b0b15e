"""Bodies (Gremien): plenary, board, working groups, steering groups, quality circles."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import (
    acting_user,
    capability_required,
    commune_of,
    get_for_commune,
    has_capability,
)
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.meetings.forms import BodyForm, CloseBodyForm
from lotse.meetings.models import Body, BodyKind
from lotse.meetings.services.meetings import BODY_FIELDS, close_working_group, save_body
from lotse.meetings.views.support import add_errors
from lotse.network.selectors import current_members

C = Capability


@capability_required(C.MANAGE_MEETINGS)
def body_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return _body_form(request, None)


@capability_required(C.MANAGE_MEETINGS)
def body_edit(request: HttpRequest, commune_slug: str, body_uuid: str) -> HttpResponse:
    return _body_form(request, get_for_commune(Body, commune_of(request), body_uuid))


def _body_form(request: HttpRequest, body: Body | None) -> HttpResponse:
    commune = commune_of(request)
    initial = {}
    if body is not None:
        initial = {field: getattr(body, field) for field in BODY_FIELDS}
        initial |= {"version": body.version, "organisations": list(body.organisations.all())}
    form = BodyForm(request.POST or None, commune=commune, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in BODY_FIELDS}
        try:
            body = save_body(
                actor=acting_user(request),
                commune=commune,
                values=values,
                organisations=list(form.cleaned_data["organisations"]),
                body=body,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            conflict = [
                {"label": form.fields[d.field].label, "saved": d.saved, "yours": d.yours}
                for d in error.differences
            ]
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form = BodyForm(data, commune=commune, initial=initial)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The body has been saved."))
            return redirect("meetings:body_detail", commune.slug, body.uuid)
    return render(
        request,
        "meetings/body_form.html",
        {"form": form, "commune": commune, "body": body, "conflict": conflict},
    )


@capability_required(C.TAKE_PART_IN_MEETINGS)
def body_detail(request: HttpRequest, commune_slug: str, body_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    body = get_for_commune(Body, commune, body_uuid)
    members = (
        list(current_members(commune))
        if body.kind == BodyKind.PLENARY
        else list(body.organisations.all())
    )
    context = {
        "commune": commune,
        "body": body,
        "members": members,
        "meetings": body.meetings.filter(is_template=False).order_by("-starts_at")[:50],
        "can_manage": has_capability(request, C.MANAGE_MEETINGS),
        "close_form": CloseBodyForm(initial={"closed_on": timezone.localdate()}),
    }
    return render(request, "meetings/body_detail.html", context)


@capability_required(C.MANAGE_MEETINGS)
def body_close(request: HttpRequest, commune_slug: str, body_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    body = get_for_commune(Body, commune, body_uuid)
    form = CloseBodyForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            close_working_group(
                actor=acting_user(request),
                commune=commune,
                body=body,
                closed_on=form.cleaned_data["closed_on"],
                results=form.cleaned_data["results"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The working group is closed; its results are kept."))
            return redirect("meetings:body_detail", commune.slug, body.uuid)
    return render(
        request, "meetings/body_close.html", {"form": form, "commune": commune, "body": body}
    )
