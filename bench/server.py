"""A production Lotse server for a benchmark: `lotse serve` (gunicorn, WhiteNoise) against a
fresh PostgreSQL database with the demo data, started and stopped by a context manager.

    with production_server(workers=5) as server:
        ...  # server.base_url, server.token(...), server.rss_kib()

The database ``lotse_bench`` is created empty, migrated and filled by ``lotse demo``; it
is dropped again when the server stops, and so is the server's temporary ``LOTSE_VAR_DIR``.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOTSE = PROJECT_DIR / ".venv" / "bin" / "lotse"

PG_HOST = os.environ.get("LOTSE_BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("LOTSE_BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("LOTSE_BENCH_PG_USER", "postgres")
# The database we connect to while creating and dropping the benchmark's database.
PG_ADMIN_DB = os.environ.get("LOTSE_BENCH_PG_ADMIN_DB", "postgres")
BENCH_DB = "lotse_bench"
HEALTH_PATH = "/api/v1/health"

# Settings of the outer shell that must not leak into the benchmark's server.
_CLEARED_PREFIXES = ("LOTSE_", "DJANGO_")
_CLEARED_NAMES = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_URL"}


class ServerError(RuntimeError):
    """The benchmark's server could not be set up or did not start."""


@dataclass
class Server:
    host: str
    port: int
    workers: int
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log_path: Path
    setup_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def lotse(self, *args: str, timeout: float = 300) -> str:
        """Run ``lotse <args>`` with the server's environment; its stdout."""
        return run_lotse(self.env, *args, timeout=timeout)

    def token(self, *, commune: str, email: str) -> str:
        """A new personal API token (``lotse create-token``)."""
        return self.lotse(
            "create-token", "--commune", commune, "--email", email, "--name", "Benchmark"
        ).strip()

    def pids(self) -> list[int]:
        """The gunicorn master and its workers."""
        return [self.process.pid, *child_pids(self.process.pid)]

    def rss_kib(self) -> int:
        """Resident memory of the gunicorn master and all its workers, in KiB."""
        return sum(rss_kib(pid) for pid in self.pids())

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def child_pids(parent: int) -> list[int]:
    """Processes whose parent is ``parent`` (from ``/proc/<pid>/stat``)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        # "pid (comm) state ppid ...": comm may contain spaces and parentheses.
        fields = text[text.rfind(")") + 2 :].split()
        if len(fields) > 1 and int(fields[1]) == parent:
            children.append(int(text.split(" ", 1)[0]))
    return sorted(children)


def rss_kib(pid: int) -> int:
    """``VmRSS`` of a process in KiB, 0 if it has ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _admin_connection() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB, autocommit=True
        )
    except psycopg.OperationalError as error:
        message = f"PostgreSQL on {PG_HOST}:{PG_PORT} is not reachable: {error}"
        raise ServerError(message) from error


def postgres_version() -> str:
    with _admin_connection() as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def recreate_database(name: str = BENCH_DB) -> None:
    with _admin_connection() as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str = BENCH_DB) -> None:
    with _admin_connection() as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def server_environment(
    var_dir: Path, host: str, extra: dict[str, str] | None = None
) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in _CLEARED_NAMES and not name.startswith(_CLEARED_PREFIXES)
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "LOTSE_FIELD_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "ALLOWED_HOSTS": host,
            "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{BENCH_DB}",
            "LOTSE_VAR_DIR": str(var_dir),
            "LOTSE_LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra or {})
    return env


def run_lotse(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    try:
        done = subprocess.run(
            [str(LOTSE), *args],
            env=env,
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ServerError(f"lotse {' '.join(args)} failed: {error}") from error
    if done.returncode != 0:
        message = f"lotse {' '.join(args)} exited with {done.returncode}:\n{done.stderr[-2000:]}"
        raise ServerError(message)
    return done.stdout


def wait_until_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    url = server.base_url + HEALTH_PATH
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            message = f"lotse serve exited with {server.process.returncode}:\n{server.log_tail()}"
            raise ServerError(message)
        # Not listening yet (OSError), or an error status (HTTPError, an OSError too).
        with suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            if response.status == 200:
                return
        time.sleep(0.2)
    raise ServerError(f"{url} did not answer 200 within {timeout:.0f} s:\n{server.log_tail()}")


def stop(process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """SIGTERM to the gunicorn master, which stops its workers gracefully; SIGKILL to the
    process group it leads if that takes too long."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


@contextmanager
def production_server(
    *,
    workers: int,
    host: str = "127.0.0.1",
    extra_env: dict[str, str] | None = None,
    startup_timeout: float = 120,
) -> Iterator[Server]:
    """A fresh database with the demo, and `lotse serve` on a free port; everything is
    removed again on exit. Raises :class:`ServerError` if the server does not start."""
    var_dir = Path(tempfile.mkdtemp(prefix="lotse-bench-"))
    env = server_environment(var_dir, host, extra_env)
    process: subprocess.Popen[bytes] | None = None
    try:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        recreate_database()
        run_lotse(env, "migrate", "--no-input")
        timings["migrate"] = time.perf_counter() - started
        started = time.perf_counter()
        run_lotse(env, "demo", "--allow-production")
        timings["demo"] = time.perf_counter() - started
        started = time.perf_counter()
        port = free_port(host)
        log_path = var_dir / "serve.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(LOTSE), "serve", "--bind", f"{host}:{port}", "--workers", str(workers)],
                env=env,
                cwd=PROJECT_DIR,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, for the SIGKILL fallback
            )
        server = Server(host, port, workers, env, process, log_path, timings)
        wait_until_healthy(server, startup_timeout)
        timings["serve"] = time.perf_counter() - started
        yield server
    finally:
        if process is not None:
            stop(process)
        with suppress(ServerError):
            drop_database()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    # Smoke test: start, report memory, stop.
    with production_server(workers=2) as running:
        print(running.base_url, running.setup_seconds, f"{running.rss_kib()} KiB", running.pids())
    sys.exit(0)
