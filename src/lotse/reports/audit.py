"""The audit actions of reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportsAction(models.TextChoices):
    SETTINGS_CHANGED = "reports.settings_changed", _("Report settings changed")
    AGE_GROUP_FIGURES_SAVED = (
        "reports.age_group_figures_saved",
        _("Children per age group saved"),
    )
    ANNUAL_REPORT_SAVED = "reports.annual_report_saved", _("Annual report texts saved")
    ANNUAL_REPORT_DOWNLOADED = "reports.annual_report_downloaded", _("Annual report downloaded")
    SURVEY_EXPORT_DOWNLOADED = (
        "reports.survey_export_downloaded",
        _("Survey figures downloaded"),
    )
