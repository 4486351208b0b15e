"""The families' pages of participation speak every language of the finder: each text a
family sees is translated, and translations keep their placeholders."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

# Every message of the public feedback and survey pages (not the staff pages).
PUBLIC_MESSAGES = [
    "1 – very bad",
    "5 – very good",
    "Please choose an answer.",
    "Please choose one of the answers.",
    "Your part of town (optional)",
    "How satisfied are you with the early-help contact overall?",
    "How satisfied are you with the offer overall?",
    "Did you feel understood?",
    "Did you feel welcome?",
    "How quickly did someone get in touch with you?",
    "Did the contact help you?",
    "Would you recommend it to other families?",
    "How did you hear of it?",
    "Please enter a whole number.",
    "Please answer this question.",
    "Partly",
    "Not sure",
    "This website (offer finder)",
    "Birth clinic or midwife",
    "Friends or family",
    "Somewhere else",
    "Within three working days",
    "Within a week",
    "Later than a week",
    "Nobody has got in touch yet",
    "This survey is not open for answers.",
    "Your feedback on the early-help contact",
    "Your feedback on an offer",
    "About: %(name)s",
    "Send feedback",
    "Answer for: %(name)s. One answer per organisation; you can change it until the survey closes.",
    "Open until %(date)s.",
    "Send answers",
    "Your answers have arrived. They help the network to improve its offers for families.",
    "Too many answers from your connection. Please try again in an hour.",
]
FOREIGN = [code for code, _name in settings.LANGUAGES if code not in ("de", "en")]


@pytest.mark.parametrize("language", FOREIGN)
def test_every_message_of_the_public_pages_is_translated(language: str) -> None:
    with translation.override(language):
        untranslated = [message for message in PUBLIC_MESSAGES if gettext(message) == message]
    assert not untranslated


@pytest.mark.parametrize("language", [*FOREIGN, "de"])
def test_translations_keep_the_placeholders(language: str) -> None:
    with translation.override(language):
        for message in PUBLIC_MESSAGES:
            for placeholder in ("%(name)s", "%(date)s"):
                assert (placeholder in message) == (placeholder in gettext(message)), message
