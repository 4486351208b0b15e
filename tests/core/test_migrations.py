"""Migrations run forward from an empty database (every test database is built that way)
and from the schema of the previous release, keeping the data an installation already has.

The previous release is the foundation (0.1): the apps below at these migrations, every app
that came later not yet migrated. An upgrade applies the newer migrations on top of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lotse.core.models import Commune, Membership, SocialArea
from lotse.network.models import Organisation

# What release 0.1 (the foundation) shipped of Lotse's own apps.
PREVIOUS_RELEASE = {"core": "0002_initial", "network": "0001_initial"}
# Every app of Lotse with migrations; all but the release's own did not exist yet.
LOTSE_APPS = {
    config.label
    for config in django_apps.get_app_configs()
    if config.name.startswith("lotse.") and (Path(config.path) / "migrations").is_dir()
}


def _previous_release_targets(executor: MigrationExecutor) -> list[tuple[str, str | None]]:
    targets: list[tuple[str, str | None]] = []
    for app, name in executor.loader.graph.leaf_nodes():
        if app in PREVIOUS_RELEASE:
            targets.append((app, PREVIOUS_RELEASE[app]))
        elif app in LOTSE_APPS:
            targets.append((app, None))  # did not exist yet
        else:
            targets.append((app, name))
    return targets


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.fixture
def previous_release(transactional_db: None) -> Iterator[MigrationExecutor]:
    executor = MigrationExecutor(connection)
    yield _migrate(_previous_release_targets(executor))
    # Whatever the test did, leave the database at the newest schema for the next test.
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_an_installation_of_the_previous_release_upgrades_and_keeps_its_data(
    previous_release: MigrationExecutor,
) -> None:
    old = previous_release.loader.project_state(
        [(app, name) for app, name in _previous_release_targets(previous_release) if name]
    ).apps
    commune = old.get_model("core", "Commune")._base_manager.create(
        slug="unna", name="Unna", youth_office_name="Jugendamt Unna"
    )
    old.get_model("core", "SocialArea")._base_manager.create(
        commune=commune, name="Königsborn", slug="koenigsborn"
    )
    organisation = old.get_model("network", "Organisation")._base_manager.create(
        commune=commune, name="Hebammenpraxis am Markt", sector="health", status="member"
    )
    user = old.get_model("core", "User")._base_manager.create(email="koordination@unna.example")
    old.get_model("core", "Membership")._base_manager.create(
        user=user, commune=commune, role="partner_staff", organisation=organisation
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    upgraded = Commune.objects.get(slug="unna")
    assert SocialArea.objects.for_commune(upgraded).get().name == "Königsborn"
    kept = Organisation.objects.for_commune(upgraded).get()
    assert (kept.name, kept.sector, kept.status) == ("Hebammenpraxis am Markt", "health", "member")
    membership = Membership.objects.for_commune(upgraded).get()
    assert membership.organisation == kept
    assert membership.user.email == "koordination@unna.example"
