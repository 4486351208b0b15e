from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError
from django.test import Client

import lotse.api.api


def test_health_reports_database_and_task_queue_reachable_without_a_token(
    db: None, client: Client
) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "reachable", "task_queue": "reachable"}


def test_ping_answers_without_a_token_and_without_the_database(client: Client) -> None:
    response = client.get("/api/v1/ping")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


class _BrokenConnection:
    def cursor(self) -> Any:
        raise DatabaseError("connection refused")


def test_health_answers_503_when_the_database_is_unreachable(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lotse.api.api, "connection", _BrokenConnection())
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unreachable",
        "task_queue": "unreachable",
    }


def test_health_answers_503_when_the_task_queue_table_is_unreachable(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_queue() -> None:
        raise DatabaseError("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(lotse.api.api, "_ping_task_queue", broken_queue)
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["task_queue"] == "unreachable"
    assert response.json()["database"] == "reachable"


def test_the_openapi_document_is_public_json_in_version_3_1(db: None, client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert {"/api/v1/health", "/api/v1/me", "/api/v1/social-areas"} <= document["paths"].keys()


def test_the_openapi_document_describes_each_operation_and_the_bearer_scheme(
    db: None, client: Client
) -> None:
    document = client.get("/api/v1/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= next(iter(schemes.values())).items()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["summary"], (method, path)
            assert operation["tags"], (method, path)
            successes = [code for code in operation["responses"] if code.startswith("2")]
            assert successes, (method, path)
    assert "security" not in document["paths"]["/api/v1/health"]["get"]
    me = document["paths"]["/api/v1/me"]["get"]
    assert me["security"]
    assert "401" in me["responses"]
    assert "403" in document["paths"]["/api/v1/social-areas"]["get"]["responses"]


def test_there_is_no_swagger_page_loading_scripts_from_a_cdn(db: None, client: Client) -> None:
    assert client.get("/api/v1/docs").status_code == 404
