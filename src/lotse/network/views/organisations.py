"""Organisation list with search and filters, export, import, creation, detail and
editing (coordinators any organisation, partner staff their own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
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
from lotse.core.models import SocialArea
from lotse.core.permissions import Capability
from lotse.network.access import own_organisation_ids
from lotse.network.forms import ImportForm, OrganisationFilterForm, OrganisationForm
from lotse.network.models import (
    Admission,
    CooperationAgreement,
    Delegation,
    Mentorship,
    Organisation,
    Person,
)
from lotse.network.selectors import (
    current_delegation,
    current_delegation_map,
    delegates_within,
    has_signed_agreement,
    signed_agreements,
)
from lotse.network.services.organisations import (
    ORGANISATION_FIELDS,
    create_organisation,
    network_settings,
    update_organisation,
)
from lotse.network.services.transfer import (
    ImportRefused,
    export_csv,
    export_xlsx,
    import_organisations,
)


def filtered_organisations(
    request: HttpRequest, form: OrganisationFilterForm
) -> QuerySet[Organisation]:
    commune = commune_of(request)
    organisations: QuerySet[Organisation] = (
        Organisation.objects.for_commune(commune)
        .select_related("institution_type")
        .prefetch_related(Prefetch("social_areas", queryset=SocialArea.all_communes.all()))
    )
    if not form.is_valid():
        return organisations
    data = form.cleaned_data
    if data["q"]:
        organisations = organisations.filter(
            Q(name__icontains=data["q"]) | Q(legal_carrier__icontains=data["q"])
        )
    if data["sector"]:
        organisations = organisations.filter(sector=data["sector"])
    if data["institution_type"]:
        organisations = organisations.filter(institution_type=data["institution_type"])
    if data["social_area"]:
        organisations = organisations.filter(social_areas=data["social_area"])
    if data["status"]:
        organisations = organisations.filter(status=data["status"])
    return organisations.distinct()


@capability_required(Capability.VIEW_NETWORK)
def organisation_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    network_settings(commune)
    form = OrganisationFilterForm(request.GET or None, commune=commune)
    organisations = list(filtered_organisations(request, form))
    today = timezone.localdate()
    delegations = current_delegation_map(commune, [o.pk for o in organisations], today)
    signed = set(signed_agreements(commune, today).values_list("organisation_id", flat=True))
    rows = []
    for organisation in organisations:
        delegate, deputy = delegations.get(organisation.pk, (None, None))
        member = organisation.is_member_on(today)
        rows.append(
            {
                "organisation": organisation,
                "delegate": delegate,
                "deputy": deputy,
                "is_member": member,
                "has_agreement": organisation.pk in signed,
            }
        )
    query = request.GET.urlencode()
    return render(
        request,
        "network/organisation_list.html",
        {"commune": commune, "form": form, "rows": rows, "query": query},
    )


@capability_required(Capability.VIEW_NETWORK)
def organisation_export(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = OrganisationFilterForm(request.GET or None, commune=commune)
    organisations = filtered_organisations(request, form)
    stamp = timezone.localdate().isoformat()
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            export_xlsx(commune, organisations),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="organisationen-{commune.slug}-{stamp}.xlsx"'
        )
        return response
    response = HttpResponse(export_csv(commune, organisations), content_type="text/csv")
    response["Content-Disposition"] = (
        f'attachment; filename="organisationen-{commune.slug}-{stamp}.csv"'
    )
    return response


@capability_required(Capability.MANAGE_NETWORK)
def organisation_import(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    errors = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                created = import_organisations(
                    actor=acting_user(request),
                    commune=commune,
                    content=upload.read(),
                    filename=upload.name or "",
                )
            except ImportRefused as refused:
                errors = refused.errors
            else:
                messages.success(
                    request,
                    _("%(count)s organisations have been imported.") % {"count": len(created)},
                )
                return redirect("network:organisation_list", commune_slug=commune.slug)
    else:
        form = ImportForm()
    return render(
        request,
        "network/organisation_import.html",
        {"commune": commune, "form": form, "errors": errors},
    )


@capability_required(Capability.MANAGE_NETWORK)
def organisation_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    network_settings(commune)
    form = OrganisationForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in ORGANISATION_FIELDS}
        try:
            organisation = create_organisation(
                actor=acting_user(request),
                commune=commune,
                values=values,
                social_areas=form.cleaned_data["social_areas"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation has been created."))
            return redirect(
                "network:organisation_detail",
                commune_slug=commune.slug,
                organisation_uuid=organisation.uuid,
            )
    return render(
        request,
        "network/organisation_form.html",
        {"commune": commune, "form": form, "organisation": None, "conflict": None},
    )


def may_edit(request: HttpRequest, organisation: Organisation) -> bool:
    if has_capability(request, Capability.MANAGE_NETWORK):
        return True
    return has_capability(request, Capability.EDIT_OWN_ORGANISATION) and (
        organisation.pk in own_organisation_ids(acting_user(request), organisation.commune)
    )


def edit_prefix(request: HttpRequest) -> str:
    """URL names of the editing pages: coordinators use theirs, partner staff "own_"."""
    return "" if has_capability(request, Capability.MANAGE_NETWORK) else "own_"


@capability_required(Capability.VIEW_NETWORK)
def organisation_detail(
    request: HttpRequest, commune_slug: str, organisation_uuid: str
) -> HttpResponse:
    commune = commune_of(request)
    organisation = get_for_commune(Organisation, commune, organisation_uuid)
    today = timezone.localdate()
    delegate, deputy = current_delegation(organisation, today)
    manage = has_capability(request, Capability.MANAGE_NETWORK)
    editable = may_edit(request, organisation)
    context: dict[str, Any] = {
        "commune": commune,
        "organisation": organisation,
        "is_member": organisation.is_member_on(today),
        "delegate": delegate,
        "deputy": deputy,
        "delegates_in_two_years": delegates_within(organisation, 2, today),
        "has_agreement": has_signed_agreement(organisation, today),
        "people": Person.objects.for_commune(commune).filter(organisation=organisation),
        "delegations": Delegation.objects.for_commune(commune)
        .filter(organisation=organisation)
        .select_related("person"),
        "admissions": Admission.objects.for_commune(commune)
        .filter(organisation=organisation)
        .prefetch_related("history"),
        "mentorships": Mentorship.objects.for_commune(commune)
        .filter(newcomer=organisation)
        .select_related("mentor__organisation"),
        # Partner staff see their own organisation's agreements (read only).
        "agreements": CooperationAgreement.objects.for_commune(commune).filter(
            organisation=organisation
        )
        if editable
        else [],
        "may_edit": editable,
        "manage": manage,
        "prefix": edit_prefix(request),
        "today": today,
    }
    return render(request, "network/organisation_detail.html", context)


def _edit(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    commune = organisation.commune
    conflict = None
    if request.method == "POST":
        form = OrganisationForm(request.POST, commune=commune, organisation=organisation)
        if form.is_valid():
            values = {field: form.cleaned_data[field] for field in ORGANISATION_FIELDS}
            try:
                update_organisation(
                    actor=acting_user(request),
                    organisation=organisation,
                    values=values,
                    social_areas=form.cleaned_data["social_areas"],
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                conflict = [
                    {
                        "label": form.fields[d.field].label,
                        "saved": _display(form, d.field, d.saved),
                        "yours": _display(form, d.field, d.yours),
                    }
                    for d in error.differences
                ]
                form = OrganisationForm(data, commune=commune, organisation=organisation)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The organisation has been saved."))
                return redirect(
                    "network:organisation_detail",
                    commune_slug=commune.slug,
                    organisation_uuid=organisation.uuid,
                )
    else:
        form = OrganisationForm(
            initial=OrganisationForm.initial_for(organisation),
            commune=commune,
            organisation=organisation,
        )
    return render(
        request,
        "network/organisation_form.html",
        {
            "commune": commune,
            "form": form,
            "organisation": organisation,
            "conflict": conflict,
            "prefix": edit_prefix(request),
        },
    )


def _display(form: OrganisationForm, field: str, value: Any) -> Any:
    if value is None or value == "":
        return "–"
    if field == "sector":
        return dict(form.fields["sector"].choices).get(value, value)  # type: ignore[attr-defined]
    return value


def get_own_organisation(request: HttpRequest, organisation_uuid: str) -> Organisation:
    """Partner staff: only the organisation their role is bound to; others are 404."""
    organisation = get_for_commune(Organisation, commune_of(request), organisation_uuid)
    if organisation.pk not in own_organisation_ids(acting_user(request), organisation.commune):
        raise Http404(_("Not found."))
    return organisation


def for_coordinators(
    impl: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    @capability_required(Capability.MANAGE_NETWORK)
    def view(
        request: HttpRequest, commune_slug: str, organisation_uuid: str, **kw: Any
    ) -> HttpResponse:
        organisation = get_for_commune(Organisation, commune_of(request), organisation_uuid)
        return impl(request, organisation, **kw)

    view.__name__ = impl.__name__
    return view


def for_own_organisation(
    impl: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    @capability_required(Capability.EDIT_OWN_ORGANISATION)
    def view(
        request: HttpRequest, commune_slug: str, organisation_uuid: str, **kw: Any
    ) -> HttpResponse:
        return impl(request, get_own_organisation(request, organisation_uuid), **kw)

    view.__name__ = f"own_{impl.__name__}"
    return view


organisation_edit = for_coordinators(_edit)
own_organisation_edit = for_own_organisation(_edit)
