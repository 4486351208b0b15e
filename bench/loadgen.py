"""A small HTTP load generator for loopback, standard library only.

N client threads, each with one persistent ``http.client.HTTPConnection`` (keep-alive; it
reconnects when the server closes the connection, as gunicorn's sync workers do after every
response). Each client picks scenarios at random by weight and sends them back to back, for
a fixed time or until a total number of requests is reached, whichever comes first: a run
always ends by itself.

A client holds one cookie jar per persona, so one thread can act as several users; personas
with an e-mail log in once through Django's login form (the CSRF token from the form and
its cookie, then the ``sessionid`` cookie), personas with headers (an API token) send them.
Personas with a TOTP device (roles that read family data must use two factors) then enter
the current code on the verification form, computed from the device's key as an
authenticator app does (RFC 6238).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import math
import random
import re
import statistics
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode
from uuid import uuid4

ANONYMOUS = "anonymous"
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TWO_FACTOR_PATH = "/two-factor/verify/"
# A socket that blocks longer than this counts as an error; it also bounds how long a
# client can overrun the run's deadline.
DEFAULT_TIMEOUT = 15.0


@dataclass(frozen=True)
class Totp:
    """A TOTP device as django-otp stores it: the key in hex, the time step in seconds,
    the Unix time counting starts at, and the code's digits."""

    key_hex: str
    step: int = 30
    t0: int = 0
    digits: int = 6

    def code(self, at: float | None = None) -> str:
        """The code an authenticator app shows at ``at`` (RFC 6238: HOTP with HMAC-SHA1
        over the number of time steps since ``t0``, dynamically truncated)."""
        counter = int(((time.time() if at is None else at) - self.t0) // self.step)
        mac = hmac.new(bytes.fromhex(self.key_hex), counter.to_bytes(8, "big"), hashlib.sha1)
        digest = mac.digest()
        offset = digest[-1] & 0x0F
        value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
        return str(value % 10**self.digits).zfill(self.digits)


@dataclass(frozen=True)
class Persona:
    """Who sends a request: anonymous, a user logging in through the form (with a TOTP
    device if the role needs two factors), or a caller with fixed headers
    (``Authorization: Bearer ...``)."""

    name: str
    email: str | None = None
    password: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    totp: Totp | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    persona: str = ANONYMOUS
    method: str = "GET"
    weight: float = 1.0
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    # Statuses that count as success; default: every 2xx and 3xx.
    ok_statuses: frozenset[int] = frozenset(range(200, 400))
    # A header that gets a new random value on every request (``Idempotency-Key``: each
    # POST is a new referral, not a repetition of the last one).
    fresh_header: str | None = None


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class LoginError(RuntimeError):
    pass


class Client:
    """One simulated browser: a keep-alive connection and a cookie jar per persona."""

    def __init__(self, host: str, port: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None
        self.jars: dict[str, dict[str, str]] = {}
        self.persona_headers: dict[str, tuple[tuple[str, str], ...]] = {}
        self.connects = 0

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.connects += 1
        return self.connection

    def request(
        self,
        method: str,
        path: str,
        *,
        persona: str = ANONYMOUS,
        headers: Sequence[tuple[str, str]] = (),
        body: bytes | None = None,
    ) -> Response:
        jar = self.jars.setdefault(persona, {})
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Language": "de"}
        sent.update(self.persona_headers.get(persona, ()))
        sent.update(headers)
        if jar:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in jar.items())
        # A kept-alive connection the server has closed meanwhile fails on first use; then
        # once more on a new connection (each request here is safe to repeat).
        for attempt in (1, 2):
            reused = self.connection is not None
            connection = self._connect()
            try:
                connection.request(method, path, body=body, headers=sent)
                raw = connection.getresponse()
                data = raw.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2 or not reused:
                    raise
                continue
            except Exception:
                self.close()
                raise
            if raw.will_close:
                self.close()
            response = Response(raw.status, raw.getheaders(), data)
            self._store_cookies(jar, response)
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _store_cookies(jar: dict[str, str], response: Response) -> None:
        for name, value in response.headers:
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    # Secure/HttpOnly flags are the browser's business; a deleted cookie
                    # comes with an empty value.
                    if morsel.value:
                        jar[morsel.key] = morsel.value
                    else:
                        jar.pop(morsel.key, None)

    def add_persona(self, persona: Persona, login_path: str = "/login/") -> None:
        self.jars.setdefault(persona.name, {})
        self.persona_headers[persona.name] = persona.headers
        if persona.email is not None:
            self.log_in(persona, login_path)

    def log_in(self, persona: Persona, login_path: str) -> None:
        """Django's login form: GET it for the CSRF cookie and token, POST the e-mail and
        password with a Referer, keep the session cookie."""
        form = self.request("GET", login_path, persona=persona.name)
        match = _CSRF_INPUT.search(form.body)
        if form.status != 200 or match is None:
            raise LoginError(f"{login_path}: status {form.status}, no CSRF token in the form")
        body = urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": persona.email or "",
                "password": persona.password or "",
            }
        ).encode()
        response = self.request(
            "POST",
            login_path,
            persona=persona.name,
            headers=(
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Referer", f"http://{self.host}:{self.port}{login_path}"),
            ),
            body=body,
        )
        if response.status != 302 or "sessionid" not in self.jars[persona.name]:
            raise LoginError(f"{persona.email} could not log in: status {response.status}")
        if persona.totp is not None:
            self.verify_totp(persona, persona.totp)

    def verify_totp(self, persona: Persona, device: Totp, attempts: int = 3) -> None:
        """The second factor: the verification form with the current code. django-otp
        refuses a code whose time step was used before; then wait for the next step."""
        for attempt in range(attempts):
            form = self.request("GET", TWO_FACTOR_PATH, persona=persona.name)
            match = _CSRF_INPUT.search(form.body)
            if form.status != 200 or match is None:
                message = f"{TWO_FACTOR_PATH}: status {form.status}, no CSRF token in the form"
                raise LoginError(message)
            body = urlencode(
                {"csrfmiddlewaretoken": match.group(1).decode(), "code": device.code(), "next": "/"}
            ).encode()
            response = self.request(
                "POST",
                TWO_FACTOR_PATH,
                persona=persona.name,
                headers=(
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Referer", f"http://{self.host}:{self.port}{TWO_FACTOR_PATH}"),
                ),
                body=body,
            )
            if response.status == 302:
                return
            if attempt + 1 < attempts:
                time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
        raise LoginError(f"{persona.email}: the TOTP code was refused {attempts} times")


