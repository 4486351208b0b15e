"""Contact within three working days (seed 001), counted with the commune's calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from lotse.core.models import ClosingDay, User
from lotse.referrals.models import ContactChannel, ContactOutcome, Referral, ReferralStatus
from lotse.referrals.services import log_contact_attempt
from tests.conftest import World
from tests.referrals.factories import refer

BERLIN = ZoneInfo("Europe/Berlin")


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BERLIN)


@time_machine.travel(at(2026, 6, 1), tick=False)
def test_a_referral_received_on_maundy_thursday_is_due_the_thursday_after_easter(
    world: World, navigator: User
) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen, received_at=at(2026, 4, 2))
    assert referral.contact_due_by == date(2026, 4, 9)


@time_machine.travel(at(2026, 6, 1), tick=False)
def test_a_referral_received_on_the_friday_before_pentecost_skips_whit_monday(
    world: World, navigator: User
) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen, received_at=at(2026, 5, 22))
    assert referral.contact_due_by == date(2026, 5, 28)


@time_machine.travel(at(2026, 12, 1), tick=False)
def test_a_commune_closing_day_does_not_count(world: World, navigator: User) -> None:
    ClosingDay.all_communes.create(
        commune=world.bergkamen, date=date(2026, 11, 9), label="Personalversammlung"
    )
    referral = refer(actor=navigator, commune=world.bergkamen, received_at=at(2026, 11, 6))
    assert referral.contact_due_by == date(2026, 11, 12)
    other = refer(
        actor=world.user("dortmund", "navigator"),
        commune=world.dortmund,
        received_at=at(2026, 11, 6),
    )
    assert other.contact_due_by == date(2026, 11, 11), "Dortmund has no such closing day"


@time_machine.travel(at(2026, 6, 1), tick=False)
def test_a_back_dated_referral_counts_from_when_it_was_received(
    world: World, navigator: User
) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen, received_at=at(2026, 5, 4))
    assert referral.contact_due_by == date(2026, 5, 7)
    assert referral.entered_at > referral.received_at


@time_machine.travel(at(2026, 4, 20), tick=False)
def test_the_first_successful_contact_on_the_due_date_meets_the_deadline(
    world: World, navigator: User, worker: User
) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen, received_at=at(2026, 4, 2))
    log_contact_attempt(
        actor=worker,
        referral=referral,
        at=at(2026, 4, 8),
        channel=ContactChannel.PHONE,
        outcome=ContactOutcome.NOT_REACHED,
    )
    referral.refresh_from_db()
    assert referral.deadline_met is None
    assert referral.status == ReferralStatus.CONTACT_DUE
    log_contact_attempt(
        actor=worker,
        referral=referral,
        at=at(2026, 4, 9, 16),
        channel=ContactChannel.HOME_VISIT,
        outcome=ContactOutcome.REACHED,
    )
    referral.refresh_from_db()
    assert referral.deadline_met is True
    assert referral.status == ReferralStatus.CONTACTED
    assert referral.first_contact_at == at(2026, 4, 9, 16)
    assert referral.case_worker == worker


@time_machine.travel(at(2026, 4, 20), tick=False)
def test_a_first_contact_the_day_after_misses_the_deadline_and_later_ones_change_nothing(
    world: World, navigator: User, worker: User
) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen, received_at=at(2026, 4, 2))
    for day in (10, 14):
        log_contact_attempt(
            actor=worker,
            referral=referral,
            at=at(2026, 4, day),
            channel=ContactChannel.PHONE,
            outcome=ContactOutcome.REACHED,
        )
    referral.refresh_from_db()
    assert referral.deadline_met is False
    assert referral.first_contact_at == at(2026, 4, 10)
    assert referral.contact_attempts.count() == 2


def test_a_contact_attempt_before_the_referral_or_in_the_future_is_refused(
    referral: Referral, worker: User
) -> None:
    for moment in (
        referral.received_at - timedelta(days=1),
        referral.received_at + timedelta(days=9),
    ):
        with pytest.raises(ValidationError) as error:
            log_contact_attempt(
                actor=worker,
                referral=referral,
                at=moment,
                channel=ContactChannel.PHONE,
                outcome=ContactOutcome.REACHED,
            )
        assert "at" in error.value.message_dict
    assert referral.contact_attempts.count() == 0
