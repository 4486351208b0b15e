"""Volunteer sponsors (Familienpaten): the list, one volunteer with the § 72a check, and
matching a family to fitting volunteers. The volunteer coordination (``MATCH_VOLUNTEERS``)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.referrals.support.choices import LANGUAGES, Availability
from lotse.referrals.support.forms import MatchForm, VolunteerCheckForm, VolunteerForm
from lotse.referrals.support.models import Volunteer
from lotse.referrals.support.selectors import match_volunteers, volunteers_with_checks
from lotse.referrals.support.services.volunteers import record_volunteer_check, save_volunteer
from lotse.referrals.support.views.common import add_service_errors

LANGUAGE_NAMES = dict(LANGUAGES)


def _labels(volunteer: Volunteer) -> dict[str, str]:
    return {
        "languages": ", ".join(str(LANGUAGE_NAMES.get(c, c)) for c in volunteer.languages),
        "availability": ", ".join(str(Availability(c).label) for c in volunteer.availability),
    }


def _initial(volunteer: Volunteer) -> dict[str, object]:
    return {
        "name": volunteer.name,
        "contact": volunteer.contact,
        "social_areas": list(volunteer.social_areas.all()),
        "languages": volunteer.languages,
        "availability": volunteer.availability,
        "started_on": volunteer.started_on,
        "stopped_on": volunteer.stopped_on,
    }


@capability_required(Capability.MATCH_VOLUNTEERS)
def volunteer_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    today = timezone.localdate()
    rows = [
        {
            "volunteer": volunteer,
            "areas": ", ".join(area.name for area in volunteer.social_areas.all()),
            "active": volunteer.is_active_on(today),
            "blocked": volunteer.blocking_reason(today),
            **_labels(volunteer),
        }
        for volunteer in volunteers_with_checks(commune)
    ]
    return render(request, "support/volunteer_list.html", {"commune": commune, "rows": rows})


@capability_required(Capability.MATCH_VOLUNTEERS)
def volunteer_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = VolunteerForm(
        request.POST or None, commune=commune, initial={"started_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = save_volunteer(
                actor=acting_user(request), commune=commune, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The volunteer sponsor has been saved."))
            return redirect(
                "support:volunteer_edit", commune_slug=commune.slug, uuid=volunteer.uuid
            )
    return render(
        request,
        "support/volunteer_form.html",
        {"commune": commune, "form": form, "volunteer": None},
    )


@capability_required(Capability.MATCH_VOLUNTEERS)
def volunteer_edit(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    volunteer = get_for_commune(Volunteer, commune, uuid)
    form = VolunteerForm(request.POST or None, commune=commune, initial=_initial(volunteer))
    if request.method == "POST" and form.is_valid():
        try:
            save_volunteer(
                actor=acting_user(request),
                commune=commune,
                volunteer=volunteer,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The volunteer sponsor has been saved."))
            return redirect(
                "support:volunteer_edit", commune_slug=commune.slug, uuid=volunteer.uuid
            )
    return _render_edit(request, volunteer, form, VolunteerCheckForm())


def _render_edit(
    request: HttpRequest, volunteer: Volunteer, form: VolunteerForm, check_form: VolunteerCheckForm
) -> HttpResponse:
    check = getattr(volunteer, "criminal_record_check", None)
    return render(
        request,
        "support/volunteer_form.html",
        {
            "commune": commune_of(request),
            "form": form,
            "check_form": check_form,
            "volunteer": volunteer,
            "check": check,
            "blocked": volunteer.blocking_reason(timezone.localdate()),
        },
    )


@capability_required(Capability.MATCH_VOLUNTEERS)
@require_POST
def volunteer_check(request: HttpRequest, commune_slug: str, uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    volunteer = get_for_commune(Volunteer, commune, uuid)
    check_form = VolunteerCheckForm(request.POST)
    if check_form.is_valid():
        try:
            record_volunteer_check(
                actor=acting_user(request),
                commune=commune,
                volunteer=volunteer,
                **check_form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(check_form, error)
        else:
            messages.success(request, _("The § 72a check has been recorded."))
            return redirect(
                "support:volunteer_edit", commune_slug=commune.slug, uuid=volunteer.uuid
            )
    form = VolunteerForm(commune=commune, initial=_initial(volunteer))
    return _render_edit(request, volunteer, form, check_form)


@capability_required(Capability.MATCH_VOLUNTEERS)
def volunteer_match(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = MatchForm(request.GET or None, commune=commune)
    proposals = blocked = None
    if form.is_valid():
        proposals, blocked = match_volunteers(
            commune,
            social_area=form.cleaned_data["social_area"],
            languages=form.cleaned_data["languages"],
            availability=form.cleaned_data["availability"],
            on=timezone.localdate(),
        )
    return render(
        request,
        "support/volunteer_match.html",
        {
            "commune": commune,
            "form": form,
            "proposals": [{"proposal": p, **_labels(p.volunteer)} for p in proposals or []],
            "searched": proposals is not None,
            "blocked": blocked or [],
        },
    )
