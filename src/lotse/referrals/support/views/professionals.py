"""Profiles of family midwives and FGKiKP, kept by the early-help team (``WORK_CASES``)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.referrals.support.forms import HealthProfessionalForm
from lotse.referrals.support.models import AssignmentStatus, HealthAssignment, HealthProfessional
from lotse.referrals.support.services.professionals import save_health_professional
from lotse.referrals.support.views.common import add_service_errors


@capability_required(Capability.WORK_CASES)
def professional_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    professionals = (
        HealthProfessional.objects.for_commune(commune)
        .select_related("user")
        .prefetch_related("social_areas")
        .annotate(
            families=Count("assignments", filter=Q(assignments__status=AssignmentStatus.ACTIVE))
        )
    )
    waiting = (
        HealthAssignment.objects.for_commune(commune)
        .filter(status=AssignmentStatus.WAITING)
        .count()
    )
    return render(
        request,
        "support/professional_list.html",
        {"commune": commune, "professionals": professionals, "waiting": waiting},
    )


def _save(
    request: HttpRequest, professional: HealthProfessional | None, form: HealthProfessionalForm
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    commune = commune_of(request)
    try:
        save_health_professional(
            actor=acting_user(request),
            commune=commune,
            professional=professional,
            **form.cleaned_data,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, _("The profile has been saved."))
    return redirect("support:professional_list", commune_slug=commune.slug)


@capability_required(Capability.WORK_CASES)
def professional_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = HealthProfessionalForm(request.POST or None, commune=commune)
    return _save(request, None, form) or render(
        request,
        "support/professional_form.html",
        {"commune": commune, "form": form, "professional": None},
    )


@capability_required(Capability.WORK_CASES)
def professional_edit(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    professional = get_for_commune(HealthProfessional, commune, uuid)
    initial = {
        "user": professional.user,
        "kind": professional.kind,
        "caseload_capacity": professional.caseload_capacity,
        "social_areas": list(professional.social_areas.all()),
        "is_active": professional.is_active,
    }
    form = HealthProfessionalForm(request.POST or None, commune=commune, initial=initial)
    return _save(request, professional, form) or render(
        request,
        "support/professional_form.html",
        {"commune": commune, "form": form, "professional": professional},
    )
