"""Family midwives and FGKiKP: the professionals' profiles with their caseload capacity."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel
from lotse.referrals.support.choices import HealthProfessionalKind


class HealthProfessional(TenantModel):
    """A Familienhebamme or FGKiKP who works in this commune; ``user`` logs in with the
    role health professional and sees only the families assigned to her."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        "core.User", verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HealthProfessionalKind.choices)
    caseload_capacity = models.PositiveSmallIntegerField(
        _("families at the same time"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    social_areas = models.ManyToManyField(
        "core.SocialArea", verbose_name=_("social areas"), related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("health professional")
        verbose_name_plural = _("health professionals")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "user", "kind"], name="support_one_profile_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"
