"""The finder's information pages: Leichte Sprache, the accessibility statement and the
barrier feedback form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lotse.core.access import commune_of, multilingual_view, public_commune_view
from lotse.offers.finder.feedback import (
    BarrierFeedbackForm,
    issue_token,
    rate_limited,
    report_barrier,
)
from lotse.offers.finder.language import url_language


@public_commune_view
@multilingual_view
@url_language
def easy_language(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return render(request, "finder/easy_language.html", {"commune": commune_of(request)})


@public_commune_view
@multilingual_view
@url_language
def accessibility(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return render(request, "finder/accessibility.html", {"commune": commune_of(request)})


# No CSRF cookie on a public page: the form's signed timestamp takes the token's place
# (see lotse.offers.finder.feedback).
@csrf_exempt
@public_commune_view
@multilingual_view
@url_language
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    sent = False
    status = 200
    if request.method == "POST":
        form = BarrierFeedbackForm(request.POST)
        if rate_limited(request):
            form.add_error(None, _("Too many reports from your connection. Please try later."))
            status = 429
        elif form.is_valid():
            report_barrier(
                commune=commune,
                page=form.cleaned_data["page"],
                description=form.cleaned_data["description"],
                contact_email=form.cleaned_data["contact_email"],
            )
            sent = True
            form = BarrierFeedbackForm(initial={"token": issue_token()})
        else:
            status = 400
        if not sent:
            # A fresh token, so a corrected form can be sent again.
            data = request.POST.copy()
            data["token"] = issue_token()
            form.data = data
    else:
        form = BarrierFeedbackForm(
            initial={"token": issue_token(), "page": request.GET.get("seite", "")[:500]}
        )
    return render(
        request,
        "finder/feedback.html",
        {"commune": commune, "form": form, "sent": sent},
        status=status,
    )
