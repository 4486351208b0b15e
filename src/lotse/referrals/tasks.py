"""Daily tasks of the referrals app (django-tasks); each is also a management command."""

from __future__ import annotations

from django_tasks import task

from lotse.core.models import Commune
from lotse.referrals.digest import send_all_digests
from lotse.referrals.services.retention import apply_retention


@task()
def send_referral_digest() -> int:
    """Queue the daily digest of every active commune; returns how many were queued."""
    return send_all_digests()


@task()
def apply_referral_retention() -> int:
    """Delete or anonymise the cases that are due in every commune; returns how many."""
    total = 0
    for commune in Commune.objects.all():
        report = apply_retention(commune=commune)
        total += report.deleted + report.anonymised
    return total
