"""Every change in participation: one function per use case, one transaction, one audit
event. Families' feedback and answers have no actor: they are anonymous."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, SocialArea, User
from lotse.core.outbox import queue_email
from lotse.core.permissions import Capability
from lotse.network.selectors import current_delegation_map, current_members
from lotse.offers.models import Offer
from lotse.reports.participation.audit import ParticipationAction
from lotse.reports.participation.models import (
    CHOICE_KINDS,
    Audience,
    Feedback,
    FeedbackSubject,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)

MANAGE = Capability.MANAGE_REPORTS


def submit_feedback(
    *,
    commune: Commune,
    subject: str,
    offer: Offer | None,
    social_area: SocialArea | None,
    language: str,
    rating: int,
    felt_welcome: str,
    would_recommend: str,
    heard_from: str,
    contact_speed: str = "",
    helped: str = "",
) -> Feedback:
    """Keep a family's anonymous answers. Without a chosen social area, an offer that
    serves exactly one social area gives its own."""
    if (subject == FeedbackSubject.OFFER) != (offer is not None):
        raise ValidationError(gettext("Feedback on an offer needs the offer."))
    if offer is not None and offer.commune_id != commune.pk:
        raise ValidationError(gettext("Feedback on an offer needs the offer."))
    if social_area is None and offer is not None:
        areas = {area.pk: area for area in offer.service_areas.all()}
        for item in offer.offer_locations.select_related("location__social_area"):
            if item.location.social_area is not None:
                areas[item.location.social_area.pk] = item.location.social_area
        if len(areas) == 1:
            social_area = next(iter(areas.values()))
    feedback = Feedback(
        commune=commune,
        subject=subject,
        offer=offer,
        social_area=social_area,
        language=language,
        submitted_on=timezone.localdate(),
        rating=rating,
        felt_welcome=felt_welcome,
        would_recommend=would_recommend,
        heard_from=heard_from,
        contact_speed=contact_speed if subject == FeedbackSubject.CONTACT else "",
        helped=helped if subject == FeedbackSubject.CONTACT else "",
    )
    feedback.full_clean(exclude=["commune", "offer", "social_area"])
    with transaction.atomic():
        feedback.save()
        record(
            actor=None,
            commune=commune,
            action=ParticipationAction.FEEDBACK_RECEIVED,
            target=feedback,
            changes={"subject": ("", subject)},
        )
    return feedback


def _require_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(gettext("Only a draft survey can be changed."))


def _check_dates(opens_on: Any, closes_on: Any) -> None:
    if closes_on < opens_on:
        raise ValidationError(gettext("The survey cannot close before it opens."))


def create_survey(
    *,
    actor: User,
    commune: Commune,
    title: str,
    intro: str,
    audience: str,
    social_area: SocialArea | None,
    opens_on: Any,
    closes_on: Any,
) -> Survey:
    require_actor_capability(actor, commune, MANAGE)
    _check_dates(opens_on, closes_on)
    with transaction.atomic():
        survey: Survey = Survey.objects.for_commune(commune).create(
            commune=commune,
            title=title.strip(),
            intro=intro.strip(),
            audience=audience,
            social_area=social_area,
            opens_on=opens_on,
            closes_on=closes_on,
        )
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.SURVEY_CREATED,
            target=survey,
            changes={"title": ("", survey.title), "audience": ("", audience)},
        )
    return survey


def change_survey(
    *,
    actor: User,
    survey: Survey,
    title: str,
    intro: str,
    audience: str,
    social_area: SocialArea | None,
    opens_on: Any,
    closes_on: Any,
) -> Survey:
    """Change a draft. A survey with a free-text question cannot become a family survey."""
    commune = survey.commune
    require_actor_capability(actor, commune, MANAGE)
    with transaction.atomic():
        survey = Survey.objects.for_commune(commune).select_for_update().get(pk=survey.pk)
        _require_draft(survey)
        _check_dates(opens_on, closes_on)
        if (
            audience == Audience.FAMILIES
            and survey.questions.filter(kind=QuestionKind.TEXT).exists()
        ):
            raise ValidationError(
                gettext("Family surveys have no free-text questions, so no names can be entered.")
            )
        before = {
            "title": survey.title,
            "audience": survey.audience,
            "opens_on": str(survey.opens_on),
            "closes_on": str(survey.closes_on),
        }
        survey.title, survey.intro, survey.audience = title.strip(), intro.strip(), audience
        survey.social_area, survey.opens_on, survey.closes_on = social_area, opens_on, closes_on
        survey.save()
        after = {
            "title": survey.title,
            "audience": survey.audience,
            "opens_on": str(survey.opens_on),
            "closes_on": str(survey.closes_on),
        }
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.SURVEY_CHANGED,
            target=survey,
            changes={key: (before[key], after[key]) for key in before if before[key] != after[key]},
        )
    return survey


def _check_question(survey: Survey, kind: str, choices: str) -> str:
    lines = [line.strip() for line in choices.splitlines() if line.strip()]
    if kind in CHOICE_KINDS and len(lines) < 2:
        raise ValidationError(gettext("Please enter at least two choices, one per line."))
    if kind == QuestionKind.TEXT and survey.audience == Audience.FAMILIES:
        raise ValidationError(
            gettext("Family surveys have no free-text questions, so no names can be entered.")
        )
    return "\n".join(lines) if kind in CHOICE_KINDS else ""


def add_question(
    *, actor: User, survey: Survey, text: str, kind: str, choices: str, required: bool
) -> SurveyQuestion:
    commune = survey.commune
    require_actor_capability(actor, commune, MANAGE)
    with transaction.atomic():
        survey = Survey.objects.for_commune(commune).select_for_update().get(pk=survey.pk)
        _require_draft(survey)
        clean_choices = _check_question(survey, kind, choices)
        last = survey.questions.aggregate(last=Max("position"))["last"]
        question: SurveyQuestion = SurveyQuestion.objects.for_commune(commune).create(
            commune=commune,
            survey=survey,
            position=0 if last is None else last + 1,
            text=text.strip(),
            kind=kind,
            choices=clean_choices,
            required=required,
        )
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.QUESTION_ADDED,
            target=survey,
            changes={"question": ("", question.text)},
        )
    return question


def change_question(
    *, actor: User, question: SurveyQuestion, text: str, kind: str, choices: str, required: bool
) -> SurveyQuestion:
    commune = question.commune
    require_actor_capability(actor, commune, MANAGE)
    with transaction.atomic():
        survey = Survey.objects.for_commune(commune).select_for_update().get(pk=question.survey_id)
        _require_draft(survey)
        clean_choices = _check_question(survey, kind, choices)
        old_text = question.text
        question.text, question.kind = text.strip(), kind
        question.choices, question.required = clean_choices, required
        question.save()
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.QUESTION_CHANGED,
            target=survey,
            changes={"question": (old_text, question.text)},
        )
    return question


def remove_question(*, actor: User, question: SurveyQuestion) -> None:
    commune = question.commune
    require_actor_capability(actor, commune, MANAGE)
    with transaction.atomic():
        survey = Survey.objects.for_commune(commune).select_for_update().get(pk=question.survey_id)
        _require_draft(survey)
        text = question.text
        question.delete()
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.QUESTION_REMOVED,
            target=survey,
            changes={"question": (text, "")},
        )


def move_question(*, actor: User, question: SurveyQuestion, up: bool) -> None:
    """Swap the question with its neighbour above (``up``) or below."""
    commune = question.commune
    require_actor_capability(actor, commune, MANAGE)
    with transaction.atomic():
        survey = Survey.objects.for_commune(commune).select_for_update().get(pk=question.survey_id)
        _require_draft(survey)
        ordered = list(survey.questions.order_by("position", "id"))
        index = next(i for i, item in enumerate(ordered) if item.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.QUESTION_MOVED,
            target=survey,
            changes={"position": (index + 1, other + 1)},
        )


def partner_answer_url(invitation: SurveyInvitation) -> str:
    path = reverse(
        "participation:partner_survey",
        kwargs={"commune_slug": invitation.commune.slug, "token": invitation.token},
    )
    return f"{settings.BASE_URL}{path}"


def open_survey(*, actor: User, survey: Survey) -> int:
    """Open a draft. A partner survey goes by e-mail to the delegate of every current
    member organisation, each with the organisation's own link; returns how many."""
    commune = survey.commune
    given = survey
    require_actor_capability(actor, commune, MANAGE)
    sent = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        survey = Survey.objects.for_commune(commune).select_for_update().get(pk=survey.pk)
        _require_draft(survey)
        if not survey.questions.exists():
            raise ValidationError(gettext("Please add at least one question first."))
        if survey.closes_on < timezone.localdate():
            raise ValidationError(gettext("The survey's closing date has passed."))
        survey.status = SurveyStatus.OPEN
        survey.save(update_fields=["status"])
        given.status = survey.status
        if survey.audience == Audience.PARTNERS:
            members = list(current_members(commune).order_by("name"))
            delegations = current_delegation_map(commune, [member.pk for member in members])
            for member in members:
                delegate, deputy = delegations.get(member.pk, (None, None))
                person = delegate if delegate is not None and delegate.email else deputy
                if person is None or not person.email:
                    continue
                invitation: SurveyInvitation = SurveyInvitation.objects.for_commune(commune).create(
                    commune=commune, survey=survey, organisation=member, sent_to=person.email
                )
                queue_email(
                    kind="participation.survey_invitation",
                    to=[person.email],
                    subject=gettext("Survey of the early-help network: %(title)s")
                    % {"title": survey.title},
                    body=gettext(
                        "Dear %(name)s,\n\n"
                        "the coordination office of the early-help network %(commune)s asks "
                        '%(organisation)s to take part in the survey "%(title)s".\n\n'
                        "%(intro)s\n\n"
                        "Please answer by %(closes)s for your organisation (one answer per "
                        "organisation; you can change it until the survey closes):\n%(url)s\n"
                    )
                    % {
                        "name": person.name,
                        "commune": commune.name,
                        "organisation": member.name,
                        "title": survey.title,
                        "intro": survey.intro,
                        "closes": survey.closes_on.strftime("%d.%m.%Y"),
                        "url": partner_answer_url(invitation),
                    },
                    commune=commune,
                )
                sent += 1
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.SURVEY_OPENED,
            target=survey,
            changes={
                "status": (SurveyStatus.DRAFT.value, SurveyStatus.OPEN.value),
                "sent": (0, sent),
            },
        )
    return sent


