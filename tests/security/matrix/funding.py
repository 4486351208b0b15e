"""Rules for funding: the coordination office manages funding years, reviews and decides;
partner staff apply for their own organisation; network members read the measure plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from lotse.core.models import User
from lotse.core.permissions import Capability, Role
from lotse.funding.files import storage
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    Attachment,
    FundingYear,
    ProofOfUse,
)
from tests.conftest import World
from tests.security.matrix import Access, ApiRule, Rule

YEAR = 2027
MATRIX_FILE = "matrix-test.pdf"


def _year(world: World) -> FundingYear:
    year, _created = FundingYear.all_communes.get_or_create(
        commune=world.bergkamen, year=YEAR, defaults={"allocation": Decimal("37240")}
    )
    return year


def _application(world: World) -> Application:
    """A released, approved application of the Bergkamen partner organisation, with its
    proof of use and one attachment."""
    found = Application.all_communes.filter(commune=world.bergkamen).first()
    if found is not None:
        return found
    application: Application = Application.all_communes.create(
        commune=world.bergkamen,
        funding_year=_year(world),
        organisation=world.organisations["bergkamen"],
        status=ApplicationStatus.APPROVED,
        told_status=ApplicationStatus.APPROVED,
        told_at=timezone.now(),
        decision="approved",
        approved_amount=Decimal("5000"),
        requested_amount=Decimal("5000"),
        title="Familienhebammen",
        created_by=world.user("bergkamen", Role.PARTNER_STAFF),
    )
    ProofOfUse.all_communes.create(
        commune=world.bergkamen, application=application, due_date=date(YEAR + 1, 1, 31)
    )
    if not storage().exists(MATRIX_FILE):
        storage().save(MATRIX_FILE, ContentFile(b"%PDF-1.4\n"))
    Attachment.all_communes.create(
        commune=world.bergkamen,
        application=application,
        purpose="application",
        stored_name=MATRIX_FILE,
        original_name="Kostenplan.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=world.user("bergkamen", Role.PARTNER_STAFF),
        keep_until=date(YEAR + 6, 12, 31),
    )
    return application


def _year_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"year": _year(world).year}


def _application_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _application(world).uuid}


def _attachment_kwargs(world: World, user: User) -> dict[str, Any]:
    application = _application(world)
    return {"uuid": Attachment.all_communes.get(application=application).uuid}


def _proof_kwargs(world: World, user: User) -> dict[str, Any]:
    return {"uuid": ProofOfUse.all_communes.get(application=_application(world)).uuid}


def _format(world: World, user: User) -> dict[str, Any]:
    return {"fmt": "csv"}


MANAGE = Capability.MANAGE_FUNDING
APPLY = Capability.APPLY_FOR_FUNDING
VIEW = Capability.VIEW_MEASURE_PLAN

WEB: dict[str, Rule] = {
    "funding:year_list": Rule(MANAGE),
    "funding:allocation": Rule(MANAGE),
    "funding:settings": Rule(MANAGE),
    "funding:year_detail": Rule(MANAGE, kwargs=_year_kwargs),
    "funding:year_edit": Rule(MANAGE, kwargs=_year_kwargs),
    "funding:year_export": Rule(MANAGE, kwargs=_year_kwargs),
    "funding:review": Rule(MANAGE, kwargs=_application_kwargs),
    "funding:review_letter": Rule(MANAGE, kwargs=_application_kwargs),
    "funding:dossier": Rule(MANAGE, kwargs=_application_kwargs),
    "funding:review_attachment": Rule(MANAGE, kwargs=_attachment_kwargs),
    "funding:proof_check": Rule(MANAGE, kwargs=_proof_kwargs),
    "funding:my_applications": Rule(APPLY),
    "funding:application_edit": Rule(APPLY, kwargs=_application_kwargs),
    "funding:application_action": Rule(APPLY, post_only=True, kwargs=_application_kwargs),
    "funding:decision_letter": Rule(APPLY, kwargs=_application_kwargs),
    "funding:proof_edit": Rule(APPLY, kwargs=_application_kwargs),
    "funding:attachment_download": Rule(APPLY, kwargs=_attachment_kwargs),
    "funding:measure_plan": Rule(VIEW),
    "funding:measure_plan_export": Rule(VIEW, kwargs=_format),
}

API: dict[tuple[str, str], Access | ApiRule] = {}
