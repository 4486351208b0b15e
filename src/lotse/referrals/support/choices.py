"""Choices shared by the models and the pure rules."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HealthProfessionalKind(models.TextChoices):
    FAMILY_MIDWIFE = "family_midwife", _("Family midwife")
    FGKIKP = "fgkikp", _("Family paediatric nurse (FGKiKP)")


class Availability(models.TextChoices):
    WEEKDAY_MORNINGS = "weekday_mornings", _("weekday mornings")
    WEEKDAY_AFTERNOONS = "weekday_afternoons", _("weekday afternoons")
    WEEKDAY_EVENINGS = "weekday_evenings", _("weekday evenings")
    WEEKENDS = "weekends", _("weekends")


class VisitOutcome(models.TextChoices):
    OPEN = "open", _("open")
    VISITED = "visited", _("visited")
    DECLINED = "declined", _("declined")
    NOT_REACHED = "not_reached", _("not reached")


# Languages a volunteer or family may speak: ISO 639-1 codes with their German names
# (the finder's ten languages and the languages most spoken in the Ruhr area).
LANGUAGES: list[tuple[str, object]] = [
    ("de", _("German")),
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("fa", _("Persian")),
    ("ku", _("Kurdish")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("sq", _("Albanian")),
    ("sr", _("Serbian")),
]
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)
