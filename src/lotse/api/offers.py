"""API v1 operations for the offers app; registered on `api_v1` in `lotse.api.api`."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["offers"])
