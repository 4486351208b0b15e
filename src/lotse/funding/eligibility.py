"""Who may submit an application: only active members of the network (seed 000: "Alle
Antragstellenden müssen sich im Netzwerk der Frühen Hilfen aktiv einbringen") — a member
on the day, with a cooperation agreement in force, whose attendance at the plenary meetings
reaches the commune's threshold (a meetings setting)."""

from __future__ import annotations

from datetime import date

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lotse.meetings.selectors import attendance_rate, is_actively_involved, meeting_settings
from lotse.network.models import Organisation
from lotse.network.selectors import has_signed_agreement


def _percent(share: object) -> str:
    return number_format(float(share) * 100, decimal_pos=0)  # type: ignore[arg-type]


def why_not_eligible(organisation: Organisation, on: date) -> list[str]:
    """The reasons (German) why ``organisation`` may not apply on ``on``; empty if it may."""
    name = organisation.name
    reasons: list[str] = []
    if not organisation.is_member_on(on):
        reasons.append(_("%(name)s is not a member of the network.") % {"name": name})
    if not has_signed_agreement(organisation, on):
        reasons.append(_("%(name)s has no signed cooperation agreement in force.") % {"name": name})
    if not is_actively_involved(organisation):
        reasons.append(
            _(
                "%(name)s attended %(rate)s %% of the recent network meetings; at least "
                "%(threshold)s %% are required."
            )
            % {
                "name": name,
                "rate": _percent(attendance_rate(organisation) or 0),
                "threshold": _percent(meeting_settings(organisation.commune).attendance_threshold),
            }
        )
    return reasons
