"""Reading HSDS values into Lotse's types. Every reader takes the raw value and a list to
append a German problem to, so one pass finds every problem of a record."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from lotse.offers.hsds.vocabulary import LOTSE_NAMESPACE


class ImportRejected(Exception):  # noqa: N818 - an outcome the caller shows, not a bug
    """The file has problems; nothing was imported. ``problems`` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_json(raw: bytes | str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportRejected(
            [_("The file is not valid JSON: %(error)s") % {"error": error}]
        ) from error


def as_uuid(value: Any) -> uuid.UUID:
    """An HSDS id as a UUID; ids that are no UUID map to a stable one of their own."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid5(LOTSE_NAMESPACE, f"import:{value}")


def text(value: Any) -> str:
    return "" if value is None else str(value)


def read_date(value: Any, field: str, problems: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        problems.append(_("“%(field)s” is not a date (YYYY-MM-DD).") % {"field": field})
        return None


def read_datetime(value: Any, field: str, problems: list[str]) -> datetime.datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        problems.append(_("“%(field)s” is not a date and time (ISO 8601).") % {"field": field})
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def read_time(value: Any, field: str, problems: list[str]) -> datetime.time | None:
    if value in (None, ""):
        return None
    try:
        return datetime.time.fromisoformat(str(value))
    except ValueError:
        problems.append(_("“%(field)s” is not a time (HH:MM).") % {"field": field})
        return None


def read_int(value: Any, field: str, problems: list[str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        problems.append(_("“%(field)s” is not a whole number.") % {"field": field})
        return None
    return int(number)


def read_amount(value: Any, field: str, problems: list[str]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        problems.append(_("“%(field)s” is not an amount.") % {"field": field})
        return None
    return amount


def months_from_years(value: Any, field: str, problems: list[str]) -> int | None:
    """HSDS ages are decimal years; Lotse counts completed months."""
    if value in (None, ""):
        return None
    try:
        months = (Decimal(str(value)) * 12).to_integral_value()
    except InvalidOperation:
        problems.append(_("“%(field)s” is not a number.") % {"field": field})
        return None
    if months < 0:
        problems.append(_("“%(field)s” is not a whole number.") % {"field": field})
        return None
    return int(months)


def objects(value: Any) -> list[dict[str, Any]]:
    """The dicts of an HSDS array (the schema check reports anything else)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def rest(document: dict[str, Any], mapped: frozenset[str]) -> dict[str, Any]:
    """The HSDS fields Lotse has no column for: kept so an export gives them back."""
    return {key: value for key, value in document.items() if key not in mapped}
