"""Tenant scoping: every tenant-owned model reads through ``for_commune``.

``Model.objects.all()`` on a tenant-owned model raises :class:`TenantScopeError`, so a
forgotten filter crashes in development and tests instead of leaking another commune's
rows. Related managers and Django's internals use the unscoped base manager, which is
safe because they start from an object that is already scoped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

if TYPE_CHECKING:
    from lotse.core.models import Commune

_M = TypeVar("_M", bound=models.Model)


class TenantScopeError(RuntimeError):
    """A tenant-owned model was queried without naming the commune."""


class TenantManager(models.Manager[_M]):
    """``objects`` of tenant-owned models: the only way in is ``for_commune``."""

    def get_queryset(self) -> models.QuerySet[_M]:
        raise TenantScopeError(
            f"{self.model.__name__} is tenant-owned: use "
            f"{self.model.__name__}.objects.for_commune(commune)"
        )

    def for_commune(self, commune: Commune) -> models.QuerySet[_M]:
        return super().get_queryset().filter(commune=commune)


class TenantModel(models.Model):
    """Base of every tenant-owned model: a commune, a scoped ``objects`` and an
    unscoped ``all_communes`` for operators, migrations and background tasks."""

    commune = models.ForeignKey("core.Commune", on_delete=models.PROTECT, related_name="+")

    objects: Any = TenantManager()
    all_communes: Any = models.Manager()

    class Meta:
        abstract = True
        default_manager_name = "all_communes"
        base_manager_name = "all_communes"
