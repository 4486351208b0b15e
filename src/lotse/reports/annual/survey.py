"""The figures national and state surveys of early-help networks ask a commune for (in the
manner of the NZFH's Kommunalbefragung): the network's composition by sector, the
coordination's staff, the offers by kind and life phase, and the referrals by source and
outcome. One workbook with a sheet per topic, or the same rows as one CSV file."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.core.models import Commune
from lotse.network.models import Sector
from lotse.network.selectors import members_by_sector
from lotse.offers.ages import LifePhase
from lotse.offers.selectors import publicly_visible
from lotse.referrals.figures import referral_figures
from lotse.referrals.models import CaseOutcome, ReferralSource
from lotse.reports.indicators import Scope
from lotse.reports.models import AnnualReport

SurveyValue = int | Decimal | None


@dataclass(frozen=True)
class SurveyTopic:
    key: str
    title: str | Promise
    rows: list[tuple[str, str | Promise, SurveyValue]]  # (key, label, value)


def _offer_rows(commune: Commune, scope: Scope) -> tuple[list[tuple[str, str, int]], ...]:
    offers = list(publicly_visible(commune, scope.reference_date).prefetch_related("categories"))
    by_kind: Counter[tuple[str, str]] = Counter()
    by_phase: Counter[str] = Counter()
    for offer in offers:
        categories = [(t.code, t.name) for t in offer.categories.all() if t.is_category]
        for key in categories or [("", str(_("Without category")))]:
            by_kind[key] += 1
        for phase in offer.life_phases:
            by_phase[phase.value] += 1
    kinds = [(code, name, count) for (code, name), count in sorted(by_kind.items())]
    phases = [(phase.value, str(phase.label), by_phase.get(phase.value, 0)) for phase in LifePhase]
    return kinds, phases, [("total", str(_("Offers in the finder")), len(offers))]


def survey_figures(commune: Commune, year: int) -> list[SurveyTopic]:
    scope = Scope(commune=commune, year=year)
    sectors = members_by_sector(commune, scope.reference_date)
    report = AnnualReport.objects.for_commune(commune).filter(year=year).first()
    kinds, phases, offer_total = _offer_rows(commune, scope)
    referrals = referral_figures(commune, scope.start, scope.end)
    source_labels = dict(ReferralSource.choices)
    outcome_labels = dict(CaseOutcome.choices)
    return [
        SurveyTopic(
            "network",
            _("Network by sector"),
            [
                *[(key, Sector(key).label, count) for key, count in sectors.items()],
                ("total", _("Members in total"), sum(sectors.values())),
            ],
        ),
        SurveyTopic(
            "coordination",
            _("Coordination"),
            [
                (
                    "staff",
                    _("Coordination staff (full-time equivalents)"),
                    report.coordination_staff if report else None,
                ),
                (
                    "hours_per_week",
                    _("Coordination staff hours per week"),
                    report.coordination_hours_per_week if report else None,
                ),
            ],
        ),
        SurveyTopic("offers_by_kind", _("Offers by kind"), [*kinds, *offer_total]),
        SurveyTopic("offers_by_life_phase", _("Offers by life phase"), [*phases]),
        SurveyTopic(
            "referrals_by_source",
            _("Referrals by source"),
            [
                *[
                    (key, source_labels.get(key, key), count)
                    for key, count in sorted(referrals.by_source.items())
                ],
                ("total", _("Referrals in total"), referrals.total),
            ],
        ),
        SurveyTopic(
            "referrals_by_outcome",
            _("Referrals by outcome"),
            [
                *[
                    (key, outcome_labels.get(key, key), count)
                    for key, count in sorted(referrals.by_outcome.items())
                ],
                ("asd_handovers", _("Hand-overs to the ASD"), referrals.asd_handovers),
            ],
        ),
    ]


def _cell(value: SurveyValue) -> int | float | None:
    if value is None or isinstance(value, int):
        return value
    return float(value)


def survey_export_xlsx(commune: Commune, year: int) -> bytes:
    with translation.override("de"):
        workbook = Workbook()
        first = workbook.active
        if first is not None:
            workbook.remove(first)
        for topic in survey_figures(commune, year):
            sheet = workbook.create_sheet(str(topic.title)[:31])
            sheet.append([str(topic.title), str(year)])
            sheet["A1"].font = Font(bold=True)
            sheet.append([_("Figure"), _("Value")])
            for _key, label, value in topic.rows:
                sheet.append([str(label), _cell(value)])
                cell = sheet.cell(row=sheet.max_row, column=2)
                if value is None:
                    cell.value = _("not available")
                elif isinstance(value, Decimal):
                    cell.number_format = "#,##0.00"
                else:
                    cell.number_format = "#,##0"
            sheet.column_dimensions["A"].width = 52
            sheet.column_dimensions["B"].width = 14
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def survey_export_csv(commune: Commune, year: int) -> bytes:
    """The same figures as CSV (UTF-8 with BOM, ";" as separator, "," as decimal sign, as
    German spreadsheet programs expect)."""
    with translation.override("de"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([_("Topic"), _("Key"), _("Figure"), _("Year"), _("Value")])
        for topic in survey_figures(commune, year):
            for key, label, value in topic.rows:
                text = "" if value is None else str(value).replace(".", ",")
                writer.writerow([str(topic.title), f"{topic.key}.{key}", str(label), year, text])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
