"""Build the demo communes from :mod:`lotse.demo.facts`.

The demo is a loader run by an operator's command (`lotse demo`, called by `make run`), not a
user's action, so it writes through the models directly and records no audit events. It is
idempotent: facts (communes, social areas, figures, organisations) are brought up to date
with ``update_or_create``; users and their roles are only created when missing, so running
it again never resets what someone changed in the demo and never duplicates a row.

Each app's demo data is built by ``lotse.demo.<app>.build``, called from :func:`build_demo`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

from lotse.core.models import Commune, Membership, SocialArea, SocialAreaFigures, User
from lotse.core.permissions import Role
from lotse.demo import facts
from lotse.network.models import Organisation, OrganisationStatus


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: Role | None  # None: the operator, who has no role in a commune
    commune: Commune | None


@dataclass
class DemoResult:
    communes: dict[str, Commune] = field(default_factory=dict)
    organisations: dict[tuple[str, str], Organisation] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)


class DemoUsers:
    """Creates missing demo users: a stable fictional name each, and the demo password,
    hashed once per run (hashing is deliberately slow)."""

    def __init__(self) -> None:
        self._faker = Faker(facts.FAKER_LOCALE)
        self._password_hash: str | None = None

    def password_hash(self) -> str:
        if self._password_hash is None:
            self._password_hash = make_password(facts.DEMO_PASSWORD)
        return self._password_hash

    def name_for(self, email: str) -> str:
        """A name that depends only on the e-mail address, and is no one's in the seeds."""
        self._faker.seed_instance(f"{facts.FAKER_SEED}/{email}")
        while True:
            name = f"{self._faker.first_name()} {self._faker.last_name()}"
            if not set(name.replace("-", " ").split()) & facts.SEED_NAME_PARTS:
                return name

    def get_or_create(self, email: str, *, operator: bool = False) -> User:
        user = User.objects.filter(email=email).first()
        if user is not None:
            return user
        return User.objects.create(
            email=email,
            full_name=facts.OPERATOR_NAME if operator else self.name_for(email),
            password=self.password_hash(),
            is_staff=operator,
            is_superuser=operator,
        )


def demo_email(role: str, commune_slug: str) -> str:
    return f"{role}@{commune_slug}.{facts.DEMO_EMAIL_DOMAIN}"


def build_commune(commune_facts: facts.CommuneFacts, result: DemoResult) -> Commune:
    commune, _created = Commune.objects.update_or_create(
        slug=commune_facts.slug,
        defaults={
            "name": commune_facts.name,
            "youth_office_name": commune_facts.youth_office_name,
            "federal_state": commune_facts.federal_state,
            "is_active": True,
        },
    )
    for figures in commune_facts.area_figures():
        area, _created = SocialArea.all_communes.update_or_create(
            commune=commune, slug=figures.slug, defaults={"name": figures.name}
        )
        SocialAreaFigures.all_communes.update_or_create(
            commune=commune,
            social_area=area,
            year=facts.FIGURES_YEAR,
            defaults={
                "inhabitants": figures.inhabitants,
                "children_0_3": figures.children_0_3,
                "children_0_3_in_poverty": figures.children_0_3_in_poverty,
                "births": figures.births,
            },
        )
    for organisation_facts in commune_facts.organisations:
        organisation, _created = Organisation.all_communes.update_or_create(
            commune=commune,
            name=organisation_facts.name,
            defaults={
                "sector": organisation_facts.sector,
                "legal_carrier": organisation_facts.legal_carrier,
                "street": organisation_facts.street,
                "postal_code": organisation_facts.postal_code,
                "city": organisation_facts.city,
                "email": organisation_facts.email,
                "status": OrganisationStatus.MEMBER,
            },
        )
        result.organisations[(commune.slug, organisation.name)] = organisation
    result.communes[commune.slug] = commune
    return commune


def build_users(commune_facts: facts.CommuneFacts, result: DemoResult, users: DemoUsers) -> None:
    """One user per role, partner staff bound to the commune's partner organisation."""
    commune = result.communes[commune_facts.slug]
    partner = result.organisations[(commune.slug, commune_facts.partner_staff_organisation)]
    for role in Role:
        user = users.get_or_create(demo_email(role.value, commune.slug))
        Membership.all_communes.get_or_create(
            user=user,
            commune=commune,
            role=role.value,
            defaults={"organisation": partner if role == Role.PARTNER_STAFF else None},
        )
        result.logins.append(DemoLogin(email=user.email, role=role, commune=commune))


def build_demo() -> DemoResult:
    """Create or update all demo data in one transaction."""
    result = DemoResult()
    users = DemoUsers()
    with transaction.atomic():
        for commune_facts in facts.COMMUNES:
            build_commune(commune_facts, result)
            build_users(commune_facts, result, users)
        operator = users.get_or_create(facts.OPERATOR_EMAIL, operator=True)
        result.logins.append(DemoLogin(email=operator.email, role=None, commune=None))
        # The apps' own demo data, in the order they depend on each other.
        from lotse.demo import (  # noqa: PLC0415 (they import this module)
            funding,
            meetings,
            network,
            offers,
            participation,
            referrals,
            reports,
            support,
        )

        for area in (
            network,
            meetings,
            offers,
            referrals,
            support,
            funding,
            participation,
            reports,
        ):
            area.build(result)
    return result
