"""Who may change which organisation: coordinators every one (``MANAGE_NETWORK``),
partner staff only the organisation their role is bound to (``EDIT_OWN_ORGANISATION``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, commune_of, get_for_commune, has_capability
from lotse.core.models import Commune, Membership, User, capabilities_of
from lotse.core.permissions import Capability, Role
from lotse.network.models import Organisation


def own_organisation_ids(user: User, commune: Commune) -> set[int]:
    """The organisations the user's active partner-staff roles are bound to."""
    return set(
        Membership.objects.for_commune(commune)
        .filter(user=user, role=Role.PARTNER_STAFF, is_active=True)
        .values_list("organisation_id", flat=True)
    )


def may_edit_organisation(user: User, organisation: Organisation) -> bool:
    capabilities = capabilities_of(user, organisation.commune)
    if Capability.MANAGE_NETWORK in capabilities:
        return True
    return Capability.EDIT_OWN_ORGANISATION in capabilities and (
        organisation.pk in own_organisation_ids(user, organisation.commune)
    )


def require_edit_organisation(actor: User, organisation: Organisation) -> None:
    """For services: the actor may change this organisation's data and people."""
    if not may_edit_organisation(actor, organisation):
        raise PermissionDenied(_("Your role does not allow this."))


def get_organisation_for_user(
    request: HttpRequest, uuid: object, need: str = "read"
) -> Organisation:
    """The organisation of this commune (else 404); for ``need="write"`` the user must
    manage the network or be bound to it. Partner staff asking for another organisation
    get 404, the same answer as for one that does not exist."""
    organisation = get_for_commune(Organisation, commune_of(request), uuid)
    if need == "write":
        user = acting_user(request)
        if has_capability(request, Capability.MANAGE_NETWORK):
            return organisation
        if not has_capability(request, Capability.EDIT_OWN_ORGANISATION):
            raise PermissionDenied(_("Your role does not allow this."))
        if organisation.pk not in own_organisation_ids(user, organisation.commune):
            raise Http404(_("Not found."))
    return organisation
