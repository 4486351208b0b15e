"""Staff pages: feedback handouts, the feedback overview, and the survey editor and
evaluation of the coordination office."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import openpyxl
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import (
    acting_user,
    capability_required,
    commune_of,
    get_for_commune,
    has_capability,
)
from lotse.core.models import SocialArea
from lotse.core.permissions import Capability
from lotse.offers.access import get_offer_for_user, offers_for_user
from lotse.referrals.pdf import pdf_response
from lotse.reports.participation import figures, selectors, services
from lotse.reports.participation.forms import QuestionForm, SurveyForm
from lotse.reports.participation.handouts import (
    contact_feedback_url,
    family_survey_url,
    offer_feedback_url,
    qr_figure,
)
from lotse.reports.participation.models import (
    Audience,
    ContactSpeed,
    Helped,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyStatus,
)
from lotse.reports.participation.selectors import export_rows, questions_of

C = Capability
CONTACT_HANDOUT_CAPABILITIES = (C.MANAGE_OFFERS, C.MANAGE_REPORTS, C.WORK_CASES)


# Handouts ---------------------------------------------------------------------------------


@capability_required(C.EDIT_OWN_OFFERS)
def handouts(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The offers whose feedback handout the user may print."""
    offers = offers_for_user(request).select_related("provider").order_by("name")
    may_contact = any(has_capability(request, cap) for cap in CONTACT_HANDOUT_CAPABILITIES)
    return render(
        request,
        "participation/handouts.html",
        {"offers": offers, "may_contact": may_contact},
    )


def _offer_context(request: HttpRequest, uuid: str) -> dict[str, Any]:
    offer = get_offer_for_user(request, uuid)
    url = offer_feedback_url(offer)
    return {
        "offer": offer,
        "url": url,
        "qr": qr_figure(url, _("QR code of the feedback link")),
        "title": offer.name,
    }


