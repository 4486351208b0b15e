"""Cooperation agreements: drafting from the commune's template, the PDF, signatures,
obligations and termination in writing (which ends the membership)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import User
from lotse.core.permissions import Capability
from lotse.network.actions import NetworkAction
from lotse.network.models import (
    Admission,
    AdmissionStatus,
    AgreementStatus,
    AgreementTransition,
    CooperationAgreement,
    Obligation,
    ObligationKind,
    Organisation,
    OrganisationStatus,
)
from lotse.network.models.agreements import AGREEMENT_TRANSITIONS
from lotse.network.services.admissions import move_admission
from lotse.network.services.organisations import fill_template, network_settings

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Signed paper comes back scanned: PDF or an image. Checked by content, not by name.
ALLOWED_UPLOADS: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
UNFINISHED = (
    AgreementStatus.DRAFT,
    AgreementStatus.SENT_FOR_SIGNATURE,
    AgreementStatus.SIGNED,
)


def check_upload(document: UploadedFile | None, field: str) -> UploadedFile:
    """The written form needs the document: PDF, JPEG or PNG, at most 10 MB."""
    if document is None:
        raise ValidationError({field: _("Please upload the signed document.")})
    name = (document.name or "").lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    if (document.size or 0) > MAX_UPLOAD_BYTES:
        raise ValidationError({field: _("The file is larger than 10 MB.")})
    if (document.size or 0) == 0:
        raise ValidationError({field: _("The file is empty.")})
    signatures = ALLOWED_UPLOADS.get(suffix)
    document.seek(0)
    head = document.read(16)
    document.seek(0)
    if signatures is None or not any(head.startswith(sig) for sig in signatures):
        raise ValidationError({field: _("Please upload a PDF, JPEG or PNG file.")})
    return document


def _move(
    agreement: CooperationAgreement, to: str, *, actor: User | None, reason: str = ""
) -> None:
    if to not in AGREEMENT_TRANSITIONS[agreement.status]:
        raise ValidationError(
            _("An agreement in the state “%(state)s” cannot change to “%(new)s”.")
            % {"state": agreement.get_status_display(), "new": AgreementStatus(to).label}
        )
    AgreementTransition.all_communes.create(
        commune=agreement.commune,
        agreement=agreement,
        from_status=agreement.status,
        to_status=to,
        actor=actor,
        reason=reason,
    )
    agreement.status = to


def _locked(agreement: CooperationAgreement) -> CooperationAgreement:
    locked: CooperationAgreement = (
        CooperationAgreement.objects.for_commune(agreement.commune)
        .select_for_update()
        .select_related("organisation")
        .get(pk=agreement.pk)
    )
    return locked


def _not_in_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date cannot lie in the future.")})


def agreement_text(organisation: Organisation) -> str:
    commune = organisation.commune
    settings = network_settings(commune)
    return fill_template(
        settings.agreement_template,
        {
            "commune_name": commune.name,
            "youth_office": commune.youth_office_name,
            "coordination_office_address": settings.coordination_office_address,
            "partner_name": organisation.name,
            "partner_legal_carrier": organisation.legal_carrier,
            "partner_address": organisation.address,
        },
    )


def create_agreement(*, actor: User, organisation: Organisation) -> CooperationAgreement:
    """Draft an agreement from the commune's current template; its text is frozen."""
    commune = organisation.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    text = agreement_text(organisation)
    with transaction.atomic():
        Organisation.objects.for_commune(commune).select_for_update().get(pk=organisation.pk)
        if (
            CooperationAgreement.objects.for_commune(commune)
            .filter(organisation=organisation, status__in=UNFINISHED)
            .exists()
        ):
            raise ValidationError(
                _("An agreement with this organisation is already being prepared.")
            )
        agreement: CooperationAgreement = CooperationAgreement.all_communes.create(
            commune=commune, organisation=organisation, text=text, created_by=actor
        )
        AgreementTransition.all_communes.create(
            commune=commune, agreement=agreement, to_status=AgreementStatus.DRAFT, actor=actor
        )
        Obligation.all_communes.bulk_create(
            Obligation(commune=commune, agreement=agreement, kind=kind)
            for kind in ObligationKind.values
        )
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.AGREEMENT_CREATED,
            target=agreement,
            changes={"organisation": ("", organisation.name)},
        )
    return agreement


