"""German is the default language: every message id in the code has a German
translation, and none is left fuzzy. Extracting the messages afresh (as `make messages`
does) must not find a single new, untranslated id."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

import lotse

SOURCE = Path(lotse.__file__).parent
CATALOGUE = SOURCE / "locale" / "de" / "LC_MESSAGES" / "django.po"


def _problems(catalogue: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


def test_the_german_catalogue_translates_every_message() -> None:
    problems = _problems(polib.pofile(str(CATALOGUE)))
    assert not problems, f"Untranslated or fuzzy German messages: {problems}"


def test_no_message_in_the_code_is_missing_from_the_german_catalogue(tmp_path: Path) -> None:
    copy = tmp_path / "lotse"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.mo"))
    before = CATALOGUE.read_bytes()
    env = {**os.environ, "DEBUG": "true"}
    subprocess.run(
        [sys.executable, "-m", "lotse", "makemessages", "--locale", "de", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    assert CATALOGUE.read_bytes() == before, "extraction must not touch the real catalogue"
    extracted = polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    problems = _problems(extracted)
    assert not problems, f"Messages missing from the German catalogue: {problems}"
