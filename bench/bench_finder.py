"""The public finder under load: `python bench/run.py finder` (about five minutes).

1. A new PostgreSQL database ``lotse_bench`` (no demo: this benchmark brings its own data)
   is migrated and filled by ``finder_data.py`` with offers over 200 communes, growing
   1,000 → 10,000 → 50,000 → 100,000 offers. At each size the finder's search is timed
   in-process (the scale curve: no HTTP, one search after another).
2. At 50,000 offers `lotse serve` (gunicorn, DEBUG=false) answers, on the same machine:
   the minimal view ``/api/v1/ping`` alone (the ceiling), the finder's search pages alone,
   the JSON search API alone, and the finder with a single client (the server time of one
   search without waiting for a core).
3. ``bench/results/finder.json`` gets the machine, the settings and every figure.

Targets (issue 5, item 9): finder p95 < 100 ms and at least 40 % of the ceiling's
requests per second; the query count does not grow with the results (a test checks that).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import loadgen
import server
from loadgen import Scenario

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "finder.json"
SIZES = (1_000, 10_000, 50_000, 100_000)
LOAD_SIZE = 50_000
COMMUNES = 200
P95_TARGET_MS = 100.0
SHARE_TARGET = 0.40

# What families search for (the finder's GET form), each in a few communes.
SEARCHES = [
    ("start page", ""),
    ("4-month-old, free, no registration", "age_months=4&free=1&no_registration=1"),
    ("text: stillen", "q=stillen"),
    ("text with umlaut folding", "q=Fruehfoerderung"),
    ("pregnancy week 30", "pregnancy_week=30"),
    ("age + social area", "age_months=8&social_area=mitte"),
    ("near me + age", "age_months=4&lat=51.61&lon=7.62"),
    ("Arabic, text + age", "q=Baby&age_months=3&lang=ar"),
]
API_SEARCH = "age_months=4&free=true&no_registration=true"


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--clients", type=int, default=int(os.environ.get("LOTSE_BENCH_CLIENTS", "8"))
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("LOTSE_BENCH_WORKERS", str(2 * cores + 1))),
    )
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("LOTSE_BENCH_SECONDS", "15"))
    )
    parser.add_argument("--searches", type=int, default=300, help="in-process searches per size")
    parser.add_argument(
        "--sizes", default=",".join(str(size) for size in SIZES), help="offers, comma-separated"
    )
    parser.add_argument(
        "--load-at", type=int, default=LOAD_SIZE, help="offers at which the server is loaded"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def machine() -> dict[str, Any]:
    model = "unknown"
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": server.postgres_version(),
        "django": metadata.version("django"),
        "gunicorn": metadata.version("gunicorn"),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def data(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run ``finder_data.py`` with the server's environment; its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(BENCH_DIR / "finder_data.py"), *args],
        env=env,
        cwd=server.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if done.returncode != 0:
        raise server.ServerError(f"finder_data.py {' '.join(args)}:\n{done.stderr[-3000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


@contextmanager
def serving(env: dict[str, str], workers: int, var_dir: Path) -> Iterator[server.Server]:
    """`lotse serve` against the benchmark's database, stopped on exit."""
    host = "127.0.0.1"
    port = server.free_port(host)
    log_path = var_dir / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(server.LOTSE), "serve", "--bind", f"{host}:{port}", "--workers", str(workers)],
            env=env,
            cwd=server.PROJECT_DIR,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = server.Server(host, port, workers, env, process, log_path)
    try:
        server.wait_until_healthy(running, 120)
        yield running
    finally:
        server.stop(process)


def finder_scenarios(communes: list[str]) -> list[Scenario]:
    scenarios = []
    for name, query in SEARCHES:
        for slug in communes:
            path = f"/{slug}/angebote/" + (f"?{query}" if query else "")
            scenarios.append(Scenario(f"{name} @ {slug}", path, ok_statuses=frozenset({200})))
    return scenarios


def unique_scenarios(count: int, seed: int = 11) -> list[Scenario]:
    """Searches that each occur about once, so the page cache never helps: the cost of
    a search the server has not seen before."""
    rng = random.Random(seed)
    words = ["", "Baby", "stillen", "Kurs", "Cafe", "Hebamme", "Spielgruppe", "Beratung"]
    scenarios = []
    for number in range(count):
        slug = f"bench-{rng.randrange(COMMUNES):03d}"
        query = f"age_months={rng.randrange(0, 120)}&page={rng.choice([1, 1, 2])}&n={number}"
        word = rng.choice(words)
        if word:
            query += f"&q={word}"
        if rng.random() < 0.3:
            query += "&free=1&no_registration=1"
        scenarios.append(
            Scenario(f"unique {number}", f"/{slug}/angebote/?{query}", ok_statuses=frozenset({200}))
        )
    return scenarios


def pooled(result: loadgen.RunResult) -> dict[str, Any]:
    """Figures over scenarios that ran about once each: each one's median is (nearly)
    its only latency, so their distribution is the requests' distribution."""
    latencies = sorted(s.median_ms for s in result.scenarios if s.median_ms is not None)
    return {
        "requests": result.requests,
        "errors": result.errors,
        "rps": round(result.rps, 1),
        "median_ms_of_medians": round(statistics.median(latencies), 1) if latencies else None,
        "worst_p95_ms": round(loadgen.percentile(latencies, 0.95), 1) if latencies else None,
    }