def agreement_pdf(agreement: CooperationAgreement) -> bytes:
    """The agreement as a German PDF (WeasyPrint), with the obligations it names."""
    import weasyprint  # noqa: PLC0415 - heavy import, only when a PDF is asked for

    blocks: list[tuple[str, object]] = []
    items: list[str] = []
    for line in agreement.text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            items.append(stripped[2:])
            continue
        if items:
            blocks.append(("list", items))
            items = []
        if stripped.startswith("# "):
            blocks.append(("heading", stripped[2:]))
        elif stripped:
            blocks.append(("paragraph", stripped))
    if items:
        blocks.append(("list", items))
    with translation.override("de"):
        html = render_to_string(
            "network/agreement_pdf.html",
            {
                "agreement": agreement,
                "organisation": agreement.organisation,
                "commune": agreement.commune,
                "blocks": blocks,
                "obligations": agreement.obligations.all(),
            },
        )
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def send_agreement(*, actor: User, agreement: CooperationAgreement, sent_on: date) -> None:
    require_actor_capability(actor, agreement.commune, Capability.MANAGE_NETWORK)
    _not_in_future(sent_on, "sent_on")
    with transaction.atomic():
        agreement = _locked(agreement)
        _move(agreement, AgreementStatus.SENT_FOR_SIGNATURE, actor=actor)
        agreement.sent_on = sent_on
        agreement.save()
        record(
            actor=actor,
            commune=agreement.commune,
            action=NetworkAction.AGREEMENT_SENT,
            target=agreement,
            changes={"sent_on": ("", sent_on.isoformat())},
        )


def record_partner_signature(
    *,
    actor: User,
    agreement: CooperationAgreement,
    signed_on: date,
    document: UploadedFile | None,
) -> None:
    """The partner signed: written form, so the signed document is required."""
    require_actor_capability(actor, agreement.commune, Capability.MANAGE_NETWORK)
    upload = check_upload(document, "document")
    _not_in_future(signed_on, "signed_on")
    with transaction.atomic():
        agreement = _locked(agreement)
        if agreement.sent_on is not None and signed_on < agreement.sent_on:
            raise ValidationError(
                {"signed_on": _("The partner cannot have signed before the agreement was sent.")}
            )
        _move(agreement, AgreementStatus.SIGNED, actor=actor)
        agreement.partner_signed_on = signed_on
        agreement.signed_document.save(upload.name or "signed", upload, save=False)
        agreement.save()
        record(
            actor=actor,
            commune=agreement.commune,
            action=NetworkAction.AGREEMENT_SIGNED,
            target=agreement,
            changes={"partner_signed_on": ("", signed_on.isoformat())},
        )


def countersign(*, actor: User, agreement: CooperationAgreement, countersigned_on: date) -> None:
    """The coordination office countersigned: the agreement is in force and replaces an
    earlier one; an admitted organisation's membership becomes active."""
    commune = agreement.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    _not_in_future(countersigned_on, "countersigned_on")
    with transaction.atomic():
        agreement = _locked(agreement)
        if agreement.partner_signed_on and countersigned_on < agreement.partner_signed_on:
            raise ValidationError(
                {"countersigned_on": _("The countersignature cannot precede the partner's.")}
            )
        _move(agreement, AgreementStatus.ACTIVE, actor=actor)
        agreement.countersigned_on = countersigned_on
        agreement.save()
        for earlier in (
            CooperationAgreement.objects.for_commune(commune)
            .filter(organisation=agreement.organisation, status=AgreementStatus.ACTIVE)
            .exclude(pk=agreement.pk)
        ):
            _move(earlier, AgreementStatus.SUPERSEDED, actor=actor)
            earlier.superseded_on = countersigned_on
            earlier.save()
        admission = (
            Admission.objects.for_commune(commune)
            .filter(organisation=agreement.organisation, status=AdmissionStatus.ADMITTED)
            .first()
        )
        if admission is not None:
            move_admission(admission, AdmissionStatus.ACTIVE, actor=actor)
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.AGREEMENT_COUNTERSIGNED,
            target=agreement,
            changes={"countersigned_on": ("", countersigned_on.isoformat())},
        )


