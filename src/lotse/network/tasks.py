"""Background tasks of the network app (django-tasks); each is also a command for cron."""

from __future__ import annotations

from django_tasks import task

from lotse.network.services.agreements import end_due_memberships


@task()
def end_memberships() -> int:
    """End the memberships whose termination takes effect today or earlier."""
    return end_due_memberships()
