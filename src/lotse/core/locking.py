"""Optimistic locking: what two people may edit at once carries a ``version``. A save
names the version the person started from; if someone else saved in between, the save is
refused with both versions, so nothing is overwritten silently."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class FieldDifference:
    field: str
    saved: Any
    yours: Any


class EditConflict(Exception):  # noqa: N818 - a conflict, not an error of the program
    """The object was saved by someone else after the person loaded it."""

    def __init__(self, *, current: VersionedModel, differences: list[FieldDifference]) -> None:
        super().__init__(f"{type(current).__name__} changed meanwhile (now {current.version})")
        self.current = current
        self.differences = differences


def check_version(
    current: VersionedModel,
    *,
    expected_version: int | None,
    yours: Mapping[str, Any],
    fields: Iterable[str],
) -> None:
    """Raise :class:`EditConflict` if ``current`` (locked with select_for_update) is no
    longer the version the person started from. ``None`` skips the check (scripts)."""
    if expected_version is None or current.version == expected_version:
        return
    differences = [
        FieldDifference(field, getattr(current, field), yours[field])
        for field in fields
        if field in yours and getattr(current, field) != yours[field]
    ]
    raise EditConflict(current=current, differences=differences)
