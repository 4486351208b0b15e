"""Welcome visits: the month's newborns (entered or imported from CSV), the visit offered
to each family and its outcome, and erasing the personal data after the retention period."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, SocialArea, User
from lotse.core.permissions import Capability
from lotse.referrals.support.audit import SupportAction
from lotse.referrals.support.choices import VisitOutcome
from lotse.referrals.support.models import Newborn
from lotse.referrals.support.rules import add_months

NEWBORN_PERSONAL_FIELDS = ("child_name", "parents_names", "address", "phone")
CSV_COLUMNS = ("geburtsdatum", "kind", "eltern", "adresse", "telefon", "sozialraum")
MAX_IMPORT_ROWS = 2000


@dataclass(frozen=True)
class NewbornData:
    birth_date: date
    child_name: str
    parents_names: str
    address: str
    phone: str
    social_area: SocialArea


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _newborn_errors(commune: Commune, data: NewbornData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.birth_date > timezone.localdate():
        errors["birth_date"] = _("The date of birth cannot be in the future.")
    if not data.parents_names.strip():
        errors["parents_names"] = _("Please enter the parents' names.")
    if not data.address.strip():
        errors["address"] = _("Please enter the address.")
    if data.social_area.commune_id != commune.pk:
        errors["social_area"] = _("Please choose a social area of this commune.")
    return errors


def _create(commune: Commune, data: NewbornData) -> Newborn:
    newborn: Newborn = Newborn.all_communes.create(
        commune=commune,
        birth_month=first_of_month(data.birth_date),
        birth_date=data.birth_date,
        child_name=data.child_name.strip(),
        parents_names=data.parents_names.strip(),
        address=data.address.strip(),
        phone=data.phone.strip(),
        social_area=data.social_area,
    )
    return newborn


def add_newborn(*, actor: User, commune: Commune, data: NewbornData) -> Newborn:
    """Put one newborn on the welcome-visit list of its month of birth."""
    require_actor_capability(actor, commune, Capability.WORK_CASES)
    if errors := _newborn_errors(commune, data):
        raise ValidationError(errors)
    with transaction.atomic():
        newborn = _create(commune, data)
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.NEWBORN_ADDED,
            target=newborn,
            changes={field: ("", getattr(data, field)) for field in NEWBORN_PERSONAL_FIELDS},
            personal_fields=NEWBORN_PERSONAL_FIELDS,
        )
    return newborn


def _parse_date(text: str) -> date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def _parse_row(
    commune: Commune, month: date, row: dict[str, str], areas: dict[str, SocialArea]
) -> tuple[NewbornData | None, list[str]]:
    problems: list[str] = []
    birth_date = _parse_date(row.get("geburtsdatum", ""))
    if birth_date is None:
        problems.append(_("the date of birth is not a date like 31.01.2026"))
    elif first_of_month(birth_date) != month:
        problems.append(_("the date of birth is not in the chosen month"))
    area = areas.get(row.get("sozialraum", "").lower())
    if area is None:
        problems.append(_("the social area is unknown"))
    if birth_date is None or area is None:
        return None, problems
    data = NewbornData(
        birth_date=birth_date,
        child_name=row.get("kind", ""),
        parents_names=row.get("eltern", ""),
        address=row.get("adresse", ""),
        phone=row.get("telefon", ""),
        social_area=area,
    )
    problems += [str(message) for message in _newborn_errors(commune, data).values()]
    return data, problems


def parse_newborn_csv(
    commune: Commune, month: date, text: str
) -> tuple[list[NewbornData], list[str]]:
    """The rows of a CSV list of newborns, and every problem found, row by row.

    Columns (a header row, separated by semicolons or commas): geburtsdatum, kind, eltern,
    adresse, telefon, sozialraum (the area's URL name or its name)."""
    lines = text.lstrip("\ufeff")
    if not lines.strip():
        return [], [_("The file is empty.")]
    delimiter = ";" if lines.splitlines()[0].count(";") >= lines.splitlines()[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(lines), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if missing := [column for column in CSV_COLUMNS if column not in header]:
        return [], [
            _("The header row lacks the columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ";".join(CSV_COLUMNS)}
        ]
    areas: dict[str, SocialArea] = {}
    for area in SocialArea.objects.for_commune(commune):
        areas[area.slug.lower()] = area
        areas[area.name.strip().lower()] = area
    rows: list[NewbornData] = []
    problems: list[str] = []
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_IMPORT_ROWS:
            problems.append(_("The file has more than %(max)s rows.") % {"max": MAX_IMPORT_ROWS})
            break
        row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
        if not any(row.values()):
            continue
        data, row_problems = _parse_row(commune, month, row, areas)
        if row_problems:
            problems.append(
                _("Row %(number)s: %(problems)s.")
                % {"number": number, "problems": "; ".join(row_problems)}
            )
        elif data is not None:
            rows.append(data)
    if not rows and not problems:
        problems.append(_("The file has no newborns."))
    return rows, problems


def import_newborns(*, actor: User, commune: Commune, month: date, text: str) -> int:
    """Import a month's list of newborns: all rows or none; every bad row is reported."""
    require_actor_capability(actor, commune, Capability.WORK_CASES)
    month = first_of_month(month)
    rows, problems = parse_newborn_csv(commune, month, text)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        for data in rows:
            _create(commune, data)
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.NEWBORNS_IMPORTED,
            changes={"month": (None, month.isoformat()), "count": (None, len(rows))},
        )
    return len(rows)


def record_welcome_visit(
    *,
    actor: User,
    commune: Commune,
    newborn: Newborn,
    visit_offered_on: date | None,
    outcome: str,
    outcome_on: date | None,
    package_handed_over: bool,
) -> Newborn:
    """Record that a visit was offered, how it went and whether the package was handed over."""
    require_actor_capability(actor, commune, Capability.WORK_CASES)
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if outcome not in VisitOutcome.values:
        errors["outcome"] = _("Please choose an outcome from the list.")
    if outcome != VisitOutcome.OPEN and outcome_on is None:
        errors["outcome_on"] = _("Please enter the date of the outcome.")
    if outcome == VisitOutcome.OPEN and outcome_on is not None:
        errors["outcome_on"] = _("An open visit has no outcome date yet.")
    if outcome_on is not None and outcome_on > today:
        errors["outcome_on"] = _("The date of the outcome cannot be in the future.")
    if visit_offered_on is not None and outcome_on is not None and outcome_on < visit_offered_on:
        errors["outcome_on"] = _("The outcome cannot be before the visit was offered.")
    if outcome in (VisitOutcome.VISITED, VisitOutcome.DECLINED) and visit_offered_on is None:
        errors["visit_offered_on"] = _("Please enter when the visit was offered.")
    if package_handed_over and outcome != VisitOutcome.VISITED:
        errors["package_handed_over"] = _(
            "The welcome package is handed over at the visit: choose the outcome “visited”."
        )
    if newborn.erased_at is not None:
        errors["outcome"] = _("This record has been anonymised and cannot be changed.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current: Newborn = (
            Newborn.objects.for_commune(commune).select_for_update().get(pk=newborn.pk)
        )
        changes = {
            "visit_offered_on": (current.visit_offered_on, visit_offered_on),
            "outcome": (current.outcome, outcome),
            "outcome_on": (current.outcome_on, outcome_on),
            "package_handed_over": (current.package_handed_over, package_handed_over),
        }
        current.visit_offered_on = visit_offered_on
        current.outcome = outcome
        current.outcome_on = outcome_on
        current.package_handed_over = package_handed_over
        current.save()
        record(
            actor=actor,
            commune=commune,
            action=SupportAction.WELCOME_VISIT_RECORDED,
            target=current,
            changes=changes,
        )
    return current


def erasure_due(newborn: Newborn, commune: Commune) -> date:
    """When the personal data go: the retention period counts from the outcome, or from the
    entry while the visit is still open."""
    start = newborn.outcome_on or timezone.localtime(newborn.created_at).date()
    return add_months(start, commune.retention_welcome_visit_months)


def erase_expired_welcome_visits(*, today: date | None = None) -> int:
    """Blank the names, address and phone of every newborn whose retention period ended, in
    all communes; month, social area and outcome stay for the coverage figures."""
    today = today or timezone.localdate()
    erased = 0
    now = timezone.now()
    for commune in Commune.objects.order_by("pk"):
        with transaction.atomic():
            due = [
                newborn.pk
                for newborn in Newborn.objects.for_commune(commune)
                .filter(erased_at__isnull=True)
                .only("pk", "outcome_on", "created_at")
                if erasure_due(newborn, commune) <= today
            ]
            if not due:
                continue
            Newborn.objects.for_commune(commune).filter(pk__in=due).update(
                child_name="", parents_names="", address="", phone="", erased_at=now
            )
            record(
                actor=None,
                commune=commune,
                action=SupportAction.WELCOME_VISITS_ERASED,
                changes={"count": (None, len(due))},
            )
            erased += len(due)
    return erased
