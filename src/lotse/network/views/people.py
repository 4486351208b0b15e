"""People and delegations of an organisation; each page exists for coordinators (any
organisation) and, as "own_…", for partner staff (their own organisation)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import acting_user, get_for_commune
from lotse.network.forms import AppointForm, EndDelegationForm, PersonForm
from lotse.network.models import Delegation, Organisation, Person
from lotse.network.services.people import PERSON_FIELDS, appoint, end_delegation, save_person
from lotse.network.views.organisations import (
    edit_prefix,
    for_coordinators,
    for_own_organisation,
)


def _back(organisation: Organisation) -> HttpResponse:
    return redirect(
        "network:organisation_detail",
        commune_slug=organisation.commune.slug,
        organisation_uuid=organisation.uuid,
    )


def _person_form(
    request: HttpRequest, organisation: Organisation, person: Person | None
) -> HttpResponse:
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                save_person(
                    actor=acting_user(request),
                    organisation=organisation,
                    person=person,
                    values={field: form.cleaned_data[field] for field in PERSON_FIELDS},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The person has been saved."))
                return _back(organisation)
    elif person is not None:
        form = PersonForm(initial={field: getattr(person, field) for field in PERSON_FIELDS})
    else:
        form = PersonForm()
    return render(
        request,
        "network/person_form.html",
        {
            "commune": organisation.commune,
            "organisation": organisation,
            "person": person,
            "form": form,
            "prefix": edit_prefix(request),
        },
    )


def person_create_impl(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _person_form(request, organisation, None)


def person_edit_impl(
    request: HttpRequest, organisation: Organisation, person_uuid: Any
) -> HttpResponse:
    person = get_for_commune(Person, organisation.commune, person_uuid)
    if person.organisation_id != organisation.pk:
        raise Http404(_("Not found."))
    return _person_form(request, organisation, person)


def appoint_impl(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = AppointForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            appoint(
                actor=acting_user(request),
                organisation=organisation,
                person=form.cleaned_data["person"],
                kind=form.cleaned_data["kind"],
                valid_from=form.cleaned_data["valid_from"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The delegation has been saved."))
            return _back(organisation)
    return render(
        request,
        "network/appoint_form.html",
        {
            "commune": organisation.commune,
            "organisation": organisation,
            "form": form,
            "prefix": edit_prefix(request),
        },
    )


@require_POST
def end_delegation_impl(
    request: HttpRequest, organisation: Organisation, delegation_uuid: Any
) -> HttpResponse:
    delegation = get_for_commune(Delegation, organisation.commune, delegation_uuid)
    if delegation.organisation_id != organisation.pk:
        raise Http404(_("Not found."))
    form = EndDelegationForm(request.POST)
    if form.is_valid():
        try:
            end_delegation(
                actor=acting_user(request),
                delegation=delegation,
                valid_until=form.cleaned_data["valid_until"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The delegation has been ended."))
    else:
        messages.error(request, _("Please enter the last day as a date."))
    return _back(organisation)


person_create = for_coordinators(person_create_impl)
own_person_create = for_own_organisation(person_create_impl)
person_edit = for_coordinators(person_edit_impl)
own_person_edit = for_own_organisation(person_edit_impl)
delegation_appoint = for_coordinators(appoint_impl)
own_delegation_appoint = for_own_organisation(appoint_impl)
delegation_end = for_coordinators(end_delegation_impl)
own_delegation_end = for_own_organisation(end_delegation_impl)
