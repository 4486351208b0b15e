"""Production settings pass Django's deployment checklist without a single warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet


def test_production_settings_pass_check_deploy_with_no_warning(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "lotse.example.org",
        "LOTSE_FIELD_KEYS": Fernet.generate_key().decode(),
        "LOTSE_SSL_REDIRECT": "true",
        "LOTSE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lotse.sqlite3'}",
        "EMAIL_URL": "smtp://mail.example.org:587/?tls=True",
    }
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "DEBUG": "false", "LOTSE_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "lotse", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