def connect_clients(
    host: str,
    port: int,
    count: int,
    personas: Sequence[Persona],
    timeout: float = DEFAULT_TIMEOUT,
    *,
    own_personas: Sequence[Sequence[Persona]] = (),
) -> list[Client]:
    """``count`` clients, each logged in as every persona (in parallel, like users would).
    ``own_personas[i]`` are client i's own, in addition (one user per client, e.g. for
    accounts with TOTP, whose codes can be used only once)."""
    clients = [Client(host, port, timeout) for _ in range(count)]
    failures: list[BaseException] = []

    def prepare(index: int) -> None:
        client = clients[index]
        mine = own_personas[index] if index < len(own_personas) else ()
        try:
            for persona in [*personas, *mine]:
                client.add_persona(persona)
        except Exception as error:  # reported below, in the calling thread
            failures.append(error)

    threads = [
        threading.Thread(target=prepare, args=(index,), daemon=True) for index in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout * 4)
    if failures:
        raise failures[0]
    return clients


@dataclass
class ScenarioResult:
    name: str
    persona: str
    path: str
    requests: int = 0
    errors: int = 0
    rps: float = 0.0
    median_ms: float | None = None
    p95_ms: float | None = None
    max_ms: float | None = None
    error_kinds: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "persona": self.persona,
            "path": self.path,
            "requests": self.requests,
            "errors": self.errors,
            "rps": round(self.rps, 1),
            "median_ms": _round(self.median_ms),
            "p95_ms": _round(self.p95_ms),
            "max_ms": _round(self.max_ms),
            "error_kinds": self.error_kinds,
        }


