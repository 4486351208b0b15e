from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from lotse.core.requestid import RequestIdFilter, current_request_id


def test_every_response_carries_a_request_id(db: None, client: Client) -> None:
    response = client.get("/login/")
    assert len(response["X-Request-ID"]) == 32


def test_a_sane_request_id_from_the_proxy_is_kept(db: None, client: Client) -> None:
    response = client.get("/login/", HTTP_X_REQUEST_ID="proxy-4711-abcdef")
    assert response["X-Request-ID"] == "proxy-4711-abcdef"


@pytest.mark.parametrize("offered", ["x", "a" * 65, "evil\r\nheader: 1", "<script>1234</script>"])
def test_an_odd_request_id_is_replaced(db: None, client: Client, offered: str) -> None:
    response = client.get("/login/", HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_are_json_with_the_request_id(db: None, client: Client) -> None:
    client.get("/login/", HTTP_X_REQUEST_ID="trace-12345678")
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    formatter = console.formatter
    record = logging.LogRecord("lotse", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    line = json.loads(formatter.format(record))  # type: ignore[union-attr]
    assert line["message"] == "hello"
    assert line["level"] == "INFO"
    assert line["request_id"] == current_request_id.get() == "trace-12345678"