def close_survey(*, actor: User, survey: Survey) -> Survey:
    commune = survey.commune
    given = survey
    require_actor_capability(actor, commune, MANAGE)
    with transaction.atomic():
        survey = Survey.objects.for_commune(commune).select_for_update().get(pk=survey.pk)
        if survey.status != SurveyStatus.OPEN:
            raise ValidationError(gettext("Only an open survey can be closed."))
        survey.status = SurveyStatus.CLOSED
        survey.save(update_fields=["status"])
        given.status = survey.status
        record(
            actor=actor,
            commune=commune,
            action=ParticipationAction.SURVEY_CLOSED,
            target=survey,
            changes={"status": (SurveyStatus.OPEN.value, SurveyStatus.CLOSED.value)},
        )
    return survey


def answer_survey(
    *,
    survey: Survey,
    invitation: SurveyInvitation | None,
    social_area: SocialArea | None,
    language: str,
    answers: dict[str, Any],
) -> SurveyResponse:
    """Keep one response: a family's (anonymous, always new) or an organisation's (its
    one response, replaced when it answers again while the survey is open)."""
    commune = survey.commune
    # The state in the database counts, not the one of a page loaded a while ago.
    survey = Survey.objects.for_commune(commune).get(pk=survey.pk)
    if not survey.accepts_answers():
        raise ValidationError(gettext("This survey is not open for answers."))
    if (survey.audience == Audience.PARTNERS) != (invitation is not None):
        raise ValidationError(gettext("This survey is not open for answers."))
    if survey.social_area is not None:
        social_area = survey.social_area
    response: SurveyResponse
    with transaction.atomic():
        if invitation is not None:
            if invitation.organisation.social_areas.count() == 1 and social_area is None:
                social_area = invitation.organisation.social_areas.get()
            response, created = SurveyResponse.objects.for_commune(commune).update_or_create(
                invitation=invitation,
                defaults={
                    "commune": commune,
                    "survey": survey,
                    "social_area": social_area,
                    "language": language,
                    "submitted_on": timezone.localdate(),
                    "answers": answers,
                },
            )
        else:
            response = SurveyResponse.objects.for_commune(commune).create(
                commune=commune,
                survey=survey,
                social_area=social_area,
                language=language,
                answers=answers,
            )
            created = True
        record(
            actor=None,
            commune=commune,
            action=ParticipationAction.SURVEY_ANSWERED,
            target=survey,
            changes={"response": ("" if created else "changed", str(response.uuid))},
        )
    return response