@dataclass
class RunResult:
    clients: int
    seconds: float
    requests: int
    errors: int
    rps: float
    scenarios: list[ScenarioResult]
    connects: int

    def by_name(self) -> dict[str, ScenarioResult]:
        return {result.name: result for result in self.scenarios}

    def as_dict(self) -> dict[str, Any]:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "errors": self.errors,
            "rps": round(self.rps, 1),
            "connections_opened": self.connects,
            "scenarios": [result.as_dict() for result in self.scenarios],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = min(max(1, math.ceil(share * len(sorted_values))), len(sorted_values))
    return sorted_values[rank - 1]


@dataclass
class _Samples:
    latencies: list[list[float]]
    errors: list[int]
    error_kinds: list[Counter[str]]


def run(
    clients: Sequence[Client],
    scenarios: Sequence[Scenario],
    *,
    seconds: float,
    max_requests: int | None = None,
    seed: int = 1,
) -> RunResult:
    """Every client sends randomly picked scenarios back to back until ``seconds`` have
    passed or ``max_requests`` requests have been sent in all."""
    if not scenarios or not clients or seconds <= 0:
        raise ValueError("a run needs scenarios, clients and a positive duration")
    weights = [scenario.weight for scenario in scenarios]
    budget = threading.Semaphore(max_requests) if max_requests is not None else None
    start = threading.Barrier(len(clients) + 1)
    samples = [
        _Samples([[] for _ in scenarios], [0] * len(scenarios), [Counter() for _ in scenarios])
        for _ in clients
    ]
    deadline = 0.0
    before = sum(client.connects for client in clients)

    def work(index: int) -> None:
        client, mine = clients[index], samples[index]
        pick = random.Random(seed * 1000 + index)
        start.wait()
        while time.perf_counter() < deadline:
            if budget is not None and not budget.acquire(blocking=False):
                return
            which = pick.choices(range(len(scenarios)), weights)[0]
            scenario = scenarios[which]
            headers = scenario.headers
            if scenario.fresh_header is not None:
                headers = (*headers, (scenario.fresh_header, uuid4().hex))
            began = time.perf_counter()
            try:
                response = client.request(
                    scenario.method,
                    scenario.path,
                    persona=scenario.persona,
                    headers=headers,
                    body=scenario.body,
                )
            except Exception as error:  # every failure is a figure, not a crash
                kind = type(error).__name__
            else:
                kind = "" if response.status in scenario.ok_statuses else str(response.status)
            mine.latencies[which].append((time.perf_counter() - began) * 1000)
            if kind:
                mine.errors[which] += 1
                mine.error_kinds[which][kind] += 1

    threads = [
        threading.Thread(target=work, args=(index,), daemon=True) for index in range(len(clients))
    ]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + seconds
    start.wait()
    for thread in threads:
        thread.join(seconds + clients[0].timeout * 2)
    elapsed = time.perf_counter() - began
    return _summarise(clients, scenarios, samples, elapsed, before)


def _summarise(
    clients: Sequence[Client],
    scenarios: Sequence[Scenario],
    samples: list[_Samples],
    elapsed: float,
    connects_before: int,
) -> RunResult:
    results = []
    for which, scenario in enumerate(scenarios):
        latencies = sorted(value for mine in samples for value in mine.latencies[which])
        kinds: Counter[str] = Counter()
        for mine in samples:
            kinds.update(mine.error_kinds[which])
        result = ScenarioResult(scenario.name, scenario.persona, scenario.path)
        result.requests = len(latencies)
        result.errors = sum(mine.errors[which] for mine in samples)
        result.rps = len(latencies) / elapsed
        result.error_kinds = dict(kinds)
        if latencies:
            result.median_ms = statistics.median(latencies)
            result.p95_ms = percentile(latencies, 0.95)
            result.max_ms = latencies[-1]
        results.append(result)
    requests = sum(result.requests for result in results)
    return RunResult(
        clients=len(clients),
        seconds=elapsed,
        requests=requests,
        errors=sum(result.errors for result in results),
        rps=requests / elapsed,
        scenarios=results,
        connects=sum(client.connects for client in clients) - connects_before,
    )
