"""Family midwives and FGKiKP for families: eligibility enforced, caseload capacity, a
waiting list that moves up when a place frees, visits and hours documented by the
professional herself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, User, capabilities_of
from lotse.core.permissions import Capability
from lotse.referrals.models import Referral, ReferralStatus
from lotse.referrals.services.lifecycle import locked_case
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.models import (
    AssignmentStatus,
    HealthAssignment,
    HealthProfessional,
    HealthVisit,
)
from lotse.referrals.support.rules import (
    fgkikp_has_priority,
    health_professional_ineligibility,
)
from lotse.referrals.support.services.plans import children_facts

A = AssignmentStatus
OPEN_ASSIGNMENTS = (A.WAITING, A.ACTIVE)


def professionals_with_free_places(
    commune: Commune, kind: str, social_area_id: int | None
) -> list[HealthProfessional]:
    """Active professionals of ``kind`` serving the area with a free place, the least busy
    first."""
    candidates = (
        HealthProfessional.objects.for_commune(commune)
        .filter(kind=kind, is_active=True)
        .annotate(
            families=Count("assignments", filter=Q(assignments__status=A.ACTIVE), distinct=True)
        )
        .order_by("families", "pk")
    )
    if social_area_id is not None:
        candidates = candidates.filter(social_areas__pk=social_area_id)
    return [p for p in candidates if p.families < p.caseload_capacity]


def request_health_professional(
    *, actor: User, referral: Referral, kind: str, on: date | None = None
) -> HealthAssignment:
    """A family midwife or FGKiKP for the family: only if a child is eligible; assigned at
    once to the least busy professional with a free place, else on the waiting list."""
    on = on or timezone.localdate()
    if kind not in HealthProfessionalKind.values:
        raise ValidationError({"kind": _("Please choose family midwife or FGKiKP.")})
    with transaction.atomic():
        case = locked_case(actor=actor, referral=referral)
        if case.status != ReferralStatus.HELP_IN_PROGRESS:
            raise ValidationError(
                _("A health professional can be requested while help is in progress.")
            )
        facts = children_facts(case)
        if reason := health_professional_ineligibility(kind, facts, on):
            raise ValidationError({"kind": reason})
        if HealthAssignment.objects.for_commune(case.commune).filter(
            referral=case, kind=kind, status__in=OPEN_ASSIGNMENTS
        ):
            raise ValidationError({"kind": _("The family already has or awaits one.")})
        priority = kind == HealthProfessionalKind.FGKIKP and any(
            fgkikp_has_priority(child, on) for child in facts
        )
        assignment: HealthAssignment = HealthAssignment.all_communes.create(
            commune=case.commune, referral=case, kind=kind, priority=priority
        )
        free = professionals_with_free_places(case.commune, kind, case.family.social_area_id)
        if free:
            _assign(assignment, free[0], on)
        record(
            actor=actor,
            commune=case.commune,
            action=SupportAction.HEALTH_REQUESTED,
            target=assignment,
            changes={
                "kind": (None, kind),
                "status": (None, assignment.status),
                "priority": (None, priority),
            },
        )
    return assignment


def _assign(assignment: HealthAssignment, professional: HealthProfessional, on: date) -> None:
    assignment.professional = professional
    assignment.status = A.ACTIVE
    assignment.started_on = on
    assignment.save()


def fill_waiting_list(commune: Commune, kind: str, on: date) -> list[HealthAssignment]:
    """Give free places to the families waiting longest, those with priority first; a
    family whose children are no longer eligible stays waiting for the team to decide."""
    moved: list[HealthAssignment] = []
    waiting = (
        HealthAssignment.objects.for_commune(commune)
        .filter(kind=kind, status=A.WAITING)
        .select_related("referral__family")
        .select_for_update()
        .order_by("-priority", "requested_at", "pk")
    )
    for assignment in waiting:
        if health_professional_ineligibility(kind, children_facts(assignment.referral), on):
            continue
        free = professionals_with_free_places(
            commune, kind, assignment.referral.family.social_area_id
        )
        if not free:
            continue
        _assign(assignment, free[0], on)
        record(
            actor=None,
            commune=commune,
            action=SupportAction.HEALTH_ASSIGNED,
            target=assignment,
            changes={"status": (A.WAITING, A.ACTIVE)},
        )
        moved.append(assignment)
    return moved


def assignment_for_professional(user: User, commune: Commune, uuid: object) -> HealthAssignment:
    """One of the professional's own families, or 404 (another professional's family
    looks exactly like a missing one)."""
    require_actor_capability(user, commune, Capability.DOCUMENT_ASSIGNED_FAMILIES)
    try:
        assignment: HealthAssignment = (
            HealthAssignment.objects.for_commune(commune)
            .select_related("referral__family", "professional")
            .get(uuid=uuid, professional__user=user, status__in=(A.ACTIVE, A.ENDED))
        )
    except (HealthAssignment.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    return assignment


def read_assigned_family(*, actor: User, commune: Commune, uuid: object) -> HealthAssignment:
    """The professional's own family for her page; the read is audited."""
    assignment = assignment_for_professional(actor, commune, uuid)
    with transaction.atomic():
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.ASSIGNED_FAMILY_READ,
            target=assignment,
        )
    return assignment


