"""Background tasks of funding (django-tasks); cron runs the same as a command."""

from __future__ import annotations

from django_tasks import task

from lotse.funding.services.proofs import send_reminders


@task()
def send_funding_reminders() -> int:
    """Daily: proof-of-use reminders; returns how many were sent."""
    report = send_reminders()
    return report.four_weeks + report.one_week + report.overdue
