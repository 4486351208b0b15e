"""Two coordinators approving at the same moment: the year's row lock serves them one after
the other, so only one approval fits into the budget. Needs two real database connections,
which only PostgreSQL gives."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.funding.models import Application, ApplicationStatus
from lotse.funding.services.review import decide
from tests.conftest import World
from tests.funding.conftest import MakeApplication

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers and has no row locks to test (select_for_update)",
)
def test_two_coordinators_approving_at_once_cannot_exceed_the_budget(
    world: World, make_application: MakeApplication
) -> None:
    first = make_application(status=ApplicationStatus.IN_REVIEW, amount="20000")
    second = make_application(status=ApplicationStatus.IN_REVIEW, amount="20000", title="B")
    actor: User = world.user("bergkamen", Role.COORDINATOR)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(application: Application) -> None:
        try:
            start.wait()
            decide(actor=actor, application=application, decision="approved", reason="Gut")
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(app,)) for app in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    approved = Application.objects.for_commune(world.bergkamen).filter(
        status=ApplicationStatus.DECISION_PENDING
    )
    assert sum(a.approved_amount for a in approved) == Decimal("20000")
