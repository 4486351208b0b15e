"""The JSON body of ``POST /api/v1/referrals``, read field by field so that every bad
field is named with a German message in one answer (the API router in
:mod:`lotse.api.referrals` stays thin; the messages belong to this app's catalogue)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core.models import Commune, SocialArea
from lotse.network.models import Organisation
from lotse.referrals.models import ConsentChannel, ConsentText
from lotse.referrals.services.intake import ChildInput, ConsentInput, FamilyInput

KEY_CONFLICT = gettext_lazy(
    "This Idempotency-Key was already used with a different body. Use a new key for a new referral."
)
KEY_TOO_LONG = gettext_lazy("The Idempotency-Key may have at most 200 characters.")


class FieldError(Exception):
    """Bad fields of the body: field path → German messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


class _Body:
    """Reads fields of the JSON body and collects what is wrong with them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def obj(self, container: dict[str, Any], key: str, path: str) -> dict[str, Any]:
        value = container.get(key)
        if not isinstance(value, dict):
            self.add(path, _("This field is required and must be an object."))
            return {}
        return value

    def text(
        self, container: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> str:
        value = container.get(key)
        if value is None or value == "":
            if required:
                self.add(path, _("This field is required."))
            return ""
        if not isinstance(value, str):
            self.add(path, _("This field must be text."))
            return ""
        return value

    def moment(self, container: dict[str, Any], key: str, path: str) -> datetime | None:
        value = container.get(key)
        if not isinstance(value, str) or not value:
            self.add(path, _("This field is required (ISO 8601 with offset)."))
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.add(path, _("“%(value)s” is not a time in ISO 8601.") % {"value": value})
            return None
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            self.add(path, _("The time needs an offset, e.g. +01:00."))
            return None
        return parsed

    def day(self, container: dict[str, Any], key: str, path: str) -> date | None:
        value = container.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.add(path, _("A date must be text like 2026-04-02."))
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.add(path, _("“%(value)s” is not a date like 2026-04-02.") % {"value": value})
            return None

    def flag(self, container: dict[str, Any], key: str, path: str) -> bool:
        value = container.get(key, False)
        if not isinstance(value, bool):
            self.add(path, _("This field must be true or false."))
            return False
        return value

    def strings(self, container: dict[str, Any], key: str, path: str) -> list[str]:
        value = container.get(key, [])
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.add(path, _("This field must be a list of texts."))
            return []
        return list(value)


def parse_referral(raw_body: bytes, commune: Commune) -> dict[str, Any]:
    """The keyword arguments of ``create_referral`` from a JSON body, or FieldError."""
    try:
        data = json.loads(raw_body or b"")
    except (ValueError, UnicodeDecodeError):
        raise FieldError({"": [_("The body is not valid JSON.")]}) from None
    if not isinstance(data, dict):
        raise FieldError({"": [_("The body must be a JSON object.")]})
    body = _Body(data)
    received_at = body.moment(data, "received_at", "received_at")
    source = body.text(data, "source", "source", required=True)
    need = body.text(data, "need", "need", required=True)
    family_data = body.obj(data, "family", "family")
    area = None
    area_slug = body.text(family_data, "social_area", "family.social_area")
    if area_slug:
        area = SocialArea.objects.for_commune(commune).filter(slug=area_slug).first()
        if area is None:
            body.add(
                "family.social_area",
                _("There is no social area “%(slug)s” in this commune.") % {"slug": area_slug},
            )
    family = FamilyInput(
        name=body.text(family_data, "name", "family.name", required=True),
        parents=body.text(family_data, "parents", "family.parents"),
        phone=body.text(family_data, "phone", "family.phone"),
        email=body.text(family_data, "email", "family.email"),
        address=body.text(family_data, "address", "family.address"),
        reach_notes=body.text(family_data, "reach_notes", "family.reach_notes"),
        social_area=area,
        languages=body.strings(family_data, "languages", "family.languages"),
    )
    children: list[ChildInput] = []
    raw_children = data.get("children")
    if not isinstance(raw_children, list):
        body.add("children", _("This field is required and must be a list."))
        raw_children = []
    for position, raw in enumerate(raw_children):
        path = f"children.{position}"
        if not isinstance(raw, dict):
            body.add(path, _("Each child must be an object."))
            continue
        children.append(
            ChildInput(
                first_name=body.text(raw, "first_name", f"{path}.first_name"),
                birth_date=body.day(raw, "birth_date", f"{path}.birth_date"),
                due_date=body.day(raw, "due_date", f"{path}.due_date"),
                premature=body.flag(raw, "premature", f"{path}.premature"),
                malformation=body.flag(raw, "malformation", f"{path}.malformation"),
                syndromic_illness=body.flag(raw, "syndromic_illness", f"{path}.syndromic_illness"),
                other_illness=body.flag(raw, "other_illness", f"{path}.other_illness"),
            )
        )
    consent = _consent(body, data, commune, family.name)
    organisation = None
    organisation_id = body.text(data, "referring_organisation", "referring_organisation")
    if organisation_id:
        try:
            organisation = (
                Organisation.objects.for_commune(commune).filter(uuid=organisation_id).first()
            )
        except (ValueError, ValidationError):
            organisation = None
        if organisation is None:
            body.add("referring_organisation", _("Unknown organisation."))
    if body.errors:
        raise FieldError(body.errors)
    return {
        "source": source,
        "received_at": received_at,
        "family": family,
        "children": children,
        "need": need,
        "consent": consent,
        "referring_organisation": organisation,
    }


def _consent(
    body: _Body, data: dict[str, Any], commune: Commune, family_name: str
) -> ConsentInput | None:
    raw = data.get("consent")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        body.add("consent", _("This field must be an object."))
        return None
    given_at = body.moment(raw, "given_at", "consent.given_at")
    version = raw.get("text_version")
    text = None
    if not isinstance(version, int) or isinstance(version, bool):
        body.add("consent.text_version", _("This field is required and must be a number."))
    else:
        text = ConsentText.objects.for_commune(commune).filter(version=version).first()
        if text is None:
            body.add(
                "consent.text_version",
                _("There is no consent text version %(version)s.") % {"version": version},
            )
    scope = body.strings(raw, "scope", "consent.scope")
    channel = body.text(raw, "channel", "consent.channel") or ConsentChannel.CLINIC_SYSTEM
    given_by = body.text(raw, "given_by", "consent.given_by") or family_name
    if given_at is None or text is None:
        return None
    return ConsentInput(
        text=text, given_at=given_at, scope=scope, channel=channel, given_by=given_by
    )
