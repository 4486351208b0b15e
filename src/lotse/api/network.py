"""API v1 operations for the network app; registered on `api_v1` in `lotse.api.api`.

Read-only: the partner organisations of the token's commune, with their sector,
institution type, social areas, membership and current delegate and deputy."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from lotse.api.auth import require
from lotse.api.schemas import ErrorOut, InvalidOut
from lotse.core.access import get_for_commune
from lotse.core.models import Commune, SocialArea
from lotse.core.permissions import Capability
from lotse.network.models import Organisation, Person, Sector
from lotse.network.selectors import current_delegation_map

router = Router(tags=["network"])

SectorValue = str


class PersonOut(Schema):
    name: str
    function: str


class SocialAreaRef(Schema):
    uuid: UUID
    slug: str
    name: str


class OrganisationOut(Schema):
    uuid: UUID
    name: str
    legal_carrier: str
    sector: str = Field(
        description=f"The sector (Handlungsfeld): one of {', '.join(Sector.values)}."
    )
    institution_type: str | None = Field(description="Name of the institution type, if set.")
    status: str = Field(description="candidate, member or former_member.")
    is_member: bool = Field(description="Whether the organisation is a member today.")
    member_since: date | None
    member_until: date | None = Field(description="Effective date of a termination.")
    street: str
    postal_code: str
    city: str
    website: str
    phone: str
    email: str
    social_areas: list[SocialAreaRef] = Field(description="The social areas served.")
    delegate: PersonOut | None = Field(description="The delegate named today, if any.")
    deputy: PersonOut | None = Field(description="The deputy named today, if any.")


class OrganisationFilter(Schema):
    sector: Sector | None = Field(None, description="Only organisations of this sector.")
    social_area: str | None = Field(
        None, description="Only organisations serving this social area (its slug or UUID)."
    )


ERRORS = {401: ErrorOut, 403: ErrorOut, 422: InvalidOut}


def _person(person: Person | None) -> PersonOut | None:
    return PersonOut(name=person.name, function=person.function) if person else None


def _out(
    organisation: Organisation, delegation: tuple[Person | None, Person | None], today: date
) -> OrganisationOut:
    delegate, deputy = delegation
    return OrganisationOut(
        uuid=organisation.uuid,
        name=organisation.name,
        legal_carrier=organisation.legal_carrier,
        sector=organisation.sector,
        institution_type=organisation.institution_type.name
        if organisation.institution_type
        else None,
        status=organisation.status,
        is_member=organisation.is_member_on(today),
        member_since=organisation.member_since,
        member_until=organisation.member_until,
        street=organisation.street,
        postal_code=organisation.postal_code,
        city=organisation.city,
        website=organisation.website,
        phone=organisation.phone,
        email=organisation.email,
        social_areas=[
            SocialAreaRef(uuid=area.uuid, slug=area.slug, name=area.name)
            for area in organisation.social_areas.all()
        ],
        delegate=_person(delegate),
        deputy=_person(deputy),
    )


def _organisations(commune: Commune) -> QuerySet[Organisation]:
    organisations: QuerySet[Organisation] = (
        Organisation.objects.for_commune(commune)
        .select_related("institution_type")
        .prefetch_related("social_areas")
    )
    return organisations


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], **ERRORS},
    summary="Partner organisations",
)
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilter]
) -> list[OrganisationOut]:
    """The partner organisations of the token's commune, sorted by name; filter by
    `sector` and by `social_area` (slug or UUID; an unknown area gives an empty list).
    Needs the capability `view_network`."""
    commune = require(request, Capability.VIEW_NETWORK).commune
    organisations = _organisations(commune)
    if filters.sector:
        organisations = organisations.filter(sector=filters.sector)
    if filters.social_area:
        areas = SocialArea.objects.for_commune(commune)
        try:
            area = areas.filter(uuid=UUID(filters.social_area)).first()
        except ValueError:
            area = areas.filter(slug=filters.social_area).first()
        organisations = organisations.filter(social_areas=area) if area else organisations.none()
    found = list(organisations.distinct())
    today = timezone.localdate()
    delegations = current_delegation_map(commune, [o.pk for o in found], today)
    return [_out(o, delegations.get(o.pk, (None, None)), today) for o in found]


@router.get(
    "/organisations/{uuid}",
    response={200: OrganisationOut, 404: ErrorOut, **ERRORS},
    summary="One partner organisation",
)
def get_organisation(request: HttpRequest, uuid: UUID) -> OrganisationOut:
    """One partner organisation of the token's commune (404 for another commune's).
    Needs the capability `view_network`."""
    commune = require(request, Capability.VIEW_NETWORK).commune
    organisation = get_for_commune(Organisation, commune, uuid)
    organisation = _organisations(commune).get(pk=organisation.pk)
    today = timezone.localdate()
    delegations = current_delegation_map(commune, [organisation.pk], today)
    return _out(organisation, delegations.get(organisation.pk, (None, None)), today)
