"""Consent withdrawal and the retention run really remove the data; reads are audited;
§ 65 hides a case from colleagues; keys can be rotated."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import AuditEvent, User
from lotse.core.permissions import Role
from lotse.referrals.access import read_case, readable_referrals
from lotse.referrals.audit import ReferralAction
from lotse.referrals.figures import referral_figures
from lotse.referrals.models import (
    ArchivedReferralCount,
    CaseOutcome,
    ConsentChannel,
    Family,
    Referral,
    ReferralStatus,
)
from lotse.referrals.services import close_case, exports, set_confidential
from lotse.referrals.services.consent import withdraw_consent
from lotse.referrals.services.retention import apply_retention
from tests.conftest import World, log_in
from tests.core.factories import MembershipFactory, UserFactory
from tests.referrals.factories import refer

TABLES = (
    "referrals_family",
    "referrals_child",
    "referrals_consent",
    "referrals_referral",
    "referrals_referralstatuschange",
    "referrals_contactattempt",
)


def _table_text() -> str:
    """Every stored value of the referral tables, as the database holds it."""
    text = []
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            text += [" ".join(str(value) for value in row) for row in cursor.fetchall()]
    return "\n".join(text)


def test_withdrawing_consent_stops_the_case_and_the_next_run_deletes_it(
    world: World, navigator: User
) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen, name="Familie Widerruf")
    withdraw_consent(actor=navigator, referral=referral, channel=ConsentChannel.PHONE)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONSENT_WITHDRAWN
    assert referral.delete_on == timezone.localdate()
    assert referral.consent is not None
    assert referral.consent.withdrawn_at is not None
    report = apply_retention(commune=world.bergkamen)
    assert report.deleted == 1
    assert not Referral.objects.for_commune(world.bergkamen).exists()
    assert not Family.objects.for_commune(world.bergkamen).exists()
    assert "Widerruf" not in _table_text()
    assert _table_text() == ""
    counted = ArchivedReferralCount.objects.for_commune(world.bergkamen).get()
    assert counted.count == 1
    assert counted.outcome == CaseOutcome.CONSENT_WITHDRAWN
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=ReferralAction.CASE_DELETED)
        .exists()
    )


def test_a_navigator_cannot_withdraw_for_a_referral_she_did_not_send(
    world: World, navigator: User
) -> None:
    referral = refer(actor=world.user("bergkamen", Role.PARTNER_STAFF), commune=world.bergkamen)
    with pytest.raises(Http404):
        withdraw_consent(actor=navigator, referral=referral, channel=ConsentChannel.PHONE)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTACT_DUE


def test_closed_cases_are_deleted_after_the_retention_period_and_still_counted(
    world: World, navigator: User, worker: User
) -> None:
    world.bergkamen.retention_case_months = 36
    world.bergkamen.save()
    old = refer(actor=navigator, commune=world.bergkamen, name="Familie Alt")
    young = refer(actor=navigator, commune=world.bergkamen, name="Familie Jung")
    for referral in (old, young):
        close_case(actor=worker, referral=referral, outcome=CaseOutcome.NOT_REACHED, reason="x")
    Referral.all_communes.filter(pk=old.pk).update(
        closed_at=timezone.now() - timedelta(days=3 * 366)
    )
    apply_retention(commune=world.bergkamen)
    remaining = list(Referral.objects.for_commune(world.bergkamen))
    assert remaining == [young]
    text = _table_text()
    assert "Familie Alt" not in text
    assert "Alt" not in text
    today = timezone.localdate()
    figures = referral_figures(world.bergkamen, date(today.year - 1, 1, 1), today)
    assert figures.total == 2, "the deleted case is still counted, anonymously"
    assert figures.by_outcome[CaseOutcome.NOT_REACHED] == 2


def test_the_retention_command_reports_per_commune(world: World, navigator: User) -> None:
    referral = refer(actor=navigator, commune=world.bergkamen)
    withdraw_consent(actor=navigator, referral=referral, channel=ConsentChannel.VERBAL)
    out = io.StringIO()
    call_command("apply-retention", stdout=out)
    assert "bergkamen: deleted 1" in out.getvalue()


def test_every_read_of_a_case_page_is_audited(world: World, referral: Referral) -> None:
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    client = log_in(Client(), worker)
    url = reverse("referrals:case_detail", args=["bergkamen", referral.uuid])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    reads = AuditEvent.objects.for_commune(world.bergkamen).filter(
        action=ReferralAction.CASE_READ, object_id=str(referral.uuid)
    )
    assert reads.count() == 2
    assert {event.actor for event in reads} == {worker}


def test_a_case_entrusted_personally_is_hidden_from_colleagues(
    world: World, referral: Referral, worker: User
) -> None:
    colleague = UserFactory(email="kollegin@bergkamen.test")
    MembershipFactory(user=colleague, commune=world.bergkamen, role=Role.EARLY_HELP_WORKER)
    set_confidential(actor=worker, referral=referral, confidential=True)
    assert referral not in readable_referrals(colleague, world.bergkamen)
    assert referral in readable_referrals(worker, world.bergkamen)
    with pytest.raises(Http404):
        read_case(actor=colleague, referral=referral, purpose="test")
    url = reverse("referrals:case_detail", args=["bergkamen", referral.uuid])
    assert log_in(Client(), colleague).get(url).status_code == 404
    set_confidential(actor=worker, referral=referral, confidential=False)
    assert referral in readable_referrals(colleague, world.bergkamen)


def test_planners_and_coordinators_read_no_case(world: World, referral: Referral) -> None:
    for role in (Role.PLANNER, Role.COORDINATOR, Role.HEALTH_PROFESSIONAL):
        assert not readable_referrals(world.user("bergkamen", role), world.bergkamen).exists()


def test_a_navigator_of_one_clinic_cannot_see_another_clinics_referral(
    world: World, navigator: User
) -> None:
    other = UserFactory(email="lotsin@klinik-b.test")
    MembershipFactory(user=other, commune=world.bergkamen, role=Role.NAVIGATOR)
    referral = refer(actor=other, commune=world.bergkamen)
    assert referral not in readable_referrals(navigator, world.bergkamen)
    url = reverse("referrals:referral_sent", args=["bergkamen", referral.uuid])
    assert log_in(Client(), navigator).get(url).status_code == 404
    assert log_in(Client(), other).get(url).status_code == 200


def test_rotating_the_keys_re_encrypts_families(
    world: World, referral: Referral, settings: object
) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM referrals_family WHERE id = %s", [referral.family_id])
        before = cursor.fetchone()[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]  # type: ignore[attr-defined]
    out = io.StringIO()
    call_command("rotate-field-keys", stdout=out)
    assert "referrals.Family" in out.getvalue()
    assert "referrals.Child" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # type: ignore[attr-defined]
    family = Family.objects.for_commune(world.bergkamen).get()
    assert family.name == "Familie Sommer"
    assert family.children.get().birth_date is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM referrals_family WHERE id = %s", [referral.family_id])
        assert cursor.fetchone()[0] != before


def test_other_apps_add_their_part_to_the_art_15_export(
    world: World, referral: Referral, worker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "_CONTRIBUTORS", {})
    exports.register_family_export("help_plans", lambda family: [{"family": family.name}])
    data = exports.family_export(actor=worker, referral=referral)
    assert data["help_plans"] == [{"family": "Familie Sommer"}]
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=ReferralAction.CASE_EXPORTED, actor=worker)
        .exists()
    )
