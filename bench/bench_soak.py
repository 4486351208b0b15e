"""Soak benchmark: the load benchmark's mixed load for ten minutes and more, in one-minute
windows, against one `lotse serve` with PostgreSQL.

Targets (issue 9): no error at all, and the server's memory (gunicorn master and workers)
at the end at most 10 % above its memory after the warm-up. Reported, never asserted.

    .venv/bin/python bench/run.py soak              # as `make bench` runs it
    LOTSE_BENCH_SOAK_MINUTES=2 .venv/bin/python bench/run.py soak   # a quick look
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import loadgen
from bench_load import machine, prepare_mix
from server import ServerError, production_server

RESULTS = Path(__file__).resolve().parent / "results" / "soak.json"
MEMORY_GROWTH_LIMIT = 0.10
WINDOW_SECONDS = 60


def _setting(name: str, default: float) -> float:
    value = os.environ.get(f"LOTSE_BENCH_{name}")
    return float(value) if value else default


def main(argv: list[str] | None = None) -> None:
    minutes = _setting("SOAK_MINUTES", 10)
    clients_count = int(_setting("CLIENTS", 8))
    workers = int(_setting("WORKERS", 2 * (os.cpu_count() or 1) + 1))
    warmup = _setting("WARMUP_SECONDS", 30)
    windows = max(1, round(minutes * 60 / WINDOW_SECONDS))
    print(f"  {clients_count} clients, {workers} workers, {windows} windows of {WINDOW_SECONDS} s")
    try:
        info = machine()
        with production_server(workers=workers) as server:
            mix = prepare_mix(server, clients_count)
            for note in mix.notes:
                print(f"  note: {note}")
            scenarios = [page.scenario for page in mix.pages]
            clients = loadgen.connect_clients(
                server.host,
                server.port,
                clients_count,
                mix.personas,
                own_personas=mix.own_personas,
            )
            print(f"  warm-up, {warmup:.0f} s ...", flush=True)
            loadgen.run(clients, scenarios, seconds=warmup)
            rss_warm = server.rss_kib()
            rows: list[dict[str, Any]] = []
            for window in range(1, windows + 1):
                result = loadgen.run(clients, scenarios, seconds=WINDOW_SECONDS, seed=window)
                p95s = [s.p95_ms for s in result.scenarios if s.p95_ms is not None]
                rows.append(
                    {
                        "minute": window,
                        "requests": result.requests,
                        "errors": result.errors,
                        "rps": round(result.rps, 1),
                        "worst_page_p95_ms": round(max(p95s), 1) if p95s else None,
                        "rss_mib": round(server.rss_kib() / 1024, 1),
                    }
                )
                print(
                    f"  minute {window:>2}: {result.requests:>6} requests, "
                    f"{result.errors} errors, {result.rps:6.1f} req/s, "
                    f"worst p95 {rows[-1]['worst_page_p95_ms']} ms, "
                    f"{rows[-1]['rss_mib']} MiB",
                    flush=True,
                )
            for client in clients:
                client.close()
    except (ServerError, loadgen.LoginError) as error:
        sys.exit(f"The soak benchmark could not start its server: {error}")

    rss_warm_mib = rss_warm / 1024
    rss_end_mib = rows[-1]["rss_mib"]
    growth = (rss_end_mib - rss_warm_mib) / rss_warm_mib
    errors = sum(row["errors"] for row in rows)
    report = {
        "benchmark": "soak",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "settings": {
            "minutes": minutes,
            "clients": clients_count,
            "workers": workers,
            "warmup_seconds": warmup,
            "window_seconds": WINDOW_SECONDS,
        },
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
        "pages": [page.scenario.name for page in mix.pages],
        "notes": mix.notes,
        "requests": sum(row["requests"] for row in rows),
        "errors": errors,
        "rss_warm_mib": round(rss_warm_mib, 1),
        "rss_end_mib": rss_end_mib,
        "memory_growth": round(growth, 4),
        "targets": {"errors": 0, "memory_growth_at_most": MEMORY_GROWTH_LIMIT},
        "targets_met": {
            "no_errors": errors == 0,
            "memory_growth": growth <= MEMORY_GROWTH_LIMIT,
        },
        "windows": rows,
    }
    print(
        f"Soak: {report['requests']} requests in {windows} min, {errors} errors (target 0); "
        f"memory {rss_warm_mib:.0f} MiB after warm-up, {rss_end_mib:.0f} MiB at the end: "
        f"{growth:+.1%} (target at most +{MEMORY_GROWTH_LIMIT:.0%})"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {RESULTS}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main(sys.argv[1:])
