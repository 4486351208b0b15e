"""Indicators of the group "participation": what families say about the offers and the
early-help contact (anonymous feedback), and how many took part in needs assessments.

Feedback counts by the day it was given, in the scope's year; with a social-area filter,
by the social area the family chose or the offer serves. All figures are aggregates."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.models import SocialArea
from lotse.reports.indicators.base import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)
from lotse.reports.participation import figures
from lotse.reports.participation.models import ContactSpeed, FeedbackSubject, Helped

NOT_STATED = "none"
MONTHS = [
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
]


def _share(numerator: int, denominator: int) -> Decimal | None:
    return Decimal(numerator) / Decimal(denominator) if denominator else None


def _offer_link(scope: Scope, offer_uuid: str) -> str:
    return reverse(
        "offers:offer_detail",
        kwargs={"commune_slug": scope.commune.slug, "offer_uuid": offer_uuid},
    )


# Feedback on offers: average rating ---------------------------------------------------------


def _offer_rating(scope: Scope) -> Result:
    summary = figures.feedback_summary(
        scope.commune,
        scope.start,
        scope.end,
        subject=FeedbackSubject.OFFER,
        social_area=scope.social_area,
    )
    breakdown = [
        Figure(
            key=row.code,
            label=row.name,
            value=row.summary.average_rating,
            numerator=row.summary.rating_sum,
            denominator=row.summary.count,
        )
        for row in figures.feedback_by_category(scope.commune, scope.year, scope.social_area)
    ]
    return Result(
        value=summary.average_rating,
        breakdown=breakdown,
        numerator=summary.rating_sum,
        denominator=summary.count,
        note=_("Answers: %(count)d") % {"count": summary.count},
    )


def _offers_table(scope: Scope, category: str | None) -> Table:
    rows = figures.feedback_by_offer(
        scope.commune, scope.year, scope.social_area, category=category
    )
    return Table(
        columns=[
            Column(_("Offer")),
            Column(_("Answers"), Unit.COUNT),
            Column(_("Average rating"), Unit.RATING),
            Column(_("Would recommend"), Unit.SHARE),
        ],
        rows=[
            [
                row.offer_name,
                row.summary.count,
                row.summary.average_rating,
                row.summary.share_recommend,
            ]
            for row in rows
        ],
        links=[_offer_link(scope, row.offer_uuid) for row in rows],
    )


# Feedback on offers: would recommend --------------------------------------------------------


def _offer_recommend(scope: Scope) -> Result:
    months = figures.feedback_by_month(
        scope.commune, scope.year, subject=FeedbackSubject.OFFER, social_area=scope.social_area
    )
    count = sum(summary.count for summary in months.values())
    recommend = sum(summary.recommend for summary in months.values())
    return Result(
        value=_share(recommend, count),
        breakdown=[
            Figure(
                key=f"{scope.year}-{month:02d}",
                label=MONTHS[month - 1],
                value=_share(summary.recommend, summary.count),
                numerator=summary.recommend,
                denominator=summary.count,
            )
            for month, summary in months.items()
        ],
        numerator=recommend,
        denominator=count,
    )


def _month_of(row_key: str | None) -> int | None:
    if not row_key:
        return None
    try:
        month = int(row_key.rsplit("-", 1)[-1])
    except ValueError:
        return None
    return month if 1 <= month <= 12 else None


def _recommend_table(scope: Scope, row_key: str | None) -> Table:
    """The offers with feedback (in the month a row names), by their share "yes"."""
    month = _month_of(row_key)
    if month is None:
        return _offers_table(scope, None)
    rows = figures.feedback_by_offer(scope.commune, scope.year, scope.social_area, month=month)
    return Table(
        columns=[
            Column(_("Offer")),
            Column(_("Answers"), Unit.COUNT),
            Column(_("Would recommend"), Unit.SHARE),
        ],
        rows=[[row.offer_name, row.summary.count, row.summary.share_recommend] for row in rows],
        links=[_offer_link(scope, row.offer_uuid) for row in rows],
        note=MONTHS[month - 1],
    )


# Feedback on the early-help contact -----------------------------------------------------


def _contact_helped(scope: Scope) -> Result:
    contact = figures.contact_feedback(scope.commune, scope.year, scope.social_area)
    by_speed = figures.contact_helped_by_speed(scope.commune, scope.year, scope.social_area)
    return Result(
        value=contact.share_helped,
        breakdown=[
            Figure(
                key=value,
                label=label,
                value=_share(*by_speed.get(value, (0, 0))),
                numerator=by_speed.get(value, (0, 0))[0],
                denominator=by_speed.get(value, (0, 0))[1],
            )
            for value, label in ContactSpeed.choices
        ],
        numerator=contact.helped.get(Helped.YES, 0),
        denominator=contact.summary.count,
    )


def _contact_table(scope: Scope, row_key: str | None) -> Table:
    """Answers by month: how many, how many said it helped, partly, not; average rating."""
    months = figures.contact_feedback_by_month(scope.commune, scope.year, scope.social_area)
    return Table(
        columns=[
            Column(_("Month")),
            Column(_("Answers"), Unit.COUNT),
            Column(_("Helped"), Unit.COUNT),
            Column(_("Partly"), Unit.COUNT),
            Column(_("Did not help"), Unit.COUNT),
            Column(_("Average rating"), Unit.RATING),
        ],
        rows=[
            [
                str(MONTHS[month - 1]),
                row.count,
                row.helped,
                row.partly,
                row.not_helped,
                row.average_rating,
            ]
            for month, row in months.items()
        ],
    )


# Survey participation -------------------------------------------------------------------


def _survey_responses(scope: Scope) -> Result:
    counts = figures.survey_responses_by_social_area(scope.commune, scope.year, scope.social_area)
    areas = (
        [scope.social_area]
        if scope.social_area is not None
        else list(SocialArea.objects.for_commune(scope.commune).order_by("name"))
    )
    breakdown = [
        Figure(key=area.slug, label=area.name, value=counts.get(area.pk, 0)) for area in areas
    ]
    if scope.social_area is None and counts.get(None):
        breakdown.append(
            Figure(key=NOT_STATED, label=_("Social area not stated"), value=counts[None])
        )
    return Result(value=sum(counts.values()), breakdown=breakdown)


def _surveys_table(scope: Scope, row_key: str | None) -> Table:
    rows = figures.survey_response_counts(scope.commune, scope.year, scope.social_area)
    return Table(
        columns=[
            Column(_("Survey")),
            Column(_("Audience")),
            Column(_("Responses"), Unit.COUNT),
            Column(_("Organisations invited"), Unit.COUNT),
        ],
        rows=[
            [survey.title, survey.get_audience_display(), answered, invited]
            for survey, answered, invited in rows
        ],
        links=[
            reverse(
                "participation:survey_results",
                kwargs={"commune_slug": scope.commune.slug, "uuid": survey.uuid},
            )
            for survey, _answered, _invited in rows
        ],
    )


INDICATORS: list[Indicator] = [
    Indicator(
        key="participation.offer_rating",
        group=Group.PARTICIPATION,
        title=_("Families' rating of the offers"),
        definition=_(
            "Average overall rating (1 = very bad, 5 = very good) that families gave offers "
            "in the anonymous feedback form during the year, by the day of the answer; "
            "broken down by offer category."
        ),
        unit=Unit.RATING,
        compute=_offer_rating,
        drilldown=_offers_table,
    ),
    Indicator(
        key="participation.offer_recommend",
        group=Group.PARTICIPATION,
        title=_("Families who would recommend an offer"),
        definition=_(
            "Share of the anonymous answers on offers during the year that said yes to "
            '"Would you recommend it to other families?" (no and not sure count as '
            "not recommending), by month of the answer."
        ),
        unit=Unit.SHARE,
        compute=_offer_recommend,
        drilldown=_recommend_table,
    ),
    Indicator(
        key="participation.contact_helped",
        group=Group.PARTICIPATION,
        title=_("Families whom the early-help contact helped"),
        definition=_(
            "Share of the anonymous answers on the early-help contact during the year that "
            "said the contact helped (partly counts as not), broken down by how quickly "
            "someone got in touch according to the family."
        ),
        unit=Unit.SHARE,
        compute=_contact_helped,
        drilldown=_contact_table,
    ),
    Indicator(
        key="participation.survey_responses",
        group=Group.PARTICIPATION,
        title=_("Responses to needs assessments"),
        definition=_(
            "Number of responses to the network's surveys of partners and families given "
            "during the year, by the social area of the survey, the family's choice or the "
            "organisation's only social area."
        ),
        unit=Unit.COUNT,
        compute=_survey_responses,
        drilldown=_surveys_table,
    ),
]
