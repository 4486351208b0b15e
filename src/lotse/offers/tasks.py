"""Background tasks of the offer catalog (django-tasks)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from lotse.offers.services.reminders import send_confirmation_reminders


def base_url() -> str:
    """The address links in e-mails start with; a task has no request to ask."""
    return str(settings.BASE_URL)


@task()
def remind_offer_confirmations() -> int:
    """Daily: remind providers to confirm their offers; returns the e-mails queued."""
    return send_confirmation_reminders(today=timezone.localdate(), base_url=base_url())
