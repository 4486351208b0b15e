"""Rules for the network: organisations, people and delegations, admissions, mentoring,
cooperation agreements, overview and settings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from lotse.core.models import User
from lotse.core.permissions import Capability
from lotse.network.models import (
    Admission,
    AdmissionStatus,
    CooperationAgreement,
    Delegation,
    DelegationKind,
    InstitutionType,
    Organisation,
    OrganisationStatus,
    Person,
)
from tests.conftest import World
from tests.security.matrix import Access, ApiRule, Rule

MATRIX_DOCUMENT = "private/network/agreements/permission-matrix.pdf"


def _organisation(world: World, user: User) -> dict[str, Any]:
    # The organisation the Bergkamen partner staff are bound to: every Bergkamen holder
    # of EDIT_OWN_ORGANISATION may reach it, coordinators may reach any.
    return {"organisation_uuid": world.organisations["bergkamen"].uuid}


def _person(world: World) -> Person:
    organisation = world.organisations["bergkamen"]
    person, _created = Person.all_communes.get_or_create(
        commune=world.bergkamen,
        organisation=organisation,
        name="Matrix Person",
        defaults={"has_network_knowledge": True},
    )
    return person


def _with_person(world: World, user: User) -> dict[str, Any]:
    return {**_organisation(world, user), "person_uuid": _person(world).uuid}


def _with_delegation(world: World, user: User) -> dict[str, Any]:
    delegation, _created = Delegation.all_communes.get_or_create(
        commune=world.bergkamen,
        organisation=world.organisations["bergkamen"],
        person=_person(world),
        kind=DelegationKind.DELEGATE,
        valid_from=date(2024, 1, 1),
    )
    return {**_organisation(world, user), "delegation_uuid": delegation.uuid}


def _admission(world: World, user: User) -> dict[str, Any]:
    candidate, _created = Organisation.all_communes.get_or_create(
        commune=world.bergkamen,
        name="Matrix Kandidat",
        defaults={"sector": "health", "status": OrganisationStatus.CANDIDATE},
    )
    admission, _created = Admission.all_communes.get_or_create(
        commune=world.bergkamen,
        organisation=candidate,
        defaults={
            "status": AdmissionStatus.CONSENT_PENDING,
            "applied_on": date(2026, 1, 1),
            "objection_deadline": date(2099, 1, 1),
        },
    )
    return {"admission_uuid": admission.uuid}


def _agreement(world: World, user: User) -> dict[str, Any]:
    agreement, _created = CooperationAgreement.all_communes.get_or_create(
        commune=world.bergkamen,
        organisation=world.organisations["bergkamen"],
        defaults={"text": "# Vereinbarung\n\nText"},
    )
    return {"agreement_uuid": agreement.uuid}


def _document(world: World, user: User) -> dict[str, Any]:
    kwargs = _agreement(world, user)
    if not default_storage.exists(MATRIX_DOCUMENT):
        default_storage.save(MATRIX_DOCUMENT, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    CooperationAgreement.objects.for_commune(world.bergkamen).filter(
        uuid=kwargs["agreement_uuid"]
    ).update(signed_document=MATRIX_DOCUMENT)
    return {**kwargs, "which": "signed"}


def _own_agreement(world: World, user: User) -> dict[str, Any]:
    return {**_organisation(world, user), **_agreement(world, user)}


def _own_signed_document(world: World, user: User) -> dict[str, Any]:
    kwargs = _document(world, user)
    del kwargs["which"]
    return {**_organisation(world, user), **kwargs}


def _institution_type(world: World, user: User) -> dict[str, Any]:
    institution_type, _created = InstitutionType.all_communes.get_or_create(
        commune=world.bergkamen, name="Matrix Einrichtungsart"
    )
    return {"type_uuid": institution_type.uuid}


C = Capability
MANAGE = C.MANAGE_NETWORK
OWN = C.EDIT_OWN_ORGANISATION
WEB: dict[str, Rule] = {
    "network:overview": Rule(C.VIEW_NETWORK),
    "network:settings": Rule(MANAGE),
    "network:institution_type_add": Rule(MANAGE, post_only=True),
    "network:institution_type_edit": Rule(MANAGE, kwargs=_institution_type),
    "network:organisation_list": Rule(C.VIEW_NETWORK),
    "network:organisation_export": Rule(C.VIEW_NETWORK),
    "network:organisation_import": Rule(MANAGE),
    "network:organisation_create": Rule(MANAGE),
    "network:organisation_detail": Rule(C.VIEW_NETWORK, kwargs=_organisation),
    "network:organisation_edit": Rule(MANAGE, kwargs=_organisation),
    "network:person_create": Rule(MANAGE, kwargs=_organisation),
    "network:person_edit": Rule(MANAGE, kwargs=_with_person),
    "network:delegation_appoint": Rule(MANAGE, kwargs=_organisation),
    "network:delegation_end": Rule(MANAGE, post_only=True, kwargs=_with_delegation),
    "network:own_organisation_edit": Rule(OWN, kwargs=_organisation),
    "network:own_person_create": Rule(OWN, kwargs=_organisation),
    "network:own_person_edit": Rule(OWN, kwargs=_with_person),
    "network:own_delegation_appoint": Rule(OWN, kwargs=_organisation),
    "network:own_delegation_end": Rule(OWN, post_only=True, kwargs=_with_delegation),
    "network:own_agreement_detail": Rule(OWN, kwargs=_own_agreement),
    "network:own_agreement_pdf": Rule(OWN, kwargs=_own_agreement),
    "network:own_agreement_signed_document": Rule(OWN, kwargs=_own_signed_document),
    "network:admission_open": Rule(MANAGE, kwargs=_organisation),
    "network:mentorship_create": Rule(MANAGE, kwargs=_organisation),
    "network:agreement_create": Rule(MANAGE, post_only=True, kwargs=_organisation),
    "network:admission_detail": Rule(C.VIEW_NETWORK, kwargs=_admission),
    "network:admission_consult": Rule(MANAGE, post_only=True, kwargs=_admission),
    "network:admission_object": Rule(OWN, kwargs=_admission),
    "network:admission_object_record": Rule(MANAGE, kwargs=_admission),
    "network:admission_decide": Rule(MANAGE, kwargs=_admission),
    "network:admission_withdraw": Rule(MANAGE, post_only=True, kwargs=_admission),
    "network:agreement_detail": Rule(MANAGE, kwargs=_agreement),
    "network:agreement_pdf": Rule(MANAGE, kwargs=_agreement),
    "network:agreement_send": Rule(MANAGE, post_only=True, kwargs=_agreement),
    "network:agreement_sign": Rule(MANAGE, post_only=True, kwargs=_agreement),
    "network:agreement_countersign": Rule(MANAGE, post_only=True, kwargs=_agreement),
    "network:agreement_obligation": Rule(MANAGE, post_only=True, kwargs=_agreement),
    "network:agreement_terminate": Rule(MANAGE, post_only=True, kwargs=_agreement),
    "network:agreement_document": Rule(MANAGE, kwargs=_document),
}


def _api_organisation(world: World, user: User) -> dict[str, Any]:
    return {"uuid": world.organisations["bergkamen"].uuid}


API: dict[tuple[str, str], Access | ApiRule] = {
    ("GET", "/organisations"): C.VIEW_NETWORK,
    ("GET", "/organisations/{uuid}"): ApiRule(C.VIEW_NETWORK, kwargs=_api_organisation),
}
