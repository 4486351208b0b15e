"""Demo data of the participation app (being built)."""

from __future__ import annotations

from lotse.demo.builders import DemoResult


def build(result: DemoResult) -> None:
    """Nothing yet."""
