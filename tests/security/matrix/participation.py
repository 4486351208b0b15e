"""Rules for participation: the feedback and survey forms are public (the commune is named
in the URL); handouts for partner staff's own offers, the coordination office and
early-help workers; surveys for the coordination office; evaluations for those who read
reports (planners included: aggregates only)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from lotse.core.models import User
from lotse.core.permissions import ROLE_CAPABILITIES, Capability
from lotse.offers.models import Offer, OfferStatus
from lotse.reports.participation.models import (
    Audience,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyStatus,
)
from tests.conftest import World
from tests.security.matrix import PUBLIC, Access, ApiRule, Rule

C = Capability


def _bergkamen(world: World, user: User) -> dict[str, Any]:
    return {"commune_slug": "bergkamen"}


def _offer(world: World) -> Offer:
    offer, _created = Offer.all_communes.get_or_create(
        commune=world.bergkamen,
        name="Elterncafé (Beteiligung)",
        defaults={
            "provider": world.organisations["bergkamen"],
            "description": "Treffen für Eltern.",
            "status": OfferStatus.PUBLISHED,
            "last_confirmed_at": timezone.localdate() - datetime.timedelta(days=1),
        },
    )
    return offer


def _public_offer(world: World, user: User) -> dict[str, Any]:
    return {"commune_slug": "bergkamen", "offer_uuid": _offer(world).uuid}


def _staff_offer(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _offer(world).uuid}


def _survey(world: World, audience: str, status: str) -> Survey:
    today = timezone.localdate()
    survey, _created = Survey.all_communes.get_or_create(
        commune=world.bergkamen,
        title=f"Bedarfe ({audience}, {status})",
        defaults={
            "audience": audience,
            "status": status,
            "opens_on": today - datetime.timedelta(days=1),
            "closes_on": today + datetime.timedelta(days=30),
        },
    )
    SurveyQuestion.all_communes.get_or_create(
        commune=world.bergkamen,
        survey=survey,
        text="Wie zufrieden sind Sie?",
        defaults={"kind": QuestionKind.RATING},
    )
    return survey


def _draft(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _survey(world, Audience.FAMILIES, SurveyStatus.DRAFT).uuid}


def _open_family_survey(world: World, user: User) -> dict[str, Any]:
    return {"uuid": _survey(world, Audience.FAMILIES, SurveyStatus.OPEN).uuid}


def _public_family_survey(world: World, user: User) -> dict[str, Any]:
    return {"commune_slug": "bergkamen", **_open_family_survey(world, user)}


def _question(world: World, user: User) -> dict[str, Any]:
    survey = _survey(world, Audience.FAMILIES, SurveyStatus.DRAFT)
    question = SurveyQuestion.all_communes.filter(survey=survey).first()
    return {"uuid": survey.uuid, "question_uuid": question.uuid}


def _partner_token(world: World, user: User) -> dict[str, Any]:
    survey = _survey(world, Audience.PARTNERS, SurveyStatus.OPEN)
    invitation, _created = SurveyInvitation.all_communes.get_or_create(
        commune=world.bergkamen,
        survey=survey,
        organisation=world.organisations["bergkamen"],
        defaults={"sent_to": "delegate@bergkamen.test"},
    )
    return {"commune_slug": "bergkamen", "token": invitation.token}


def _may_hand_out_contact(world: World, user: User) -> bool:
    capabilities = ROLE_CAPABILITIES[
        next(role for (commune, role), found in world.users.items() if found == user)
    ]
    return bool(capabilities & {C.MANAGE_OFFERS, C.MANAGE_REPORTS, C.WORK_CASES})


WEB: dict[str, Rule] = {
    "participation:offer_feedback": Rule(PUBLIC, kwargs=_public_offer),
    "participation:contact_feedback": Rule(PUBLIC, kwargs=_bergkamen),
    "participation:family_survey": Rule(PUBLIC, kwargs=_public_family_survey),
    "participation:partner_survey": Rule(PUBLIC, kwargs=_partner_token),
    "participation:handouts": Rule(C.EDIT_OWN_OFFERS),
    "participation:offer_handout": Rule(C.EDIT_OWN_OFFERS, kwargs=_staff_offer),
    # The offer belongs to the partner staff's own organisation (other organisations'
    # offers: tests/participation/test_handouts.py).
    "participation:offer_handout_pdf": Rule(C.EDIT_OWN_OFFERS, kwargs=_staff_offer),
    "participation:contact_handout": Rule(C.VIEW_COMMUNE_HOME, only=_may_hand_out_contact),
    "participation:contact_handout_pdf": Rule(C.VIEW_COMMUNE_HOME, only=_may_hand_out_contact),
    "participation:feedback_overview": Rule(C.VIEW_REPORTS),
    "participation:survey_results_list": Rule(C.VIEW_REPORTS),
    "participation:survey_results": Rule(C.VIEW_REPORTS, kwargs=_open_family_survey),
    "participation:survey_export": Rule(C.VIEW_REPORTS, kwargs=_open_family_survey),
    "participation:survey_list": Rule(C.MANAGE_REPORTS),
    "participation:survey_create": Rule(C.MANAGE_REPORTS),
    "participation:survey_detail": Rule(C.MANAGE_REPORTS, kwargs=_draft),
    "participation:survey_edit": Rule(C.MANAGE_REPORTS, kwargs=_draft),
    "participation:survey_handout_pdf": Rule(C.MANAGE_REPORTS, kwargs=_open_family_survey),
    "participation:survey_open": Rule(C.MANAGE_REPORTS, post_only=True, kwargs=_draft),
    "participation:survey_close": Rule(
        C.MANAGE_REPORTS, post_only=True, kwargs=_open_family_survey
    ),
    "participation:question_add": Rule(C.MANAGE_REPORTS, kwargs=_draft),
    "participation:question_edit": Rule(C.MANAGE_REPORTS, kwargs=_question),
    "participation:question_delete": Rule(C.MANAGE_REPORTS, post_only=True, kwargs=_question),
    "participation:question_move": Rule(C.MANAGE_REPORTS, post_only=True, kwargs=_question),
}

API: dict[tuple[str, str], Access | ApiRule] = {}
