"""The overview counts members as the network profile does (seed 003); the demo seeds
Dortmund with exactly those counts and Bergkamen with the institutions of its concept."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lotse.core.models import Commune
from lotse.core.permissions import Role
from lotse.network.models import InstitutionType, Organisation, Sector
from lotse.network.selectors import current_members, members_by_sector, open_todos
from lotse.network.views.overview import profile_counts
from tests.conftest import World
from tests.network.factories import OrganisationFactory

ClientFor = Callable[[str, str], Client]


def test_the_overview_groups_education_and_job_centre_under_other_as_the_profile_does(
    world: World, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    for sector in (Sector.HEALTH, Sector.EDUCATION, Sector.JOB_CENTRE, Sector.OTHER):
        OrganisationFactory(commune=world.bergkamen, sector=sector)
    counts = dict(profile_counts(members_by_sector(world.bergkamen)))
    assert {str(label): count for label, count in counts.items()} == {
        "Gesundheit": 1,
        "Kinder- und Jugendhilfe": 1,
        "Schwangerschaftsberatung": 0,
        "Frühförderung": 0,
        "Sonstige": 3,
        "Freiwilligenarbeit": 0,
    }
    client = client_for("bergkamen", Role.PLANNER)
    url = reverse("network:overview", kwargs={"commune_slug": "bergkamen"})
    client.get(url)
    for _ in range(10):
        OrganisationFactory(commune=world.bergkamen)
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "15 Mitglieder am" in page
    assert "Offene Aufgaben" in page


@pytest.mark.django_db
def test_the_demo_gives_dortmund_exactly_the_counts_of_its_network_profile() -> None:
    call_command("demo", "--allow-production", stdout=StringIO())
    call_command("demo", "--allow-production", stdout=StringIO())
    dortmund = Commune.objects.get(slug="dortmund")
    profile = {str(label): n for label, n in profile_counts(members_by_sector(dortmund))}
    assert profile == {
        "Gesundheit": 15,
        "Kinder- und Jugendhilfe": 20,
        "Schwangerschaftsberatung": 4,
        "Frühförderung": 5,
        "Sonstige": 18,
        "Freiwilligenarbeit": 4,
    }
    bergkamen = Commune.objects.get(slug="bergkamen")
    kinds = set(current_members(bergkamen).values_list("institution_type__name", flat=True))
    assert kinds == set(
        InstitutionType.objects.for_commune(bergkamen).values_list("name", flat=True)
    ), "one member of every kind the concept lists"
    todos = open_todos(bergkamen)
    assert todos.pending_admissions
    assert todos.missing_deputy
    assert todos.missing_agreement
    partner_orgs = Organisation.objects.for_commune(bergkamen).filter(
        staff_memberships__isnull=False
    )
    assert all(o in current_members(bergkamen) for o in partner_orgs)
