"""Export of organisations to CSV/XLSX and their import, all or nothing.

The files use German column headers (the people who fill them in are German-speaking
staff); an import also accepts the English keys. Every bad row is reported with its
reasons and then nothing is imported; the import runs in one transaction, so a process
killed midway leaves nothing behind either."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, SocialArea, User
from lotse.core.permissions import Capability
from lotse.network.actions import NetworkAction
from lotse.network.models import InstitutionType, Organisation, OrganisationStatus, Sector
from lotse.network.selectors import current_delegation_map
from lotse.network.services.organisations import network_settings

# (key, header in the file)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("legal_carrier", "Träger"),
    ("sector", "Handlungsfeld"),
    ("institution_type", "Einrichtungsart"),
    ("street", "Straße und Hausnummer"),
    ("postal_code", "PLZ"),
    ("city", "Ort"),
    ("website", "Website"),
    ("phone", "Telefon"),
    ("email", "E-Mail"),
    ("social_areas", "Sozialräume"),
    ("member_since", "Mitglied seit"),
)
EXPORT_EXTRA: tuple[tuple[str, str], ...] = (
    ("status", "Status"),
    ("member_until", "Mitglied bis"),
    ("delegate", "Vertretung"),
    ("deputy", "Stellvertretung"),
)
MAX_LENGTHS = {
    "name": 200,
    "legal_carrier": 200,
    "street": 200,
    "postal_code": 10,
    "city": 100,
    "phone": 40,
}
MAX_ROWS = 5000
AREA_SEPARATOR = ";"


@dataclass
class RowError:
    row: int
    messages: list[str] = field(default_factory=list)


class ImportRefused(Exception):  # noqa: N818 - a refusal the person fixes, not a bug
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


def _header_key(header: str) -> str | None:
    wanted = " ".join(header.split()).casefold()
    for key, label in COLUMNS:
        if wanted in (key, label.casefold()):
            return key
    return None


def read_rows(content: bytes, filename: str) -> list[dict[str, str]]:
    """The file's rows as {key: text}; raises ImportRefused for an unreadable file."""
    try:
        if filename.lower().endswith(".xlsx"):
            raw = list(_xlsx_rows(content))
        else:
            raw = list(_csv_rows(content))
    except (ValueError, KeyError, OSError, csv.Error, UnicodeDecodeError) as error:
        raise ImportRefused(
            [RowError(0, [_("The file cannot be read: %(error)s") % {"error": error}])]
        ) from None
    if not raw:
        raise ImportRefused([RowError(0, [_("The file is empty.")])])
    header, *body = raw
    keys = [_header_key(str(cell or "")) for cell in header]
    missing = [label for key, label in COLUMNS[:3:2] if key not in keys]
    if missing:
        raise ImportRefused(
            [
                RowError(
                    1,
                    [
                        _("The column “%(column)s” is missing.") % {"column": label}
                        for label in missing
                    ],
                )
            ]
        )
    if len(body) > MAX_ROWS:
        raise ImportRefused(
            [
                RowError(
                    0, [_("At most %(count)s rows can be imported at once.") % {"count": MAX_ROWS}]
                )
            ]
        )
    rows = []
    for cells in body:
        row = {key: _text(cell) for key, cell in zip(keys, cells, strict=False) if key is not None}
        rows.append(row)
    return rows


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    text = content.decode("utf-8-sig")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _xlsx_rows(content: bytes) -> Iterator[list[Any]]:
    import openpyxl  # noqa: PLC0415 - only needed for XLSX files

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    for values in sheet.iter_rows(values_only=True):
        if any(value not in (None, "") for value in values):
            yield list(values)
    workbook.close()


def _parse_date(text: str) -> date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise ValueError(text)


def _sector(text: str) -> str | None:
    wanted = text.casefold()
    for value, label in Sector.choices:
        if wanted in (value, str(label).casefold()):
            return str(value)
    return None


@dataclass
class _Prepared:
    values: dict[str, Any]
    areas: list[SocialArea]


