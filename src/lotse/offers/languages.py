"""Languages offers can be held in (ISO 639-1), those German cities translate family
information into first, then others frequent among families in NRW."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES: list[tuple[str, Any]] = [
    ("de", _("German")),
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("fa", _("Persian (Farsi, Dari)")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("ku", _("Kurdish")),
    ("sq", _("Albanian")),
    ("sr", _("Serbian")),
    ("hr", _("Croatian")),
    ("bs", _("Bosnian")),
    ("el", _("Greek")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ps", _("Pashto")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("vi", _("Vietnamese")),
    ("zh", _("Chinese")),
]
LANGUAGE_NAMES: dict[str, Any] = dict(LANGUAGE_CHOICES)
LANGUAGE_CODES: frozenset[str] = frozenset(LANGUAGE_NAMES)
