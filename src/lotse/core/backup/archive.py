"""The backup archive: its manifest, writing members with checksums, and verifying and
unpacking an archive safely before anything is restored."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
import os
import re
import tarfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings

logger = logging.getLogger(__name__)

FORMAT = "lotse-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
DUMP_NAMES = {
    "postgresql": "database/postgresql.dump",
    "sqlite": "database/sqlite3.db",
}
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    created_at: str
    lotse_version: str
    vendor: str
    migrations: dict[str, list[str]]
    files: dict[str, FileEntry]

    @property
    def dump_name(self) -> str:
        return DUMP_NAMES[self.vendor]

    @property
    def media_files(self) -> int:
        return sum(1 for name in self.files if name.startswith(f"{MEDIA_DIR}/"))

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "lotse_version": self.lotse_version,
            "database": {"vendor": self.vendor, "dump": self.dump_name},
            "migrations": self.migrations,
            "files": {
                name: {"sha256": entry.sha256, "size": entry.size}
                for name, entry in sorted(self.files.items())
            },
            "encryption": (
                "Encrypted fields are stored as Fernet tokens; the keys (LOTSE_FIELD_KEYS) "
                "are not in this archive."
            ),
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(f"The manifest is not valid JSON: {error}") from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError("This is not a Lotse backup (the manifest is of another kind).")
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"The backup has format version {data.get('format_version')!r}; this Lotse "
                f"reads version {FORMAT_VERSION}. Restore it with the Lotse version that "
                "wrote it."
            )
        try:
            vendor = data["database"]["vendor"]
            migrations = data["migrations"]
            files = {
                name: FileEntry(sha256=entry["sha256"], size=entry["size"])
                for name, entry in data["files"].items()
            }
            manifest = cls(
                created_at=data["created_at"],
                lotse_version=data["lotse_version"],
                vendor=vendor,
                migrations={app: list(names) for app, names in migrations.items()},
                files=files,
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise BackupError(f"The manifest is incomplete: {error!r}") from error
        if vendor not in DUMP_NAMES:
            raise BackupError(f"The manifest names an unknown database vendor {vendor!r}.")
        if manifest.dump_name not in files:
            raise BackupError("The manifest lists no database dump.")
        for name, entry in files.items():
            if not isinstance(entry.sha256, str) or not _SHA256.fullmatch(entry.sha256):
                raise BackupError(f"The manifest has no valid SHA-256 for {name!r}.")
        return manifest


def default_backup_path(now: datetime | None = None) -> Path:
    now = now or datetime.now(UTC)
    return Path(settings.VAR_DIR) / "backups" / f"lotse-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def count_files(number: int) -> str:
    return f"{number} uploaded file{'' if number == 1 else 's'}"


def add_file(tar: tarfile.TarFile, path: Path, name: str) -> FileEntry:
    """Add the file and return the SHA-256 of exactly the bytes written."""
    with path.open("rb") as source:
        info = tar.gettarinfo(arcname=name, fileobj=source)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(source)
        tar.addfile(info, reader)
    return FileEntry(sha256=reader.hexdigest(), size=info.size)


def add_media(tar: tarfile.TarFile, media_root: Path, files: dict[str, FileEntry]) -> None:
    """Add the regular files below ``media_root`` (a missing directory is no error)."""
    if not media_root.is_dir():
        return
    for directory, subdirectories, names in os.walk(media_root):
        subdirectories.sort()
        for file_name in sorted(names):
            path = Path(directory) / file_name
            if path.is_symlink() or not path.is_file():
                continue
            name = f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}"
            files[name] = add_file(tar, path, name)


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes, *, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


class _HashingReader:
    def __init__(self, source: IO[bytes]) -> None:
        self._source = source
        self._hash = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        data = self._source.read(size)
        self._hash.update(data)
        return data

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


# --- reading and restoring -----------------------------------------------------------------


def verify_and_extract(archive: Path, into: Path) -> Manifest:
    """Check the whole archive and unpack it into ``into`` (an empty directory).

    Raises :class:`BackupError` for a damaged or foreign archive: a broken gzip stream, no
    or an invalid manifest, files missing from or not listed in the manifest, unsafe
    member names, or a file whose SHA-256 differs from the manifest's."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    damaged = f"{archive} is damaged or not a Lotse backup"
    try:
        read_whole_gzip_stream(archive)
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            manifest = _read_manifest(tar, members)
            # filter="data" refuses absolute paths, "..", links out of the tree and devices.
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{damaged}: {error}") from error
    for name, entry in manifest.files.items():
        path = into / name
        if path.stat().st_size != entry.size or sha256_of(path) != entry.sha256:
            raise BackupError(f"{damaged}: the checksum of {name} does not match the manifest.")
    return manifest


def read_whole_gzip_stream(archive: Path) -> None:
    """Decompress to the end, so gzip checks its CRC over every byte of the archive."""
    with gzip.open(archive, "rb") as stream:
        while stream.read(_CHUNK):
            pass


def _read_manifest(tar: tarfile.TarFile, members: list[tarfile.TarInfo]) -> Manifest:
    names = [member.name for member in members]
    if MANIFEST_NAME not in names:
        raise BackupError("The archive has no manifest.json: it is not a Lotse backup.")
    if len(set(names)) != len(names):
        raise BackupError("The archive holds a file twice.")
    for member in members:
        if not member.isfile():
            raise BackupError(f"The archive holds {member.name!r}, which is not a file.")
        _check_member_name(member.name)
    extracted = tar.extractfile(MANIFEST_NAME)
    if extracted is None:  # pragma: no cover - isfile() was checked above
        raise BackupError("The manifest cannot be read.")
    manifest = Manifest.from_json(extracted.read())
    listed, present = set(manifest.files), set(names) - {MANIFEST_NAME}
    if listed != present:
        missing = ", ".join(sorted(listed - present)) or "none"
        extra = ", ".join(sorted(present - listed)) or "none"
        raise BackupError(
            f"The archive's files differ from its manifest (missing: {missing}; "
            f"not listed: {extra})."
        )
    return manifest


def _check_member_name(name: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or str(path) != name:
        raise BackupError(f"The archive holds an unsafe path {name!r}.")
    if name != MANIFEST_NAME and name not in DUMP_NAMES.values() and path.parts[0] != MEDIA_DIR:
        raise BackupError(f"The archive holds {name!r}, which a Lotse backup does not have.")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
