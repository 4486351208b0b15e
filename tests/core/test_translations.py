"""German is the default language: every message id in the code has a German
translation, and none is left fuzzy. Extracting the messages afresh (as `make messages`
does) must not find a single new, untranslated id.

Each app keeps its own catalogue in ``<app>/locale/`` (the foundation's is
``lotse/locale/``); extraction sorts every message into the catalogue of the app whose
files it comes from."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

import lotse

SOURCE = Path(lotse.__file__).parent
GERMAN = "locale/de/LC_MESSAGES/django.po"
CATALOGUES = sorted(SOURCE.glob(f"**/{GERMAN}"))


def _problems(catalogue: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


def test_the_german_catalogues_translate_every_message() -> None:
    assert len(CATALOGUES) > 1
    problems = {
        str(path.relative_to(SOURCE)): _problems(polib.pofile(str(path))) for path in CATALOGUES
    }
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, f"Untranslated or fuzzy German messages: {problems}"


def test_no_message_in_the_code_is_missing_from_the_german_catalogue(tmp_path: Path) -> None:
    copy = tmp_path / "lotse"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.mo"))
    before = {path: path.read_bytes() for path in CATALOGUES}
    env = {**os.environ, "DEBUG": "true"}
    subprocess.run(
        [sys.executable, "-m", "lotse", "makemessages", "--locale", "de", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    assert {path: path.read_bytes() for path in CATALOGUES} == before, (
        "extraction must not touch the real catalogues"
    )
    problems = {
        str(path.relative_to(copy)): _problems(polib.pofile(str(path)))
        for path in sorted(copy.glob(f"**/{GERMAN}"))
    }
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, f"Messages missing from the German catalogues: {problems}"
