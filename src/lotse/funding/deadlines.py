"""The yearly deadlines of funding: applications for a year are due on the commune's
deadline in the year before (30 September by default), proofs of use on the commune's
deadline in the year after (31 January by default). Both end at midnight in Berlin."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lotse.core.models import Commune

BERLIN = ZoneInfo("Europe/Berlin")


def application_deadline(commune: Commune, funding_year: int) -> date:
    """The last day on which applications for ``funding_year`` can be submitted."""
    return date(
        funding_year - 1,
        commune.funding_application_deadline_month,
        commune.funding_application_deadline_day,
    )


def application_closes_at(commune: Commune, funding_year: int) -> datetime:
    """The first moment that is too late: midnight after the deadline, Berlin time, so
    23:59 on the last day still counts."""
    day_after = application_deadline(commune, funding_year) + timedelta(days=1)
    return datetime.combine(day_after, time(0, 0), tzinfo=BERLIN)


def proof_of_use_due(commune: Commune, funding_year: int) -> date:
    return date(
        funding_year + 1, commune.proof_of_use_deadline_month, commune.proof_of_use_deadline_day
    )
