"""Validation against the official HSDS 3.0 JSON Schemas copied into ``schema/``.

The schemas refer to each other by relative names (``"$ref": "attribute.json"``) under
their published address; a local registry answers those addresses from the copies, so
validating never touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
BASE_URI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def _retrieve(uri: str) -> Resource[Any]:
    """Serve a schema address from the local copy; anything else does not exist."""
    if not uri.startswith(BASE_URI):
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
    relative = uri.removeprefix(BASE_URI)
    path = (SCHEMA_DIR / relative).resolve()
    if SCHEMA_DIR not in path.parents or path.suffix != ".json" or not path.is_file():
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
    with path.open(encoding="utf-8") as handle:
        contents = json.load(handle)
    # The files carry no $id; give each its address so relative $refs resolve beside it.
    contents.setdefault("$id", uri)
    return Resource.from_contents(contents, default_specification=DRAFT202012)


@cache
def _registry() -> Registry[Any]:
    return Registry(retrieve=_retrieve)  # type: ignore[call-arg]


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one schema, e.g. ``"compiled/service.json"`` or ``"taxonomy.json"``.
    Compiled once per process: the compiled schemas are large."""
    uri = BASE_URI + name
    resolved = _registry().get_or_retrieve(uri)
    return Draft202012Validator(
        resolved.value.contents, registry=resolved.registry.combine(_registry())
    )


def _location(error: SchemaError) -> str:
    return "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    ).lstrip(".")


def _message(error: SchemaError) -> str:
    """A German reason for the errors an import file usually has; jsonschema's own
    (English) message for the rare rest."""
    if error.validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return _("the required field “%(field)s” is missing") % {"field": missing}
    if error.validator == "type":
        return _("has the wrong type (expected: %(expected)s)") % {
            "expected": error.validator_value
        }
    if error.validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        return _("is none of the allowed values (%(allowed)s)") % {"allowed": allowed}
    return str(error.message)


def schema_errors(document: Any, name: str) -> list[str]:
    """Every violation of schema ``name`` in ``document``, as ``"<path>: <reason>"``."""
    found: Iterable[SchemaError] = validator(name).iter_errors(document)
    messages = []
    for error in sorted(found, key=lambda e: [str(p) for p in e.absolute_path]):
        where = _location(error)
        reason = _message(error)
        messages.append(f"{where}: {reason}" if where else reason)
    return messages