def summary(result: loadgen.RunResult) -> dict[str, Any]:
    p95s = [s.p95_ms for s in result.scenarios if s.p95_ms is not None]
    medians = [s.median_ms for s in result.scenarios if s.median_ms is not None]
    return {
        "requests": result.requests,
        "errors": result.errors,
        "rps": round(result.rps, 1),
        "median_ms_of_medians": round(sorted(medians)[len(medians) // 2], 1) if medians else None,
        "worst_p95_ms": round(max(p95s), 1) if p95s else None,
    }


def load_phases(options: argparse.Namespace, running: server.Server) -> dict[str, Any]:
    communes = ["bench-000", "bench-077", "bench-199"]
    finder = finder_scenarios(communes)
    ping = [Scenario("ping", "/api/v1/ping", ok_statuses=frozenset({200}))]
    api = [
        Scenario(
            f"api @ {slug}",
            f"/api/v1/communes/{slug}/offers?{API_SEARCH}",
            ok_statuses=frozenset({200}),
        )
        for slug in communes
    ]
    clients = loadgen.connect_clients(running.host, running.port, options.clients, [])
    single = loadgen.connect_clients(running.host, running.port, 1, [])
    try:
        loadgen.run(clients, finder + ping + api, seconds=5)  # warm-up, not reported
        phases = {
            "ceiling_ping": loadgen.run(clients, ping, seconds=options.seconds),
            "finder_alone": loadgen.run(clients, finder, seconds=options.seconds),
            "api_alone": loadgen.run(clients, api, seconds=options.seconds),
            "finder_single_client": loadgen.run(single, finder, seconds=options.seconds),
            "finder_uncached": loadgen.run(
                clients, unique_scenarios(4000), seconds=options.seconds
            ),
        }
    finally:
        for client in [*clients, *single]:
            client.close()
    ceiling = phases["ceiling_ping"].rps
    figures: dict[str, Any] = {
        name: pooled(result) if name == "finder_uncached" else summary(result)
        for name, result in phases.items()
    }
    figures["scenarios_finder_alone"] = [s.as_dict() for s in phases["finder_alone"].scenarios]
    figures["scenarios_single_client"] = [
        s.as_dict() for s in phases["finder_single_client"].scenarios
    ]
    for name in ("finder_alone", "api_alone", "finder_uncached"):
        figures[name]["share_of_ceiling"] = (
            round(phases[name].rps / ceiling, 3) if ceiling else None
        )
    return figures


def main(argv: list[str] | None = None) -> None:
    # From run.py without arguments (its own are the benchmark names).
    options = parse_arguments(argv or [])
    sizes = sorted(int(size) for size in options.sizes.split(","))
    report: dict[str, Any] = {
        "benchmark": "finder",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            "clients": options.clients,
            "workers": options.workers,
            "seconds_per_phase": options.seconds,
            "communes": COMMUNES,
            "load_at_offers": options.load_at,
            "in_process_searches_per_size": options.searches,
        },
        "targets": {"p95_ms": P95_TARGET_MS, "share_of_ceiling": SHARE_TARGET},
        "scale": [],
    }
    var_dir = Path(tempfile.mkdtemp(prefix="lotse-bench-finder-"))
    env = server.server_environment(var_dir, "127.0.0.1")
    try:
        server.recreate_database()
        server.run_lotse(env, "migrate", "--no-input")
        for size in sizes:
            grown = data(env, "grow", "--offers", str(size), "--communes", str(COMMUNES))
            timed = data(env, "measure", "--searches", str(options.searches))
            timed["generation_seconds"] = grown["seconds"]
            report["scale"].append(timed)
            print(
                f"{size:>7} offers: search in-process median {timed['median_ms']:.1f} ms, "
                f"p95 {timed['p95_ms']:.1f} ms ({grown['seconds']:.0f} s to generate)"
            )
            if size == options.load_at:
                with serving(env, options.workers, var_dir) as running:
                    report["load"] = load_phases(options, running)
                print_load(report["load"])
    finally:
        with suppress(server.ServerError):
            server.drop_database()
        shutil.rmtree(var_dir, ignore_errors=True)
    report["machine"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    load = report.get("load", {})
    if load:
        report["verdict"] = {
            "p95_under_load_ms": load["finder_alone"]["worst_p95_ms"],
            "p95_single_client_ms": load["finder_single_client"]["worst_p95_ms"],
            "share_of_ceiling": load["finder_alone"]["share_of_ceiling"],
            "p95_target_met_single_client": (load["finder_single_client"]["worst_p95_ms"] or 0)
            < P95_TARGET_MS,
            "p95_target_met_under_load": (load["finder_alone"]["worst_p95_ms"] or 0)
            < P95_TARGET_MS,
            "share_target_met": (load["finder_alone"]["share_of_ceiling"] or 0) >= SHARE_TARGET,
            "uncached_p95_under_load_ms": load["finder_uncached"]["worst_p95_ms"],
            "uncached_share_of_ceiling": load["finder_uncached"]["share_of_ceiling"],
        }
    options.output.parent.mkdir(exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {options.output}")


def print_load(load: dict[str, Any]) -> None:
    print(f"{'phase':<24}{'req/s':>9}{'median':>9}{'p95':>9}{'share':>8}{'errors':>8}")
    for name in (
        "ceiling_ping",
        "finder_alone",
        "finder_uncached",
        "api_alone",
        "finder_single_client",
    ):
        figures = load[name]
        share = figures.get("share_of_ceiling")
        print(
            f"{name:<24}{figures['rps']:>9.1f}{figures['median_ms_of_medians'] or 0:>9.1f}"
            f"{figures['worst_p95_ms'] or 0:>9.1f}{'' if share is None else f'{share:.0%}':>8}"
            f"{figures['errors']:>8}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
