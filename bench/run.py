"""Run Lotse's benchmarks: `make bench`, or `python bench/run.py [name ...]`.

Every module ``bench/bench_<name>.py`` is a benchmark with a ``main()`` that prints its
figures and writes ``bench/results/<name>.json``. Benchmarks are never part of the test
suite: timings belong in reports, not in assertions.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"


def discover(names: list[str]) -> list[Path]:
    found = sorted(BENCH_DIR.glob("bench_*.py"))
    if names:
        wanted = {name.removeprefix("bench_").removesuffix(".py") for name in names}
        found = [path for path in found if path.stem.removeprefix("bench_") in wanted]
    return found


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    # Registered first, as a normal import would be: dataclasses look their module up.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    paths = discover(argv)
    if not paths:
        print("No benchmarks yet (bench/bench_*.py); nothing to run.")
        return 0
    RESULTS_DIR.mkdir(exist_ok=True)
    sys.path.insert(0, str(BENCH_DIR))
    for path in paths:
        name = path.stem.removeprefix("bench_")
        print(f"== {name}")
        started = time.perf_counter()
        load(path).main()
        print(f"== {name}: {time.perf_counter() - started:.1f} s, results in bench/results/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
