"""Background tasks of core (django-tasks; the database backend in production)."""

from __future__ import annotations

from django_tasks import task

from lotse.core.outbox import deliver_due


@task()
def deliver_outbox() -> int:
    """Send the e-mails that are due; returns how many were sent."""
    return deliver_due().sent
