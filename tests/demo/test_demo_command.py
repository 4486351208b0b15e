from __future__ import annotations

from fractions import Fraction
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from lotse.core.models import Commune, Membership, SocialArea, SocialAreaFigures, User
from lotse.core.permissions import Role
from lotse.demo import facts
from lotse.demo.builders import DemoUsers
from lotse.network.models import Organisation

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = StringIO()
    # Tests run with DEBUG off, like production; the flag is what a demo instance uses.
    call_command("demo", "--allow-production", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        "communes": Commune.objects.count(),
        "areas": SocialArea.all_communes.count(),
        "figures": SocialAreaFigures.all_communes.count(),
        "organisations": Organisation.all_communes.count(),
        "users": User.objects.count(),
        "memberships": Membership.all_communes.count(),
    }


def test_running_the_demo_twice_changes_nothing_and_duplicates_nothing() -> None:
    run_demo()
    first = row_counts()
    names = dict(User.objects.values_list("email", "full_name"))
    passwords = dict(User.objects.values_list("email", "password"))
    run_demo()
    assert row_counts() == first
    assert first["communes"] == 2
    assert first["users"] == 2 * len(Role) + 1
    assert dict(User.objects.values_list("email", "full_name")) == names
    assert dict(User.objects.values_list("email", "password")) == passwords


def test_dortmund_has_twelve_districts_whose_figures_add_up_to_the_seed() -> None:
    run_demo()
    dortmund = Commune.objects.get(slug="dortmund")
    assert SocialArea.objects.for_commune(dortmund).count() == 12
    totals = (
        SocialAreaFigures.objects.for_commune(dortmund)
        .filter(year=2025)
        .aggregate(
            inhabitants=Sum("inhabitants"),
            children=Sum("children_0_3"),
            poverty=Sum("children_0_3_in_poverty"),
        )
    )
    assert totals == {"inhabitants": 602_566, "children": 22_994, "poverty": 7_128}


def test_the_inner_north_of_dortmund_has_the_highest_poverty_share() -> None:
    shares = {
        area.slug: area.children_0_3_in_poverty / area.children_0_3
        for area in facts.DORTMUND.area_figures()
    }
    assert max(shares, key=lambda slug: shares[slug]) == "innenstadt-nord"


def test_bergkamen_has_its_four_social_areas_and_more_than_450_births() -> None:
    run_demo()
    bergkamen = Commune.objects.get(slug="bergkamen")
    assert set(SocialArea.objects.for_commune(bergkamen).values_list("slug", flat=True)) == {
        "mitte",
        "weddinghofen",
        "oberaden",
        "ruenthe",
    }
    births = SocialAreaFigures.objects.for_commune(bergkamen).aggregate(births=Sum("births"))
    assert 450 < births["births"] <= 460


def test_every_role_has_a_demo_user_in_both_communes() -> None:
    run_demo()
    for slug in ("bergkamen", "dortmund"):
        commune = Commune.objects.get(slug=slug)
        for role in Role:
            membership = Membership.objects.for_commune(commune).get(
                user__email=f"{role.value}@{slug}.example", role=role.value
            )
            assert membership.is_active
            if role == Role.PARTNER_STAFF:
                assert membership.organisation is not None
                assert membership.organisation.commune == commune


def test_the_demo_password_works_and_the_operator_is_a_superuser() -> None:
    run_demo()
    coordinator = User.objects.get(email="coordinator@bergkamen.example")
    assert coordinator.check_password("lotse-demo")
    operator = User.objects.get(email="operator@lotse.example")
    assert operator.is_superuser
    assert operator.check_password("lotse-demo")
    assert not Membership.all_communes.filter(user=operator).exists()


def test_demo_names_are_fictional_and_never_a_name_from_the_seeds() -> None:
    run_demo()
    for name in User.objects.values_list("full_name", flat=True):
        assert name
        assert not set(name.split()) & {"Pilar", "Wulff"}


def test_the_command_prints_the_logins_and_the_two_factor_note() -> None:
    output = run_demo()
    assert "coordinator@bergkamen.example" in output
    assert "partner_staff@dortmund.example" in output
    assert "operator@lotse.example" in output
    assert "lotse-demo" in output
    assert "TOTP" in output
    assert "early_help_worker" in output.rsplit("Hinweis", 1)[1]


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (10, [1, 1, 1], [4, 3, 3]),
        (7, [1, 2, 4], [1, 2, 4]),
        (100, [1, 1, 1, 1, 1, 1], [17, 17, 17, 17, 16, 16]),
        (0, [3, 5], [0, 0]),
    ],
)
def test_apportion_adds_up_exactly_with_the_largest_remainders(
    total: int, weights: list[int], expected: list[int]
) -> None:
    assert facts.apportion(total, [Fraction(weight) for weight in weights]) == expected


def test_a_demo_users_name_depends_only_on_the_e_mail_address() -> None:
    email = "coordinator@bergkamen.example"
    assert DemoUsers().name_for(email) == DemoUsers().name_for(email)
    assert DemoUsers().name_for(email) != DemoUsers().name_for("planner@bergkamen.example")


def test_the_demo_refuses_to_run_in_production(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.filter(email="operator@lotse.example").exists()
