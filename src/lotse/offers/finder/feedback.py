"""The barrier feedback form of BITV NRW, for anyone, without cookies.

No CSRF cookie may be set on a public page, so the form carries a signed timestamp
instead: a forged cross-site post would need a fresh token from our own page, and a
post sent too fast (a bot) or too late (a stale page) is refused. A honeypot field
catches simple bots, and a per-IP-hash counter in the cache limits floods without
storing the address."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.core.audit import record
from lotse.core.models import Commune, Membership
from lotse.core.outbox import queue_email
from lotse.core.permissions import ROLE_CAPABILITIES, Capability
from lotse.core.publicforms import PublicFormGuard, TokenProblem
from lotse.offers.finder.models import BarrierFeedback

RATE_LIMIT = 5
GUARD = PublicFormGuard(salt="lotse.finder.feedback", min_seconds=2, rate_limit=RATE_LIMIT)


class FinderAction(models.TextChoices):
    BARRIER_REPORTED = "finder.barrier_reported", _("Barrier reported")


def issue_token() -> str:
    return GUARD.issue_token()


def token_error(token: str, *, now: float | None = None) -> str | None:
    """Why the form's token is not acceptable, or None."""
    problem = GUARD.token_problem(token, now=now)
    if problem == TokenProblem.EXPIRED:
        return gettext("The form has expired. Please fill it in again.")
    if problem == TokenProblem.TOO_QUICK:
        return gettext("The form was sent too quickly. Please try again.")
    return None


def rate_limited(request: HttpRequest) -> bool:
    """Count this post; True once an address sent more than ``RATE_LIMIT`` in an hour."""
    return GUARD.rate_limited(request)


class BarrierFeedbackForm(forms.Form):
    page = forms.CharField(
        label=_("Which page or offer is it about?"),
        max_length=500,
        required=False,
        help_text=_("For example the address of the page or the name of the offer."),
    )
    description = forms.CharField(
        label=_("What did not work for you?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you would like an answer. We use it for nothing else."),
    )
    # Humans do not see this field; bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website", "")
        if value:
            raise ValidationError(gettext("Please leave this field empty."))
        return value

    def clean(self) -> dict[str, object]:
        cleaned: dict[str, object] = super().clean() or {}
        # The token is hidden: its error belongs to the whole form, where people see it.
        error = token_error(str(self.data.get("token", "")))
        if error:
            raise ValidationError(error)
        return cleaned


def coordinator_addresses(commune: Commune) -> list[str]:
    """Everyone who keeps the catalog of this commune (the coordination office)."""
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_OFFERS in caps]
    return sorted(
        set(
            Membership.objects.for_commune(commune)
            .filter(role__in=roles, is_active=True, user__is_active=True)
            .values_list("user__email", flat=True)
        )
    )


def report_barrier(
    *, commune: Commune, page: str, description: str, contact_email: str
) -> BarrierFeedback:
    """Keep a family's report of a barrier and tell the coordination office by e-mail
    (in German, whatever language the family used)."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        feedback: BarrierFeedback = BarrierFeedback.objects.for_commune(commune).create(
            commune=commune,
            page=page.strip(),
            description=description.strip(),
            contact_email=contact_email.strip(),
        )
        record(
            actor=None,
            commune=commune,
            action=FinderAction.BARRIER_REPORTED,
            target=feedback,
            changes={"contact_email": ("", feedback.contact_email)},
            personal_fields=("contact_email",),
        )
        recipients = coordinator_addresses(commune)
        if recipients:
            reply = feedback.contact_email or gettext("none given")
            body = gettext(
                "Someone reported a barrier in the public finder of %(commune)s.\n\n"
                "Page: %(page)s\n\nDescription:\n%(description)s\n\n"
                "E-mail address for a reply: %(reply)s\n\n"
                "BITV NRW expects an answer within one month."
            ) % {
                "commune": commune.name,
                "page": feedback.page or "–",
                "description": feedback.description,
                "reply": reply,
            }
            queue_email(
                kind="finder.barrier_feedback",
                to=recipients,
                subject=gettext("Barrier reported in the finder of %(commune)s")
                % {"commune": commune.name},
                body=body,
                commune=commune,
            )
    return feedback
