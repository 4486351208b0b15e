"""Scale curves: the referral queue and the annual report at 1k, 10k and 100k rows
(`python bench/run.py scale`; ten to fifteen minutes at full size).

1. A new PostgreSQL database ``lotse_bench_scale`` is migrated and filled by
   ``scale_data.py grow`` with one commune, *Skalenstadt* (12 social areas), growing
   1,000 → 10,000 → 100,000 referrals of the report year (each with its family and child,
   a fifth of them open, so in the queue), with a tenth as many offers and a hundredth as
   many organisations.
2. At each size ``scale_data.py measure`` times in-process, with Django's test client (no
   HTTP server, DEBUG=false, so the server's own cost without network and queueing): the
   referral queue's first page and a page from the middle (median and p95 of N renders,
   and the database queries per render), the dashboards' indicators for the year, the
   reports dashboard if present, and the annual report as PDF and XLSX if present.
3. ``bench/results/scale.json`` gets the machine, the settings, the figures per size and
   how each cost grows: the exponent k in cost ∝ rows^k between sizes (k ≈ 0: constant,
   k ≈ 1: linear). The database is dropped afterwards.

Settings (environment): ``LOTSE_BENCH_SCALE_SIZES`` (default ``1000,10000,100000``),
``LOTSE_BENCH_SCALE_RENDERS`` (renders per page, 30), ``LOTSE_BENCH_SCALE_REPORT_RUNS``
(runs per report, 3). Targets are reported, never asserted.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import server
from bench_load import STAFF_P95_MS, machine

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "scale.json"
DATABASE = "lotse_bench_scale"
SIZES = (1_000, 10_000, 100_000)
# What is followed across sizes: (label, key in a size's figures, field).
CURVES = [
    ("referral queue, first page", "queue_first_page", "median_ms"),
    ("referral queue, middle page", "queue_middle_page", "median_ms"),
    ("indicators of the year", "indicators", "median_ms"),
    ("reports dashboard", "dashboard", "median_ms"),
    ("annual report PDF", "annual_report_pdf", "median_ms"),
    ("annual report XLSX", "annual_report_xlsx", "median_ms"),
]


def setting(name: str, default: str) -> str:
    return os.environ.get(f"LOTSE_BENCH_{name}") or default


def environment(var_dir: Path, database: str) -> dict[str, str]:
    """A production environment (DEBUG=false, fresh keys) on ``database``; the test
    client's host is allowed."""
    return server.server_environment(
        var_dir,
        "testserver",
        {
            "DATABASE_URL": (
                f"postgres://{server.PG_USER}@{server.PG_HOST}:{server.PG_PORT}/{database}"
            ),
            # The cost of computing the dashboard, not of serving it from the cache.
            "LOTSE_REPORTS_CACHE_SECONDS": "0",
        },
    )


