"""The annual report of a commune (PDF and XLSX) and the figures national and state surveys
of early-help networks ask for (XLSX and CSV)."""

from lotse.reports.annual.pdf import annual_report_pdf
from lotse.reports.annual.survey import survey_export_csv, survey_export_xlsx, survey_figures
from lotse.reports.annual.xlsx import annual_report_xlsx

__all__ = [
    "annual_report_pdf",
    "annual_report_xlsx",
    "survey_export_csv",
    "survey_export_xlsx",
    "survey_figures",
]
