"""The annual report's figures as a workbook: a sheet per indicator group (indicator,
definition, value, unit, then the breakdown rows) and a sheet for the gap analysis.
Numbers are numbers, with a number format that shows them as in the report."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from lotse.core.models import Commune
from lotse.offers.ages import LifePhase
from lotse.reports.annual.content import report_content
from lotse.reports.formats import unit_label
from lotse.reports.gaps import GapCell
from lotse.reports.indicators import Unit
from lotse.reports.indicators.base import Number

NUMBER_FORMATS: dict[Unit, str] = {
    Unit.COUNT: "#,##0",
    Unit.SHARE: "0.0%",
    Unit.PER_1000: "#,##0.0",
    Unit.DAYS: "#,##0.0",
    Unit.HOURS: "#,##0.0",
    Unit.EUR: '#,##0.00 "€"',
    Unit.RATING: "0.0",
}
BOLD = Font(bold=True)
# Characters Excel does not allow in a sheet's name.
FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def sheet_title(name: str) -> str:
    return name.translate(FORBIDDEN)[:31]


def number(value: Number | None) -> float | int | None:
    """A cell value: ints stay ints, Decimals become floats (openpyxl writes both)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return float(Decimal(str(value)))


def put(sheet: Worksheet, row: int, column: int, value: Number | None, unit: Unit) -> None:
    cell = sheet.cell(row=row, column=column, value=number(value))
    if value is not None:
        cell.number_format = NUMBER_FORMATS[unit]
    else:
        cell.value = _("not available")


def annual_report_xlsx(commune: Commune, year: int) -> bytes:
    with translation.override("de"):
        return _workbook(commune, year)


def _workbook(commune: Commune, year: int) -> bytes:
    content = report_content(commune, year)
    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    for chapter in content.chapters:
        sheet = workbook.create_sheet(sheet_title(str(chapter.title)))
        headers = [_("Indicator"), _("Definition"), _("Value"), _("Unit"), _("Note")]
        sheet.append([*headers])
        for cell in sheet[1]:
            cell.font = BOLD
        row = 2
        for shown in chapter.section.shown:
            indicator = shown.indicator
            sheet.cell(row=row, column=1, value=str(indicator.title)).font = BOLD
            sheet.cell(row=row, column=2, value=str(indicator.definition))
            sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True)
            put(sheet, row, 3, shown.result.value, indicator.unit)
            sheet.cell(row=row, column=4, value=unit_label(indicator.unit))
            sheet.cell(row=row, column=5, value=str(shown.result.note) or None)
            row += 1
            for figure in shown.result.breakdown:
                sheet.cell(row=row, column=1, value=f"  {figure.label}")
                put(sheet, row, 3, figure.value, shown.row_unit)
                sheet.cell(row=row, column=4, value=unit_label(shown.row_unit))
                row += 1
        sheet.column_dimensions["A"].width = 48
        sheet.column_dimensions["B"].width = 60
        sheet.column_dimensions["C"].width = 14
        sheet.column_dimensions["D"].width = 22
        sheet.column_dimensions["E"].width = 30
    _gap_sheet(workbook, content.gaps)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _gap_sheet(workbook: Workbook, gaps: Sequence[GapCell]) -> None:
    sheet = workbook.create_sheet(sheet_title(_("Gap analysis")))
    sheet.append(
        [
            _("Rank"),
            _("Social area"),
            _("Life phase"),
            _("Offers"),
            _("Places offered"),
            _("Hours per week"),
            _("Children"),
            _("Share in poverty"),
            _("Need"),
            _("Offers per 1,000 of need"),
        ]
    )
    for cell in sheet[1]:
        cell.font = BOLD
    for index, gap in enumerate(gaps, start=2):
        sheet.cell(row=index, column=1, value=gap.rank)
        sheet.cell(row=index, column=2, value=gap.social_area.name)
        sheet.cell(row=index, column=3, value=str(LifePhase(gap.life_phase).label))
        put(sheet, index, 4, gap.offers, Unit.COUNT)
        put(sheet, index, 5, gap.places, Unit.COUNT)
        put(sheet, index, 6, gap.hours_per_week, Unit.HOURS)
        put(sheet, index, 7, gap.children, Unit.COUNT)
        put(sheet, index, 8, gap.poverty_share, Unit.SHARE)
        put(sheet, index, 9, gap.need, Unit.DAYS)
        put(sheet, index, 10, gap.supply_per_1000_need, Unit.PER_1000)
    for letter, width in zip("ABCDEFGHIJ", (8, 24, 30, 10, 10, 14, 10, 14, 10, 18), strict=True):
        sheet.column_dimensions[letter].width = width
