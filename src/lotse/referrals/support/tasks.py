"""Daily tasks of the help for families (each also a management command for cron)."""

from __future__ import annotations

from django_tasks import task

from lotse.referrals.support.services.volunteers import delete_expired_volunteer_checks
from lotse.referrals.support.services.welcome import erase_expired_welcome_visits


@task()
def apply_support_retention() -> dict[str, int]:
    """Delete § 72a entries of volunteers who stopped, and erase the personal data of
    welcome visits whose retention period ended."""
    return {
        "volunteer_checks_deleted": delete_expired_volunteer_checks(),
        "welcome_visits_erased": erase_expired_welcome_visits(),
    }
