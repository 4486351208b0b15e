"""The coordinator is reminded three months before board terms end (daily task)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from lotse.core.audit import record
from lotse.core.models import Commune, Membership
from lotse.core.outbox import queue_email
from lotse.core.permissions import ROLE_CAPABILITIES, Capability
from lotse.meetings.audit import MeetingAction
from lotse.meetings.models import BoardTerm
from lotse.meetings.models.elections import REMINDER_MONTHS_BEFORE_END


def reminder_day(ends_on: date) -> date:
    """Three months before the term ends (the last day of a shorter month if needed)."""
    month = ends_on.month - REMINDER_MONTHS_BEFORE_END
    year = ends_on.year
    if month < 1:
        month += 12
        year -= 1
    for day in (ends_on.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def send_board_term_reminders(*, today: date | None = None) -> int:
    """For every commune: one e-mail to its coordinators listing the terms whose reminder
    day has come and that have not been reminded of yet. Returns the number of terms."""
    today = today or timezone.localdate()
    reminded = 0
    for commune in Commune.objects.filter(is_active=True).order_by("pk"):
        reminded += _remind(commune, today)
    return reminded


@transaction.atomic
def _remind(commune: Commune, today: date) -> int:
    terms = [
        term
        for term in BoardTerm.objects.for_commune(commune)
        .select_for_update()
        .filter(reminder_sent_at=None, ends_on__gte=today)
        .order_by("ends_on")
        if reminder_day(term.ends_on) <= today
    ]
    if not terms:
        return 0
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_MEETINGS in caps]
    addresses = sorted(
        Membership.objects.for_commune(commune)
        .filter(role__in=roles, is_active=True, user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )
    if addresses:
        context = {"commune": commune, "terms": terms}
        queue_email(
            kind="meetings.board_term_reminder",
            to=addresses,
            subject=render_to_string("meetings/emails/board_term_reminder_subject.txt", context),
            body=render_to_string("meetings/emails/board_term_reminder.txt", context),
            commune=commune,
        )
    now = timezone.now()
    BoardTerm.objects.for_commune(commune).filter(pk__in=[t.pk for t in terms]).update(
        reminder_sent_at=now
    )
    record(
        actor=None,
        commune=commune,
        action=MeetingAction.BOARD_TERM_REMINDER,
        changes={"terms": (None, len(terms))},
    )
    return len(terms)
