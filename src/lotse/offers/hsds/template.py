"""The CSV/XLSX import template for partners: one offer per row, imported as drafts of the
partner's own organisation, which the coordination then reviews and publishes.

Every row is checked first; a file with any bad row imports nothing and the page lists
every bad row with its reason."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from lotse.core.audit import record
from lotse.core.models import Commune, SocialArea, User
from lotse.network.models import Organisation
from lotse.offers.access import own_organisation_ids
from lotse.offers.hsds.actions import HsdsAction
from lotse.offers.hsds.reading import ImportRejected, read_amount, read_int, read_time
from lotse.offers.languages import LANGUAGE_CODES
from lotse.offers.models import (
    CostKind,
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferStatus,
    RevisionAction,
    Schedule,
    ScheduleKind,
    TaxonomyTerm,
)
from lotse.offers.services.offers import offer_errors, revise
from lotse.offers.services.places import schedule_errors

# (column heading, key). The headings are the file format: German, as partners read them.
COLUMNS: list[tuple[str, str]] = [
    ("Name", "name"),
    ("Beschreibung", "description"),
    ("Zusammenfassung in einfacher Sprache", "summary"),
    ("Angebotsarten (Codes, mit Komma getrennt)", "categories"),
    ("Alter ab (Monate)", "min_age_months"),
    ("Alter bis einschließlich (Monate)", "max_age_months"),
    ("ab Schwangerschaftswoche", "from_pregnancy_week"),
    ("Anmeldung nötig (ja/nein)", "registration_required"),
    ("Kosten (kostenlos/ermäßigt/Gebühr)", "cost_kind"),
    ("Betrag in Euro", "cost_amount"),
    ("Sprachen (ISO-Codes, mit Komma getrennt)", "languages"),
    ("Ort: Name", "location_name"),
    ("Ort: Straße und Hausnummer", "street"),
    ("Ort: PLZ", "postal_code"),
    ("Ort: Stadt", "city"),
    ("Sozialraum", "social_area"),
    ("Rhythmus (wöchentlich/14-tägig/monatlich/nach Vereinbarung)", "rhythm"),
    ("Wochentage (MO,DI,MI,DO,FR,SA,SO)", "weekdays"),
    ("Beginn (HH:MM)", "opens_at"),
    ("Ende (HH:MM)", "closes_at"),
    ("Ansprechperson", "contact_name"),
    ("E-Mail", "contact_email"),
    ("Telefon", "contact_phone"),
    ("Website", "website"),
]
EXAMPLE: dict[str, str] = {
    "name": "Baby-Café",
    "description": "Offener Treffpunkt für Eltern mit Babys im ersten Lebensjahr.",
    "summary": "Eltern mit Babys treffen sich. Sie brauchen keine Anmeldung.",
    "categories": "cafe-treffpunkt",
    "min_age_months": "0",
    "max_age_months": "12",
    "from_pregnancy_week": "",
    "registration_required": "nein",
    "cost_kind": "kostenlos",
    "cost_amount": "",
    "languages": "de,tr",
    "location_name": "Familienzentrum Pestalozzihaus",
    "street": "Pestalozzistraße 4",
    "postal_code": "59192",
    "city": "Bergkamen",
    "social_area": "Mitte",
    "rhythm": "14-tägig",
    "weekdays": "DI",
    "opens_at": "09:30",
    "closes_at": "11:00",
    "contact_name": "Frau Beispiel",
    "contact_email": "babycafe@example.org",
    "contact_phone": "02307 123456",
    "website": "",
}
YES, NO = {"ja", "j", "yes", "1", "x"}, {"nein", "n", "no", "0", ""}
COSTS = {"kostenlos": CostKind.FREE, "ermäßigt": CostKind.REDUCED, "gebühr": CostKind.AMOUNT}
RHYTHMS = {
    "wöchentlich": ScheduleKind.WEEKLY,
    "14-tägig": ScheduleKind.EVERY_TWO_WEEKS,
    "monatlich": ScheduleKind.MONTHLY,
    "nach vereinbarung": ScheduleKind.BY_ARRANGEMENT,
}
WEEKDAYS = {"MO": "MO", "DI": "TU", "MI": "WE", "DO": "TH", "FR": "FR", "SA": "SA", "SO": "SU"}


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([heading for heading, _key in COLUMNS])
    writer.writerow([EXAMPLE[key] for _heading, key in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Angebote"
    sheet.append([heading for heading, _key in COLUMNS])
    sheet.append([EXAMPLE[key] for _heading, key in COLUMNS])
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_rows(name: str, raw: bytes) -> list[list[str]]:
    """The rows of an uploaded CSV (``;`` or ``,``, UTF-8) or XLSX file, as text."""
    if name.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportRejected([_("The file is not a readable XLSX workbook.")]) from error
        sheet = workbook.worksheets[0]
        return [
            ["" if cell is None else _cell(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected([_("The CSV file is not UTF-8 encoded.")]) from error
    delimiter = (
        ";" if content.split("\n", 1)[0].count(";") >= content.split("\n", 1)[0].count(",") else ","
    )
    return list(csv.reader(io.StringIO(content), delimiter=delimiter))


def _cell(value: Any) -> str:
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class _Row:
    number: int
    offer: Offer
    categories: list[TaxonomyTerm]
    languages: list[str]
    location: dict[str, Any] | None
    schedule: Schedule | None


def _row(  # noqa: PLR0912, PLR0917 - one check per column of the template
    number: int,
    values: dict[str, str],
    commune: Commune,
    provider: Organisation,
    terms: dict[str, TaxonomyTerm],
    areas: dict[str, SocialArea],
    problems: list[str],
) -> _Row:
    registration = values["registration_required"].casefold()
    if registration not in YES | NO:
        problems.append(_("“Registration needed” must be “ja” or “nein”."))
    cost_kind = COSTS.get(values["cost_kind"].casefold() or "kostenlos")
    if cost_kind is None:
        problems.append(_("“Cost” must be “kostenlos”, “ermäßigt” or “Gebühr”."))
    offer = Offer(
        commune=commune,
        provider=provider,
        name=values["name"],
        description=values["description"],
        summary=values["summary"],
        status=OfferStatus.DRAFT,
        min_age_months=read_int(values["min_age_months"], "Alter ab (Monate)", problems),
        max_age_months=read_int(values["max_age_months"], "Alter bis (Monate)", problems),
        from_pregnancy_week=read_int(
            values["from_pregnancy_week"], "Schwangerschaftswoche", problems
        ),
        registration_required=registration in YES,
        cost_kind=cost_kind or CostKind.FREE,
        cost_amount=read_amount(values["cost_amount"], "Betrag", problems),
        contact_name=values["contact_name"],
        contact_email=values["contact_email"],
        contact_phone=values["contact_phone"],
        website=values["website"],
    )
    checks = {
        name: getattr(offer, name)
        for name in (
            "min_age_months",
            "max_age_months",
            "from_pregnancy_week",
            "cost_kind",
            "cost_amount",
        )
    }
    problems.extend(str(m) for messages in offer_errors(checks).values() for m in messages)
    try:
        offer.full_clean(
            exclude=["commune", "provider"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        problems.extend(
            f"{getattr(Offer._meta.get_field(field), 'verbose_name', field)}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        )
    categories = []
    for code in _split(values["categories"]):
        if code not in terms:
            problems.append(_("Unknown category code “%(code)s”.") % {"code": code})
        else:
            categories.append(terms[code])
    languages = [code.lower() for code in _split(values["languages"])]
    unknown = sorted(set(languages) - LANGUAGE_CODES)
    if unknown:
        problems.append(_("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)})
    location = None
    if values["location_name"]:
        area = None
        if values["social_area"]:
            area = areas.get(values["social_area"].casefold())
            if area is None:
                problems.append(
                    _("The commune has no social area “%(name)s”.")
                    % {"name": values["social_area"]}
                )
        location = {
            "name": values["location_name"][:200],
            "street": values["street"][:200],
            "postal_code": values["postal_code"][:10],
            "city": values["city"][:100],
            "social_area": area,
        }
    schedule = None
    if values["rhythm"]:
        kind = RHYTHMS.get(values["rhythm"].casefold())
        days = [WEEKDAYS.get(day.upper(), "?") for day in _split(values["weekdays"])]
        if kind is None:
            problems.append(_("Unknown rhythm “%(value)s”.") % {"value": values["rhythm"]})
        elif "?" in days:
            problems.append(_("Unknown weekday."))
        else:
            schedule = Schedule(
                kind=kind,
                weekdays=",".join(days),
                opens_at=read_time(values["opens_at"], "Beginn", problems),
                closes_at=read_time(values["closes_at"], "Ende", problems),
            )
            checks = {
                "kind": kind,
                "weekdays": schedule.weekdays,
                "opens_at": schedule.opens_at,
                "closes_at": schedule.closes_at,
            }
            problems.extend(
                str(m) for messages in schedule_errors(checks).values() for m in messages
            )
    return _Row(number, offer, categories, languages, location, schedule)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def check_rows(rows: list[list[str]], commune: Commune, provider: Organisation) -> list[_Row]:
    if not rows or [cell.strip() for cell in rows[0][: len(COLUMNS)]] != [h for h, _k in COLUMNS]:
        raise ImportRejected(
            [_("The first row must hold the template's column headings; please use the template.")]
        )
    terms = {
        term.code: term
        for term in TaxonomyTerm.objects.for_commune(commune).filter(is_category=True)
    }
    areas = {area.name.casefold(): area for area in SocialArea.objects.for_commune(commune)}
    problems: list[str] = []
    checked = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        padded = [*cells, *[""] * len(COLUMNS)]
        values = {key: padded[index].strip() for index, (_h, key) in enumerate(COLUMNS)}
        row_problems: list[str] = []
        checked.append(_row(number, values, commune, provider, terms, areas, row_problems))
        problems.extend(
            _("Row %(number)s: %(problem)s") % {"number": number, "problem": problem}
            for problem in dict.fromkeys(row_problems)
        )
    if not checked and not problems:
        problems.append(_("The file contains no offers."))
    if problems:
        raise ImportRejected(problems)
    return checked


def _location(values: dict[str, Any], commune: Commune, provider: Organisation) -> Location:
    found: Location | None = (
        Location.objects.for_commune(commune)
        .filter(organisation=provider, name=values["name"])
        .first()
    )
    if found is None:
        found = Location.all_communes.create(commune=commune, organisation=provider, **values)
    return found


@transaction.atomic
def import_template(
    *, actor: User | None, commune: Commune, provider: Organisation, name: str, raw: bytes
) -> list[Offer]:
    """Import the partner's file as drafts of ``provider``, all or nothing. ``actor`` is
    None only for the operator's command line."""
    if provider.commune_id != commune.pk:
        raise PermissionDenied(_("You can only add offers of your own organisation."))
    if actor is not None and provider.pk not in own_organisation_ids(actor, commune):
        raise PermissionDenied(_("You can only add offers of your own organisation."))
    rows = check_rows(read_rows(name, raw), commune, provider)
    created = []
    for row in rows:
        row.offer.save()
        row.offer.categories.set(row.categories)
        OfferLanguage.objects.bulk_create(
            OfferLanguage(offer=row.offer, code=code) for code in dict.fromkeys(row.languages)
        )
        offer_location = None
        if row.location is not None:
            offer_location = OfferLocation.objects.create(
                offer=row.offer, location=_location(row.location, commune, provider)
            )
        if row.schedule is not None:
            if offer_location is not None:
                row.schedule.offer_location = offer_location
            else:
                row.schedule.offer = row.offer
            row.schedule.save()
        revise(row.offer, actor=actor, action=RevisionAction.IMPORTED, changes={}, reason=name)
        created.append(row.offer)
    record(
        actor=actor,
        commune=commune,
        action=HsdsAction.TEMPLATE_IMPORTED,
        target=provider,
        changes={"file": (None, name), "offers": (None, len(created))},
    )
    return created
