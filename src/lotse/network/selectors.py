"""Reads of the network that views, the API, other apps and reports share. Always scoped
to one commune. Membership and agreements are derived from dates, never from a
hard-coded list of statuses, so "who was a member on 1 March" has one answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from lotse.core.models import Commune
from lotse.network.models import (
    Admission,
    AdmissionStatus,
    CooperationAgreement,
    Delegation,
    DelegationKind,
    Mentorship,
    NetworkSettings,
    Obligation,
    ObligationKind,
    Organisation,
    Person,
    Sector,
)
from lotse.network.models.membership import OPEN_ADMISSION_STATUSES


def _day(on: date | None) -> date:
    return on if on is not None else timezone.localdate()


def member_on_q(on: date, prefix: str = "") -> Q:
    """A member from ``member_since`` (inclusive) to ``member_until`` (exclusive)."""
    return Q(**{f"{prefix}member_since__lte": on}) & (
        Q(**{f"{prefix}member_until__isnull": True}) | Q(**{f"{prefix}member_until__gt": on})
    )


def current_members(commune: Commune, on: date | None = None) -> QuerySet[Organisation]:
    """The organisations that are members of the commune's network on ``on`` (today)."""
    members: QuerySet[Organisation] = Organisation.objects.for_commune(commune).filter(
        member_on_q(_day(on))
    )
    return members


def delegation_valid_q(on: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": on})
    )


def current_delegation(
    organisation: Organisation, on: date | None = None
) -> tuple[Person | None, Person | None]:
    """(delegate, deputy) of the organisation on ``on`` (today); None where nobody is
    named. If periods overlap, the most recent appointment counts."""
    day = _day(on)
    found: dict[str, Person] = {}
    delegations = (
        Delegation.objects.for_commune(organisation.commune)
        .filter(organisation=organisation)
        .filter(delegation_valid_q(day))
        .select_related("person")
        .order_by("-valid_from", "-id")
    )
    for delegation in delegations:
        found.setdefault(delegation.kind, delegation.person)
    return found.get(DelegationKind.DELEGATE), found.get(DelegationKind.DEPUTY)


def agreement_in_force_q(on: date) -> Q:
    """Countersigned on or before ``on``, not yet ended by termination or replacement."""
    return (
        Q(partner_signed_on__isnull=False, countersigned_on__lte=on)
        & (Q(effective_end_on__isnull=True) | Q(effective_end_on__gt=on))
        & (Q(superseded_on__isnull=True) | Q(superseded_on__gt=on))
    )


def signed_agreements(commune: Commune, on: date | None = None) -> QuerySet[CooperationAgreement]:
    """Agreements in force on ``on`` with every obligation present by then."""
    day = _day(on)
    agreements: QuerySet[CooperationAgreement] = CooperationAgreement.objects.for_commune(
        commune
    ).filter(agreement_in_force_q(day))
    for kind in ObligationKind.values:
        agreements = agreements.filter(
            Exists(
                Obligation.objects.for_commune(commune).filter(
                    agreement=OuterRef("pk"), kind=kind, fulfilled_on__lte=day
                )
            )
        )
    return agreements


def has_signed_agreement(organisation: Organisation, on: date | None = None) -> bool:
    """Signed by both sides, in force on ``on`` and with all obligations (§ 8a, § 72a,
    data protection) present."""
    return signed_agreements(organisation.commune, on).filter(organisation=organisation).exists()


def members_by_sector(commune: Commune, on: date | None = None) -> dict[str, int]:
    """Number of current members per sector (every sector present, zero included), in
    the order of :class:`Sector`."""
    counts = Counter(current_members(commune, on).values_list("sector", flat=True))
    return {sector: counts.get(sector, 0) for sector in Sector.values}


