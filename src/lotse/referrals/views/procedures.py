"""§ 4 KKG procedures of health professionals, apart from the voluntary cases."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.referrals.forms.case import ProcedureForm, ProcedureStepForm
from lotse.referrals.models import ChildProtectionProcedure
from lotse.referrals.services.procedures import add_step, get_procedure, open_procedure
from lotse.referrals.views.cases import _add_errors


@capability_required(Capability.DOCUMENT_ASSIGNED_FAMILIES)
def procedure_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    procedures = ChildProtectionProcedure.objects.for_commune(commune).filter(
        opened_by=acting_user(request)
    )
    form = ProcedureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            procedure = open_procedure(
                actor=acting_user(request), commune=commune, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect(
                "referrals:procedure_detail", commune_slug=commune.slug, uuid=procedure.uuid
            )
    return render(
        request, "referrals/procedures/list.html", {"procedures": procedures, "form": form}
    )


@capability_required(Capability.DOCUMENT_ASSIGNED_FAMILIES)
def procedure_detail(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    commune = commune_of(request)
    actor = acting_user(request)
    procedure = get_procedure(actor=actor, commune=commune, uuid=uuid)
    form = ProcedureStepForm(
        request.POST if request.method == "POST" else None,
        initial={"version": procedure.version},
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_step(
                actor=actor,
                procedure=procedure,
                stage=data["stage"],
                at=data["at"],
                notes=data["notes"],
                specialist=data["specialist"],
                family_details=data["family_details"],
                expected_version=data["version"],
            )
        except EditConflict:
            conflict = True
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The step is documented."))
            return redirect(
                "referrals:procedure_detail", commune_slug=commune.slug, uuid=procedure.uuid
            )
    return render(
        request,
        "referrals/procedures/detail.html",
        {
            "procedure": procedure,
            "steps": procedure.steps.all(),
            "form": form,
            "conflict": conflict,
        },
    )
