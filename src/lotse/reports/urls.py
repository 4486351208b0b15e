"""Pages of reports."""

from django.urls import URLPattern, URLResolver, path, register_converter

from lotse.reports.indicators import BY_KEY, Indicator
from lotse.reports.views import annual, dashboards, gaps, settings

app_name = "reports"


class IndicatorConverter:
    """An indicator's key in the path. Anything else does not match, so other pages under
    ``reports/`` (those of participation, say) are never taken for an indicator."""

    regex = "[a-z0-9_.-]+"

    def to_python(self, value: str) -> Indicator:
        if value not in BY_KEY:
            raise ValueError(value)
        return BY_KEY[value]

    def to_url(self, value: Indicator | str) -> str:
        return value if isinstance(value, str) else value.key


register_converter(IndicatorConverter, "indicator")

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/", dashboards.overview, name="overview"),
    path("reports/groups/<str:group>/", dashboards.group, name="group"),
    path("reports/gaps/", gaps.gap_page, name="gaps"),
    path("reports/settings/", settings.report_settings, name="settings"),
    path("reports/annual/", annual.annual_list, name="annual_list"),
    path("reports/annual/<int:year>/", annual.annual_edit, name="annual_edit"),
    path("reports/annual/<int:year>/report.pdf", annual.annual_pdf, name="annual_pdf"),
    path("reports/annual/<int:year>/report.xlsx", annual.annual_xlsx, name="annual_xlsx"),
    path(
        "reports/annual/<int:year>/survey.<str:fmt>",
        annual.survey_export,
        name="survey_export",
    ),
    path("reports/<indicator:key>/", dashboards.indicator, name="indicator"),
    path("reports/<indicator:key>/details/", dashboards.details, name="details"),
]

# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
