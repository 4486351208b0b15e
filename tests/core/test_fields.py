"""Encryption at rest: the stored text never holds the clear text, keys can be rotated."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, models
from django.test.utils import isolate_apps
from pytest_django import Settings

from lotse.core.fields import EncryptedTextField, UndecryptableValueError, rotate_model_keys

CLEAR_TEXT = "Familie Yılmaz, Tel. 0151 2345678, Entbindung im Mai"
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def notes_field() -> EncryptedTextField:
    field = EncryptedTextField(blank=True, null=True)
    field.set_attributes_from_name("notes")
    return field


def test_the_stored_text_does_not_contain_the_clear_text() -> None:
    stored = notes_field().get_prep_value(CLEAR_TEXT)
    assert isinstance(stored, str)
    assert CLEAR_TEXT not in stored
    assert "Yılmaz" not in stored
    assert "0151" not in stored


def test_a_value_reads_back_as_the_clear_text() -> None:
    field = notes_field()
    assert field.from_db_value(field.get_prep_value(CLEAR_TEXT), None, connection) == CLEAR_TEXT


def test_the_same_text_gives_a_different_token_each_time() -> None:
    field = notes_field()
    assert field.get_prep_value(CLEAR_TEXT) != field.get_prep_value(CLEAR_TEXT)


@pytest.mark.parametrize("empty", [None, ""])
def test_none_and_the_empty_string_are_stored_as_they_are(empty: str | None) -> None:
    field = notes_field()
    assert field.get_prep_value(empty) == empty
    assert field.from_db_value(empty, None, connection) == empty


def test_a_value_encrypted_with_an_old_key_reads_after_a_new_key_is_put_first(
    settings: Settings,
) -> None:
    field = notes_field()
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    old_token = field.get_prep_value(CLEAR_TEXT)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert field.from_db_value(old_token, None, connection) == CLEAR_TEXT
    # New values are encrypted with the new key alone.
    new_token = field.get_prep_value(CLEAR_TEXT)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert field.from_db_value(new_token, None, connection) == CLEAR_TEXT


def test_a_value_no_key_can_decrypt_raises_a_clear_error_naming_the_field(
    settings: Settings,
) -> None:
    field = notes_field()
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    token = field.get_prep_value(CLEAR_TEXT)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(ImproperlyConfigured, match="notes cannot be decrypted"):
        field.from_db_value(token, None, connection)


def test_a_malformed_key_is_reported_without_showing_the_key(
    settings: Settings,
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-key-secret"]
    with pytest.raises(ImproperlyConfigured, match="Key number 1") as raised:
        notes_field().get_prep_value(CLEAR_TEXT)
    assert "not-a-key-secret" not in str(raised.value)


def test_the_field_survives_makemigrations_deconstruction() -> None:
    _name, path, _args, kwargs = notes_field().deconstruct()
    assert path == "lotse.core.fields.EncryptedTextField"
    assert kwargs == {"blank": True, "null": True}


@pytest.mark.django_db
def test_rotating_keys_over_empty_tables_runs_cleanly() -> None:
    out = StringIO()
    call_command("rotate-field-keys", stdout=out)
    call_command("rotate-field-keys", "--dry-run", stdout=out)
    assert "core.OutboxMessage" in out.getvalue()


@pytest.fixture
def secret_model(transactional_db: None) -> Iterator[type[models.Model]]:
    """A throwaway model with an encrypted field and its table, outside the app registry
    (no real model uses the field yet)."""
    with isolate_apps("lotse.core"):

        class Secret(models.Model):
            text = EncryptedTextField(blank=True, null=True)

            class Meta:
                app_label = "core"
                db_table = "test_fields_secret"

            def __str__(self) -> str:
                return f"Secret {self.pk}"

        with connection.schema_editor() as editor:
            editor.create_model(Secret)
        try:
            yield Secret
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Secret)


def stored_texts() -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM test_fields_secret ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_a_saved_value_is_encrypted_in_the_database(
    secret_model: type[models.Model],
) -> None:
    obj = secret_model._default_manager.create(text=CLEAR_TEXT)
    [stored] = stored_texts()
    assert CLEAR_TEXT not in stored
    assert "Yılmaz" not in stored
    assert secret_model._default_manager.get(pk=obj.pk).text == CLEAR_TEXT  # type: ignore[attr-defined]


def test_an_encrypted_field_cannot_be_searched(secret_model: type[models.Model]) -> None:
    with pytest.raises(FieldError):
        list(secret_model._default_manager.filter(text=CLEAR_TEXT))
    assert secret_model._default_manager.filter(text__isnull=True).count() == 0


def test_rotation_re_encrypts_every_row_with_the_first_key(
    secret_model: type[models.Model], settings: Settings
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    manager = secret_model._default_manager
    for number in range(7):
        manager.create(text=f"{CLEAR_TEXT} {number}")
    manager.create(text="")
    manager.create(text=None)
    old_tokens = stored_texts()

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert rotate_model_keys(secret_model, ["text"], batch_size=3, dry_run=True) == 9
    assert stored_texts() == old_tokens
    assert rotate_model_keys(secret_model, ["text"], batch_size=3) == 9

    new_tokens = stored_texts()
    assert new_tokens[7:] == ["", None]
    new_key = Fernet(NEW_KEY.encode())
    for number, token in enumerate(new_tokens[:7]):
        assert token != old_tokens[number]
        assert new_key.decrypt(token.encode()).decode() == f"{CLEAR_TEXT} {number}"
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    texts = sorted(str(obj.text) for obj in manager.all()[:7])  # type: ignore[attr-defined]
    assert texts == sorted(f"{CLEAR_TEXT} {number}" for number in range(7))


def test_reading_a_row_no_key_can_decrypt_names_the_model_and_field(
    secret_model: type[models.Model], settings: Settings
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    obj = secret_model._default_manager.create(text=CLEAR_TEXT)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(UndecryptableValueError, match=r"core\.Secret\.text"):
        secret_model._default_manager.get(pk=obj.pk)
    with pytest.raises(UndecryptableValueError, match=r"core\.Secret\.text"):
        rotate_model_keys(secret_model, ["text"])
