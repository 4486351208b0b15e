"""Load benchmark: `lotse serve` with PostgreSQL under a mixed load from loopback.

Phases, all against one server started for this run (``server.py``), with the same clients:

1. warm-up (mixed load, not reported),
2. ceiling: the minimal view alone, ``GET /api/v1/ping`` (the liveness check: through
   the whole middleware stack, no database, no template),
3. mixed: every page below at once, picked at random by weight: latency under load,
4. alone: each page by itself for a short time: its throughput, as a share of the ceiling.

    .venv/bin/python bench/run.py load              # as `make bench` runs it
    .venv/bin/python bench/bench_load.py --seconds 5 --solo-seconds 2   # a quick look

Every setting has an environment variable (``LOTSE_BENCH_<NAME>``), because ``run.py``
passes no arguments. Targets are reported, never asserted; the exit status is non-zero
only when the server could not be started.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

import loadgen
from loadgen import ANONYMOUS, Persona, Scenario, Totp
from server import PROJECT_DIR, Server, ServerError, postgres_version, production_server

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "load.json"
DEMO_PASSWORD = "lotse-demo"  # noqa: S105 (the public demo login, see README)
API_CALLER_EMAIL = "coordinator@bergkamen.example"
NAVIGATOR_EMAIL = "navigator@dortmund.example"  # a clinic system posts with this token
WORKER = "worker-dortmund"  # each client logs in as its own early-help worker (TOTP)
REFERRALS_API = "/api/v1/referrals"
# The reports dashboard, measured when it exists (another part of Lotse brings it).
REPORTS_DASHBOARD = Scenario(
    "reports dashboard Dortmund",
    "/dortmund/reports/",
    "coordinator-dortmund",
    ok_statuses=frozenset({200}),
)

STAFF_P95_MS = 300.0  # every staff page at Dortmund's size
FINDER_P95_MS = 100.0  # the public finder
# A mother of a 4-month-old looking for something free without registration.
FINDER_SEARCH = "/bergkamen/angebote/?age_months=4&free=true&no_registration=true"
PING_PATH = "/api/v1/ping"
FINDER_SHARE = 0.40  # of the minimal view's throughput


class Page(NamedTuple):
    # A NamedTuple, not a dataclass: run.py loads this module without registering it in
    # sys.modules, which dataclasses need for string annotations.
    scenario: Scenario
    kind: str  # "public", "finder", "staff" or "api": which target applies


ONLY_200 = frozenset({200})


def pages() -> list[Page]:
    """What exists today, with weights for the mixed load; the API token travels with
    its persona (see :func:`personas`)."""

    def page(kind: str, name: str, path: str, persona: str, weight: float) -> Page:
        return Page(Scenario(name, path, persona, weight=weight, ok_statuses=ONLY_200), kind)

    return [
        page("public", "login page", "/login/", ANONYMOUS, 2),
        page("staff", "start page Bergkamen", "/bergkamen/", "coordinator-bergkamen", 3),
        page("staff", "start page Dortmund", "/dortmund/", "coordinator-dortmund", 3),
        page("staff", "users", "/bergkamen/users/", "coordinator-bergkamen", 1),
        page("staff", "audit log", "/bergkamen/audit/", "coordinator-bergkamen", 1),
        page("staff", "settings", "/bergkamen/settings/", "coordinator-bergkamen", 1),
        page("api", "API me", "/api/v1/me", "api-bergkamen", 2),
        page("api", "API social areas", "/api/v1/social-areas", "api-bergkamen", 2),
        # Families using the finder: the bulk of the traffic of a real installation.
        page("finder", "finder start Bergkamen", "/bergkamen/angebote/", ANONYMOUS, 4),
        page("finder", "finder search Bergkamen", FINDER_SEARCH, ANONYMOUS, 6),
        page("finder", "finder search Dortmund", "/dortmund/angebote/?q=familienb%C3%BCro",
             ANONYMOUS, 4),
        page("api", "API finder search", "/api/v1/communes/bergkamen/offers?age_months=4",
             ANONYMOUS, 2),
        # The coordination's daily pages at Dortmund's size.
        page("staff", "offer catalog Dortmund", "/dortmund/katalog/", "coordinator-dortmund", 1),
        page("staff", "prevention chain Dortmund", "/dortmund/praeventionskette/",
             "coordinator-dortmund", 1),
        page("staff", "network overview Dortmund", "/dortmund/network/", "coordinator-dortmund", 1),
        page("staff", "organisations Dortmund", "/dortmund/network/organisations/",
             "coordinator-dortmund", 1),
        page("staff", "meetings Dortmund", "/dortmund/meetings/", "coordinator-dortmund", 1),
        page("staff", "funding Dortmund", "/dortmund/funding/", "coordinator-dortmund", 1),
        page("staff", "measure plan Dortmund", "/dortmund/funding/plan/", "coordinator-dortmund",
             1),
        # Early-help workers at their queue (logged in with password and TOTP code).
        page("staff", "referral queue Dortmund", "/dortmund/faelle/", WORKER, 2),
    ]  # fmt: skip


def referral_post(text_version: int, social_area: str | None) -> Page:
    """A clinic system refers a family: ``POST /api/v1/referrals`` with the navigator's
    token, a new ``Idempotency-Key`` each time (each is a new family), answered by 201."""
    received = datetime.now(UTC) - timedelta(hours=1)
    family: dict[str, Any] = {
        "name": "Familie Lasttest",
        "phone": "0231 5550 123",
        "address": "Lindenweg 3",
        "languages": ["de", "tr"],
    }
    if social_area:
        family["social_area"] = social_area
    body = {
        "received_at": received.isoformat(),
        "source": "birth_clinic",
        "family": family,
        "children": [{"birth_date": received.date().isoformat(), "premature": True}],
        "consent": {
            "given_at": (received - timedelta(minutes=30)).isoformat(),
            "scope": ["pass_to_early_help", "health_data"],
            "text_version": text_version,
        },
        "need": "Frühgeborenes, Eltern unsicher",
    }
    scenario = Scenario(
        "API referral (POST)",
        REFERRALS_API,
        "api-navigator-dortmund",
        method="POST",
        weight=1,
        headers=(("Content-Type", "application/json"),),
        body=json.dumps(body).encode(),
        ok_statuses=frozenset({201}),
        fresh_header="Idempotency-Key",
    )
    return Page(scenario, "api")


def personas(token: str, navigator_token: str | None = None) -> list[Persona]:
    found = [
        Persona(ANONYMOUS),
        Persona("coordinator-bergkamen", "coordinator@bergkamen.example", DEMO_PASSWORD),
        Persona("coordinator-dortmund", "coordinator@dortmund.example", DEMO_PASSWORD),
        Persona("api-bergkamen", headers=(("Authorization", f"Bearer {token}"),)),
    ]
    if navigator_token:
        found.append(
            Persona(
                "api-navigator-dortmund",
                headers=(("Authorization", f"Bearer {navigator_token}"),),
            )
        )
    return found


def staff(server: Server, *args: str) -> Any:
    """``bench/staff.py`` with the server's environment; its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(BENCH_DIR / "staff.py"), *args],
        env=server.env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise ServerError(f"staff.py {' '.join(args)}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Mix(NamedTuple):
    """Everything a mixed load needs: the pages, who sends them, and each client's own
    early-help worker."""

    pages: list[Page]
    personas: list[Persona]
    own_personas: list[list[Persona]]
    notes: list[str]


def prepare_mix(server: Server, clients: int) -> Mix:
    """The pages of the mixed load with their personas: API tokens for the Bergkamen
    coordinator and the Dortmund navigator, one early-help worker with a TOTP device per
    client, and the reports dashboard if this version of Lotse has it."""
    token = server.token(commune="bergkamen", email=API_CALLER_EMAIL)
    navigator_token = server.token(commune="dortmund", email=NAVIGATOR_EMAIL)
    accounts = staff(server, "workers", "--commune", "dortmund", "--count", str(clients))
    body = staff(server, "referral-body", "--commune", "dortmund")
    own = [
        [
            Persona(
                WORKER,
                account["email"],
                account["password"],
                totp=Totp(account["key"], account["step"], account["t0"], account["digits"]),
            )
        ]
        for account in accounts
    ]
    notes = []
    all_pages = [*pages(), referral_post(body["text_version"], body["social_area"])]
    dashboard_user = [p for p in personas(token) if p.name == REPORTS_DASHBOARD.persona]
    probe = loadgen.connect_clients(server.host, server.port, 1, dashboard_user)[0]
    answer = probe.request("GET", REPORTS_DASHBOARD.path, persona=REPORTS_DASHBOARD.persona)
    probe.close()
    if answer.status == 200:
        all_pages.append(Page(REPORTS_DASHBOARD, "staff"))
    else:
        notes.append(
            f"{REPORTS_DASHBOARD.path} answered {answer.status}: the reports dashboard is "
            "not in this version, so it is not measured"
        )
    return Mix(all_pages, personas(token, navigator_token), own, notes)


CEILING = Scenario("minimal view (GET /api/v1/ping)", PING_PATH, ANONYMOUS, ok_statuses=ONLY_200)


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(f"LOTSE_BENCH_{name}")
    return float(value) if value else default


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument(
        "--seconds",
        type=float,
        default=_env_number("SECONDS", 20),
        help="length of the ceiling and the mixed phase (LOTSE_BENCH_SECONDS)",
    )
    parser.add_argument(
        "--solo-seconds",
        type=float,
        default=_env_number("SOLO_SECONDS", 6),
        help="length of each page's phase alone, 0 skips them (LOTSE_BENCH_SOLO_SECONDS)",
    )
    parser.add_argument(
        "--warmup-seconds",
        type=float,
        default=_env_number("WARMUP_SECONDS", 5),
        help="LOTSE_BENCH_WARMUP_SECONDS",
    )
    parser.add_argument(
        "--clients",
        type=int,
        default=int(_env_number("CLIENTS", 8)),
        help="concurrent clients (LOTSE_BENCH_CLIENTS)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(_env_number("WORKERS", 2 * cores + 1)),
        help="gunicorn workers (LOTSE_BENCH_WORKERS)",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=int(_env_number("MAX_REQUESTS", 1_000_000)),
        help="upper bound of requests per phase (LOTSE_BENCH_MAX_REQUESTS)",
    )
    parser.add_argument(
        "--db-conn-max-age",
        type=int,
        default=int(_env_number("DB_CONN_MAX_AGE", 60)),
        help="the server's LOTSE_DB_CONN_MAX_AGE; 60 is Lotse's production default, "
        "0 opens a database connection per request (LOTSE_BENCH_DB_CONN_MAX_AGE)",
    )
    parser.add_argument(
        "--output", type=Path, default=Path(os.environ.get("LOTSE_BENCH_OUTPUT") or RESULTS)
    )
    return parser.parse_args(argv)  # fmt: skip


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "unknown"

    return {
        "cpu": model,
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "postgresql": postgres_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def _stat(pid: int | str) -> tuple[str, list[str]] | None:
    """A process's name and the fields after it in ``/proc/<pid>/stat``."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # the process has ended
        return None
    return text[text.find("(") + 1 : text.rfind(")")], text[text.rfind(")") + 2 :].split()


def cpu_seconds(pid: int, *, with_children: bool = False) -> float:
    """User plus system CPU time of one process (and of its ended children)."""
    stat = _stat(pid)
    if stat is None:
        return 0.0
    fields = stat[1]
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """CPU time of the local PostgreSQL server: the postmaster with its ended backends
    (one per connection) and the backends still running. All databases count, so other
    programs using the same PostgreSQL show up here too."""
    processes = {}
    for entry in Path("/proc").glob("[0-9]*"):
        stat = _stat(entry.name)
        if stat is not None and stat[0] == "postgres":
            processes[int(entry.name)] = int(stat[1][1])
    postmasters = [pid for pid, parent in processes.items() if parent not in processes]
    return sum(cpu_seconds(pid, with_children=True) for pid in postmasters) + sum(
        cpu_seconds(pid) for pid, parent in processes.items() if parent in processes
    )


def machine_busy_seconds() -> float:
    """CPU time all processes on the machine used so far (``/proc/stat``, all cores)."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return 0.0
    ticks = [int(value) for value in first[1:]]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle and iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Phase:
    """One measured run, with the CPU time the server and the load generator used."""

    def __init__(self, server: Server) -> None:
        self.server = server

    def run(
        self,
        clients: list[loadgen.Client],
        scenarios: list[Scenario],
        seconds: float,
        max_requests: int,
    ) -> tuple[loadgen.RunResult, dict[str, Any]]:
        server_before = sum(cpu_seconds(pid) for pid in self.server.pids())
        own_before = time.process_time()
        postgres_before = postgres_cpu_seconds()
        machine_before = machine_busy_seconds()
        result = loadgen.run(clients, scenarios, seconds=seconds, max_requests=max_requests)
        server_cpu = sum(cpu_seconds(pid) for pid in self.server.pids()) - server_before
        own_cpu = time.process_time() - own_before
        postgres_cpu = postgres_cpu_seconds() - postgres_before
        machine_cpu = machine_busy_seconds() - machine_before
        other = machine_cpu - server_cpu - own_cpu - postgres_cpu
        return result, {
            # CPU seconds used during the phase: by gunicorn (master and workers), by this
            # load generator, by PostgreSQL, and by everything else (other programs, the
            # kernel's work not charged to a process).
            "server_cpu_seconds": round(server_cpu, 1),
            "loadgen_cpu_seconds": round(own_cpu, 1),
            "postgres_cpu_seconds": round(postgres_cpu, 1),
            "other_cpu_seconds": round(max(0.0, other), 1),
            "cpu_seconds_available": round(result.seconds * len(os.sched_getaffinity(0)), 1),
            "server_rss_kib": self.server.rss_kib(),
        }


def check_pages(client: loadgen.Client, scenarios: list[Scenario]) -> list[str]:
    """Each page once: a wrong status here means the figures would measure an error."""
    problems = []
    for scenario in scenarios:
        headers = scenario.headers
        if scenario.fresh_header is not None:
            headers = (*headers, (scenario.fresh_header, f"check-{time.time_ns()}"))
        response = client.request(
            scenario.method,
            scenario.path,
            persona=scenario.persona,
            headers=headers,
            body=scenario.body,
        )
        if response.status not in scenario.ok_statuses:
            problems.append(
                f"{scenario.name} ({scenario.method} {scenario.path}): status {response.status}"
                f" {response.body[:300]!r}"
            )
    return problems


def measure(options: argparse.Namespace, server: Server) -> dict[str, Any]:
    mix = prepare_mix(server, options.clients)
    for note in mix.notes:
        print(f"  note: {note}")
    all_pages = mix.pages
    scenarios = [page.scenario for page in all_pages]
    rss_started = server.rss_kib()
    started = time.perf_counter()
    clients = loadgen.connect_clients(
        server.host, server.port, options.clients, mix.personas, own_personas=mix.own_personas
    )
    login_seconds = time.perf_counter() - started
    problems = check_pages(clients[0], [CEILING, *scenarios])
    for problem in problems:
        print(f"  warning: {problem}")

    phase = Phase(server)
    if options.warmup_seconds > 0:
        print(f"  warm-up, {options.warmup_seconds:.0f} s ...", flush=True)
        phase.run(clients, [CEILING, *scenarios], options.warmup_seconds, options.max_requests)
    rss_warm = server.rss_kib()

    print(f"  ceiling: {CEILING.path} alone, {options.seconds:.0f} s ...", flush=True)
    ceiling, ceiling_cpu = phase.run(clients, [CEILING], options.seconds, options.max_requests)
    print(f"  mixed load, {options.seconds:.0f} s ...", flush=True)
    mixed, mixed_cpu = phase.run(clients, scenarios, options.seconds, options.max_requests)

    alone: dict[str, dict[str, Any]] = {}
    if options.solo_seconds > 0:
        print(f"  each page alone, {options.solo_seconds:.0f} s each ...", flush=True)
        for scenario in scenarios:
            result, cpu = phase.run(clients, [scenario], options.solo_seconds, options.max_requests)
            alone[scenario.name] = {**result.scenarios[0].as_dict(), **cpu}
    rss_end = server.rss_kib()
    for client in clients:
        client.close()

    ceiling_rps = ceiling.rps
    rows = []
    for page, figures in zip(all_pages, mixed.scenarios, strict=True):
        solo = alone.get(page.scenario.name)
        share = solo["rps"] / ceiling_rps if solo and ceiling_rps else None
        rows.append(
            {
                **figures.as_dict(),
                "kind": page.kind,
                "weight": page.scenario.weight,
                "alone_rps": solo["rps"] if solo else None,
                "alone_median_ms": solo["median_ms"] if solo else None,
                "alone_p95_ms": solo["p95_ms"] if solo else None,
                "alone_errors": solo["errors"] if solo else None,
                "share_of_ceiling": None if share is None else round(share, 3),
                **target(page.kind, figures.p95_ms, share),
            }
        )
    return {
        "ceiling": {**ceiling.scenarios[0].as_dict(), **ceiling_cpu},
        "mixed": {key: value for key, value in mixed.as_dict().items() if key != "scenarios"}
        | mixed_cpu
        | {"share_of_ceiling": round(mixed.rps / ceiling_rps, 3) if ceiling_rps else None},
        "pages": rows,
        "page_checks": problems,
        "notes": mix.notes,
        # Every client logs in as each persona; early-help workers also enter a TOTP code.
        "login_seconds": round(login_seconds, 1),
        "server_rss_kib": {"started": rss_started, "warm": rss_warm, "end": rss_end},
    }


def target(kind: str, p95_ms: float | None, share: float | None = None) -> dict[str, Any]:
    if kind == "staff":
        met = p95_ms is not None and p95_ms < STAFF_P95_MS
        return {"target": f"p95 < {STAFF_P95_MS:.0f} ms", "target_met": met}
    if kind == "finder":
        met = (
            p95_ms is not None
            and p95_ms < FINDER_P95_MS
            and share is not None
            and share >= FINDER_SHARE
        )
        return {
            "target": f"p95 < {FINDER_P95_MS:.0f} ms, >= {FINDER_SHARE:.0%} of the ceiling",
            "target_met": met,
        }
    return {"target": None, "target_met": None}


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def print_table(report: dict[str, Any]) -> None:
    ceiling = report["ceiling"]
    mixed = report["mixed"]
    print()
    print(
        f"Ceiling, {ceiling['path']} alone: {ceiling['rps']:.0f} req/s, median "
        f"{_ms(ceiling['median_ms'])} ms, p95 {_ms(ceiling['p95_ms'])} ms, "
        f"{ceiling['errors']} errors"
    )
    print(
        f"Mixed load: {mixed['rps']:.0f} req/s in all ({mixed['share_of_ceiling']:.0%} of the "
        f"ceiling), {mixed['requests']} requests, {mixed['errors']} errors"
    )
    print()
    header = (
        f"{'page':<22} {'path':<22} {'req':>6} {'err':>4} {'rps':>6} {'med':>5} {'p95':>5}"
        f" {'alone':>6} {'share':>6}  target"
    )
    print(header)
    print("-" * len(header))
    for row in report["pages"]:
        share = "–" if row["share_of_ceiling"] is None else f"{row['share_of_ceiling']:.0%}"
        alone = "–" if row["alone_rps"] is None else f"{row['alone_rps']:.0f}"
        verdict = ""
        if row["target"]:
            verdict = f"{row['target']}: {'met' if row['target_met'] else 'NOT met'}"
        print(
            f"{row['name']:<22} {row['path']:<22} {row['requests']:>6} {row['errors']:>4}"
            f" {row['rps']:>6.1f} {_ms(row['median_ms']):>5} {_ms(row['p95_ms']):>5}"
            f" {alone:>6} {share:>6}  {verdict}"
        )
    print()
    print(
        "req/err/rps/med/p95 (ms): mixed load; alone: req/s of the page by itself; "
        "share: alone / ceiling."
    )
    for label, phase in (("ceiling", ceiling), ("mixed load", mixed)):
        print(
            f"CPU in the {label} phase: server {phase['server_cpu_seconds']} s, load generator "
            f"{phase['loadgen_cpu_seconds']} s, PostgreSQL {phase['postgres_cpu_seconds']} s, "
            f"other {phase['other_cpu_seconds']} s, of {phase['cpu_seconds_available']} s "
            "available."
        )
    memory = report["server_rss_kib"]
    print(
        f"Server memory (RSS, master + workers): {memory['started'] / 1024:.0f} MiB at start, "
        f"{memory['warm'] / 1024:.0f} MiB warm, {memory['end'] / 1024:.0f} MiB at the end."
    )


def main(argv: list[str] | None = None) -> None:
    options = parse_arguments(argv or [])
    settings = {
        "clients": options.clients,
        "workers": options.workers,
        "seconds": options.seconds,
        "solo_seconds": options.solo_seconds,
        "warmup_seconds": options.warmup_seconds,
        "max_requests_per_phase": options.max_requests,
        "db_conn_max_age": options.db_conn_max_age,
        "server": "lotse serve (gunicorn sync workers, WhiteNoise), DEBUG=false",
        "ceiling_view": f"GET {PING_PATH} (all middleware, no database, no template)",
    }
    print(
        f"  {options.clients} clients, {options.workers} gunicorn workers, "
        f"LOTSE_DB_CONN_MAX_AGE={options.db_conn_max_age}"
    )
    try:
        info = machine()
        with production_server(
            workers=options.workers,
            extra_env={"LOTSE_DB_CONN_MAX_AGE": str(options.db_conn_max_age)},
        ) as server:
            print(f"  server up at {server.base_url} ({server.setup_seconds})", flush=True)
            figures = measure(options, server)
    except (ServerError, loadgen.LoginError) as error:
        sys.exit(f"The benchmark could not start its server: {error}")
    report = {
        "benchmark": "load",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "settings": settings,
        "targets": {
            "staff_pages_p95_ms": STAFF_P95_MS,
            "finder_p95_ms": FINDER_P95_MS,
            "finder_share_of_ceiling": FINDER_SHARE,
        },
        **figures,
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
    }
    print_table(report)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {options.output}")


if __name__ == "__main__":
    main(sys.argv[1:])