def record_obligation(
    *,
    actor: User,
    agreement: CooperationAgreement,
    kind: str,
    fulfilled_on: date | None,
    note: str = "",
) -> Obligation:
    require_actor_capability(actor, agreement.commune, Capability.MANAGE_NETWORK)
    if fulfilled_on is not None:
        _not_in_future(fulfilled_on, "fulfilled_on")
    with transaction.atomic():
        obligation: Obligation
        obligation, _created = Obligation.all_communes.get_or_create(
            commune=agreement.commune, agreement=agreement, kind=kind
        )
        old = obligation.fulfilled_on
        obligation.fulfilled_on = fulfilled_on
        obligation.note = note.strip()
        obligation.save()
        record(
            actor=actor,
            commune=agreement.commune,
            action=NetworkAction.OBLIGATION_RECORDED,
            target=agreement,
            changes={kind: (old, fulfilled_on)},
        )
    return obligation


def record_termination(
    *,
    actor: User,
    agreement: CooperationAgreement,
    notice_received_on: date,
    effective_on: date,
    document: UploadedFile | None,
) -> None:
    """The written notice arrived: the membership ends on the effective date (history
    is kept; the organisation becomes a former member)."""
    commune = agreement.commune
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    upload = check_upload(document, "document")
    _not_in_future(notice_received_on, "notice_received_on")
    if effective_on < notice_received_on:
        raise ValidationError(
            {"effective_on": _("The termination cannot take effect before the notice arrived.")}
        )
    with transaction.atomic():
        agreement = _locked(agreement)
        _move(agreement, AgreementStatus.TERMINATION_RECEIVED, actor=actor)
        agreement.notice_received_on = notice_received_on
        agreement.effective_end_on = effective_on
        agreement.termination_document.save(upload.name or "notice", upload, save=False)
        agreement.save()
        organisation = (
            Organisation.objects.for_commune(commune)
            .select_for_update()
            .get(pk=agreement.organisation_id)
        )
        organisation.member_until = effective_on
        organisation.save(update_fields=["member_until"])
        admission = (
            Admission.objects.for_commune(commune)
            .filter(
                organisation=organisation,
                status__in=(AdmissionStatus.ADMITTED, AdmissionStatus.ACTIVE),
            )
            .first()
        )
        if admission is not None:
            move_admission(admission, AdmissionStatus.NOTICE_GIVEN, actor=actor)
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.TERMINATION_RECEIVED,
            target=agreement,
            changes={
                "notice_received_on": ("", notice_received_on.isoformat()),
                "effective_end_on": ("", effective_on.isoformat()),
            },
        )
        if effective_on <= timezone.localdate():
            _finish(agreement, actor=actor)


def _finish(agreement: CooperationAgreement, *, actor: User | None) -> None:
    """The effective date has come: agreement terminated, membership ended."""
    commune = agreement.commune
    _move(agreement, AgreementStatus.TERMINATED, actor=actor)
    agreement.save()
    organisation = agreement.organisation
    organisation.status = OrganisationStatus.FORMER_MEMBER
    organisation.save(update_fields=["status"])
    admission = (
        Admission.objects.for_commune(commune)
        .filter(organisation=organisation, status=AdmissionStatus.NOTICE_GIVEN)
        .first()
    )
    if admission is not None:
        move_admission(admission, AdmissionStatus.ENDED, actor=actor)
    record(
        actor=actor,
        commune=commune,
        action=NetworkAction.MEMBERSHIP_ENDED,
        target=organisation,
        changes={
            "status": (OrganisationStatus.MEMBER, OrganisationStatus.FORMER_MEMBER),
            "member_until": ("", agreement.effective_end_on),
        },
    )


def end_due_memberships(today: date | None = None) -> int:
    """For the daily task: finish every termination whose effective date has come, in
    all communes. Returns how many memberships ended."""
    day = today or timezone.localdate()
    due = CooperationAgreement.all_communes.filter(
        status=AgreementStatus.TERMINATION_RECEIVED, effective_end_on__lte=day
    ).values_list("pk", flat=True)
    ended = 0
    for pk in list(due):
        with transaction.atomic():
            agreement = (
                CooperationAgreement.all_communes.select_for_update()
                .select_related("organisation", "commune")
                .get(pk=pk)
            )
            if agreement.status == AgreementStatus.TERMINATION_RECEIVED:
                _finish(agreement, actor=None)
                ended += 1
    return ended
