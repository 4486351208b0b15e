"""Access indicators: referrals by source, time to first contact, deadlines met, hand-overs
to the ASD and help brokered, computed by hand from the fixture below (year 2026, read on
30 June 2026). Deleted cases count through their anonymous counts; Dortmund's and 2025's
cases do not count; no drill-down shows a family."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils.translation import gettext

from lotse.core.models import SocialArea
from lotse.core.permissions import Role
from lotse.referrals.models import Referral, ReferralSource
from lotse.referrals.services.retention import apply_retention
from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.models import AssignmentStatus, BrokeredHelpStatus
from lotse.reports.indicators import BY_KEY, Group, Scope, in_group
from tests.conftest import World
from tests.core.factories import SocialAreaFactory
from tests.offers.factories import OfferFactory
from tests.reports.factories_gaps import (
    BERLIN,
    all_tables,
    archived,
    at,
    brokered,
    case,
    family,
    health,
    queries_of,
    sponsor,
    support_week,
)

S = ReferralSource
KEYS = [indicator.key for indicator in in_group(Group.ACCESS)]


@pytest.fixture(autouse=True)
def _june_2026() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 30, 12, tzinfo=BERLIN), tick=False):
        yield


@pytest.fixture
def areas(world: World) -> dict[str, SocialArea]:
    """Bergkamen's cases of 2026 (Mitte: the Sommers; Nord: the Winters; the Herbsts
    without a social area):

    ====  ======  ==============  ==========  ==========  =========  ==============
    case  area    source          received    due         contacted  days / deadline
    ====  ======  ==============  ==========  ==========  =========  ==============
    R7    Nord    welcome visit   Mon 2 Feb   5 Feb       3 Feb      1 / met
    A1    Mitte   birth clinic    March (2)   –           2 of 2     4 in all / met
    R1    Mitte   birth clinic    Thu 2 Apr   9 Apr       8 Apr      6 / met
    A2    Nord    partner         April (1)   –           –          – / – (ASD)
    R2    Mitte   partner         4 May       7 May       11 May     7 / missed (ASD)
    R3    Nord    family          20 May      26 May      –          – / missed
    R4    –       birth clinic    29 June     2 July      –          – / not yet
    ====  ======  ==============  ==========  ==========  =========  ==============

    A1 and A2 are anonymous counts of deleted cases. Dortmund has one case of 2026 and
    Bergkamen one of 2025: neither counts."""
    bergkamen = world.bergkamen
    mitte = SocialArea.objects.for_commune(bergkamen).get(slug="mitte")
    nord: SocialArea = SocialAreaFactory(commune=bergkamen, name="Nord", slug="nord")
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    sommer = family(bergkamen, mitte, "Familie Sommer", "sommer@example.org")
    winter = family(bergkamen, nord, "Familie Winter", "winter@example.org")
    herbst = family(bergkamen, None, "Familie Herbst")
    r7 = case(winter, S.WELCOME_VISIT, at(2026, 2, 2), date(2026, 2, 5), contacted=at(2026, 2, 3))
    archived(
        bergkamen,
        mitte,
        date(2026, 3, 1),
        S.BIRTH_CLINIC,
        2,
        deadline_met=True,
        contacted=2,
        days=4,
    )
    r1 = case(sommer, S.BIRTH_CLINIC, at(2026, 4, 2), date(2026, 4, 9), contacted=at(2026, 4, 8))
    archived(bergkamen, nord, date(2026, 4, 1), S.PARTNER, 1, asd=True)
    r2 = case(
        sommer,
        S.PARTNER,
        at(2026, 5, 4),
        date(2026, 5, 7),
        contacted=at(2026, 5, 11),
        asd_by=worker,
    )
    case(winter, S.FAMILY, at(2026, 5, 20), date(2026, 5, 26))
    case(herbst, S.BIRTH_CLINIC, at(2026, 6, 29), date(2026, 7, 2))
    case(sommer, S.PARTNER, at(2025, 12, 31), date(2026, 1, 6), contacted=at(2026, 1, 2))
    dortmund_area = SocialArea.objects.for_commune(world.dortmund).get(slug="mitte")
    dortmund = family(world.dortmund, dortmund_area, "Familie Sommer", "sommer@example.org")
    case(dortmund, S.PARTNER, at(2026, 3, 3), date(2026, 3, 6), contacted=at(2026, 3, 4))
    archived(world.dortmund, dortmund_area, date(2026, 3, 1), S.PARTNER, 5, asd=True)
    # Help: an offer brokered to the Sommers and started, a family midwife for them, a
    # week of individual support (4.5 h); for the Winters an FGKiKP on the waiting list
    # and a volunteer sponsor. Brokered in 2025: does not count.
    offer = OfferFactory(commune=bergkamen)
    brokered(r1, offer, at(2026, 5, 1), BrokeredHelpStatus.STARTED)
    brokered(r1, offer, at(2025, 11, 1), BrokeredHelpStatus.ENDED)
    health(r2, HealthProfessionalKind.FAMILY_MIDWIFE, at(2026, 5, 10), AssignmentStatus.ACTIVE)
    health(r7, HealthProfessionalKind.FGKIKP, at(2026, 2, 10), AssignmentStatus.WAITING)
    sponsor(r7, nord, at(2026, 3, 1))
    support_week(r1, date(2026, 4, 13), "4.5", worker)
    return {"mitte": mitte, "nord": nord}


def _no_area() -> str:
    return gettext("No social area")


def _scope(world: World, area: SocialArea | None = None) -> Scope:
    return Scope(world.bergkamen, 2026, area)


def _values(result_breakdown: object) -> dict[str, object]:
    return {figure.key: figure.value for figure in result_breakdown}  # type: ignore[attr-defined]


def test_referrals_by_source_add_live_and_deleted_cases_of_the_commune_and_year(
    world: World, areas: dict[str, SocialArea]
) -> None:
    result = BY_KEY["access.referrals_by_source"].compute(_scope(world))
    assert result.value == 8
    assert _values(result.breakdown) == {
        "birth_clinic": 4,
        "partner": 2,
        "welcome_visit": 1,
        "family": 1,
        "other": 0,
    }
    nord = BY_KEY["access.referrals_by_source"].compute(_scope(world, areas["nord"]))
    assert nord.value == 3
    assert _values(nord.breakdown)["partner"] == 1


def test_referrals_drill_down_by_month_and_source_and_by_social_area(
    world: World, areas: dict[str, SocialArea]
) -> None:
    indicator = BY_KEY["access.referrals_by_source"]
    assert indicator.drilldown is not None
    by_month = indicator.drilldown(_scope(world), None)
    assert [row[0] for row in by_month.rows] == [
        "Januar 2026",
        "Februar 2026",
        "März 2026",
        "April 2026",
        "Mai 2026",
        "Juni 2026",
    ]
    # Columns: month, birth clinic, partner, welcome visit, family, other, total.
    assert list(by_month.rows[4]) == ["Mai 2026", 0, 1, 0, 1, 0, 2]
    assert list(by_month.rows[2]) == ["März 2026", 2, 0, 0, 0, 0, 2]
    by_area = indicator.drilldown(_scope(world), "birth_clinic")
    assert [list(row) for row in by_area.rows] == [
        ["Mitte", 3],
        ["Nord", 0],
        [_no_area(), 1],
    ]


def test_days_to_first_contact_are_calendar_days_in_berlin(
    world: World, areas: dict[str, SocialArea]
) -> None:
    """Received on Maundy Thursday (2 April 2026) and contacted on the Wednesday after
    Easter: 6 calendar days (it met the deadline of 3 working days, 9 April)."""
    result = BY_KEY["access.time_to_first_contact"].compute(_scope(world))
    # 1 (R7) + 4 (A1, two cases) + 6 (R1) + 7 (R2) = 18 days over 5 contacted cases.
    assert (result.numerator, result.denominator, result.value) == (18, 5, Decimal("3.6"))
    assert _values(result.breakdown) == {
        "2026-01": None,
        "2026-02": Decimal(1),
        "2026-03": Decimal(2),
        "2026-04": Decimal(6),
        "2026-05": Decimal(7),
        "2026-06": None,
    }
    assert str(result.note) == gettext("No median: deleted cases keep only the sum of their days.")


def test_the_median_is_given_when_no_deleted_case_was_contacted(
    world: World, areas: dict[str, SocialArea]
) -> None:
    result = BY_KEY["access.time_to_first_contact"].compute(_scope(world, areas["nord"]))
    assert (result.value, result.denominator) == (Decimal(1), 1)
    assert "1,0" in str(result.note)
    indicator = BY_KEY["access.time_to_first_contact"]
    assert indicator.drilldown is not None
    per_area = indicator.drilldown(_scope(world), None)
    assert [list(row) for row in per_area.rows] == [
        ["Mitte", 4, Decimal("4.25")],
        ["Nord", 1, Decimal(1)],
        [_no_area(), 0, None],
    ]


def test_a_deadline_counts_when_contacted_or_passed_without_contact(
    world: World, areas: dict[str, SocialArea]
) -> None:
    result = BY_KEY["access.deadlines_met"].compute(_scope(world))
    # Decided: R7, A1 (2), R1 met; R2 late; R3 passed without contact. R4 is not yet due.
    assert (result.numerator, result.denominator) == (4, 6)
    assert result.value == Decimal(4) / Decimal(6)
    months = {figure.key: (figure.numerator, figure.denominator) for figure in result.breakdown}
    assert months["2026-05"] == (0, 2)
    assert months["2026-06"] == (0, 0)
    assert _values(result.breakdown)["2026-06"] is None, "nothing decided is no share"
    indicator = BY_KEY["access.deadlines_met"]
    assert indicator.drilldown is not None
    may = indicator.drilldown(_scope(world), "2026-05")
    assert [list(row) for row in may.rows if row[1]] == [
        [str(S.PARTNER.label), 1, 0, Decimal(0)],
        [str(S.FAMILY.label), 1, 0, Decimal(0)],
    ]


def test_hand_overs_to_the_asd_include_deleted_cases(
    world: World, areas: dict[str, SocialArea]
) -> None:
    result = BY_KEY["access.asd_handovers"].compute(_scope(world))
    assert result.value == 2
    assert _values(result.breakdown)["partner"] == 2
    indicator = BY_KEY["access.asd_handovers"]
    assert indicator.drilldown is not None
    by_area = indicator.drilldown(_scope(world), "partner")
    assert [list(row) for row in by_area.rows] == [
        ["Mitte", 1],
        ["Nord", 1],
        [_no_area(), 0],
    ]


def test_help_brokered_counts_each_kind_in_the_year_per_social_area(
    world: World, areas: dict[str, SocialArea]
) -> None:
    result = BY_KEY["access.help_brokered"].compute(_scope(world))
    assert _values(result.breakdown) == {
        "offers_sent": 1,
        "offers_started": 1,
        "family_midwives": 1,
        "fgkikp": 0,
        "waiting": 1,
        "volunteer_sponsors": 1,
        "individual_support": 1,
    }
    assert result.value == 4, "sent + midwives + FGKiKP + sponsors + individual support"
    assert "4,5" in str(result.note)
    nord = BY_KEY["access.help_brokered"].compute(_scope(world, areas["nord"]))
    assert nord.value == 1
    indicator = BY_KEY["access.help_brokered"]
    assert indicator.drilldown is not None
    table = indicator.drilldown(_scope(world), None)
    assert [list(row) for row in table.rows] == [
        ["Mitte", 1, 1, 1, 0, 0, 0, 1, Decimal("4.50")],
        ["Nord", 0, 0, 0, 0, 1, 1, 0, Decimal(0)],
        [_no_area(), 0, 0, 0, 0, 0, 0, 0, Decimal(0)],
    ]
    sponsors = indicator.drilldown(_scope(world, areas["nord"]), "volunteer_sponsors")
    assert [list(row) for row in sponsors.rows] == [["Nord", 1]]


def test_no_drill_down_shows_a_family(world: World, areas: dict[str, SocialArea]) -> None:
    for scope in (_scope(world), _scope(world, areas["mitte"]), _scope(world, areas["nord"])):
        for table in all_tables(KEYS, scope):
            for row in table.rows:
                for value in row:
                    text = str(value)
                    for personal in ("Sommer", "Winter", "Herbst", "@example.org", "555"):
                        assert personal not in text


def test_every_access_indicator_needs_the_same_queries_for_more_cases(
    world: World, areas: dict[str, SocialArea]
) -> None:
    before = queries_of(KEYS, _scope(world))
    for index in range(4):
        more = family(world.bergkamen, areas["nord"], f"Familie {index}")
        referral = case(
            more, S.OTHER, at(2026, 1, 5 + index), date(2026, 1, 9), contacted=at(2026, 1, 8)
        )
        support_week(referral, date(2026, 1, 12), "5", world.user("bergkamen", Role.COORDINATOR))
        SocialAreaFactory(commune=world.bergkamen)
    # A new scope: one scope reads what its indicators share only once.
    assert queries_of(KEYS, _scope(world)) == before


def test_the_referral_figures_survive_the_retention_run(
    world: World, areas: dict[str, SocialArea]
) -> None:
    """The contacted cases of 2026 are closed and, years later, deleted (R1) or
    anonymised (R2, R7: a health professional's record protects them): the figures stay."""
    keys = [
        "access.referrals_by_source",
        "access.time_to_first_contact",
        "access.deadlines_met",
        "access.asd_handovers",
    ]

    def figures() -> list[object]:
        found: list[object] = []
        for scope in (_scope(world), _scope(world, areas["mitte"]), _scope(world, areas["nord"])):
            for key in keys:
                result = BY_KEY[key].compute(scope)
                found.append((key, result.value, result.numerator, result.denominator))
                found.append([(f.key, f.value) for f in result.breakdown])
        return found

    before = figures()
    live = Referral.objects.for_commune(world.bergkamen)
    live.filter(first_contact_at__isnull=False).update(closed_at=at(2026, 6, 1))
    report = apply_retention(commune=world.bergkamen, today=date(2030, 1, 1))
    assert (report.deleted, report.anonymised) == (2, 2), "R1 and 2025's case; R2 and R7"
    assert figures() == before


def test_a_drill_down_row_that_does_not_exist_gives_an_empty_aggregate(
    world: World, areas: dict[str, SocialArea]
) -> None:
    for key in KEYS:
        drilldown = BY_KEY[key].drilldown
        assert drilldown is not None
        table = drilldown(_scope(world), "kein-schluessel")
        assert all(not value for row in table.rows for value in row[1:])
