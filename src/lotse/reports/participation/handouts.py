"""The link and QR code a provider hands out so that families can give feedback."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lotse.core.models import Commune
from lotse.offers.models import Offer
from lotse.reports.participation.models import Survey


def offer_feedback_url(offer: Offer) -> str:
    path = reverse(
        "participation:offer_feedback",
        kwargs={"commune_slug": offer.commune.slug, "offer_uuid": offer.uuid},
    )
    return f"{settings.BASE_URL}{path}"


def contact_feedback_url(commune: Commune) -> str:
    path = reverse("participation:contact_feedback", kwargs={"commune_slug": commune.slug})
    return f"{settings.BASE_URL}{path}"


def family_survey_url(survey: Survey) -> str:
    path = reverse(
        "participation:family_survey",
        kwargs={"commune_slug": survey.commune.slug, "uuid": survey.uuid},
    )
    return f"{settings.BASE_URL}{path}"


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as an SVG document (black squares, no styles)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg: str = image.to_string(encoding="unicode")
    return svg


def qr_figure(url: str, label: str) -> SafeString:
    """The QR code as inline SVG for a page or a PDF, labelled for screen readers."""
    svg = qr_svg(url).replace(
        "<svg ", f'<svg role="img" aria-label="{escape(label)}" class="qr-code" ', 1
    )
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703 - qrcode output, escaped label