def data(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run ``scale_data.py`` with ``env``; its JSON answer (the last line it prints)."""
    done = subprocess.run(
        [sys.executable, str(BENCH_DIR / "scale_data.py"), *args],
        env=env,
        cwd=server.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=7200,
        check=False,
    )
    if done.returncode != 0:
        raise server.ServerError(f"scale_data.py {' '.join(args)}:\n{done.stderr[-3000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def growth(rows: list[tuple[int, float]]) -> list[dict[str, Any]]:
    """Between consecutive sizes: how many times the rows and the cost grew, and the
    exponent k of cost ∝ rows^k."""
    steps = []
    for (rows_a, cost_a), (rows_b, cost_b) in itertools.pairwise(rows):
        if rows_a <= 0 or rows_b <= rows_a or cost_a <= 0 or cost_b <= 0:
            continue
        steps.append(
            {
                "from_rows": rows_a,
                "to_rows": rows_b,
                "cost_factor": round(cost_b / cost_a, 2),
                "exponent": round(math.log(cost_b / cost_a) / math.log(rows_b / rows_a), 2),
            }
        )
    return steps


def describe(exponent: float) -> str:
    if exponent < 0.15:
        return "about constant"
    if exponent < 0.6:
        return "sublinear"
    if exponent < 1.2:
        return "about linear"
    return "superlinear"


def curves(sizes: list[dict[str, Any]]) -> dict[str, Any]:
    found = {}
    for label, key, field in CURVES:
        points = [
            (size["referrals"], float(size[key][field]))
            for size in sizes
            if isinstance(size.get(key), dict) and size[key].get(field) is not None
        ]
        if len(points) < 2:
            continue
        steps = growth(points)
        last = steps[-1]["exponent"] if steps else None
        found[label] = {
            "points_ms": points,
            "steps": steps,
            "statement": None if last is None else f"{describe(last)} (k = {last})",
        }
    return found


def _ms(figures: Any) -> str:
    if not isinstance(figures, dict) or figures.get("median_ms") is None:
        return "–"
    return f"{figures['median_ms']:.0f} / {figures['p95_ms']:.0f}"


def print_size(figures: dict[str, Any]) -> None:
    queue = figures.get("queue_first_page", {})
    print(
        f"{figures['referrals']:>8} referrals ({figures['open_referrals']} open), "
        f"{figures['offers']} offers, {figures['organisations']} organisations:"
    )
    print(
        f"    queue p.1 {_ms(queue)} ms ({queue.get('queries', '–')} queries), middle page "
        f"{_ms(figures.get('queue_middle_page'))} ms, indicators "
        f"{_ms(figures.get('indicators'))} ms, dashboard {_ms(figures.get('dashboard'))} ms, "
        f"report PDF {_ms(figures.get('annual_report_pdf'))} ms, "
        f"XLSX {_ms(figures.get('annual_report_xlsx'))} ms  (median / p95)"
    )
    for note in figures.get("notes", []):
        print(f"    note: {note}")


def main(argv: list[str] | None = None) -> None:
    sizes = sorted(int(size) for size in setting("SCALE_SIZES", "1000,10000,100000").split(","))
    renders = int(setting("SCALE_RENDERS", "30"))
    report_runs = int(setting("SCALE_REPORT_RUNS", "3"))
    report: dict[str, Any] = {
        "benchmark": "scale",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            "sizes_referrals": sizes,
            "offers_per_size": "a tenth of the referrals",
            "organisations_per_size": "a hundredth of the referrals, at least 20",
            "open_share": 0.2,
            "renders_per_page": renders,
            "runs_per_report": report_runs,
            "timing": "in-process, Django's test client, DEBUG=false, PostgreSQL on loopback",
            "queue_page_size": 50,
        },
        "targets": {"staff_pages_p95_ms": STAFF_P95_MS},
        "sizes": [],
    }
    var_dir = Path(tempfile.mkdtemp(prefix="lotse-bench-scale-"))
    env = environment(var_dir, DATABASE)
    try:
        server.recreate_database(DATABASE)
        server.run_lotse(env, "migrate", "--no-input")
        # The pages are rendered as in production: static files from the manifest.
        server.run_lotse(env, "collectstatic", "--no-input", "--verbosity", "0")
        for size in sizes:
            grown = data(env, "grow", "--referrals", str(size))
            figures = data(
                env, "measure", "--renders", str(renders), "--report-runs", str(report_runs)
            )
            figures["generation_seconds"] = grown["seconds"]
            report["sizes"].append(figures)
            print_size(figures)
    except server.ServerError as error:
        sys.exit(f"The scale benchmark could not run: {error}")
    finally:
        with suppress(server.ServerError):
            server.drop_database(DATABASE)
        shutil.rmtree(var_dir, ignore_errors=True)
    report["growth"] = curves(report["sizes"])
    for label, curve in report["growth"].items():
        print(f"  {label}: {curve['statement']}  {curve['steps']}")
    report["machine"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {RESULTS}")


if __name__ == "__main__":
    main(sys.argv[1:])
