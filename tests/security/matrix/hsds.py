"""Rules for the open-data pages: HSDS export/import and the review queue (coordination),
the spreadsheet template (partner staff). The HSDS API itself is public and has its own
test (tests/security/test_hsds_api.py)."""

from __future__ import annotations

from typing import Any

from lotse.core.models import User
from lotse.core.permissions import Capability
from lotse.offers.models import OrganisationMatchReview
from tests.conftest import World
from tests.security.matrix import Access, ApiRule, Rule


def _review(world: World, user: User) -> dict[str, Any]:
    review, _created = OrganisationMatchReview.all_communes.get_or_create(
        commune=world.bergkamen,
        source="matrix.json",
        defaults={
            "imported_data": {"id": "matrix", "name": "Familienbildung Bergkamen"},
            "suspected_organisation": world.organisations["bergkamen"],
        },
    )
    return {"review_uuid": review.uuid}


def _csv(world: World, user: User) -> dict[str, Any]:
    return {"kind": "csv"}


C = Capability
WEB: dict[str, Rule] = {
    "offers:hsds_exchange": Rule(C.MANAGE_OFFERS),
    "offers:hsds_export": Rule(C.MANAGE_OFFERS),
    "offers:hsds_match_list": Rule(C.MANAGE_OFFERS),
    "offers:hsds_match_decide": Rule(C.MANAGE_OFFERS, kwargs=_review),
    "offers:hsds_partner_template": Rule(C.EDIT_OWN_OFFERS),
    "offers:hsds_partner_template_download": Rule(C.EDIT_OWN_OFFERS, kwargs=_csv),
}

API: dict[tuple[str, str], Access | ApiRule] = {}