@capability_required(C.EDIT_OWN_OFFERS)
def offer_handout(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    return render(request, "participation/handout.html", _offer_context(request, uuid))


@capability_required(C.EDIT_OWN_OFFERS)
def offer_handout_pdf(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    context = _offer_context(request, uuid)
    return pdf_response(
        request, "participation/pdf/flyer.html", context, "rueckmeldung-angebot.pdf"
    )


def _contact_context(request: HttpRequest) -> dict[str, Any]:
    """The contact handout is for the coordination office and early-help workers; for
    everyone else it does not exist."""
    if not any(has_capability(request, cap) for cap in CONTACT_HANDOUT_CAPABILITIES):
        raise Http404(_("Not found."))
    url = contact_feedback_url(commune_of(request))
    return {
        "offer": None,
        "url": url,
        "qr": qr_figure(url, _("QR code of the feedback link")),
        "title": _("Early-help contact"),
    }


@capability_required(C.VIEW_COMMUNE_HOME)
def contact_handout(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return render(request, "participation/handout.html", _contact_context(request))


@capability_required(C.VIEW_COMMUNE_HOME)
def contact_handout_pdf(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return pdf_response(
        request,
        "participation/pdf/flyer.html",
        _contact_context(request),
        "rueckmeldung-fruehe-hilfen.pdf",
    )


# Feedback overview ------------------------------------------------------------------------


def _year_and_area(request: HttpRequest) -> tuple[int, SocialArea | None, list[SocialArea]]:
    commune = commune_of(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jahr", today.year))
    except ValueError:
        year = today.year
    if not datetime.MINYEAR < year < datetime.MAXYEAR:
        year = today.year
    areas = list(SocialArea.objects.for_commune(commune))
    chosen = next((area for area in areas if area.slug == request.GET.get("sozialraum")), None)
    return year, chosen, areas


@capability_required(C.VIEW_REPORTS)
def feedback_overview(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    year, area, areas = _year_and_area(request)
    start, end = figures.year_range(year)
    offers_summary = figures.feedback_summary(
        commune, start, end, subject="offer", social_area=area
    )
    contact = figures.contact_feedback(commune, year, area)
    return render(
        request,
        "participation/feedback_overview.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "area": area,
            "areas": areas,
            "offers_summary": offers_summary,
            "by_category": figures.feedback_by_category(commune, year, area),
            "by_offer": figures.feedback_by_offer(commune, year, area),
            "contact": contact,
            "speeds": [
                (label, contact.contact_speed.get(value, 0))
                for value, label in ContactSpeed.choices
            ],
            "helped": [(label, contact.helped.get(value, 0)) for value, label in Helped.choices],
        },
    )


# Surveys ----------------------------------------------------------------------------------


def _survey(request: HttpRequest, uuid: str) -> Survey:
    return get_for_commune(Survey, commune_of(request), uuid)


def _question(request: HttpRequest, uuid: str, question_uuid: str) -> SurveyQuestion:
    survey = _survey(request, uuid)
    question = get_for_commune(SurveyQuestion, commune_of(request), question_uuid)
    if question.survey_id != survey.pk:
        raise Http404(_("Not found."))
    return question


@capability_required(C.MANAGE_REPORTS)
def survey_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    surveys = (
        Survey.objects.for_commune(commune_of(request))
        .select_related("social_area")
        .order_by("-opens_on", "title")
    )
    return render(request, "participation/survey_list.html", {"surveys": surveys})


def _survey_fields(form: SurveyForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "intro": data["intro"],
        "audience": data["audience"],
        "social_area": data["social_area"],
        "opens_on": data["opens_on"],
        "closes_on": data["closes_on"],
    }


@capability_required(C.MANAGE_REPORTS)
def survey_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = SurveyForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(
                actor=acting_user(request), commune=commune, **_survey_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The survey has been created. Now add its questions."))
            return redirect(
                "participation:survey_detail", commune_slug=commune.slug, uuid=survey.uuid
            )
    return render(request, "participation/survey_form.html", {"form": form, "survey": None})


@capability_required(C.MANAGE_REPORTS)
def survey_edit(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    survey = _survey(request, uuid)
    form = SurveyForm(request.POST or None, instance=survey, commune=commune_of(request))
    if survey.status != SurveyStatus.DRAFT:
        messages.error(request, _("Only a draft survey can be changed."))
        return redirect("participation:survey_detail", commune_slug=commune_slug, uuid=survey.uuid)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_survey(
                actor=acting_user(request), survey=survey, **_survey_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The survey has been saved."))
            return redirect(
                "participation:survey_detail", commune_slug=commune_slug, uuid=survey.uuid
            )
    return render(request, "participation/survey_form.html", {"form": form, "survey": survey})


@capability_required(C.MANAGE_REPORTS)
def survey_detail(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    survey = _survey(request, uuid)
    context: dict[str, Any] = {
        "survey": survey,
        "questions": questions_of(survey),
        "question_form": QuestionForm(audience=survey.audience),
        "invitations": SurveyInvitation.objects.for_commune(survey.commune)
        .filter(survey=survey)
        .select_related("organisation", "response"),
        "responses": survey.responses.count(),
    }
    if survey.audience == Audience.FAMILIES and survey.status != SurveyStatus.DRAFT:
        url = family_survey_url(survey)
        context["family_url"] = url
        context["qr"] = qr_figure(url, _("QR code of the survey link"))
    return render(request, "participation/survey_detail.html", context)


@capability_required(C.MANAGE_REPORTS)
def survey_handout_pdf(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    survey = _survey(request, uuid)
    if survey.audience != Audience.FAMILIES or survey.status == SurveyStatus.DRAFT:
        raise Http404(_("Not found."))
    url = family_survey_url(survey)
    context = {
        "survey": survey,
        "url": url,
        "qr": qr_figure(url, _("QR code of the survey link")),
        "title": survey.title,
    }
    return pdf_response(request, "participation/pdf/flyer.html", context, "umfrage.pdf")


@capability_required(C.MANAGE_REPORTS)
def question_add(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    survey = _survey(request, uuid)
    form = QuestionForm(request.POST or None, audience=survey.audience)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(actor=acting_user(request), survey=survey, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect(
                "participation:survey_detail", commune_slug=commune_slug, uuid=survey.uuid
            )
    return render(
        request,
        "participation/question_form.html",
        {"form": form, "survey": survey, "question": None},
    )


@capability_required(C.MANAGE_REPORTS)
def question_edit(
    request: HttpRequest, commune_slug: str, uuid: str, question_uuid: str
) -> HttpResponse:
    question = _question(request, uuid, question_uuid)
    survey = question.survey
    initial = {
        "text": question.text,
        "kind": question.kind,
        "choices": question.choices,
        "required": question.required,
    }
    form = QuestionForm(request.POST or None, initial=initial, audience=survey.audience)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_question(
                actor=acting_user(request), question=question, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question has been saved."))
            return redirect(
                "participation:survey_detail", commune_slug=commune_slug, uuid=survey.uuid
            )
    return render(
        request,
        "participation/question_form.html",
        {"form": form, "survey": survey, "question": question},
    )


def _act(request: HttpRequest, commune_slug: str, survey: Survey, action: Any) -> HttpResponse:
    try:
        done = action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if isinstance(done, str):
            messages.success(request, done)
    return redirect("participation:survey_detail", commune_slug=commune_slug, uuid=survey.uuid)


@capability_required(C.MANAGE_REPORTS)
@require_POST
def question_delete(
    request: HttpRequest, commune_slug: str, uuid: str, question_uuid: str
) -> HttpResponse:
    question = _question(request, uuid, question_uuid)

    def action() -> str:
        services.remove_question(actor=acting_user(request), question=question)
        return _("The question has been removed.")

    return _act(request, commune_slug, question.survey, action)


@capability_required(C.MANAGE_REPORTS)
@require_POST
def question_move(
    request: HttpRequest, commune_slug: str, uuid: str, question_uuid: str
) -> HttpResponse:
    question = _question(request, uuid, question_uuid)

    def action() -> None:
        services.move_question(
            actor=acting_user(request), question=question, up=request.POST.get("direction") == "up"
        )

    return _act(request, commune_slug, question.survey, action)


@capability_required(C.MANAGE_REPORTS)
@require_POST
def survey_open(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    survey = _survey(request, uuid)

    def action() -> str:
        sent = services.open_survey(actor=acting_user(request), survey=survey)
        if survey.audience == Audience.PARTNERS:
            return _("The survey is open. %(count)d invitations are on their way.") % {
                "count": sent
            }
        return _("The survey is open. Hand out its link and QR code.")

    return _act(request, commune_slug, survey, action)


@capability_required(C.MANAGE_REPORTS)
@require_POST
def survey_close(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    survey = _survey(request, uuid)

    def action() -> str:
        services.close_survey(actor=acting_user(request), survey=survey)
        return _("The survey is closed.")

    return _act(request, commune_slug, survey, action)


@capability_required(C.VIEW_REPORTS)
def survey_results_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    surveys = (
        Survey.objects.for_commune(commune_of(request))
        .exclude(status=SurveyStatus.DRAFT)
        .order_by("-opens_on", "title")
    )
    return render(request, "participation/survey_results_list.html", {"surveys": surveys})


def _visible_survey(request: HttpRequest, uuid: str) -> Survey:
    survey = _survey(request, uuid)
    if survey.status == SurveyStatus.DRAFT:
        raise Http404(_("Not found."))
    return survey


@capability_required(C.VIEW_REPORTS)
def survey_results(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    survey = _visible_survey(request, uuid)
    with_texts = has_capability(request, C.MANAGE_REPORTS)
    return render(
        request,
        "participation/survey_results.html",
        {
            "survey": survey,
            "results": selectors.survey_results(survey, with_texts=with_texts),
            "with_texts": with_texts,
        },
    )


@capability_required(C.VIEW_REPORTS)
def survey_export(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """The aggregates of a survey as CSV (``?format=csv``) or XLSX (default)."""
    survey = _visible_survey(request, uuid)
    rows = export_rows(selectors.survey_results(survey, with_texts=False))
    name = f"umfrage-{survey.opens_on:%Y-%m-%d}"
    if request.GET.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        for row in rows:
            writer.writerow(
                [
                    ""
                    if value is None
                    else str(value).replace(".", ",")
                    if isinstance(value, float)
                    else value
                    for value in row
                ]
            )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if sheet is None:  # pragma: no cover - a new workbook always has a sheet
        sheet = workbook.create_sheet()
    sheet.title = _("Results")[:31]
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
