"""Reminding providers to confirm their offers (daily, from the task or the command).

For each published offer the due date is its last confirmation plus the commune's
interval. Reminder 1 goes out ``reminder_days_before`` days before the due date, reminder 2
on the due date (from then on the finder shows "not confirmed"), reminder 3 on the day the
offer is hidden. Each reminder is sent once; a confirmation starts the count again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from lotse.core.audit import record
from lotse.core.models import Commune, Membership
from lotse.core.outbox import queue_email
from lotse.core.permissions import Role
from lotse.offers.audit import OfferAction
from lotse.offers.confirmation import confirmation_url
from lotse.offers.models import CatalogSettings, Offer, OfferStatus
from lotse.offers.selectors import catalog_settings, confirmation_due

REMINDER_STAGES = 3


@dataclass(frozen=True)
class Reminder:
    stage: int
    due: datetime.date
    hidden_from: datetime.date


def reminder_due(offer: Offer, settings: CatalogSettings, today: datetime.date) -> Reminder | None:
    """The reminder the offer should get today, if any (the latest stage reached)."""
    due = confirmation_due(offer, settings)
    hidden_from = due + datetime.timedelta(days=settings.hide_after_days + 1)
    starts = [
        due - datetime.timedelta(days=settings.reminder_days_before),
        due,
        hidden_from,
    ]
    reached = sum(1 for start in starts if today >= start)
    if reached == 0 or reached <= offer.confirmation_reminders_sent:
        return None
    return Reminder(stage=reached, due=due, hidden_from=hidden_from)


def recipients(offer: Offer) -> list[str]:
    """The provider's partner staff; the organisation's address if it has none; the
    offer's contact address as the last resort."""
    emails = sorted(
        Membership.objects.for_commune(offer.commune)
        .filter(
            organisation=offer.provider,
            role=Role.PARTNER_STAFF,
            is_active=True,
            user__is_active=True,
        )
        .values_list("user__email", flat=True)
    )
    if emails:
        return emails
    fallback = offer.provider.email or offer.contact_email
    return [fallback] if fallback else []


def send_confirmation_reminders(*, today: datetime.date, base_url: str) -> int:
    """Queue today's reminders of all communes; returns how many e-mails were queued."""
    sent = 0
    for commune in Commune.objects.filter(is_active=True).order_by("pk"):
        sent += _remind_commune(commune, today, base_url)
    return sent


def _remind_commune(commune: Commune, today: datetime.date, base_url: str) -> int:
    settings = catalog_settings(commune)
    offers = (
        Offer.objects.for_commune(commune)
        .filter(status=OfferStatus.PUBLISHED)
        .select_related("provider", "commune")
        .order_by("pk")
    )
    sent = 0
    for offer in offers.iterator():
        reminder = reminder_due(offer, settings, today)
        if reminder is not None and _send(offer, reminder, today, base_url):
            sent += 1
    return sent


@transaction.atomic
def _send(offer: Offer, reminder: Reminder, today: datetime.date, base_url: str) -> bool:
    locked: Offer = Offer.objects.for_commune(offer.commune).select_for_update().get(pk=offer.pk)
    if locked.confirmation_reminders_sent >= reminder.stage:
        return False  # another run was faster
    to = recipients(locked)
    locked.confirmation_reminders_sent = reminder.stage
    locked.last_reminder_sent_on = today
    locked.save(update_fields=["confirmation_reminders_sent", "last_reminder_sent_on"])
    if to:
        context = {
            "offer": locked,
            "commune": locked.commune,
            "stage": reminder.stage,
            "due": reminder.due,
            "hidden_from": reminder.hidden_from,
            "confirm_url": confirmation_url(locked, base_url),
        }
        with translation.override("de"):
            queue_email(
                kind="offers.confirmation_reminder",
                to=to,
                subject=render_to_string("offers/emails/reminder_subject.txt", context),
                body=render_to_string("offers/emails/reminder.txt", context),
                commune=locked.commune,
            )
    record(
        actor=None,
        commune=locked.commune,
        action=OfferAction.REMINDER_SENT,
        target=locked,
        changes={"reminder": (reminder.stage - 1, reminder.stage), "recipients": (0, len(to))},
    )
    return bool(to)
