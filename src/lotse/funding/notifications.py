"""E-mails of funding, through the outbox. Applicants hear only what they should see:
questions, released decisions, a decision undone after release, proof-of-use reminders and
returns. Coordinators hear about overdue proofs."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.core.models import Commune, Membership
from lotse.core.outbox import queue_email
from lotse.core.permissions import Role
from lotse.funding.models import Application
from lotse.network.models import Organisation


def applicant_addresses(organisation: Organisation) -> list[str]:
    staff = (
        Membership.objects.for_commune(organisation.commune)
        .filter(organisation=organisation, role=Role.PARTNER_STAFF, is_active=True)
        .values_list("user__email", flat=True)
    )
    addresses = sorted(set(staff))
    if organisation.email and organisation.email not in addresses:
        addresses.append(organisation.email)
    return addresses


def coordinator_addresses(commune: Commune) -> list[str]:
    return sorted(
        set(
            Membership.objects.for_commune(commune)
            .filter(role=Role.COORDINATOR, is_active=True)
            .values_list("user__email", flat=True)
        )
    )


def application_link(application: Application) -> str:
    return reverse(
        "funding:application_edit",
        kwargs={"commune_slug": application.commune.slug, "uuid": application.uuid},
    )


def tell_applicant(application: Application, *, kind: str, subject: str, text: str) -> None:
    to = applicant_addresses(application.organisation)
    if not to:
        return
    body = _(
        "Hello,\n\n%(text)s\n\nApplication: %(title)s (%(year)s)\nIn Lotse: %(link)s\n\n"
        "Coordination office of the early-help network, %(commune)s"
    ) % {
        "text": text,
        "title": application.title,
        "year": application.funding_year.year,
        "link": application_link(application),
        "commune": application.commune.name,
    }
    queue_email(kind=kind, to=to, subject=subject, body=body, commune=application.commune)


def tell_coordinators(commune: Commune, *, kind: str, subject: str, text: str) -> None:
    to = coordinator_addresses(commune)
    if to:
        queue_email(kind=kind, to=to, subject=subject, body=text, commune=commune)
