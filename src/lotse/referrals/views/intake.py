"""Intake pages: the staff form, the clinic form, check your answers, the team's contact
for families who do not consent, the printable consent form, the navigators' own list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.permissions import Capability
from lotse.referrals.access import get_own_referral
from lotse.referrals.forms.case import WithdrawConsentForm
from lotse.referrals.forms.intake import ClinicReferralForm, ReferralForm
from lotse.referrals.models import Referral, ReferralSource, ScreeningSheet
from lotse.referrals.pdf import pdf_response
from lotse.referrals.selectors import intake_settings
from lotse.referrals.services.consent import may_withdraw_for, withdraw_consent
from lotse.referrals.services.intake import create_referral, current_consent_text, referral_errors

# Service error keys → form fields.
FIELD_OF_ERROR = {
    "source": "source",
    "received_at": "received_at",
    "family.name": "family_name",
    "family.phone": "phone",
    "family.social_area": "social_area",
    "family.languages": "languages",
    "need": "need",
    "children": "child1_birth_date",
    "consent": "consent_given",
    "consent.scope": "consent_scope",
    "consent.channel": "consent_channel",
    "consent.given_by": "consent_given_by",
    "consent.given_at": "consent_given_at",
}


def _form_field(key: str, form: ReferralForm) -> str | None:
    if key in FIELD_OF_ERROR:
        return FIELD_OF_ERROR[key]
    if key.startswith("children."):
        parts = key.split(".")
        slot = int(parts[1]) + 1
        field = f"child{slot}_{parts[2]}" if len(parts) > 2 else f"child{slot}_birth_date"
        return field if field in form.fields else None
    return None


def add_service_errors(form: ReferralForm, error: ValidationError) -> None:
    for key, messages_ in error.message_dict.items():
        field = _form_field(key, form)
        for message in messages_:
            form.add_error(field, message)


def _rule_errors(form: ReferralForm) -> ValidationError | None:
    errors = referral_errors(
        commune=form.commune,
        source=form.cleaned_data["source"],
        received_at=form.cleaned_data["received_at"],
        family=form.family(),
        children=form.children(),
        need=form.cleaned_data["need"],
        consent=form.consent(),
        now=timezone.now(),
    )
    return ValidationError(errors) if errors else None


def _intake(request: HttpRequest, form: ReferralForm, title: str) -> HttpResponse:
    commune = commune_of(request)
    context: dict[str, Any] = {
        "form": form,
        "title": title,
        "intake": intake_settings(commune),
        "consent_text": form.consent_text,
    }
    if request.method != "POST" or "edit" in request.POST or not form.is_valid():
        return render(request, "referrals/intake/form.html", context)
    problems = _rule_errors(form)
    if problems is not None:
        add_service_errors(form, problems)
        return render(request, "referrals/intake/form.html", context)
    if "confirm" not in request.POST:
        return render(request, "referrals/intake/check.html", context)
    try:
        referral = create_referral(
            actor=acting_user(request),
            commune=commune,
            source=form.cleaned_data["source"],
            received_at=form.cleaned_data["received_at"],
            family=form.family(),
            children=form.children(),
            need=form.cleaned_data["need"],
            consent=form.consent(),
            referring_organisation=form.cleaned_data.get("referring_organisation"),
            screening=form.screening(),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return render(request, "referrals/intake/form.html", context)
    return redirect("referrals:referral_sent", commune_slug=commune.slug, uuid=referral.uuid)


@capability_required(Capability.REFER_FAMILIES)
def refer(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    sources = list(ReferralSource.values)
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        commune=commune,
        consent_text=current_consent_text(commune),
        sources=sources,
    )
    return _intake(request, form, _("Refer a family"))


@capability_required(Capability.REFER_FAMILIES)
def refer_clinic(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    sheet = (
        ScreeningSheet.objects.for_commune(commune)
        .filter(is_active=True)
        .prefetch_related("items")
        .first()
    )
    form = ClinicReferralForm(
        request.POST if request.method == "POST" else None,
        commune=commune,
        consent_text=current_consent_text(commune),
        sources=[ReferralSource.BIRTH_CLINIC],
        sheet=sheet,
    )
    return _intake(request, form, _("Referral from the birth clinic"))


@capability_required(Capability.REFER_FAMILIES)
def referral_sent(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    commune = commune_of(request)
    referral = _sent_by(request, uuid)
    return render(
        request,
        "referrals/intake/sent.html",
        {"referral": referral, "intake": intake_settings(commune)},
    )


def _sent_by(request: HttpRequest, uuid: str) -> Referral:
    commune = commune_of(request)
    try:
        referral: Referral = Referral.objects.for_commune(commune).get(
            uuid=uuid, referring_user=acting_user(request)
        )
    except (Referral.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    return referral


@capability_required(Capability.REFER_FAMILIES)
def team_contact(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """For a family that does not consent: the team's contact to hand over."""
    return render(
        request,
        "referrals/intake/team_contact.html",
        {"intake": intake_settings(commune_of(request))},
    )


@capability_required(Capability.REFER_FAMILIES)
def consent_form(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The printable consent form (PDF) in German or one of the finder's languages."""
    commune = commune_of(request)
    codes = [code for code, _name in settings.LANGUAGES]
    language = request.GET.get("lang", "de")
    if language not in codes:
        language = "de"
    text = current_consent_text(commune)
    if "format" not in request.GET:
        return render(
            request,
            "referrals/intake/consent_form_choice.html",
            {"languages": settings.LANGUAGES, "text": text},
        )
    with translation.override(language):
        return pdf_response(
            request,
            "referrals/pdf/consent_form.html",
            {
                "commune": commune,
                "text": text.text_in(language) if text else None,
                "version": text.version if text else None,
                "language": language,
                "rtl": language in {"ar", "fa"},
                "intake": intake_settings(commune),
            },
            f"einwilligung-{commune.slug}-{language}.pdf",
        )


@capability_required(Capability.READ_OWN_REFERRALS)
def my_referrals(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The navigator's own referrals: status and whether contact was made, nothing more."""
    referrals = (
        Referral.objects.for_commune(commune_of(request))
        .filter(referring_user=acting_user(request))
        .only("uuid", "source", "received_at", "contact_due_by", "status", "first_contact_at")
        .order_by("-received_at")
    )
    return render(request, "referrals/intake/my_referrals.html", {"referrals": referrals})


@capability_required(Capability.REFER_FAMILIES)
def withdraw(request: HttpRequest, commune_slug: str, uuid: str) -> HttpResponse:
    """Record that the family withdrew its consent (as easy as giving it)."""
    commune = commune_of(request)
    actor = acting_user(request)
    try:
        referral = Referral.objects.for_commune(commune).get(uuid=uuid)
    except (Referral.DoesNotExist, ValueError, ValidationError):
        raise Http404(_("Not found.")) from None
    if not may_withdraw_for(actor, referral):
        raise Http404(_("Not found."))
    form = WithdrawConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_consent(actor=actor, referral=referral, channel=form.cleaned_data["channel"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The consent is withdrawn. The case is stopped and will be deleted.")
            )
            return redirect("core:commune_home", commune_slug=commune.slug)
    return render(request, "referrals/intake/withdraw.html", {"form": form, "referral": referral})


__all__ = [
    "consent_form",
    "get_own_referral",
    "my_referrals",
    "refer",
    "refer_clinic",
    "referral_sent",
    "team_contact",
    "withdraw",
]
