"""The people of a commune: list their roles, invite, deactivate and reactivate.
Coordinators only (capability ``MANAGE_USERS``)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.forms.users import InviteUserForm
from lotse.core.models import Membership
from lotse.core.permissions import Capability
from lotse.core.services.users import deactivate_membership, invite_user, reactivate_membership


@capability_required(Capability.MANAGE_USERS)
@require_safe
def user_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    memberships = (
        Membership.objects.for_commune(commune)
        .select_related("user", "organisation", "invited_by")
        .order_by("user__full_name", "user__email", "role")
    )
    return render(
        request, "core/users/user_list.html", {"commune": commune, "memberships": memberships}
    )


@capability_required(Capability.MANAGE_USERS)
@require_http_methods(["GET", "HEAD", "POST"])
def user_invite(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = InviteUserForm(request.POST if request.method == "POST" else None, commune=commune)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            membership = invite_user(
                actor=acting_user(request),
                commune=commune,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                organisation=data["organisation"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(person)s now has the role “%(role)s”. We have sent an e-mail to %(email)s.")
                % {
                    "person": membership.user,
                    "role": membership.get_role_display(),
                    "email": membership.user.email,
                },
            )
            return redirect("core:user_list", commune_slug=commune.slug)
    return render(request, "core/users/user_invite.html", {"commune": commune, "form": form})


@capability_required(Capability.MANAGE_USERS)
@require_POST
def user_deactivate(request: HttpRequest, commune_slug: str, membership_uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    membership = get_for_commune(Membership, commune, membership_uuid)
    try:
        deactivate_membership(actor=acting_user(request), membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The role “%(role)s” of %(person)s has been deactivated.")
            % {"role": membership.get_role_display(), "person": membership.user},
        )
    return redirect("core:user_list", commune_slug=commune.slug)


@capability_required(Capability.MANAGE_USERS)
@require_POST
def user_reactivate(request: HttpRequest, commune_slug: str, membership_uuid: UUID) -> HttpResponse:
    commune = commune_of(request)
    membership = get_for_commune(Membership, commune, membership_uuid)
    reactivate_membership(actor=acting_user(request), membership=membership)
    messages.success(
        request,
        _("The role “%(role)s” of %(person)s is active again.")
        % {"role": membership.get_role_display(), "person": membership.user},
    )
    return redirect("core:user_list", commune_slug=commune.slug)
