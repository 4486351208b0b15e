"""The public "Kontakt wünschen" form of the finder: no account, no cookie, no captcha.

A signed timestamp replaces the CSRF token (no cookie may be set), a honeypot catches
simple bots and a per-address counter in the cache limits floods."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from lotse.core.access import commune_of, multilingual_view, public_commune_view
from lotse.core.publicforms import PublicFormGuard, TokenProblem
from lotse.offers.finder.language import url_language
from lotse.offers.models import Offer
from lotse.referrals.forms.public import ContactRequestForm
from lotse.referrals.selectors import intake_settings
from lotse.referrals.services.intake import current_consent_text, request_contact

RATE_LIMIT = 5
GUARD = PublicFormGuard(
    salt="lotse.referrals.contact_request", min_seconds=3, rate_limit=RATE_LIMIT
)


def issue_token() -> str:
    return GUARD.issue_token()


def token_error(token: str, *, now: float | None = None) -> str | None:
    problem = GUARD.token_problem(token, now=now)
    if problem == TokenProblem.EXPIRED:
        return _("The form has expired. Please fill it in again.")
    if problem == TokenProblem.TOO_QUICK:
        return _("The form was sent too quickly. Please try again.")
    return None


def rate_limited(request: HttpRequest) -> bool:
    return GUARD.rate_limited(request)


def _offer(request: HttpRequest) -> Offer | None:
    uuid = request.POST.get("angebot") or request.GET.get("angebot", "")
    if not uuid:
        return None
    try:
        found: Offer | None = (
            Offer.objects.for_commune(commune_of(request)).filter(uuid=uuid).first()
        )
    except (ValueError, ValidationError):
        return None
    return found


@csrf_exempt
@public_commune_view
@multilingual_view
@url_language
def contact_request(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    offer = _offer(request)
    context = {
        "offer": offer,
        "intake": intake_settings(commune),
        "consent_text": current_consent_text(commune),
    }
    if request.method != "POST":
        form = ContactRequestForm(commune=commune, initial={"token": issue_token()})
        return render(request, "referrals/public/contact_request.html", {**context, "form": form})
    form = ContactRequestForm(request.POST, commune=commune)
    problem = None
    if request.POST.get("website"):
        # A robot filled in the honeypot: answer as if all went well, store nothing.
        return render(request, "referrals/public/contact_sent.html", context)
    if rate_limited(request):
        problem = _("Too many requests from your connection. Please try again in an hour.")
    else:
        problem = token_error(request.POST.get("token", ""))
    if problem is None and form.is_valid():
        data = form.cleaned_data
        try:
            request_contact(
                commune=commune,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                social_area=data["social_area"],
                languages=list(data["languages"]),
                message=data["message"],
                youngest_birth_date=data["youngest_birth_date"],
                due_date=data["due_date"],
                offer=offer,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return render(request, "referrals/public/contact_sent.html", context)
    if problem is not None:
        form.add_error(None, problem)
    fresh = request.POST.copy()
    fresh["token"] = issue_token()
    form.data = fresh
    return render(request, "referrals/public/contact_request.html", {**context, "form": form})
