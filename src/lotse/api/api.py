"""The JSON API, version 1 (django-ninja, OpenAPI 3.1)."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest
from ninja import NinjaAPI, Schema

api_v1 = NinjaAPI(
    title="Lotse API",
    version="1",
    description="JSON API of Lotse. Authenticate with `Authorization: Bearer <token>`.",
    urls_namespace="api-v1",
    docs_url=None,
)


class HealthOut(Schema):
    status: str
    database: str


@api_v1.get("/health", response={200: HealthOut, 503: HealthOut}, auth=None, tags=["operations"])
def health(request: HttpRequest) -> tuple[int, HealthOut]:
    """Whether the service and its database are reachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return 503, HealthOut(status="unavailable", database="unreachable")
    return 200, HealthOut(status="ok", database="reachable")
