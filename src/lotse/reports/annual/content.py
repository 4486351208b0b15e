"""What the annual report of a year contains, gathered once for the PDF and the workbook."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from lotse.core.models import Commune
from lotse.reports.gaps import GapCell
from lotse.reports.indicators import Group, Scope
from lotse.reports.models import AnnualReport
from lotse.reports.selectors import Section, gap_analysis, sections

# The coordinator's text that opens each group's chapter.
GROUP_TEXTS: dict[str, str] = {
    Group.NETWORK: "network_text",
    Group.OFFERS: "offers_text",
    Group.ACCESS: "access_text",
    Group.REACH: "reach_text",
    Group.FUNDING: "funding_text",
    Group.PARTICIPATION: "participation_text",
}
TOP_GAPS = 10


@dataclass(frozen=True)
class Chapter:
    section: Section
    text: str

    @property
    def title(self) -> str | Promise:
        return self.section.group.label


@dataclass(frozen=True)
class ReportContent:
    commune: Commune
    year: int
    report: AnnualReport | None
    chapters: list[Chapter]
    gaps: list[GapCell]

    def text(self, field: str) -> str:
        return str(getattr(self.report, field, "") or "") if self.report else ""

    @property
    def top_gaps(self) -> list[GapCell]:
        return self.gaps[:TOP_GAPS]

    @property
    def introduction(self) -> str:
        return self.text("introduction")

    @property
    def outlook(self) -> str:
        return self.text("outlook")


def report_content(commune: Commune, year: int) -> ReportContent:
    report = AnnualReport.objects.for_commune(commune).filter(year=year).first()
    scope = Scope(commune=commune, year=year)
    chapters = []
    for section in sections(scope):
        field = GROUP_TEXTS.get(section.group, "")
        text = str(getattr(report, field, "") or "") if report is not None and field else ""
        chapters.append(Chapter(section=section, text=text))
    return ReportContent(
        commune=commune,
        year=year,
        report=report,
        chapters=chapters,
        gaps=gap_analysis(commune, year),
    )
