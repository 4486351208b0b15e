"""What applicants do: start an application, fill it in, attach documents, submit it,
answer a question and withdraw it before the decision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import SocialArea, User
from lotse.core.permissions import Capability
from lotse.funding.actions import FundingAction
from lotse.funding.deadlines import application_closes_at, application_deadline
from lotse.funding.eligibility import why_not_eligible
from lotse.funding.files import check_upload, save_upload
from lotse.funding.models import (
    FINAL,
    Application,
    ApplicationStatus,
    Attachment,
    AttachmentPurpose,
    Comment,
    CommentKind,
    CostItem,
    FundingYear,
    settings_of,
)
from lotse.funding.services.history import move
from lotse.network.models import Organisation

S = ApplicationStatus
APPLICATION_FIELDS: tuple[str, ...] = (
    "title",
    "funding_area",
    "goals",
    "priority_fit",
    "target_group",
    "life_phase",
    "period_start",
    "period_end",
    "requested_amount",
    "co_funding",
    "indicators",
)
EDITABLE = (S.DRAFT, S.MORE_INFO)


@transaction.atomic
def create_application(
    *, actor: User, organisation: Organisation, funding_year: FundingYear, title: str
) -> Application:
    commune = organisation.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    if funding_year.commune_id != commune.pk:
        raise PermissionDenied
    application: Application = Application.all_communes.create(
        commune=commune,
        funding_year=funding_year,
        organisation=organisation,
        title=title,
        created_by=actor,
    )
    record(
        actor=actor, commune=commune, action=FundingAction.APPLICATION_CREATED, target=application
    )
    return application


def _lock(application: Application) -> Application:
    locked: Application = (
        Application.objects.for_commune(application.commune)
        .select_for_update()
        .get(pk=application.pk)
    )
    return locked


def _cost_errors(cost_items: Sequence[tuple[str, Decimal]]) -> list[str]:
    errors = []
    for label, amount in cost_items:
        if not label.strip():
            errors.append(_("Every cost item needs a name."))
        if amount < 0:
            errors.append(_("A cost item cannot be negative."))
    return errors


@transaction.atomic
def save_application(
    *,
    actor: User,
    application: Application,
    values: Mapping[str, Any],
    social_areas: Sequence[SocialArea],
    cost_items: Sequence[tuple[str, Decimal]],
    expected_version: int | None = None,
) -> Application:
    """Save the form as a draft (or while a question is open). A stale save raises
    :class:`EditConflict` and overwrites nothing."""
    commune = application.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    current = _lock(application)
    check_version(
        current, expected_version=expected_version, yours=values, fields=APPLICATION_FIELDS
    )
    if current.status not in EDITABLE:
        raise ValidationError(_("A submitted application can no longer be changed."))
    errors: dict[str, list[str]] = {}
    if (
        values.get("funding_area")
        and values["funding_area"] not in settings_of(commune).funding_areas
    ):
        errors["funding_area"] = [_("Please choose one of the funding areas.")]
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        errors["period_end"] = [_("The measure cannot end before it starts.")]
    cost_errors = _cost_errors(cost_items)
    if cost_errors:
        errors["cost_items"] = cost_errors
    if any(area.commune_id != commune.pk for area in social_areas):
        errors["social_areas"] = [_("Please choose social areas of your commune.")]
    if errors:
        raise ValidationError(errors)
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        if field not in APPLICATION_FIELDS:
            raise ValueError(f"Not a field of the application: {field}")
        old = getattr(current, field)
        if old != new:
            changes[field] = (old, new)
            setattr(current, field, new)
    current.full_clean(validate_unique=False, validate_constraints=False)
    current.version += 1
    current.save()
    current.social_areas.set(social_areas)
    CostItem.objects.for_commune(commune).filter(application=current).delete()
    CostItem.all_communes.bulk_create(
        CostItem(
            commune=commune, application=current, position=i, label=label, planned_amount=amount
        )
        for i, (label, amount) in enumerate(cost_items)
    )
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.APPLICATION_SAVED,
        target=current,
        changes=changes,
    )
    return current


@transaction.atomic
def add_attachment(
    *, actor: User, application: Application, upload: File[bytes], purpose: str
) -> Attachment:
    commune = application.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    if purpose == AttachmentPurpose.APPLICATION and application.status not in EDITABLE:
        raise ValidationError(_("A submitted application can no longer be changed."))
    if purpose != AttachmentPurpose.APPLICATION and not application.is_funded:
        raise ValidationError(_("Receipts belong to a funded measure."))
    extension, content_type = check_upload(
        upload, max_megabytes=settings_of(commune).max_upload_megabytes
    )
    stored = save_upload(upload, extension)
    attachment: Attachment = Attachment.all_communes.create(
        commune=commune,
        application=application,
        purpose=purpose,
        stored_name=stored,
        original_name=(upload.name or "")[-200:],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
        # Receipts are kept at least five years after the proof of use is due.
        keep_until=date(application.funding_year.year + 6, 12, 31),
    )
    record(actor=actor, commune=commune, action=FundingAction.ATTACHMENT_ADDED, target=attachment)
    return attachment


def submission_problems(application: Application, now: datetime) -> list[str]:
    """Why the application cannot be submitted now (German), or nothing."""
    problems = list(why_not_eligible(application.organisation, now.date()))
    commune = application.commune
    year = application.funding_year.year
    closed = now >= application_closes_at(commune, year)
    reopened = application.reopened_until is not None and now < application.reopened_until
    if closed and not reopened:
        problems.append(
            _(
                "The deadline for applications for %(year)s was %(deadline)s at 23:59. "
                "Please ask the coordination office to reopen the submission for you."
            )
            % {
                "year": year,
                "deadline": date_format(application_deadline(commune, year), "DATE_FORMAT"),
            }
        )
    missing = [
        str(getattr(Application._meta.get_field(name), "verbose_name", name))
        for name in ("funding_area", "goals", "target_group", "period_start", "period_end")
        if not getattr(application, name)
    ]
    if application.requested_amount <= 0:
        missing.append(_("requested amount (EUR)"))
    if not application.cost_items.exists():
        missing.append(_("cost plan"))
    if missing:
        problems.append(_("Please fill in: %(fields)s.") % {"fields": ", ".join(missing)})
    return problems


@transaction.atomic
def submit_application(
    *, actor: User, application: Application, now: datetime | None = None
) -> Application:
    commune = application.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    now = now or timezone.now()
    current = _lock(application)
    if current.status != S.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    problems = submission_problems(current, now)
    if problems:
        raise ValidationError(problems)
    move(current, actor=actor, to=S.SUBMITTED, allowed_from=(S.DRAFT,))
    current.submitted_at = now
    current.told_status = S.SUBMITTED
    current.version += 1
    current.save()
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.APPLICATION_SUBMITTED,
        target=current,
        changes={"status": (S.DRAFT, S.SUBMITTED)},
    )
    return current


@transaction.atomic
def answer_question(*, actor: User, application: Application, text: str) -> Application:
    """The applicant's answer sends the application back to the coordination office."""
    commune = application.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    if not text.strip():
        raise ValidationError({"text": _("Please write your answer.")})
    current = _lock(application)
    move(current, actor=actor, to=S.SUBMITTED, allowed_from=(S.MORE_INFO,))
    Comment.all_communes.create(
        commune=commune, application=current, kind=CommentKind.ANSWER, text=text, author=actor
    )
    current.told_status = S.SUBMITTED
    current.version += 1
    current.save()
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.QUESTION_ANSWERED,
        target=current,
        changes={"status": (S.MORE_INFO, S.SUBMITTED)},
    )
    return current


@transaction.atomic
def withdraw_application(*, actor: User, application: Application, reason: str) -> Application:
    """Withdraw before the decision; a decision not yet released counts as not made."""
    commune = application.commune
    require_actor_capability(actor, commune, Capability.APPLY_FOR_FUNDING)
    current = _lock(application)
    if current.status in FINAL:
        raise ValidationError(_("A decided application can no longer be withdrawn."))
    old = current.status
    move(
        current,
        actor=actor,
        to=S.WITHDRAWN,
        allowed_from=(S.DRAFT, S.SUBMITTED, S.MORE_INFO, S.IN_REVIEW, S.DECISION_PENDING),
        reason=reason,
    )
    current.decision = ""
    current.approved_amount = None
    current.told_status = S.WITHDRAWN
    current.version += 1
    current.save()
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.APPLICATION_WITHDRAWN,
        target=current,
        changes={"status": (old, S.WITHDRAWN)},
    )
    return current