def record_visit(
    *,
    actor: User,
    commune: Commune,
    assignment: HealthAssignment,
    visited_on: date,
    hours: Decimal,
    notes: str = "",
) -> HealthVisit:
    """The professional documents a visit and its hours in one of her own families."""
    errors: dict[str, str] = {}
    if visited_on > timezone.localdate():
        errors["visited_on"] = _("A visit cannot be documented in advance.")
    if assignment.started_on and visited_on < assignment.started_on:
        errors["visited_on"] = _("The visit cannot be before the support started.")
    if not Decimal("0.25") <= hours <= Decimal(12):
        errors["hours"] = _("Please enter between 0.25 and 12 hours.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = assignment_for_professional(actor, commune, assignment.uuid)
        if current.status != A.ACTIVE:
            raise ValidationError(_("This support has ended."))
        visit: HealthVisit = HealthVisit.all_communes.create(
            commune=commune,
            assignment=current,
            visited_on=visited_on,
            hours=hours,
            notes=notes.strip(),
            recorded_by=actor,
        )
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.HEALTH_VISIT,
            target=current,
            changes={
                "visited_on": (None, visited_on),
                "hours": (None, hours),
                "notes": ("", notes),
            },
            personal_fields=("notes",),
        )
    return visit


def end_assignment(
    *, actor: User, commune: Commune, assignment: HealthAssignment, ended_on: date
) -> HealthAssignment:
    """The support ends (by the professional, or by the team for a waiting family); the
    free place goes to the waiting list."""
    capabilities = capabilities_of(actor, commune)
    with transaction.atomic():
        if Capability.WORK_CASES in capabilities:
            locked_case(actor=actor, referral=assignment.referral)
            current: HealthAssignment = HealthAssignment.objects.for_commune(commune).get(
                pk=assignment.pk
            )
        else:
            current = assignment_for_professional(actor, commune, assignment.uuid)
        if current.status == A.ENDED:
            raise ValidationError(_("This support has already ended."))
        if current.started_on and ended_on < current.started_on:
            raise ValidationError({"ended_on": _("The end cannot be before the start.")})
        if ended_on > timezone.localdate():
            raise ValidationError({"ended_on": _("The end cannot be in the future.")})
        old = current.status
        current.status = A.ENDED
        current.ended_on = ended_on
        current.save()
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.HEALTH_ENDED,
            target=current,
            changes={"status": (old, A.ENDED), "ended_on": (None, ended_on)},
        )
        fill_waiting_list(commune, current.kind, timezone.localdate())
    return current


def end_open_assignments(*, referral: Referral, on: date) -> None:
    """When a case closes, its health professionals' support ends and their places free."""
    open_assignments = list(
        HealthAssignment.objects.for_commune(referral.commune).filter(
            referral=referral, status__in=OPEN_ASSIGNMENTS
        )
    )
    for assignment in open_assignments:
        assignment.status = A.ENDED
        assignment.ended_on = on
        assignment.save()
    for kind in {a.kind for a in open_assignments}:
        fill_waiting_list(referral.commune, kind, on)
