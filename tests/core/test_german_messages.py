"""The four ways in that go wrong most often each answer in clear German, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from tests.conftest import World


def test_a_wrong_password_gets_a_german_message(world: World) -> None:
    response = Client().post(
        "/login/", {"username": "coordinator@bergkamen.test", "password": "falsch"}
    )
    assert response.status_code == 200
    assert "Die E-Mail-Adresse oder das Passwort ist nicht richtig." in response.content.decode()


def test_an_unknown_commune_slug_gets_a_german_404_page(
    client_for: Callable[[str, str], Client],
) -> None:
    response = client_for("bergkamen", "coordinator").get("/atlantis/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert '<html lang="de"' in response.content.decode()


def test_a_missing_capability_gets_a_german_403_page(
    client_for: Callable[[str, str], Client],
) -> None:
    response = client_for("bergkamen", "planner").get("/bergkamen/users/")
    assert response.status_code == 403
    assert "Ihre Rolle erlaubt das nicht." in response.content.decode()


def test_a_malformed_api_token_gets_a_german_json_401(world: World) -> None:
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer kaputt")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Das API-Token hat nicht das richtige Format.")


def test_an_unknown_api_path_gets_german_json_not_html(world: World) -> None:
    response = Client().get("/api/v1/gibt-es-nicht")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Unter dieser Adresse gibt es keine API-Funktion."


def test_a_form_without_its_csrf_token_gets_a_german_page(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x@example.org", "password": "y"})
    assert response.status_code == 403
    assert "Das Formular ist abgelaufen" in response.content.decode()
