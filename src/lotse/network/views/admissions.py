"""Admission: opening it, consulting the members, objections, the board's decision, and
mentoring of newcomers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
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
from lotse.core.permissions import Capability
from lotse.network.access import own_organisation_ids
from lotse.network.forms import (
    AdmissionForm,
    DecisionForm,
    MentorshipForm,
    ObjectionForm,
    RecordObjectionForm,
    WithdrawForm,
)
from lotse.network.models import Admission, AdmissionStatus, Objection, Organisation, Person
from lotse.network.selectors import member_on_q
from lotse.network.services.admissions import (
    consult_members,
    decide_admission,
    open_admission,
    raise_objection,
    record_mentorship,
    withdraw_admission,
)


@capability_required(Capability.MANAGE_NETWORK)
def admission_open(request: HttpRequest, commune_slug: str, organisation_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    organisation = get_for_commune(Organisation, commune, organisation_uuid)
    form = AdmissionForm(request.POST or None, initial={"applied_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            admission = open_admission(
                actor=acting_user(request),
                organisation=organisation,
                applied_on=form.cleaned_data["applied_on"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The admission has been opened."))
            return redirect(
                "network:admission_detail", commune_slug=commune.slug, admission_uuid=admission.uuid
            )
    return render(
        request,
        "network/admission_open.html",
        {"commune": commune, "organisation": organisation, "form": form},
    )


def _admission(request: HttpRequest, admission_uuid: str) -> Admission:
    return get_for_commune(Admission, commune_of(request), admission_uuid)


@capability_required(Capability.VIEW_NETWORK)
def admission_detail(request: HttpRequest, commune_slug: str, admission_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    admission = _admission(request, admission_uuid)
    today = timezone.localdate()
    own_ids = (
        own_organisation_ids(acting_user(request), commune)
        if has_capability(request, Capability.EDIT_OWN_ORGANISATION)
        else set()
    )
    objections = list(
        Objection.objects.for_commune(commune)
        .filter(admission=admission)
        .select_related("organisation")
    )
    objected = {objection.organisation_id for objection in objections}
    may_object = (
        admission.status == AdmissionStatus.CONSENT_PENDING
        and admission.objection_deadline is not None
        and today <= admission.objection_deadline
        and Organisation.objects.for_commune(commune)
        .filter(pk__in=own_ids - objected - {admission.organisation_id})
        .filter(member_on_q(today))
        .exists()
    )
    manage = has_capability(request, Capability.MANAGE_NETWORK)
    return render(
        request,
        "network/admission_detail.html",
        {
            "commune": commune,
            "admission": admission,
            "organisation": admission.organisation,
            "history": admission.history.select_related("actor"),
            "objections": objections
            if manage
            else [o for o in objections if o.organisation_id in own_ids],
            "objection_count": len(objections),
            "may_object": may_object,
            "manage": manage,
            "decision_form": DecisionForm(initial={"decided_on": today}),
            "withdraw_form": WithdrawForm(),
            "today": today,
        },
    )


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def admission_consult(request: HttpRequest, commune_slug: str, admission_uuid: str) -> HttpResponse:
    admission = _admission(request, admission_uuid)
    try:
        count = consult_members(actor=acting_user(request), admission=admission)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(count)s members have been asked by e-mail whether they object.")
            % {"count": count},
        )
    return redirect(
        "network:admission_detail",
        commune_slug=admission.commune.slug,
        admission_uuid=admission.uuid,
    )


@capability_required(Capability.EDIT_OWN_ORGANISATION)
def admission_object(request: HttpRequest, commune_slug: str, admission_uuid: str) -> HttpResponse:
    """Partner staff object on behalf of their own member organisation."""
    commune = commune_of(request)
    admission = _admission(request, admission_uuid)
    own = (
        Organisation.objects.for_commune(commune)
        .filter(pk__in=own_organisation_ids(acting_user(request), commune))
        .first()
    )
    if own is None:
        raise Http404(_("Not found."))
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            raise_objection(
                actor=acting_user(request),
                admission=admission,
                organisation=own,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your objection has been recorded."))
            return redirect(
                "network:admission_detail", commune_slug=commune.slug, admission_uuid=admission.uuid
            )
    return render(
        request,
        "network/admission_object.html",
        {"commune": commune, "admission": admission, "own": own, "form": form},
    )


@capability_required(Capability.MANAGE_NETWORK)
def admission_object_record(
    request: HttpRequest, commune_slug: str, admission_uuid: str
) -> HttpResponse:
    """The coordinator records an objection a member sent in another way (letter, e-mail,
    in the meeting), on behalf of that member organisation."""
    commune = commune_of(request)
    admission = _admission(request, admission_uuid)
    members = (
        Organisation.objects.for_commune(commune)
        .filter(member_on_q(timezone.localdate()))
        .exclude(pk=admission.organisation_id)
        .exclude(objections_raised__admission=admission)
        .order_by("name")
    )
    form = RecordObjectionForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            raise_objection(
                actor=acting_user(request),
                admission=admission,
                organisation=organisation,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The objection of %(name)s has been recorded.") % {"name": organisation.name},
            )
            return redirect(
                "network:admission_detail", commune_slug=commune.slug, admission_uuid=admission.uuid
            )
    return render(
        request,
        "network/admission_object_record.html",
        {"commune": commune, "admission": admission, "form": form},
    )


@capability_required(Capability.MANAGE_NETWORK)
def admission_decide(request: HttpRequest, commune_slug: str, admission_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    admission = _admission(request, admission_uuid)
    form = DecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            decide_admission(
                actor=acting_user(request),
                admission=admission,
                admitted=form.cleaned_data["admitted"],
                decided_on=form.cleaned_data["decided_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The board's decision has been recorded."))
            return redirect(
                "network:admission_detail", commune_slug=commune.slug, admission_uuid=admission.uuid
            )
    return render(
        request,
        "network/admission_decide.html",
        {"commune": commune, "admission": admission, "form": form},
    )


@capability_required(Capability.MANAGE_NETWORK)
@require_POST
def admission_withdraw(
    request: HttpRequest, commune_slug: str, admission_uuid: str
) -> HttpResponse:
    admission = _admission(request, admission_uuid)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        withdraw_admission(actor=acting_user(request), admission=admission, reason=reason)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The admission has been withdrawn."))
    return redirect(
        "network:admission_detail",
        commune_slug=admission.commune.slug,
        admission_uuid=admission.uuid,
    )


@capability_required(Capability.MANAGE_NETWORK)
def mentorship_create(
    request: HttpRequest, commune_slug: str, organisation_uuid: str
) -> HttpResponse:
    commune = commune_of(request)
    organisation = get_for_commune(Organisation, commune, organisation_uuid)
    today = timezone.localdate()
    mentors = (
        Person.objects.for_commune(commune)
        .filter(is_active=True)
        .filter(member_on_q(today, "organisation__"))
        .exclude(organisation=organisation)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    form = MentorshipForm(request.POST or None, mentors=mentors, initial={"starts_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            record_mentorship(
                actor=acting_user(request),
                newcomer=organisation,
                kind=form.cleaned_data["kind"],
                mentor=form.cleaned_data["mentor"],
                event_name=form.cleaned_data["event_name"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The mentoring has been recorded."))
            return redirect(
                "network:organisation_detail",
                commune_slug=commune.slug,
                organisation_uuid=organisation.uuid,
            )
    return render(
        request,
        "network/mentorship_form.html",
        {"commune": commune, "organisation": organisation, "form": form},
    )
