"""Admission to the network (after consulting the members) and mentoring of newcomers."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel
from lotse.network.models.organisations import Organisation, Person


class AdmissionStatus(models.TextChoices):
    """The membership lifecycle of DESIGN.md: applied → consent_pending → admitted →
    active (agreement signed); active → notice_given → ended; side exits rejected,
    withdrawn."""

    APPLIED = "applied", _("Applied")
    CONSENT_PENDING = "consent_pending", _("Members consulted")
    ADMITTED = "admitted", _("Admitted")
    ACTIVE = "active", _("Active (agreement signed)")
    NOTICE_GIVEN = "notice_given", _("Notice given")
    ENDED = "ended", _("Ended")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ADMISSION_TRANSITIONS: dict[str, frozenset[str]] = {
    AdmissionStatus.APPLIED: frozenset(
        {AdmissionStatus.CONSENT_PENDING, AdmissionStatus.WITHDRAWN}
    ),
    AdmissionStatus.CONSENT_PENDING: frozenset(
        {AdmissionStatus.ADMITTED, AdmissionStatus.REJECTED, AdmissionStatus.WITHDRAWN}
    ),
    AdmissionStatus.ADMITTED: frozenset({AdmissionStatus.ACTIVE, AdmissionStatus.NOTICE_GIVEN}),
    AdmissionStatus.ACTIVE: frozenset({AdmissionStatus.NOTICE_GIVEN}),
    AdmissionStatus.NOTICE_GIVEN: frozenset({AdmissionStatus.ENDED}),
    AdmissionStatus.ENDED: frozenset(),
    AdmissionStatus.REJECTED: frozenset(),
    AdmissionStatus.WITHDRAWN: frozenset(),
}

OPEN_ADMISSION_STATUSES = (AdmissionStatus.APPLIED, AdmissionStatus.CONSENT_PENDING)


class Admission(TenantModel):
    """One organisation's way into (and out of) the network."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="admissions"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AdmissionStatus.choices,
        default=AdmissionStatus.APPLIED,
    )
    applied_on = models.DateField(_("applied on"))
    motivation = models.TextField(_("why the organisation wants to join"), blank=True)
    consulted_at = models.DateTimeField(_("members consulted at"), null=True, blank=True)
    objection_deadline = models.DateField(_("objections until"), null=True, blank=True)
    decided_on = models.DateField(_("board decision on"), null=True, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applied_on", "-id"]
        verbose_name = _("admission")
        verbose_name_plural = _("admissions")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ADMISSION_STATUSES


class AdmissionTransition(TenantModel):
    """History of an admission: who moved it, when, from where to where, and why."""

    admission = models.ForeignKey(Admission, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=AdmissionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AdmissionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Objection(TenantModel):
    """A member organisation's objection to an admission, within the objection period."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    admission = models.ForeignKey(Admission, on_delete=models.CASCADE, related_name="objections")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="objections_raised",
        verbose_name=_("objecting member"),
    )
    reason = models.TextField(_("reason"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["raised_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.UniqueConstraint(
                fields=["admission", "organisation"], name="one_objection_per_member"
            )
        ]


class MentorshipKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor from the network")
    INFO_EVENT = "info_event", _("Annual information event for parents")


class Mentorship(TenantModel):
    """How a newcomer gets to know the network: a mentor for a period, or an invitation
    to the annual information event for parents in the town hall."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    newcomer = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="mentorships")
    kind = models.CharField(_("kind"), max_length=16, choices=MentorshipKind.choices)
    mentor = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentorships",
        verbose_name=_("mentor"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    event_name = models.CharField(_("information event"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("mentoring")
        verbose_name_plural = _("mentoring")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="mentor") & Q(mentor__isnull=False))
                | (Q(kind="info_event") & Q(mentor__isnull=True)),
                name="mentorship_mentor_only_for_kind_mentor",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mentorship_ends_after_start",
            ),
        ]
