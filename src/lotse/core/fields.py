"""Encryption at rest for personal text (a family's contact data, notes).

:class:`EncryptedTextField` stores a Fernet token (AES-128-CBC with HMAC-SHA256) instead of
the clear text. The keys come from ``settings.FIELD_ENCRYPTION_KEYS`` (``LOTSE_FIELD_KEYS``):
the first key encrypts, every key decrypts. To rotate, put a new key first, keep the old
ones, run ``lotse rotate-field-keys``, then remove the old keys.

An encrypted field is **not searchable**: every encryption of the same text gives a different
token, so the database cannot compare values. Lookups other than ``isnull`` raise
:class:`django.core.exceptions.FieldError`; search in Python after loading, or store a
separate non-personal search key. The empty string is stored as it is (not encrypted), so
"no value" stays distinguishable from a value without decrypting.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models, transaction
from django.db.models.functions import Cast
from django.db.models.lookups import Lookup
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

_multi_fernet: MultiFernet | None = None


class UndecryptableValueError(ImproperlyConfigured):
    """A stored token cannot be decrypted with any key in ``LOTSE_FIELD_KEYS``."""


def multi_fernet() -> MultiFernet:
    """The keys of ``settings.FIELD_ENCRYPTION_KEYS``, built on first use."""
    global _multi_fernet  # noqa: PLW0603 - a lazily built, settings-dependent singleton
    if _multi_fernet is None:
        keys = list(getattr(settings, "FIELD_ENCRYPTION_KEYS", []))
        if not keys:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS (LOTSE_FIELD_KEYS) is empty")
        fernets = []
        for position, key in enumerate(keys, start=1):
            try:
                fernets.append(Fernet(key))
            except (ValueError, TypeError) as error:
                # Never echo the key itself.
                message = (
                    f"Key number {position} in LOTSE_FIELD_KEYS is not a Fernet key "
                    "(32 bytes, url-safe base64)"
                )
                raise ImproperlyConfigured(message) from error
        _multi_fernet = MultiFernet(fernets)
    return _multi_fernet


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    """Tests that override the keys get a MultiFernet built from the new ones."""
    global _multi_fernet  # noqa: PLW0603
    if setting == "FIELD_ENCRYPTION_KEYS":
        _multi_fernet = None


def encrypt(text: str) -> str:
    return multi_fernet().encrypt(text.encode("utf-8")).decode("ascii")


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text field whose value is encrypted in the database and clear text in Python.

    Not searchable: only the ``isnull`` lookup is allowed (see the module docstring).
    """

    description = _("Text (encrypted at rest)")
    ALLOWED_LOOKUPS = frozenset({"isnull"})

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value  # type: ignore[no-any-return]
        try:
            return multi_fernet().decrypt(str(value).encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as error:
            raise UndecryptableValueError(self._undecryptable_message()) from error

    def _undecryptable_message(self) -> str:
        owner = getattr(self, "model", None)
        name = f"{owner._meta.label}.{self.name}" if owner is not None else self.name
        return (
            f"A value of {name} cannot be decrypted with any key in LOTSE_FIELD_KEYS: "
            "a key that encrypted it is missing, or the stored text is not a Fernet token"
        )

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name not in self.ALLOWED_LOOKUPS:
            return None
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> Any:
        return None


def models_with_encrypted_fields() -> Iterator[tuple[type[models.Model], list[str]]]:
    """Every installed concrete model with encrypted fields, and those fields' columns."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        ]
        if names:
            yield model, names


def rotate_model_keys(
    model: type[models.Model],
    field_names: list[str],
    *,
    batch_size: int = 500,
    dry_run: bool = False,
) -> int:
    """Re-encrypt the encrypted columns of every row of ``model`` with the first key
    (``MultiFernet.rotate``), in batches, in one transaction. Returns the number of rows.

    Reads the stored tokens as they are and writes the new tokens as plain text, so
    nothing is encrypted twice. ``dry_run`` checks that every token decrypts with one of
    the keys and writes nothing."""
    fernet = multi_fernet()
    manager = model._base_manager
    raw = {f"raw_{name}": Cast(name, output_field=models.TextField()) for name in field_names}
    rows = 0
    with transaction.atomic():
        last_pk: Any = None
        while True:
            queryset = manager.order_by("pk")
            if last_pk is not None:
                queryset = queryset.filter(pk__gt=last_pk)
            batch = list(queryset.annotate(**raw).values("pk", *raw)[:batch_size])
            if not batch:
                break
            updated = []
            for values in batch:
                obj = model(pk=values["pk"])
                for name in field_names:
                    setattr(obj, name, _rotated(fernet, values[f"raw_{name}"], model, name))
                updated.append(obj)
            if not dry_run:
                manager.bulk_update(updated, field_names)
            rows += len(batch)
            last_pk = batch[-1]["pk"]
    return rows


def _rotated(
    fernet: MultiFernet, token: str | None, model: type[models.Model], name: str
) -> models.Value:
    if token is None or token == "":  # nosec B105
        return models.Value(token, output_field=models.TextField())
    try:
        new_token = fernet.rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as error:
        message = f"A value of {model._meta.label}.{name} cannot be decrypted with any key"
        raise UndecryptableValueError(message) from error
    return models.Value(new_token, output_field=models.TextField())
