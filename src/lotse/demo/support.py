"""Demo data of the support app, built after the communes, their users and organisations."""

from __future__ import annotations

from lotse.demo.builders import DemoResult


def build(result: DemoResult) -> None:
    """Create or update the support demo data (idempotent, like the rest of the demo)."""
