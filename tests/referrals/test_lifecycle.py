"""Triage, help, closing: each status change through its service, with history rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lotse.core.locking import EditConflict
from lotse.core.models import AuditEvent, User
from lotse.core.permissions import Role
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import (
    CaseOutcome,
    ContactChannel,
    ContactOutcome,
    Referral,
    ReferralStatus,
    TriageOutcome,
)
from lotse.referrals.services import (
    close_case,
    log_contact_attempt,
    set_confidential,
    start_help,
    triage,
    update_family,
)
from tests.conftest import World
from tests.core.factories import MembershipFactory, UserFactory


def _contacted(referral: Referral, worker: User) -> Referral:
    log_contact_attempt(
        actor=worker,
        referral=referral,
        at=timezone.now() - timedelta(minutes=5),
        channel=ContactChannel.PHONE,
        outcome=ContactOutcome.REACHED,
    )
    referral.refresh_from_db()
    return referral


def test_early_help_then_help_then_closing_records_each_step(
    referral: Referral, worker: User
) -> None:
    referral = _contacted(referral, worker)
    triage(
        actor=worker,
        referral=referral,
        outcome=TriageOutcome.EARLY_HELP,
        reason="Wunsch nach Familienhebamme",
        expected_version=referral.version,
    )
    start_help(actor=worker, referral=referral)
    close_case(
        actor=worker, referral=referral, outcome=CaseOutcome.HELP_IN_PLACE, reason="Hebamme da"
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    assert referral.outcome == CaseOutcome.HELP_IN_PLACE
    assert referral.closed_at is not None
    assert [(c.from_status, c.to_status) for c in referral.history.all()] == [
        ("received", "contact_due"),
        ("contact_due", "contacted"),
        ("contacted", "triaged"),
        ("triaged", "help_in_progress"),
        ("help_in_progress", "closed"),
    ]


def test_a_hand_over_to_the_asd_needs_reason_time_and_receiving_person(
    world: World, referral: Referral, worker: User
) -> None:
    referral = _contacted(referral, worker)
    with pytest.raises(ValidationError) as error:
        triage(
            actor=worker,
            referral=referral,
            outcome=TriageOutcome.HANDED_OVER_TO_ASD,
            reason="Hinweise auf Gefährdung",
            expected_version=referral.version,
        )
    assert set(error.value.message_dict) == {
        "asd_reason",
        "asd_handed_over_at",
        "asd_receiving_person",
    }
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTACTED
    triage(
        actor=worker,
        referral=referral,
        outcome=TriageOutcome.HANDED_OVER_TO_ASD,
        reason="Hinweise auf Gefährdung",
        expected_version=referral.version,
        asd_reason="Säugling mit Hämatomen",
        asd_handed_over_at=timezone.now() - timedelta(minutes=1),
        asd_receiving_person="Frau Berger, ASD Mitte",
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED, "the case leaves early help"
    assert referral.outcome == CaseOutcome.HANDED_OVER_TO_ASD
    assert referral.asd_handover.receiving_person == "Frau Berger, ASD Mitte"
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=ReferralAction.HANDED_OVER_TO_ASD)
        .exists()
    )


@pytest.mark.parametrize("outcome", [TriageOutcome.NO_NEED, TriageOutcome.DECLINED])
def test_no_need_or_declined_closes_the_case_with_its_reason(
    referral: Referral, worker: User, outcome: str
) -> None:
    referral = _contacted(referral, worker)
    triage(
        actor=worker,
        referral=referral,
        outcome=outcome,
        reason="Familie gut versorgt",
        expected_version=referral.version,
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    assert referral.outcome == outcome
    assert referral.outcome_reason == "Familie gut versorgt"


def test_triage_needs_a_contact_and_a_reason(referral: Referral, worker: User) -> None:
    with pytest.raises(ValidationError) as error:
        triage(
            actor=worker,
            referral=referral,
            outcome=TriageOutcome.EARLY_HELP,
            reason="   ",
            expected_version=None,
        )
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        triage(
            actor=worker,
            referral=referral,
            outcome=TriageOutcome.EARLY_HELP,
            reason="passt",
            expected_version=None,
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTACT_DUE


def test_a_stale_triage_of_two_workers_overwrites_nothing(
    world: World, referral: Referral, worker: User
) -> None:
    referral = _contacted(referral, worker)
    seen = referral.version
    colleague = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    set_confidential(actor=colleague, referral=referral, confidential=False)
    with pytest.raises(EditConflict):
        triage(
            actor=worker,
            referral=referral,
            outcome=TriageOutcome.NO_NEED,
            reason="kein Bedarf",
            expected_version=seen,
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTACTED


def test_before_the_triage_a_case_closes_only_as_not_reached_or_moved(
    referral: Referral, worker: User
) -> None:
    with pytest.raises(ValidationError):
        close_case(actor=worker, referral=referral, outcome=CaseOutcome.HELP_IN_PLACE, reason="x")
    close_case(
        actor=worker, referral=referral, outcome=CaseOutcome.NOT_REACHED, reason="3 Versuche"
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    with pytest.raises(ValidationError):
        start_help(actor=worker, referral=referral)


def test_help_cannot_start_without_an_early_help_triage(referral: Referral, worker: User) -> None:
    with pytest.raises(ValidationError):
        start_help(actor=worker, referral=referral)


def test_only_early_help_workers_change_cases(world: World, referral: Referral) -> None:
    with pytest.raises(PermissionDenied):
        start_help(actor=world.user("bergkamen", Role.COORDINATOR), referral=referral)
    with pytest.raises(PermissionDenied):
        close_case(
            actor=world.user("dortmund", Role.EARLY_HELP_WORKER),
            referral=referral,
            outcome=CaseOutcome.NOT_REACHED,
            reason="x",
        )


def test_a_case_entrusted_to_a_colleague_cannot_be_changed_by_another_worker(
    world: World, referral: Referral, worker: User
) -> None:
    set_confidential(actor=worker, referral=referral, confidential=True)
    colleague = UserFactory(email="kollegin@bergkamen.test")
    MembershipFactory(user=colleague, commune=world.bergkamen, role=Role.EARLY_HELP_WORKER)
    with pytest.raises(Http404):
        close_case(actor=colleague, referral=referral, outcome=CaseOutcome.NOT_REACHED, reason="x")


def test_two_workers_correcting_the_family_at_once_overwrite_nothing(
    world: World, referral: Referral, worker: User, client_for: Any
) -> None:
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    url = f"/bergkamen/faelle/{referral.uuid}/familie/"
    seen = referral.version
    data = {"name": "Familie Sommer", "phone": "0171 999", "version": seen}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "phone": "0171 000"})
    assert "inzwischen geändert" in stale.content.decode()
    family = Referral.objects.for_commune(world.bergkamen).get().family
    assert family.phone == "0171 999"
    event = AuditEvent.objects.for_commune(world.bergkamen).get(
        action=ReferralAction.FAMILY_CHANGED
    )
    assert event.changes["phone"] == {"old": "•••", "new": "•••"}
    with pytest.raises(ValidationError):
        update_family(actor=worker, referral=referral, values={"name": ""}, expected_version=None)
