"""Reads of participation: a survey's questions and the evaluation of its answers.

The evaluation is an aggregate per question (counts of each choice, average rating or
number), for the whole survey and per social area; text answers are listed only for those
who may manage surveys (partner surveys: organisations' answers, never families')."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from lotse.core.models import Commune, SocialArea
from lotse.reports.participation.models import (
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)

NOT_STATED = "-"


def questions_of(survey: Survey) -> list[SurveyQuestion]:
    return list(
        SurveyQuestion.objects.for_commune(survey.commune)
        .filter(survey=survey)
        .order_by("position", "id")
    )


def invitation_by_token(commune: Commune, token: str) -> SurveyInvitation:
    invitation: SurveyInvitation | None = (
        SurveyInvitation.objects.for_commune(commune)
        .filter(token=token)
        .select_related("survey", "organisation", "commune")
        .first()
    )
    if invitation is None:
        raise Http404(_("Not found."))
    return invitation


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)
    average: Decimal | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class AreaResult:
    label: str
    responses: int
    questions: list[QuestionResult]


@dataclass
class SurveyResults:
    responses: int
    invited: int
    overall: list[QuestionResult]
    by_area: list[AreaResult]


def _average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _evaluate(
    questions: list[SurveyQuestion], responses: list[SurveyResponse], *, with_texts: bool
) -> list[QuestionResult]:
    results = []
    for question in questions:
        key = str(question.uuid)
        values = [response.answers[key] for response in responses if key in response.answers]
        result = QuestionResult(question, answered=len(values))
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counter: Counter[str] = Counter()
            for value in values:
                counter.update(value if isinstance(value, list) else [value])
            result.counts = [(choice, counter.get(choice, 0)) for choice in question.choice_list]
        elif question.kind == QuestionKind.RATING:
            numbers = [int(value) for value in values]
            result.counts = [(str(score), numbers.count(score)) for score in range(1, 6)]
            result.average = _average(numbers)
        elif question.kind == QuestionKind.NUMBER:
            result.average = _average([int(value) for value in values])
        elif with_texts:
            result.texts = sorted(str(value) for value in values)
        results.append(result)
    return results


def survey_results(survey: Survey, *, with_texts: bool) -> SurveyResults:
    """The evaluation of a survey (three queries, whatever the number of answers)."""
    commune = survey.commune
    questions = questions_of(survey)
    responses = list(
        SurveyResponse.objects.for_commune(commune).filter(survey=survey).order_by("id")
    )
    invited = SurveyInvitation.objects.for_commune(commune).filter(survey=survey).count()
    areas = {area.pk: area for area in SocialArea.objects.for_commune(commune)}
    grouped: dict[int | None, list[SurveyResponse]] = defaultdict(list)
    for response in responses:
        grouped[response.social_area_id].append(response)
    by_area = [
        AreaResult(
            areas[pk].name if pk is not None else _("Social area not stated"),
            len(items),
            _evaluate(questions, items, with_texts=False),
        )
        for pk, items in sorted(
            grouped.items(),
            key=lambda item: (item[0] is None, areas[item[0]].name if item[0] is not None else ""),
        )
    ]
    return SurveyResults(
        responses=len(responses),
        invited=invited,
        overall=_evaluate(questions, responses, with_texts=with_texts),
        by_area=by_area,
    )


def export_rows(results: SurveyResults) -> list[list[Any]]:
    """The aggregates as rows for CSV and XLSX: area, question, answer, count, average."""
    rows: list[list[Any]] = [
        [_("Social area"), _("Question"), _("Answer"), _("Count"), _("Average")]
    ]
    sections = [(_("All"), results.overall)] + [
        (area.label, area.questions) for area in results.by_area
    ]
    for label, questions in sections:
        for result in questions:
            if result.counts:
                for answer, count in result.counts:
                    rows.append([label, result.question.text, answer, count, None])
            rows.append(
                [
                    label,
                    result.question.text,
                    _("answered"),
                    result.answered,
                    float(result.average) if result.average is not None else None,
                ]
            )
    return rows
