"""Attachments: only a few document types, up to the commune's size limit, stored outside
the web root under a random name and handed out only through a permission-checked view."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

# Extension → (content type, how the file must begin).
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
}


def storage() -> FileSystemStorage:
    """Below MEDIA_ROOT, which no URL serves."""
    return FileSystemStorage(location=Path(settings.MEDIA_ROOT) / "funding")


def check_upload(upload: File[bytes], *, max_megabytes: int) -> tuple[str, str]:
    """The (extension, content type) of an acceptable upload; refuses others."""
    name = upload.name or ""
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF, PNG, JPEG, DOCX, XLSX, ODT and ODS files can be attached."),
            code="type",
        )
    if (upload.size or 0) > max_megabytes * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": max_megabytes}, code="size"
        )
    content_type, signatures = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(signatures):
        raise ValidationError(
            _("The file's content does not match its type %(extension)s.")
            % {"extension": extension},
            code="content",
        )
    return extension, content_type


def save_upload(upload: File[bytes], extension: str) -> str:
    """Store the file under a random name; return that name."""
    name = f"{secrets.token_hex(16)}{extension}"
    saved: str = storage().save(name, upload)
    return saved


def read_stored(stored_name: str) -> bytes:
    with storage().open(stored_name, "rb") as handle:
        content: bytes = handle.read()
    return content
