"""Indicators of the group "network": who is in the network, whether the agreements are
signed, whether delegates stay, and whether members come to the plenary meetings.

Membership is read on the scope's reference date (the year's last day, or today in the
current year). With a social-area filter an organisation counts in the areas it serves;
one that names no social area serves the whole commune and counts in every area, as an
offer does in the prevention chain."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.models import SocialArea
from lotse.network.models import Delegation, DelegationKind, Organisation, Sector
from lotse.network.selectors import current_members, signed_agreements
from lotse.reports.indicators.base import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)

NO_TYPE = "none"
SIGNED = "signed"
MISSING = "missing"
CONTINUOUS = "continuous"
CHANGED = "changed"
NO_DELEGATE = "no_delegate"


def share(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` as a Decimal from 0 to 1; None without a denominator."""
    if denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def german_date(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day is not None else ""


def serves(served: frozenset[int], area_id: int) -> bool:
    """Whether an organisation serving the areas ``served`` serves the social area (no
    area named: all of them)."""
    return not served or area_id in served


@dataclass(frozen=True)
class Members:
    """The current members on the reference date, by name, with the social areas each
    serves; read once for all network indicators of a scope."""

    organisations: list[Organisation]
    served: dict[int, frozenset[int]]


def _all_members(scope: Scope) -> Members:
    def load() -> Members:
        found = list(
            current_members(scope.commune, scope.reference_date)
            .select_related("institution_type")
            .prefetch_related("social_areas")
            .order_by("name", "pk")
        )
        served = {
            organisation.pk: frozenset(area.pk for area in organisation.social_areas.all())
            for organisation in found
        }
        return Members(found, served)

    return scope.shared("network_members", load)


def serving(scope: Scope, organisations: list[Organisation], area_id: int) -> list[Organisation]:
    served = _all_members(scope).served
    return [o for o in organisations if serves(served.get(o.pk, frozenset()), area_id)]


def members(scope: Scope) -> list[Organisation]:
    """The current members on the reference date, in the scope's social area, by name."""
    found = _all_members(scope).organisations
    if scope.social_area is None:
        return found
    return serving(scope, found, scope.social_area.pk)


def organisation_link(commune_slug: str, organisation: Organisation) -> str:
    return reverse(
        "network:organisation_detail",
        kwargs={"commune_slug": commune_slug, "organisation_uuid": organisation.uuid},
    )


def _type_key(organisation: Organisation) -> str:
    kind = organisation.institution_type
    return str(kind.uuid) if kind is not None else NO_TYPE


def organisation_table(
    scope: Scope,
    organisations: list[Organisation],
    extra_columns: list[Column] | None = None,
    extra: dict[int, list[str | int | Decimal | float | None]] | None = None,
) -> Table:
    columns = [
        Column(_("Organisation")),
        Column(_("Sector")),
        Column(_("Institution type")),
        Column(_("Member since")),
        *(extra_columns or []),
    ]
    rows = []
    for organisation in organisations:
        kind = organisation.institution_type
        rows.append(
            [
                organisation.name,
                str(Sector(organisation.sector).label),
                kind.name if kind is not None else "",
                german_date(organisation.member_since),
                *((extra or {}).get(organisation.pk, [])),
            ]
        )
    return Table(
        columns=columns,
        rows=rows,
        links=[
            organisation_link(scope.commune.slug, organisation) for organisation in organisations
        ],
    )


# Members by sector -----------------------------------------------------------------


def members_by_sector(scope: Scope) -> Result:
    found = members(scope)
    counts = Counter(organisation.sector for organisation in found)
    return Result(
        value=len(found),
        breakdown=[
            Figure(key=sector.value, label=sector.label, value=counts.get(sector.value, 0))
            for sector in Sector
        ],
    )


def members_by_sector_drilldown(scope: Scope, row_key: str | None) -> Table:
    found = members(scope)
    if row_key is not None:
        found = [organisation for organisation in found if organisation.sector == row_key]
    return organisation_table(scope, found)


# Members by institution type -------------------------------------------------------


def members_by_type(scope: Scope) -> Result:
    found = members(scope)
    counts = Counter(_type_key(organisation) for organisation in found)
    names: dict[str, str] = {}
    for organisation in found:
        kind = organisation.institution_type
        if kind is not None:
            names[str(kind.uuid)] = kind.name
    breakdown = [
        Figure(key=key, label=name, value=counts[key])
        for key, name in sorted(names.items(), key=lambda item: item[1])
    ]
    if counts.get(NO_TYPE):
        breakdown.append(Figure(key=NO_TYPE, label=_("No type given"), value=counts[NO_TYPE]))
    return Result(value=len(found), breakdown=breakdown)


def members_by_type_drilldown(scope: Scope, row_key: str | None) -> Table:
    found = members(scope)
    if row_key is not None:
        found = [organisation for organisation in found if _type_key(organisation) == row_key]
    return organisation_table(scope, found)


# Members per social area -----------------------------------------------------------


def _areas(scope: Scope) -> list[SocialArea]:
    if scope.social_area is not None:
        return [scope.social_area]
    return list(SocialArea.objects.for_commune(scope.commune).order_by("name"))


def members_by_social_area(scope: Scope) -> Result:
    found = members(scope)
    breakdown = [
        Figure(
            key=area.slug,
            label=area.name,
            value=len(serving(scope, found, area.pk)),
        )
        for area in _areas(scope)
    ]
    return Result(value=len(found), breakdown=breakdown)


def members_by_social_area_drilldown(scope: Scope, row_key: str | None) -> Table:
    found = members(scope)
    if row_key is not None:
        area = next((area for area in _areas(scope) if area.slug == row_key), None)
        found = [] if area is None else serving(scope, found, area.pk)
    return organisation_table(scope, found)


# Agreements signed -----------------------------------------------------------------


def _signed_ids(scope: Scope) -> set[int]:
    return set(
        signed_agreements(scope.commune, scope.reference_date).values_list(
            "organisation_id", flat=True
        )
    )


def agreements_signed(scope: Scope) -> Result:
    found = members(scope)
    signed = _signed_ids(scope)
    with_agreement = sum(1 for organisation in found if organisation.pk in signed)
    return Result(
        value=share(with_agreement, len(found)),
        numerator=with_agreement,
        denominator=len(found),
        breakdown=[
            Figure(key=SIGNED, label=_("Agreement in force"), value=with_agreement),
            Figure(
                key=MISSING, label=_("No agreement in force"), value=len(found) - with_agreement
            ),
        ],
    )


def agreements_signed_drilldown(scope: Scope, row_key: str | None) -> Table:
    found = members(scope)
    signed = _signed_ids(scope)
    if row_key == SIGNED:
        found = [organisation for organisation in found if organisation.pk in signed]
    elif row_key == MISSING:
        found = [organisation for organisation in found if organisation.pk not in signed]
    elif row_key is not None:
        found = []
    yes, no = str(_("yes")), str(_("no"))
    return organisation_table(
        scope,
        found,
        [Column(_("Agreement in force"))],
        {organisation.pk: [yes if organisation.pk in signed else no] for organisation in found},
    )


# Delegate continuity ---------------------------------------------------------------


def delegate_changes(scope: Scope, organisations: list[Organisation]) -> dict[int, int | None]:
    """Per organisation: how often its delegate changed from 1 January to the reference
    date (a new person taking over counts once), or None if nobody was named delegate in
    that period. One query."""
    delegations = (
        Delegation.objects.for_commune(scope.commune)
        .filter(
            organisation_id__in=[organisation.pk for organisation in organisations],
            kind=DelegationKind.DELEGATE,
            valid_from__lte=scope.reference_date,
        )
        .exclude(valid_until__lt=scope.start)
        .order_by("organisation_id", "valid_from", "pk")
        .values_list("organisation_id", "person_id")
    )
    people: dict[int, list[int]] = defaultdict(list)
    for organisation_id, person_id in delegations:
        people[organisation_id].append(person_id)
    changes: dict[int, int | None] = {}
    for organisation in organisations:
        sequence = people.get(organisation.pk)
        if not sequence:
            changes[organisation.pk] = None
            continue
        changes[organisation.pk] = sum(1 for before, after in pairwise(sequence) if before != after)
    return changes


def _continuity_key(changes: int | None) -> str:
    if changes is None:
        return NO_DELEGATE
    return CHANGED if changes else CONTINUOUS


def delegate_continuity(scope: Scope) -> Result:
    found = members(scope)
    changes = delegate_changes(scope, found)
    continuous = sum(1 for value in changes.values() if value == 0)
    changed = sum(1 for value in changes.values() if value)
    without = sum(1 for value in changes.values() if value is None)
    return Result(
        value=share(continuous, len(found)),
        numerator=continuous,
        denominator=len(found),
        breakdown=[
            Figure(key=CONTINUOUS, label=_("Same delegate all year"), value=continuous),
            Figure(key=CHANGED, label=_("Delegate changed"), value=changed),
            Figure(key=NO_DELEGATE, label=_("No delegate named"), value=without),
        ],
    )


def delegate_continuity_drilldown(scope: Scope, row_key: str | None) -> Table:
    found = members(scope)
    changes = delegate_changes(scope, found)
    if row_key is not None:
        found = [o for o in found if _continuity_key(changes[o.pk]) == row_key]
    return organisation_table(
        scope,
        found,
        [Column(_("Changes of delegate"), Unit.COUNT)],
        {organisation.pk: [changes[organisation.pk]] for organisation in found},
    )


INDICATORS: list[Indicator] = [
    Indicator(
        key="network.members_by_sector",
        group=Group.NETWORK,
        title=_("Members by sector"),
        definition=_(
            "Member organisations of the network on the reference date (the year's last day "
            "or today), by their sector. With a social area: the members serving it; an "
            "organisation naming no social area serves all of them."
        ),
        unit=Unit.COUNT,
        compute=members_by_sector,
        drilldown=members_by_sector_drilldown,
    ),
    Indicator(
        key="network.members_by_type",
        group=Group.NETWORK,
        title=_("Members by institution type"),
        definition=_(
            "Member organisations of the network on the reference date, by their institution type."
        ),
        unit=Unit.COUNT,
        compute=members_by_type,
        drilldown=members_by_type_drilldown,
    ),
    Indicator(
        key="network.members_by_social_area",
        group=Group.NETWORK,
        title=_("Members per social area"),
        definition=_(
            "Member organisations on the reference date serving each social area; an "
            "organisation serving several areas counts in each, one naming none in all."
        ),
        unit=Unit.COUNT,
        compute=members_by_social_area,
        drilldown=members_by_social_area_drilldown,
    ),
    Indicator(
        key="network.agreements_signed",
        group=Group.NETWORK,
        title=_("Cooperation agreements signed"),
        definition=_(
            "Share of the member organisations on the reference date with a cooperation "
            "agreement signed by both sides, in force on that day and with all its "
            "obligations (§ 8a, § 72a SGB VIII, data protection) present."
        ),
        unit=Unit.SHARE,
        compute=agreements_signed,
        drilldown=agreements_signed_drilldown,
        breakdown_unit=Unit.COUNT,
    ),
    Indicator(
        key="network.delegate_continuity",
        group=Group.NETWORK,
        title=_("Delegate continuity"),
        definition=_(
            "Share of the member organisations on the reference date that had the same "
            "delegate from 1 January to the reference date; a new person named delegate "
            "counts as a change, an organisation without a delegate as not continuous."
        ),
        unit=Unit.SHARE,
        compute=delegate_continuity,
        drilldown=delegate_continuity_drilldown,
        breakdown_unit=Unit.COUNT,
    ),
]
