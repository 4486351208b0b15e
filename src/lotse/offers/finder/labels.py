"""The finder's own names for the catalog's codes, so every one of the ten languages has
them in the finder's catalogue (the catalog's staff pages speak German and English)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

WEEKDAYS: dict[str, Any] = {
    "MO": _("Monday"),
    "TU": _("Tuesday"),
    "WE": _("Wednesday"),
    "TH": _("Thursday"),
    "FR": _("Friday"),
    "SA": _("Saturday"),
    "SU": _("Sunday"),
}

SCHEDULE_KINDS: dict[str, Any] = {
    "weekly": _("Weekly"),
    "every_two_weeks": _("Every two weeks"),
    "monthly": _("Monthly"),
    "course": _("Course"),
    "one_off": _("Once"),
    "by_arrangement": _("By arrangement"),
}

ACCESSIBILITY: dict[str, Any] = {
    "step_free": _("Step-free access"),
    "wheelchair_toilet": _("Wheelchair-accessible toilet"),
    "pram_parking": _("Space for prams"),
    "baby_changing": _("Baby changing table"),
    "hearing_loop": _("Hearing loop"),
    "sign_language": _("Sign language on request"),
    "easy_language": _("Information in easy language"),
    "other": _("Other"),
}
