"""The health professional's own families (``DOCUMENT_ASSIGNED_FAMILIES``): she sees only
the families assigned to her and documents her visits and hours."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.permissions import Capability
from lotse.referrals.support.forms import DateForm, VisitForm
from lotse.referrals.support.models import AssignmentStatus, HealthAssignment
from lotse.referrals.support.services import health
from lotse.referrals.support.views.common import add_service_errors


@capability_required(Capability.DOCUMENT_ASSIGNED_FAMILIES)
def my_families(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    assignments = (
        HealthAssignment.objects.for_commune(commune)
        .filter(professional__user=acting_user(request))
        .exclude(status=AssignmentStatus.WAITING)
        .select_related("referral__family")
        .annotate(total_hours=Sum("visits__hours"))
        .order_by("status", "started_on", "pk")
    )
    return render(
        request, "support/my_families.html", {"commune": commune, "assignments": assignments}
    )


def _render(
    request: HttpRequest,
    assignment: HealthAssignment,
    visit_form: VisitForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "support/my_family.html",
        {
            "commune": commune_of(request),
            "assignment": assignment,
            "family": assignment.referral.family,
            "children": list(assignment.referral.family.children.all()),
            "visits": assignment.visits.all(),
            "visit_form": visit_form or VisitForm(initial={"visited_on": timezone.localdate()}),
            "end_form": DateForm(initial={"on": timezone.localdate()}),
        },
        status=status,
    )


@capability_required(Capability.DOCUMENT_ASSIGNED_FAMILIES)
def my_family(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    assignment = health.read_assigned_family(actor=acting_user(request), commune=commune, uuid=uuid)
    if request.method != "POST":
        return _render(request, assignment)
    form = VisitForm(request.POST)
    if form.is_valid():
        try:
            health.record_visit(
                actor=acting_user(request),
                commune=commune,
                assignment=assignment,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The visit has been documented."))
            return redirect("support:my_family", commune_slug=commune_slug, uuid=uuid)
    return _render(request, assignment, visit_form=form, status=422)


@capability_required(Capability.DOCUMENT_ASSIGNED_FAMILIES)
def my_family_end(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    # Another professional's family is "not found" whatever the method.
    assignment = health.assignment_for_professional(acting_user(request), commune, uuid)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            health.end_assignment(
                actor=acting_user(request),
                commune=commune,
                assignment=assignment,
                ended_on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The support has ended."))
            return redirect("support:my_families", commune_slug=commune_slug)
    else:
        messages.error(request, _("Please enter a valid date."))
    return redirect("support:my_family", commune_slug=commune_slug, uuid=uuid)
