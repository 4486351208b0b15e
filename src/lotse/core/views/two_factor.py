"""Two-factor authentication with a TOTP authenticator app (django-otp).

Setting up shows a QR code and the secret, and confirms the device with a first code;
verifying asks for a code after login. The middleware sends people whose roles can read
family data here; others may set it up from their account page."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.access import acting_user
from lotse.core.forms.two_factor import TotpCodeForm
from lotse.core.services.accounts import enable_two_factor, pending_totp_device


def _is_verified(request: HttpRequest) -> bool:
    return getattr(request.user, "otp_device", None) is not None


def _next_url(request: HttpRequest) -> str:
    """Where to go afterwards: ``next`` if it points to this site, else the start."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("core:home")


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def qr_code_svg(text: str) -> str:
    """An SVG QR code of ``text``, drawn on the server, to place inline in the page. It
    holds only shapes (no script, no style attribute), so the strict CSP allows it; the
    white background keeps it readable in any colour scheme."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, border=2)
    svg: str = image.to_string(encoding="unicode")
    label = escape(_("QR code for your authenticator app"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def readable_secret(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _check_code(device: TOTPDevice, form: TotpCodeForm) -> bool:
    """Whether the form's code is right for the device; adds a clear error if not."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            "code",
            _("Too many wrong codes in a row. Please wait a minute and then try again."),
        )
        return False
    if not device.verify_token(form.cleaned_data["code"]):
        form.add_error(
            "code",
            _(
                "This code is not correct. Please enter the code your app shows right "
                "now; if it keeps failing, check that the time on your phone is set "
                "automatically."
            ),
        )
        return False
    return True


def _mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    # A new session key for the more trusted session.
    request.session.cycle_key()
    django_otp.login(request, device)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app. Once a device is confirmed, this page only says so:
    a session that has not entered a code yet cannot replace the device."""
    user = acting_user(request)
    next_url = _next_url(request)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        if not _is_verified(request):
            return redirect(_with_next("core:two_factor_verify", next_url))
        return render(request, "core/two_factor/enabled.html", {"next": next_url})
    device = pending_totp_device(user)
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and _check_code(device, form):
        try:
            enable_two_factor(user=user, device=device)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _mark_verified(request, device)
            messages.success(request, _("Two-factor authentication is now set up."))
            return redirect(next_url)
    context: dict[str, Any] = {
        "form": form,
        "next": next_url,
        # The SVG is generated here from our own provisioning URL.
        "qr_code": mark_safe(qr_code_svg(device.config_url)),  # noqa: S308  # nosec B308, B703
        "secret": readable_secret(device),
    }
    return render(request, "core/two_factor/setup.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Enter a code from the app after logging in."""
    user = acting_user(request)
    next_url = _next_url(request)
    if _is_verified(request):
        return redirect(next_url)
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    )
    if device is None:
        return redirect(_with_next("core:two_factor_setup", next_url))
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and _check_code(device, form):
        _mark_verified(request, device)
        return redirect(next_url)
    return render(request, "core/two_factor/verify.html", {"form": form, "next": next_url})
