"""§ 4 KKG: the staged procedure of a health professional who suspects child
endangerment. Apart from the voluntary case: only the person who opened a procedure
reads it, every read is audited."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import ChildProtectionProcedure, ChildProtectionStep, ProcedureStage

P = ProcedureStage
# The stages follow in this order; a step may repeat its stage (a second talk).
STAGE_ORDER = [P.TALK_WITH_PARENTS, P.SPECIALIST_ADVICE, P.REPORTED_TO_YOUTH_OFFICE, P.CLOSED]


def open_procedure(
    *, actor: User, commune: Commune, pseudonym: str, indications: str
) -> ChildProtectionProcedure:
    require_actor_capability(actor, commune, Capability.DOCUMENT_ASSIGNED_FAMILIES)
    errors = {}
    if not pseudonym.strip():
        errors["pseudonym"] = _("Please give a pseudonym.")
    if not indications.strip():
        errors["indications"] = _("Please describe the indications.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        procedure: ChildProtectionProcedure = ChildProtectionProcedure.all_communes.create(
            commune=commune,
            opened_by=actor,
            pseudonym=pseudonym.strip(),
            indications=indications.strip(),
        )
        record(
            actor=actor,
            commune=commune,
            action=ReferralAction.PROCEDURE_OPENED,
            target=procedure,
        )
    return procedure


def get_procedure(*, actor: User, commune: Commune, uuid: object) -> ChildProtectionProcedure:
    """The procedure, for the person who opened it only (404 for everyone else); audited."""
    require_actor_capability(actor, commune, Capability.DOCUMENT_ASSIGNED_FAMILIES)
    try:
        procedure: ChildProtectionProcedure = ChildProtectionProcedure.objects.for_commune(
            commune
        ).get(uuid=uuid, opened_by=actor)
    except (ChildProtectionProcedure.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    with transaction.atomic():
        record(actor=actor, commune=commune, action=ReferralAction.PROCEDURE_READ, target=procedure)
    return procedure


def add_step(
    *,
    actor: User,
    procedure: ChildProtectionProcedure,
    stage: str,
    at: datetime,
    notes: str,
    specialist: str = "",
    family_details: str = "",
    expected_version: int | None = None,
) -> ChildProtectionStep:
    """Document one step. The stages go forward only; the advice names the specialist;
    the report to the youth office names the family (until then it stays pseudonymous)."""
    errors: dict[str, str] = {}
    if stage not in P.values:
        errors["stage"] = _("Please choose a step.")
    if not notes.strip():
        errors["notes"] = _("Please document the step.")
    if at > timezone.now():
        errors["at"] = _("A step cannot lie in the future.")
    if stage == P.SPECIALIST_ADVICE and not specialist.strip():
        errors["specialist"] = _("Please name the specialist you consulted.")
    if stage == P.REPORTED_TO_YOUTH_OFFICE and not family_details.strip():
        errors["family_details"] = _("The report to the youth office names the family.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current: ChildProtectionProcedure = (
            ChildProtectionProcedure.all_communes.select_for_update().get(pk=procedure.pk)
        )
        if current.opened_by_id != actor.pk:
            raise Http404(_("Not found."))
        check_version(
            current, expected_version=expected_version, yours={"stage": stage}, fields=["stage"]
        )
        if current.stage == P.CLOSED:
            raise ValidationError(_("This procedure is closed."))
        if STAGE_ORDER.index(P(stage)) < STAGE_ORDER.index(P(current.stage)):
            raise ValidationError({"stage": _("The procedure has already passed this step.")})
        step: ChildProtectionStep = ChildProtectionStep.all_communes.create(
            commune=current.commune,
            procedure=current,
            stage=stage,
            at=at,
            notes=notes.strip(),
            specialist=specialist.strip(),
            actor=actor,
        )
        current.stage = stage
        if family_details.strip():
            current.family_details = family_details.strip()
        if stage == P.CLOSED:
            current.closed_at = at
        current.version += 1
        current.save()
        record(
            actor=actor,
            commune=current.commune,
            action=ReferralAction.PROCEDURE_STEP,
            target=current,
            changes={"stage": (None, stage), "notes": (None, notes)},
            personal_fields={"notes"},
        )
    procedure.refresh_from_db()
    return step
