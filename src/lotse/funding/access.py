"""Single applications for the people who may see them: the coordination office sees every
application of its commune, partner staff only their own organisation's (else 404)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, commune_of, get_for_commune
from lotse.core.models import Commune, Membership, User
from lotse.core.permissions import Role
from lotse.funding.models import Application, FundingYear
from lotse.network.models import Organisation


def own_organisation(user: User, commune: Commune) -> Organisation | None:
    """The organisation a partner-staff user works for in ``commune``."""
    membership = (
        Membership.objects.for_commune(commune)
        .filter(user=user, role=Role.PARTNER_STAFF, is_active=True)
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership is not None else None


def get_own_application(request: HttpRequest, uuid: Any) -> Application:
    """An application of the requesting partner's own organisation, or 404."""
    commune = commune_of(request)
    application = get_for_commune(Application, commune, uuid)
    organisation = own_organisation(acting_user(request), commune)
    if organisation is None or application.organisation_id != organisation.pk:
        raise Http404(_("Not found."))
    return application


def get_year(commune: Commune, year: int) -> FundingYear:
    found: FundingYear | None = FundingYear.objects.for_commune(commune).filter(year=year).first()
    if found is None:
        raise Http404(_("Not found."))
    return found
