from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.hashers import make_password

from lotse.core.models import Commune, Membership, SocialArea, SocialAreaFigures, User

PASSWORD = "correct horse battery staple"
# Hashing once keeps thousands of test users cheap.
PASSWORD_HASH = make_password(PASSWORD)


class TenantFactory(factory.django.DjangoModelFactory[Any]):
    """Factories of tenant-owned models create through the unscoped manager."""

    class Meta:
        abstract = True

    @classmethod
    def _get_manager(cls, model_class: Any) -> Any:
        return model_class.all_communes


class CommuneFactory(factory.django.DjangoModelFactory[Commune]):
    class Meta:
        model = Commune
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kommune-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    youth_office_name = factory.LazyAttribute(lambda o: f"Jugendamt {o.name}")


class SocialAreaFactory(TenantFactory):
    class Meta:
        model = SocialArea

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Sozialraum {n}")
    slug = factory.Sequence(lambda n: f"sozialraum-{n}")


class SocialAreaFiguresFactory(TenantFactory):
    class Meta:
        model = SocialAreaFigures

    social_area = factory.SubFactory(SocialAreaFactory)
    commune = factory.LazyAttribute(lambda o: o.social_area.commune)
    year = 2025
    inhabitants = 12000
    children_0_3 = 350
    children_0_3_in_poverty = 90
    births = 115


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="de_DE")
    password = PASSWORD_HASH


class MembershipFactory(TenantFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    commune = factory.SubFactory(CommuneFactory)
    role = "coordinator"
