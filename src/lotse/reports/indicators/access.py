"""Indicators of the group "access": how families reach the early-help team and how fast
the team answers.

Referral figures count the referrals received in the year (by the day they were received
in Germany), live cases and the anonymous counts the retention run leaves of deleted ones
(:class:`~lotse.referrals.models.ArchivedReferralCount`), so the figures survive it. A
referral belongs to its family's social area. Drill-downs are aggregates (by month, social
area or source): reports never list a single case."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.core.models import SocialArea
from lotse.referrals.figures import ReferralCell, ReferralCube, referral_cube
from lotse.referrals.models import ReferralSource
from lotse.referrals.support.figures import (
    HelpBrokered,
    help_brokered_by_kind,
    help_brokered_by_social_area,
)
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

NO_AREA = ""


def share(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` from 0 to 1; ``None`` without a denominator."""
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


def average(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return Decimal(total) / Decimal(count)


def months_of(scope: Scope) -> list[str]:
    """The months of the scope's year up to its reference date, as "YYYY-MM"."""
    last = scope.reference_date
    if last < scope.start:
        return []
    return [f"{scope.year}-{month:02d}" for month in range(1, last.month + 1)]


def month_label(key: str) -> str:
    """ "2026-03" as "März 2026"; a key that is no month is given back unchanged."""
    try:
        first = datetime.date.fromisoformat(f"{key}-01")
    except ValueError:
        return key
    return date_format(first, "YEAR_MONTH_FORMAT")


def source_label(key: str) -> str | Promise:
    return ReferralSource(key).label if key in ReferralSource.values else key


def area_rows(scope: Scope) -> list[tuple[str, str]]:
    """(slug, name) of the scope's social areas, "" for families without one (one query)."""
    if scope.social_area is not None:
        return [(scope.social_area.slug, scope.social_area.name)]
    areas = SocialArea.objects.for_commune(scope.commune).order_by("name")
    return [*((area.slug, area.name) for area in areas), (NO_AREA, str(_("No social area")))]


def cube(scope: Scope) -> ReferralCube:
    return scope.shared(
        "referral_cube",
        lambda: referral_cube(scope.commune, scope.start, scope.end, social_area=scope.social_area),
    )


def _total(cells: Iterable[ReferralCell], measure: str) -> int:
    return sum(int(getattr(cell, measure)) for cell in cells)


def _grouped(cells: Iterable[ReferralCell], by: str) -> dict[str, list[ReferralCell]]:
    grouped: dict[str, list[ReferralCell]] = {}
    for cell in cells:
        grouped.setdefault(getattr(cell, by), []).append(cell)
    return grouped


# --- Referrals by source -------------------------------------------------------------


def referrals_by_source(scope: Scope) -> Result:
    cells = cube(scope).cells
    by_source = _grouped(cells, "source")
    return Result(
        value=_total(cells, "count"),
        breakdown=[
            Figure(key, label, _total(by_source.get(key, []), "count"))
            for key, label in ReferralSource.choices
        ],
    )


def _count_by_month_and_source(scope: Scope, measure: str) -> Table:
    cells = cube(scope).cells
    by_month = _grouped(cells, "month")
    rows: list[list[str | int | Decimal | None]] = []
    for month in months_of(scope):
        in_month = _grouped(by_month.get(month, []), "source")
        counts = [_total(in_month.get(key, []), measure) for key in ReferralSource.values]
        rows.append([month_label(month), *counts, sum(counts)])
    return Table(
        columns=[
            Column(_("Month")),
            *(Column(label, Unit.COUNT) for label in ReferralSource.labels),
            Column(_("Total"), Unit.COUNT),
        ],
        rows=rows,
    )


def _count_by_area(scope: Scope, measure: str, source: str, title: str | Promise) -> Table:
    cells = [cell for cell in cube(scope).cells if cell.source == source]
    by_area = _grouped(cells, "social_area")
    return Table(
        columns=[Column(_("Social area")), Column(title, Unit.COUNT)],
        rows=[[name, _total(by_area.get(slug, []), measure)] for slug, name in area_rows(scope)],
        note=_("Source: %(source)s") % {"source": source_label(source)},
    )


def referrals_drilldown(scope: Scope, row_key: str | None) -> Table:
    """Headline: referrals by month and source; a source: its referrals by social area."""
    if row_key is None:
        return _count_by_month_and_source(scope, "count")
    return _count_by_area(scope, "count", row_key, _("Referrals"))


# --- Time to first contact ------------------------------------------------------------


def time_to_first_contact(scope: Scope) -> Result:
    found = cube(scope)
    by_month = _grouped(found.cells, "month")
    days, contacted = _total(found.cells, "days_to_first_contact"), _total(found.cells, "contacted")
    breakdown = []
    for month in months_of(scope):
        in_month = by_month.get(month, [])
        month_days = _total(in_month, "days_to_first_contact")
        month_contacted = _total(in_month, "contacted")
        breakdown.append(
            Figure(
                month,
                month_label(month),
                average(month_days, month_contacted),
                numerator=month_days,
                denominator=month_contacted,
            )
        )
    note: str | Promise = ""
    if found.median_days_to_first_contact is not None:
        note = _("Median: %(days)s calendar days.") % {
            "days": f"{found.median_days_to_first_contact:.1f}".replace(".", ",")
        }
    elif contacted:
        note = _("No median: deleted cases keep only the sum of their days.")
    return Result(
        value=average(days, contacted),
        breakdown=breakdown,
        numerator=days,
        denominator=contacted,
        note=note,
    )


def _contact_rows(
    groups: dict[str, list[ReferralCell]], keys: Iterable[tuple[str, str | Promise]]
) -> list[list[str | int | Decimal | None]]:
    rows: list[list[str | int | Decimal | None]] = []
    for key, label in keys:
        found = groups.get(key, [])
        days, contacted = _total(found, "days_to_first_contact"), _total(found, "contacted")
        rows.append([str(label), contacted, average(days, contacted)])
    return rows


def time_to_first_contact_drilldown(scope: Scope, row_key: str | None) -> Table:
    """Headline: average days per social area; a month: per source in that month."""
    columns = [Column(_("Referrals contacted"), Unit.COUNT), Column(_("Average days"), Unit.DAYS)]
    cells = cube(scope).cells
    if row_key is None:
        return Table(
            columns=[Column(_("Social area")), *columns],
            rows=_contact_rows(_grouped(cells, "social_area"), area_rows(scope)),
        )
    in_month = [cell for cell in cells if cell.month == row_key]
    return Table(
        columns=[Column(_("Source")), *columns],
        rows=_contact_rows(_grouped(in_month, "source"), ReferralSource.choices),
        note=month_label(row_key),
    )


# --- Contact deadlines met -----------------------------------------------------------


def deadlines_met(scope: Scope) -> Result:
    cells = cube(scope).cells
    by_month = _grouped(cells, "month")
    breakdown = []
    for month in months_of(scope):
        in_month = by_month.get(month, [])
        met, decided = _total(in_month, "deadlines_met"), _total(in_month, "deadlines_decided")
        breakdown.append(
            Figure(
                month, month_label(month), share(met, decided), numerator=met, denominator=decided
            )
        )
    met, decided = _total(cells, "deadlines_met"), _total(cells, "deadlines_decided")
    return Result(
        value=share(met, decided), breakdown=breakdown, numerator=met, denominator=decided
    )


def _deadline_rows(
    groups: dict[str, list[ReferralCell]], keys: Iterable[tuple[str, str | Promise]]
) -> list[list[str | int | Decimal | None]]:
    rows: list[list[str | int | Decimal | None]] = []
    for key, label in keys:
        found = groups.get(key, [])
        met, decided = _total(found, "deadlines_met"), _total(found, "deadlines_decided")
        rows.append([str(label), decided, met, share(met, decided)])
    return rows


def deadlines_met_drilldown(scope: Scope, row_key: str | None) -> Table:
    """Headline: per social area; a month: per source in that month."""
    columns = [
        Column(_("Deadline decided"), Unit.COUNT),
        Column(_("Deadline met"), Unit.COUNT),
        Column(_("Share met"), Unit.SHARE),
    ]
    cells = cube(scope).cells
    if row_key is None:
        return Table(
            columns=[Column(_("Social area")), *columns],
            rows=_deadline_rows(_grouped(cells, "social_area"), area_rows(scope)),
        )
    in_month = [cell for cell in cells if cell.month == row_key]
    return Table(
        columns=[Column(_("Source")), *columns],
        rows=_deadline_rows(_grouped(in_month, "source"), ReferralSource.choices),
        note=month_label(row_key),
    )


# --- Hand-overs to the ASD -----------------------------------------------------------


def asd_handovers(scope: Scope) -> Result:
    cells = cube(scope).cells
    by_source = _grouped(cells, "source")
    return Result(
        value=_total(cells, "asd_handovers"),
        breakdown=[
            Figure(key, label, _total(by_source.get(key, []), "asd_handovers"))
            for key, label in ReferralSource.choices
        ],
    )


def asd_handovers_drilldown(scope: Scope, row_key: str | None) -> Table:
    """Headline: hand-overs by month and source; a source: its hand-overs by social area."""
    if row_key is None:
        return _count_by_month_and_source(scope, "asd_handovers")
    return _count_by_area(scope, "asd_handovers", row_key, _("Hand-overs to the ASD"))


# --- Help brokered by kind -----------------------------------------------------------

HELP_KINDS: list[tuple[str, str | Promise, Callable[[HelpBrokered], int]]] = [
    ("offers_sent", _("Offers brokered to partners"), lambda h: h.offers_sent),
    ("offers_started", _("Brokered offers the family started"), lambda h: h.offers_started),
    ("family_midwives", _("Family midwives assigned"), lambda h: h.family_midwives),
    ("fgkikp", _("FGKiKP assigned"), lambda h: h.fgkikp),
    (
        "waiting",
        _("Waiting for a health professional"),
        lambda h: h.waiting_for_health_professional,
    ),
    ("volunteer_sponsors", _("Volunteer sponsors confirmed"), lambda h: h.volunteer_sponsors),
    (
        "individual_support",
        _("Families with individual support"),
        lambda h: h.individual_support_families,
    ),
]
# The kinds the headline adds up: help that was given, not the waiting list nor the
# started offers (already among those brokered).
HEADLINE_KINDS = frozenset(
    {"offers_sent", "family_midwives", "fgkikp", "volunteer_sponsors", "individual_support"}
)
EMPTY_HELP = HelpBrokered(0, 0, 0, 0, 0, 0, 0, 0, 0, Decimal(0))


def help_brokered(scope: Scope) -> Result:
    found = help_brokered_by_kind(scope.commune, scope.year, social_area=scope.social_area)
    breakdown = [Figure(key, label, value(found)) for key, label, value in HELP_KINDS]
    return Result(
        value=sum(int(f.value or 0) for f in breakdown if f.key in HEADLINE_KINDS),
        breakdown=breakdown,
        note=_("Service hours of individual support: %(hours)s")
        % {"hours": f"{found.individual_support_hours:.1f}".replace(".", ",")},
    )


def help_brokered_drilldown(scope: Scope, row_key: str | None) -> Table:
    """Headline: every kind per social area; a kind: that kind per social area."""
    by_area = help_brokered_by_social_area(scope.commune, scope.year)
    by_slug: dict[str, HelpBrokered] = {}
    areas = {area.pk: area.slug for area in SocialArea.objects.for_commune(scope.commune)}
    for area_id, found in by_area.items():
        by_slug[areas.get(area_id, NO_AREA) if area_id is not None else NO_AREA] = found
    kinds = [kind for kind in HELP_KINDS if row_key is None or kind[0] == row_key]
    rows: list[list[str | int | Decimal | None]] = []
    for slug, name in area_rows(scope):
        found = by_slug.get(slug, EMPTY_HELP)
        row: list[str | int | Decimal | None] = [name, *(value(found) for _k, _l, value in kinds)]
        if row_key is None:
            row.append(found.individual_support_hours)
        rows.append(row)
    columns = [Column(_("Social area")), *(Column(label, Unit.COUNT) for _k, label, _v in kinds)]
    if row_key is None:
        columns.append(Column(_("Service hours of individual support"), Unit.HOURS))
    return Table(columns=columns, rows=rows)


INDICATORS: list[Indicator] = [
    Indicator(
        key="access.referrals_by_source",
        group=Group.ACCESS,
        title=_("Referrals by source"),
        definition=_(
            "Referrals received by the early-help team in the year, by how they came (birth "
            "clinic, partner, welcome visit, the family itself); deleted cases count with "
            "their anonymous counts."
        ),
        unit=Unit.COUNT,
        compute=referrals_by_source,
        drilldown=referrals_drilldown,
    ),
    Indicator(
        key="access.time_to_first_contact",
        group=Group.ACCESS,
        title=_("Time to first contact"),
        definition=_(
            "Average calendar days from receiving a referral in the year to the first "
            "successful contact with the family, of the referrals contacted so far; by month "
            "received."
        ),
        unit=Unit.DAYS,
        compute=time_to_first_contact,
        drilldown=time_to_first_contact_drilldown,
    ),
    Indicator(
        key="access.deadlines_met",
        group=Group.ACCESS,
        title=_("Contact deadlines met"),
        definition=_(
            "Share of the referrals received in the year whose first contact came within "
            "the contact deadline (3 working days), of those contacted or not contacted by "
            "their deadline (a missed deadline); by month received."
        ),
        unit=Unit.SHARE,
        compute=deadlines_met,
        drilldown=deadlines_met_drilldown,
    ),
    Indicator(
        key="access.asd_handovers",
        group=Group.ACCESS,
        title=_("Hand-overs to the ASD (§ 8a SGB VIII)"),
        definition=_(
            "Referrals received in the year that the team handed over to the general "
            "social service (ASD) because of signs of child endangerment, by source."
        ),
        unit=Unit.COUNT,
        compute=asd_handovers,
        drilldown=asd_handovers_drilldown,
    ),
    Indicator(
        key="access.help_brokered",
        group=Group.ACCESS,
        title=_("Help brokered by kind"),
        definition=_(
            "Help arranged for families in the year: offers brokered to partners (by the day "
            "sent), family midwives and FGKiKP assigned (by the day requested), volunteer "
            "sponsors confirmed and families given individual support; the total adds these "
            "up."
        ),
        unit=Unit.COUNT,
        compute=help_brokered,
        drilldown=help_brokered_drilldown,
    ),
]
