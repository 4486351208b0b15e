"""Aggregates of families' feedback and of survey participation, for the indicators,
the feedback page and the annual report. Counts only: nothing here names a family.

Each function takes a commune, a period (``start``..``end`` or a year) and optionally one
social area, and runs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from lotse.core.models import Commune, SocialArea
from lotse.reports.participation.models import (
    Feedback,
    FeedbackSubject,
    Helped,
    Survey,
    SurveyResponse,
    WouldRecommend,
)


@dataclass(frozen=True)
class FeedbackSummary:
    """``count`` answers; ``average_rating`` on the scale 1–5 (None without answers);
    ``recommend`` answered "yes" to "would recommend" of ``count``."""

    count: int
    rating_sum: int
    recommend: int

    @property
    def average_rating(self) -> Decimal | None:
        if not self.count:
            return None
        return (Decimal(self.rating_sum) / self.count).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def share_recommend(self) -> float | None:
        return self.recommend / self.count if self.count else None


def year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def feedback_in(
    commune: Commune,
    start: datetime.date,
    end: datetime.date,
    *,
    subject: str,
    social_area: SocialArea | None = None,
) -> QuerySet[Feedback]:
    found: QuerySet[Feedback] = Feedback.objects.for_commune(commune).filter(
        subject=subject, submitted_on__gte=start, submitted_on__lte=end
    )
    if social_area is not None:
        found = found.filter(social_area=social_area)
    return found


def _summary_of(row: dict[str, Any]) -> FeedbackSummary:
    return FeedbackSummary(
        count=row["count"] or 0, rating_sum=row["rating_sum"] or 0, recommend=row["recommend"] or 0
    )


def _aggregates() -> dict[str, Any]:
    return {
        "count": Count("id"),
        "rating_sum": Sum("rating"),
        "recommend": Count("id", filter=Q(would_recommend=WouldRecommend.YES)),
    }


def feedback_summary(
    commune: Commune,
    start: datetime.date,
    end: datetime.date,
    *,
    subject: str,
    social_area: SocialArea | None = None,
) -> FeedbackSummary:
    """Count, average rating and "would recommend" of one kind of feedback (one query)."""
    row = feedback_in(commune, start, end, subject=subject, social_area=social_area).aggregate(
        **_aggregates()
    )
    return _summary_of(row)


@dataclass(frozen=True)
class OfferFeedback:
    offer_uuid: str
    offer_name: str
    summary: FeedbackSummary


def feedback_by_offer(
    commune: Commune,
    year: int,
    social_area: SocialArea | None = None,
    *,
    category: str | None = None,
    month: int | None = None,
) -> list[OfferFeedback]:
    """Feedback per offer, most answers first, optionally of one category (by its code)
    or one month (one query)."""
    start, end = year_range(year)
    found = feedback_in(
        commune, start, end, subject=FeedbackSubject.OFFER, social_area=social_area
    ).filter(offer__isnull=False)
    if category is not None:
        found = found.filter(offer__categories__code=category)
    if month is not None:
        found = found.filter(submitted_on__month=month)
    rows = (
        found.values("offer__uuid", "offer__name")
        .annotate(**_aggregates())
        .order_by("-count", "offer__name")
    )
    return [
        OfferFeedback(str(row["offer__uuid"]), row["offer__name"], _summary_of(row)) for row in rows
    ]


@dataclass(frozen=True)
class CategoryFeedback:
    code: str
    name: str
    summary: FeedbackSummary


def feedback_by_category(
    commune: Commune, year: int, social_area: SocialArea | None = None
) -> list[CategoryFeedback]:
    """Feedback per offer category (an offer in two categories counts in both; one query).
    Offers without a category are left out."""
    start, end = year_range(year)
    rows = (
        feedback_in(commune, start, end, subject=FeedbackSubject.OFFER, social_area=social_area)
        .filter(offer__categories__isnull=False)
        .values("offer__categories__code", "offer__categories__name")
        .annotate(**_aggregates())
        .order_by("offer__categories__name")
    )
    return [
        CategoryFeedback(
            row["offer__categories__code"], row["offer__categories__name"], _summary_of(row)
        )
        for row in rows
    ]


def feedback_by_month(
    commune: Commune, year: int, *, subject: str, social_area: SocialArea | None = None
) -> dict[int, FeedbackSummary]:
    """Summary per month 1–12 of the year (months without feedback have count 0)."""
    start, end = year_range(year)
    summaries = {month: FeedbackSummary(0, 0, 0) for month in range(1, 13)}
    rows = feedback_in(commune, start, end, subject=subject, social_area=social_area).values_list(
        "submitted_on", "rating", "would_recommend"
    )
    for day, rating, recommend in rows:
        old = summaries[day.month]
        summaries[day.month] = FeedbackSummary(
            old.count + 1,
            old.rating_sum + rating,
            old.recommend + (recommend == WouldRecommend.YES),
        )
    return summaries


@dataclass(frozen=True)
class ContactFeedback:
    summary: FeedbackSummary
    helped: Counter[str]
    contact_speed: Counter[str]

    @property
    def share_helped(self) -> float | None:
        count = self.summary.count
        return self.helped.get("yes", 0) / count if count else None


def contact_feedback(
    commune: Commune, year: int, social_area: SocialArea | None = None
) -> ContactFeedback:
    """Feedback on the early-help contact: summary, "did it help", "how quickly" (one query)."""
    start, end = year_range(year)
    rows = list(
        feedback_in(
            commune, start, end, subject=FeedbackSubject.CONTACT, social_area=social_area
        ).values_list("rating", "would_recommend", "helped", "contact_speed")
    )
    summary = FeedbackSummary(
        count=len(rows),
        rating_sum=sum(row[0] for row in rows),
        recommend=sum(1 for row in rows if row[1] == WouldRecommend.YES),
    )
    return ContactFeedback(
        summary=summary,
        helped=Counter(row[2] for row in rows),
        contact_speed=Counter(row[3] for row in rows),
    )


def contact_helped_by_speed(
    commune: Commune, year: int, social_area: SocialArea | None = None
) -> dict[str, tuple[int, int]]:
    """Per answer to "how quickly": (said it helped, answers) (one query)."""
    start, end = year_range(year)
    rows = (
        feedback_in(commune, start, end, subject=FeedbackSubject.CONTACT, social_area=social_area)
        .values("contact_speed")
        .annotate(count=Count("id"), helped=Count("id", filter=Q(helped=Helped.YES)))
    )
    return {row["contact_speed"]: (row["helped"], row["count"]) for row in rows}


@dataclass(frozen=True)
class ContactMonth:
    count: int = 0
    helped: int = 0
    partly: int = 0
    not_helped: int = 0
    rating_sum: int = 0

    @property
    def average_rating(self) -> Decimal | None:
        return FeedbackSummary(self.count, self.rating_sum, 0).average_rating


def contact_feedback_by_month(
    commune: Commune, year: int, social_area: SocialArea | None = None
) -> dict[int, ContactMonth]:
    """Feedback on the contact per month 1–12: answers, helped / partly / not, ratings."""
    start, end = year_range(year)
    months = {month: ContactMonth() for month in range(1, 13)}
    rows = feedback_in(
        commune, start, end, subject=FeedbackSubject.CONTACT, social_area=social_area
    ).values_list("submitted_on", "helped", "rating")
    for day, helped, rating in rows:
        old = months[day.month]
        months[day.month] = ContactMonth(
            count=old.count + 1,
            helped=old.helped + (helped == Helped.YES),
            partly=old.partly + (helped == Helped.PARTLY),
            not_helped=old.not_helped + (helped == Helped.NO),
            rating_sum=old.rating_sum + rating,
        )
    return months


def survey_responses_by_social_area(
    commune: Commune, year: int, social_area: SocialArea | None = None
) -> dict[int | None, int]:
    """Responses to surveys submitted in the year, by social area id (None: not stated)."""
    start, end = year_range(year)
    found = SurveyResponse.objects.for_commune(commune).filter(
        submitted_on__gte=start, submitted_on__lte=end
    )
    if social_area is not None:
        found = found.filter(social_area=social_area)
    rows = found.values("social_area_id").annotate(count=Count("id"))
    return {row["social_area_id"]: row["count"] for row in rows}


def survey_response_counts(
    commune: Commune, year: int, social_area: SocialArea | None = None
) -> list[tuple[Survey, int, int]]:
    """(survey, responses in the year, organisations invited) per survey with responses or
    invitations in the year (two queries)."""
    start, end = year_range(year)
    response_filter = Q(responses__submitted_on__gte=start, responses__submitted_on__lte=end)
    if social_area is not None:
        response_filter &= Q(responses__social_area=social_area)
    surveys = (
        Survey.objects.for_commune(commune)
        .filter(opens_on__lte=end, closes_on__gte=start)
        .annotate(answered=Count("responses", filter=response_filter, distinct=True))
        .annotate(invited=Count("invitations", distinct=True))
        .order_by("opens_on", "title")
    )
    return [(survey, survey.answered, survey.invited) for survey in surveys]
