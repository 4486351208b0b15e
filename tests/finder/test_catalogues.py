"""The finder speaks ten languages: each catalogue translates every message of the
German one, keeps its placeholders, and is compiled."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

import lotse.offers.finder

LOCALE = Path(lotse.offers.finder.__file__).parent / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%")
GERMAN = polib.pofile(str(LOCALE / "de/LC_MESSAGES/django.po"))
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_the_finder_has_a_catalogue_for_every_language_of_the_public_pages() -> None:
    assert sorted(path.name for path in LOCALE.iterdir()) == sorted(LANGUAGES)
    assert len(LANGUAGES) == 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_finder_message_is_translated(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES/django.po"))
    assert {entry.msgid for entry in catalogue} == {entry.msgid for entry in GERMAN}
    untranslated = [
        entry.msgid
        for entry in catalogue
        if not entry.translated() or "fuzzy" in entry.flags or entry.obsolete
    ]
    assert not untranslated, f"{language}: {untranslated}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES/django.po"))
    wrong = []
    for entry in catalogue:
        expected = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # A form for exactly one number ("one year") may spell the number out.
            forms = list(entry.msgstr_plural.values())
            found = set().union(*(set(PLACEHOLDER.findall(form)) for form in forms))
        else:
            found = set(PLACEHOLDER.findall(entry.msgstr))
        if found != expected:
            wrong.append(entry.msgid)
    assert not wrong, f"{language}: {wrong}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_current(language: str) -> None:
    source = polib.pofile(str(LOCALE / language / "LC_MESSAGES/django.po"))
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES/django.mo"))
    assert {entry.msgid: entry.msgstr for entry in compiled if not entry.msgid_plural} == {
        entry.msgid: entry.msgstr for entry in source if entry.msgid and not entry.msgid_plural
    }