def current_delegation_map(
    commune: Commune, organisation_ids: Iterable[int], on: date | None = None
) -> dict[int, tuple[Person | None, Person | None]]:
    """:func:`current_delegation` for many organisations in one query (list pages)."""
    day = _day(on)
    found: dict[int, dict[str, Person]] = {}
    delegations = (
        Delegation.objects.for_commune(commune)
        .filter(organisation_id__in=list(organisation_ids))
        .filter(delegation_valid_q(day))
        .select_related("person")
        .order_by("-valid_from", "-id")
    )
    for delegation in delegations:
        found.setdefault(delegation.organisation_id, {}).setdefault(
            delegation.kind, delegation.person
        )
    return {
        pk: (kinds.get(DelegationKind.DELEGATE), kinds.get(DelegationKind.DEPUTY))
        for pk, kinds in found.items()
    }


def delegates_within(organisation: Organisation, years: int = 2, on: date | None = None) -> int:
    """How many different people were the delegate in the last ``years`` years: personnel
    continuity ("three delegates in two years")."""
    day = _day(on)
    try:
        start = day.replace(year=day.year - years)
    except ValueError:  # 29 February
        start = day.replace(year=day.year - years, day=28)
    count: int = (
        Delegation.objects.for_commune(organisation.commune)
        .filter(organisation=organisation, kind=DelegationKind.DELEGATE, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=start))
        .values("person_id")
        .distinct()
        .count()
    )
    return count


def members_by_type(commune: Commune, on: date | None = None) -> list[tuple[str, int]]:
    counts = Counter(current_members(commune, on).values_list("institution_type__name", flat=True))
    return sorted(((name or "", count) for name, count in counts.items()), key=lambda item: item[0])


def members_by_social_area(commune: Commune, on: date | None = None) -> list[tuple[str, int]]:
    """Members serving each social area (an organisation may serve several)."""
    areas = Counter(current_members(commune, on).values_list("social_areas__name", flat=True))
    return sorted(((name or "", count) for name, count in areas.items()), key=lambda i: i[0])


@dataclass
class Todos:
    missing_delegate: list[Organisation] = field(default_factory=list)
    missing_deputy: list[Organisation] = field(default_factory=list)
    missing_agreement: list[Organisation] = field(default_factory=list)
    pending_admissions: list[Admission] = field(default_factory=list)
    without_mentor: list[Organisation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(items)
            for items in (
                self.missing_delegate,
                self.missing_deputy,
                self.missing_agreement,
                self.pending_admissions,
                self.without_mentor,
            )
        )


def open_todos(commune: Commune, on: date | None = None) -> Todos:
    """What the coordinator still has to see to, in a fixed number of queries."""
    day = _day(on)
    members = list(current_members(commune, day))
    delegations = current_delegation_map(commune, [m.pk for m in members], day)
    signed = set(signed_agreements(commune, day).values_list("organisation_id", flat=True))
    todos = Todos()
    for member in members:
        delegate, deputy = delegations.get(member.pk, (None, None))
        if delegate is None:
            todos.missing_delegate.append(member)
        if deputy is None:
            todos.missing_deputy.append(member)
        if member.pk not in signed:
            todos.missing_agreement.append(member)
    todos.pending_admissions = list(
        Admission.objects.for_commune(commune)
        .filter(status__in=OPEN_ADMISSION_STATUSES)
        .select_related("organisation")
        .order_by("applied_on")
    )
    todos.without_mentor = newcomers_without_mentor(commune, day)
    return todos


def newcomers_without_mentor(commune: Commune, on: date | None = None) -> list[Organisation]:
    """Organisations admitted more than the commune's mentor deadline (30 days) ago that
    have neither a mentor nor an invitation to the information event."""
    day = _day(on)
    settings = NetworkSettings.objects.filter(commune=commune).first()
    deadline_days = settings.mentor_deadline_days if settings else 30
    admitted = (
        Admission.objects.for_commune(commune)
        .filter(
            status__in=(AdmissionStatus.ADMITTED, AdmissionStatus.ACTIVE),
            decided_on__lt=day - timedelta(days=deadline_days),
        )
        .values("organisation_id")
    )
    organisations: list[Organisation] = list(
        current_members(commune, day)
        .filter(pk__in=admitted)
        .exclude(Exists(Mentorship.objects.for_commune(commune).filter(newcomer=OuterRef("pk"))))
    )
    return organisations
