"""Demo data of the funding app, built after the communes, their users and organisations."""

from __future__ import annotations

from lotse.demo.builders import DemoResult


def build(result: DemoResult) -> None:
    """Create or update the funding demo data (idempotent, like the rest of the demo)."""