class _RowChecker:
    """Checks one row after another against the commune's types, areas and organisations
    (loaded once), remembering the rows seen to refuse duplicates within the file."""

    def __init__(self, commune: Commune) -> None:
        self.types = {t.name.casefold(): t for t in InstitutionType.objects.for_commune(commune)}
        self.areas = {a.name.casefold(): a for a in SocialArea.objects.for_commune(commune)}
        self.existing = {
            (name.casefold(), street.casefold(), postal_code)
            for name, street, postal_code in Organisation.objects.for_commune(commune).values_list(
                "name", "street", "postal_code"
            )
        }
        self.seen: dict[tuple[str, str, str], int] = {}
        self.url_validator = URLValidator(schemes=["http", "https"])

    def check(self, number: int, row: dict[str, str]) -> tuple[list[str], _Prepared]:
        problems: list[str] = []
        values: dict[str, Any] = {key: row.get(key, "") for key in MAX_LENGTHS}
        problems += self._lengths(values)
        if not values["name"]:
            problems.append(_("The name is missing."))
        values["sector"] = _sector(row.get("sector", ""))
        if values["sector"] is None:
            problems.append(
                _("“%(value)s” is not a sector. Use one of: %(choices)s.")
                % {
                    "value": row.get("sector", ""),
                    "choices": ", ".join(str(label) for label in Sector.labels),
                }
            )
        type_name = row.get("institution_type", "")
        values["institution_type"] = self.types.get(type_name.casefold()) if type_name else None
        if type_name and values["institution_type"] is None:
            problems.append(
                _("“%(value)s” is not an institution type of this commune.") % {"value": type_name}
            )
        values["email"], values["website"] = row.get("email", ""), row.get("website", "")
        problems += self._addresses(values["email"], values["website"])
        areas, area_problems = self._areas(row.get("social_areas", ""))
        problems += area_problems
        values["member_since"], date_problems = _optional_date(row.get("member_since", ""))
        problems += date_problems
        problems += self._duplicate(number, values)
        return problems, _Prepared(values=values, areas=areas)

    @staticmethod
    def _lengths(values: dict[str, Any]) -> list[str]:
        return [
            _("“%(column)s” is longer than %(limit)s characters.")
            % {"column": dict(COLUMNS)[key], "limit": limit}
            for key, limit in MAX_LENGTHS.items()
            if len(values[key]) > limit
        ]

    def _addresses(self, email: str, website: str) -> list[str]:
        problems = []
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(_("“%(value)s” is not an e-mail address.") % {"value": email})
        if website:
            try:
                self.url_validator(website)
            except ValidationError:
                problems.append(
                    _("“%(value)s” is not a web address (http:// or https://).")
                    % {"value": website}
                )
        return problems

    def _areas(self, text: str) -> tuple[list[SocialArea], list[str]]:
        found: list[SocialArea] = []
        problems = []
        for name in filter(None, (part.strip() for part in text.split(AREA_SEPARATOR))):
            area = self.areas.get(name.casefold())
            if area is None:
                problems.append(
                    _("“%(value)s” is not a social area of this commune.") % {"value": name}
                )
            else:
                found.append(area)
        return found, problems

    def _duplicate(self, number: int, values: dict[str, Any]) -> list[str]:
        if not values["name"]:
            return []
        identity = (values["name"].casefold(), values["street"].casefold(), values["postal_code"])
        if identity in self.existing:
            return [_("An organisation with this name and address already exists.")]
        if identity in self.seen:
            return [_("Row %(row)s has the same name and address.") % {"row": self.seen[identity]}]
        self.seen[identity] = number
        return []


def _optional_date(text: str) -> tuple[date | None, list[str]]:
    if not text:
        return None, []
    try:
        return _parse_date(text), []
    except ValueError:
        return None, [_("“%(value)s” is not a date (DD.MM.YYYY).") % {"value": text}]


def validate_rows(commune: Commune, rows: Sequence[dict[str, str]]) -> list[_Prepared]:
    """Check every row; raise ImportRefused listing every bad row with its reasons."""
    checker = _RowChecker(commune)
    errors: list[RowError] = []
    prepared: list[_Prepared] = []
    for number, row in enumerate(rows, start=2):
        problems, item = checker.check(number, row)
        if problems:
            errors.append(RowError(number, problems))
        else:
            prepared.append(item)
    if errors:
        raise ImportRefused(errors)
    if not prepared:
        raise ImportRefused([RowError(0, [_("The file has no rows to import.")])])
    return prepared


def import_organisations(
    *, actor: User, commune: Commune, content: bytes, filename: str
) -> list[Organisation]:
    """Import every row or none. Rows with "member since" are members from that day,
    the others candidates (membership otherwise starts with an admission)."""
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    network_settings(commune)
    rows = read_rows(content, filename)
    created: list[Organisation] = []
    with transaction.atomic():
        prepared = validate_rows(commune, rows)
        for item in prepared:
            organisation = Organisation.all_communes.create(
                commune=commune,
                status=(
                    OrganisationStatus.MEMBER
                    if item.values["member_since"]
                    else OrganisationStatus.CANDIDATE
                ),
                **item.values,
            )
            if item.areas:
                organisation.social_areas.set(item.areas)
            created.append(organisation)
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.ORGANISATIONS_IMPORTED,
            changes={"count": (0, len(created)), "file": ("", filename[:100])},
        )
    return created


def _safe(value: Any) -> Any:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_rows(commune: Commune, organisations: Iterable[Organisation]) -> Iterator[list[Any]]:
    """The header and one row per organisation (delegations of today)."""
    organisations = list(organisations)
    delegations = current_delegation_map(commune, [o.pk for o in organisations])
    yield [label for _key, label in (*COLUMNS, *EXPORT_EXTRA)]
    for organisation in organisations:
        delegate, deputy = delegations.get(organisation.pk, (None, None))
        yield [
            _safe(value)
            for value in (
                organisation.name,
                organisation.legal_carrier,
                organisation.get_sector_display(),
                organisation.institution_type.name if organisation.institution_type else "",
                organisation.street,
                organisation.postal_code,
                organisation.city,
                organisation.website,
                organisation.phone,
                organisation.email,
                f"{AREA_SEPARATOR} ".join(a.name for a in organisation.social_areas.all()),
                organisation.member_since.strftime("%d.%m.%Y") if organisation.member_since else "",
                organisation.get_status_display(),
                organisation.member_until.strftime("%d.%m.%Y") if organisation.member_until else "",
                delegate.name if delegate else "",
                deputy.name if deputy else "",
            )
        ]


def export_csv(commune: Commune, organisations: Iterable[Organisation]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_rows(commune, organisations):
        writer.writerow([str(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(commune: Commune, organisations: Iterable[Organisation]) -> bytes:
    import openpyxl  # noqa: PLC0415 - only needed for this export

    workbook = openpyxl.Workbook()
    sheet = workbook.create_sheet("Organisationen", 0)
    workbook.remove(workbook.worksheets[1])
    for row in export_rows(commune, organisations):
        sheet.append([str(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
