"""The public feedback and survey pages: no account and no cookie at all.

A signed timestamp replaces the CSRF token (as in the finder's barrier form), a honeypot
catches simple bots and a per-address counter in the cache limits floods without storing
the address. The language comes from the URL (``?lang=ar``), as in the finder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from lotse.core.access import commune_of, multilingual_view, public_commune_view
from lotse.core.publicforms import PublicFormGuard
from lotse.offers.finder.feedback import issue_token, token_error
from lotse.offers.finder.language import url_language
from lotse.offers.models import Offer
from lotse.offers.selectors import publicly_visible
from lotse.reports.participation.forms import FeedbackForm, PublicFormMixin, SurveyAnswerForm
from lotse.reports.participation.models import (
    Audience,
    FeedbackSubject,
    Survey,
    SurveyInvitation,
    SurveyStatus,
)
from lotse.reports.participation.selectors import invitation_by_token, questions_of
from lotse.reports.participation.services import answer_survey, submit_feedback

RATE_LIMIT = 10
# The tokens are the finder's (issue_token, token_error); the counter is this app's own.
RATE_GUARD = PublicFormGuard(salt="lotse.participation", min_seconds=2, rate_limit=RATE_LIMIT)


def rate_limited(request: HttpRequest) -> bool:
    """Count this post; True once an address sent more than ``RATE_LIMIT`` in an hour."""
    return RATE_GUARD.rate_limited(request)


def _handle(
    request: HttpRequest,
    form: PublicFormMixin,
    save: Callable[[], Any],
    render_form: Callable[[PublicFormMixin], HttpResponse],
    thanks: Callable[[], HttpResponse],
) -> HttpResponse:
    """The post of a public form: honeypot, rate limit, token, then the form."""
    if request.POST.get("website"):
        # A robot filled in the honeypot: answer as if all went well, store nothing.
        return thanks()
    problem = None
    if rate_limited(request):
        problem = _("Too many answers from your connection. Please try again in an hour.")
    else:
        problem = token_error(request.POST.get("token", ""))
    if problem is None and form.is_valid():
        try:
            save()
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return thanks()
    if problem is not None:
        form.add_error(None, problem)
    fresh = request.POST.copy()
    fresh["token"] = issue_token()
    form.data = fresh
    return render_form(form)


def _feedback(request: HttpRequest, subject: str, offer: Offer | None) -> HttpResponse:
    commune = commune_of(request)
    context = {"offer": offer, "subject": subject, "is_contact": offer is None}

    def render_form(form: PublicFormMixin) -> HttpResponse:
        return render(request, "participation/public/feedback.html", {**context, "form": form})

    def thanks() -> HttpResponse:
        return render(request, "participation/public/thanks.html", context)

    if request.method != "POST":
        return render_form(
            FeedbackForm(commune=commune, subject=subject, initial={"token": issue_token()})
        )
    form = FeedbackForm(request.POST, commune=commune, subject=subject)

    def save() -> None:
        data = form.cleaned_data
        submit_feedback(
            commune=commune,
            subject=subject,
            offer=offer,
            social_area=data["social_area"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            rating=data["rating"],
            felt_welcome=data["felt_welcome"],
            would_recommend=data["would_recommend"],
            heard_from=data["heard_from"],
            contact_speed=data.get("contact_speed", ""),
            helped=data.get("helped", ""),
        )

    return _handle(request, form, save, render_form, thanks)


@csrf_exempt
@public_commune_view
@multilingual_view
@url_language
def offer_feedback(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    offer = publicly_visible(commune, timezone.localdate()).filter(uuid=offer_uuid).first()
    if offer is None:
        raise Http404(_("Not found."))
    return _feedback(request, FeedbackSubject.OFFER, offer)


@csrf_exempt
@public_commune_view
@multilingual_view
@url_language
def contact_feedback(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return _feedback(request, FeedbackSubject.CONTACT, None)


def _survey_page(
    request: HttpRequest, survey: Survey, invitation: SurveyInvitation | None
) -> HttpResponse:
    context: dict[str, Any] = {"survey": survey, "invitation": invitation}
    if not survey.accepts_answers():
        return render(request, "participation/public/survey_closed.html", context)
    questions = questions_of(survey)
    ask_area = survey.social_area is None and invitation is None

    def render_form(form: PublicFormMixin) -> HttpResponse:
        return render(request, "participation/public/survey.html", {**context, "form": form})

    def thanks() -> HttpResponse:
        return render(request, "participation/public/thanks.html", context)

    if request.method != "POST":
        initial: dict[str, Any] = {"token": issue_token()}
        previous = getattr(invitation, "response", None) if invitation else None
        if previous is not None:
            for question in questions:
                if str(question.uuid) in previous.answers:
                    name = SurveyAnswerForm.field_name(question)
                    initial[name] = previous.answers[str(question.uuid)]
        return render_form(
            SurveyAnswerForm(
                survey=survey, questions=questions, ask_social_area=ask_area, initial=initial
            )
        )
    form = SurveyAnswerForm(
        request.POST, survey=survey, questions=questions, ask_social_area=ask_area
    )

    def save() -> None:
        answer_survey(
            survey=survey,
            invitation=invitation,
            social_area=form.cleaned_data.get("social_area"),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            answers=form.answers(),
        )

    return _handle(request, form, save, render_form, thanks)


@csrf_exempt
@public_commune_view
@multilingual_view
@url_language
def family_survey(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    commune = commune_of(request)
    survey = (
        Survey.objects.for_commune(commune)
        .filter(uuid=uuid, audience=Audience.FAMILIES)
        .exclude(status=SurveyStatus.DRAFT)
        .first()
    )
    if survey is None:
        raise Http404(_("Not found."))
    return _survey_page(request, survey, None)


@csrf_exempt
@public_commune_view
@multilingual_view
@url_language
def partner_survey(request: HttpRequest, commune_slug: str, token: str) -> HttpResponse:
    """A partner organisation's answer, by the link in its delegate's e-mail."""
    invitation = invitation_by_token(commune_of(request), token)
    return _survey_page(request, invitation.survey, invitation)
