"""The annual report as a PDF (WeasyPrint): title page, table of contents, a chapter per
indicator group with the coordinator's text, each indicator's value, definition, chart and
data table, and the ten biggest gaps of the prevention chain. Aggregates only."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from lotse.core.models import Commune
from lotse.reports.annual.content import report_content
from lotse.reports.selectors import gap_line


def annual_report_html(commune: Commune, year: int) -> str:
    with translation.override("de"):
        content = report_content(commune, year)
        return render_to_string(
            "reports/pdf/annual_report.html",
            {
                "content": content,
                "gap_lines": [gap_line(cell) for cell in content.top_gaps],
                "made_on": timezone.localdate(),
            },
        )


def annual_report_pdf(commune: Commune, year: int) -> bytes:
    import weasyprint  # noqa: PLC0415 - heavy import, only when a PDF is asked for

    pdf: bytes = weasyprint.HTML(string=annual_report_html(commune, year)).write_pdf()
    return pdf
