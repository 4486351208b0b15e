"""Background tasks of the meetings app (django-tasks); each also runs from cron."""

from __future__ import annotations

from django_tasks import task

from lotse.meetings.services.reminders import send_board_term_reminders


@task()
def remind_board_terms() -> int:
    """Daily: remind coordinators three months before board terms end."""
    return send_board_term_reminders()
