"""The annual report of a Dortmund-sized commune with five years of data (issue 8):
`python bench/run.py annual` (about five minutes).

1. A new PostgreSQL database ``lotse_bench_annual`` gets the migrations and ``lotse demo``
   (Dortmund with its twelve Stadtbezirke, age-group figures, bodies, consent texts), then
   ``scale_data.py dortmund`` adds five years of a network of Dortmund's size: 3,000
   referrals a year (each with family, child and contact attempt; seed 003: 22,994
   children aged 0–3, about 6,000 births a year), 200 organisations (seed 003 counts 66
   cooperations; the rest provide offers), 600 offers, 52 meetings a year with
   attendance lists (each Stadtbezirk's round table quarterly and the plenary) and a
   funding year with 20 applications per year.
2. ``scale_data.py measure`` times in-process (Django's test client, DEBUG=false): the
   annual report for the latest complete year as PDF and XLSX (``lotse.reports.annual``),
   the dashboards' indicators for that year, the reports dashboard page if present, and
   the referral queue.
3. ``bench/results/annual.json`` gets the machine, the data's size and the figures; the
   database is dropped afterwards.

Settings (environment): ``LOTSE_BENCH_ANNUAL_YEARS`` (5), ``LOTSE_BENCH_SCALE_RENDERS``
(30), ``LOTSE_BENCH_SCALE_REPORT_RUNS`` (3). Target: every staff page p95 < 300 ms at
Dortmund's size (the dashboard); the report itself is a download with no target.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import server
from bench_load import STAFF_P95_MS, machine
from bench_scale import data, environment, print_size, setting

RESULTS = Path(__file__).resolve().parent / "results" / "annual.json"
DATABASE = "lotse_bench_annual"


def main(argv: list[str] | None = None) -> None:
    years = int(setting("ANNUAL_YEARS", "5"))
    renders = int(setting("SCALE_RENDERS", "30"))
    report_runs = int(setting("SCALE_REPORT_RUNS", "3"))
    report: dict[str, Any] = {
        "benchmark": "annual",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            "years": years,
            "renders_per_page": renders,
            "runs_per_report": report_runs,
            "timing": "in-process, Django's test client, DEBUG=false, PostgreSQL on loopback",
        },
        "targets": {"staff_pages_p95_ms": STAFF_P95_MS},
    }
    var_dir = Path(tempfile.mkdtemp(prefix="lotse-bench-annual-"))
    env = environment(var_dir, DATABASE)
    try:
        server.recreate_database(DATABASE)
        server.run_lotse(env, "migrate", "--no-input")
        # The pages are rendered as in production: static files from the manifest.
        server.run_lotse(env, "collectstatic", "--no-input", "--verbosity", "0")
        server.run_lotse(env, "demo", "--allow-production")
        report["data"] = data(env, "dortmund", "--years", str(years))
        print(
            f"  Dortmund, {years} years: {report['data']['referrals']} referrals, "
            f"{report['data']['offers']} offers, {report['data']['organisations']} "
            f"organisations, {report['data']['meetings_created']} meetings "
            f"({report['data']['seconds']:.0f} s to generate)"
        )
        figures = data(
            env,
            "measure",
            "--commune",
            "dortmund",
            "--renders",
            str(renders),
            "--report-runs",
            str(report_runs),
        )
    except server.ServerError as error:
        sys.exit(f"The annual-report benchmark could not run: {error}")
    finally:
        with suppress(server.ServerError):
            server.drop_database(DATABASE)
        shutil.rmtree(var_dir, ignore_errors=True)
    report["figures"] = figures
    dashboard = figures.get("dashboard")
    if isinstance(dashboard, dict) and dashboard.get("p95_ms") is not None:
        report["dashboard_target_met"] = dashboard["p95_ms"] < STAFF_P95_MS
    print_size(figures)
    report["machine"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {RESULTS}")


if __name__ == "__main__":
    main(sys.argv[1:])
