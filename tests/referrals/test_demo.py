"""The demo: a year of plausible referrals in both communes, fictional, built idempotently."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotse.core.models import Commune
from lotse.demo import facts
from lotse.demo.referrals_facts import REFERRALS_PER_YEAR
from lotse.referrals.models import AsdHandover, Family, Referral, ReferralStatus

pytestmark = pytest.mark.django_db


def test_the_demo_builds_a_year_of_referrals_once_in_each_commune() -> None:
    call_command("demo", "--allow-production", stdout=StringIO())
    first = sorted(Referral.all_communes.values_list("uuid", "status"))
    call_command("demo", "--allow-production", stdout=StringIO())
    assert sorted(Referral.all_communes.values_list("uuid", "status")) == first
    now = timezone.now()
    for commune in Commune.objects.all():
        referrals = Referral.objects.for_commune(commune)
        assert referrals.count() == REFERRALS_PER_YEAR[commune.slug]
        received = sorted(referrals.values_list("received_at", flat=True))
        assert received[-1] <= now
        assert now - received[0] > timedelta(days=330)
        assert referrals.filter(status=ReferralStatus.CONTACT_DUE).exists()
        assert referrals.filter(status=ReferralStatus.CLOSED).exists()
    assert AsdHandover.all_communes.exists()
    for family in Family.all_communes.all():
        assert not set(family.name.split()) & facts.SEED_NAME_PARTS
