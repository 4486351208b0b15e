"""The daily digest to the early-help team: how many referrals are overdue, due today,
due later and waiting for triage. Counts only: no names, no personal data in e-mail."""

from __future__ import annotations

from datetime import date

from django.conf import settings as django_settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotse.core.models import Commune, Membership, User
from lotse.core.outbox import queue_email
from lotse.core.permissions import ROLE_CAPABILITIES, Capability
from lotse.core.workdays import local_date
from lotse.referrals.selectors import digest_counts, intake_settings


def digest_recipients(commune: Commune) -> list[str]:
    """The addresses the commune set, else every active early-help worker."""
    configured = intake_settings(commune).digest_recipients
    addresses = [line.strip() for line in configured.splitlines() if line.strip()]
    if addresses:
        return addresses
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.WORK_CASES in caps]
    users = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.for_commune(commune)
        .filter(role__in=roles, is_active=True)
        .values("user_id"),
    )
    return sorted(users.values_list("email", flat=True))


def default_base_url() -> str:
    hosts = [host for host in django_settings.ALLOWED_HOSTS if host and "*" not in host]
    return f"https://{hosts[0].lstrip('.')}" if hosts else ""


def send_digest(*, commune: Commune, today: date | None = None, base_url: str = "") -> bool:
    """Queue the digest of ``commune``; False when there is nothing to report or nobody
    to tell."""
    today = today or local_date(timezone.now())
    counts = digest_counts(commune, today)
    if not (counts.overdue or counts.due_today or counts.due_later or counts.awaiting_triage):
        return False
    recipients = digest_recipients(commune)
    if not recipients:
        return False
    with translation.override("de"):
        url = (base_url or default_base_url()).rstrip("/") + reverse(
            "referrals:queue", kwargs={"commune_slug": commune.slug}
        )
        body = render_to_string(
            "referrals/emails/digest.txt",
            {"commune": commune, "today": today, "counts": counts, "queue_url": url},
        )
        subject = _("Referrals: %(overdue)s overdue, %(today)s due today") % {
            "overdue": counts.overdue,
            "today": counts.due_today,
        }
    with transaction.atomic():
        queue_email(
            kind="referrals.digest", to=recipients, subject=subject, body=body, commune=commune
        )
    return True


def send_all_digests(*, base_url: str = "") -> int:
    sent = 0
    for commune in Commune.objects.filter(is_active=True):
        sent += send_digest(commune=commune, base_url=base_url)
    return sent
