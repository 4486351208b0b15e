"""Figures are aggregates only; coordinators keep the intake settings, consent texts and
the screening sheet; health professionals document § 4 KKG procedures apart and alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.utils import timezone

from lotse.core.models import AuditEvent, User
from lotse.core.permissions import Role
from lotse.offers.models import Offer, OfferStatus
from lotse.referrals.audit import ReferralAction
from lotse.referrals.figures import referral_figures
from lotse.referrals.models import (
    ConsentText,
    ContactChannel,
    ContactOutcome,
    IntakeSettings,
    ProcedureStage,
    Referral,
    ReferralSource,
    ScreeningSheet,
)
from lotse.referrals.services import log_contact_attempt
from lotse.referrals.services.intake import request_contact
from lotse.referrals.services.procedures import add_step, get_procedure, open_procedure
from tests.conftest import World
from tests.core.factories import MembershipFactory, UserFactory
from tests.referrals.factories import refer

BERLIN = ZoneInfo("Europe/Berlin")


@time_machine.travel(datetime(2026, 6, 30, 12, tzinfo=BERLIN), tick=False)
def test_figures_count_by_source_area_month_deadline_and_days_to_contact(
    world: World, navigator: User, worker: User
) -> None:
    april = refer(
        actor=navigator,
        commune=world.bergkamen,
        received_at=datetime(2026, 4, 2, 10, tzinfo=BERLIN),
    )
    refer(
        actor=world.user("bergkamen", Role.PARTNER_STAFF),
        commune=world.bergkamen,
        source=ReferralSource.PARTNER,
        received_at=datetime(2026, 5, 4, 10, tzinfo=BERLIN),
    )
    refer(actor=world.user("dortmund", Role.NAVIGATOR), commune=world.dortmund)
    log_contact_attempt(
        actor=worker,
        referral=april,
        at=datetime(2026, 4, 14, 9, tzinfo=BERLIN),
        channel=ContactChannel.PHONE,
        outcome=ContactOutcome.REACHED,
    )
    figures = referral_figures(world.bergkamen, date(2026, 1, 1), date(2026, 6, 30))
    assert figures.total == 2, "Dortmund's referral is not Bergkamen's"
    assert figures.by_source == {"birth_clinic": 1, "partner": 1}
    assert figures.by_social_area == {"mitte": 2}
    assert figures.by_month == {"2026-04": 1, "2026-05": 1}
    assert figures.deadlines_decided == 1
    assert figures.share_of_deadlines_met == 0.0
    assert figures.average_days_to_first_contact == 12


def test_the_coordinator_sets_the_numbers_the_forms_show(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post(
        "/bergkamen/zugaenge/einstellungen/",
        {
            "asd_name": "ASD Bergkamen",
            "asd_phone": "02307 000-100",
            "police_phone": "110",
            "team_name": "Familienbüro",
            "team_phone": "02307 000-200",
            "digest_recipients": "team@bergkamen.example\nkein-mail",
        },
    )
    assert response.status_code == 200, "a bad address is refused"
    assert not IntakeSettings.objects.for_commune(world.bergkamen).exists()
    response = client.post(
        "/bergkamen/zugaenge/einstellungen/",
        {
            "asd_name": "ASD Bergkamen",
            "asd_phone": "02307 000-100",
            "police_phone": "110",
            "team_name": "Familienbüro",
            "team_phone": "02307 000-200",
            "digest_recipients": "team@bergkamen.example",
        },
    )
    assert response.status_code == 302
    assert IntakeSettings.objects.for_commune(world.bergkamen).get().asd_phone == "02307 000-100"
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=ReferralAction.SETTINGS_CHANGED)
        .exists()
    )


def test_a_new_consent_text_is_a_new_version_and_the_old_one_stays(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    values = {
        "title": "Einwilligung",
        "purpose": "Kontakt",
        "data_passed": "Name, Telefon",
        "recipients": "Familienbüro",
        "withdrawal": "formlos",
    }
    client.post("/bergkamen/zugaenge/einwilligungstexte/", values)
    client.post("/bergkamen/zugaenge/einwilligungstexte/", {**values, "purpose": "Beratung"})
    texts = ConsentText.objects.for_commune(world.bergkamen).order_by("version")
    assert [(text.version, text.is_current, text.purpose) for text in texts] == [
        (1, False, "Kontakt"),
        (2, True, "Beratung"),
    ]
    assert texts[0].data == "Name, Telefon"


def test_the_screening_sheet_is_defined_line_by_line(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    url = "/bergkamen/zugaenge/screening/"
    bad = client.post(url, {"name": "Bogen", "threshold": 3, "items": "zwei Punkte ohne Zahl"})
    assert "Zeile 1" in bad.content.decode()
    client.post(url, {"name": "Bogen", "threshold": 3, "items": "2; Erschöpft\n1; Allein"})
    sheet = ScreeningSheet.objects.for_commune(world.bergkamen).get(is_active=True)
    assert [(item.points, item.text) for item in sheet.items.all()] == [
        (2, "Erschöpft"),
        (1, "Allein"),
    ]


def test_a_contact_request_on_an_offer_remembers_the_offer(world: World) -> None:
    offer = Offer.all_communes.create(
        commune=world.bergkamen,
        provider=world.organisations["bergkamen"],
        name="Baby-Café",
        description="Treffen",
        status=OfferStatus.PUBLISHED,
    )
    referral = request_contact(
        commune=world.bergkamen,
        name="Familie Café",
        phone="0171 1",
        email="",
        social_area=None,
        languages=[],
        message="Wann ist das Café?",
        youngest_birth_date=timezone.localdate() - timedelta(days=90),
        due_date=None,
        offer=offer,
    )
    assert Referral.objects.for_commune(world.bergkamen).get().offer == offer
    assert referral.offer == offer


def test_a_kkg_procedure_goes_forward_and_only_its_author_reads_it(world: World) -> None:
    midwife = world.user("bergkamen", Role.HEALTH_PROFESSIONAL)
    procedure = open_procedure(
        actor=midwife,
        commune=world.bergkamen,
        pseudonym="Familie A., März",
        indications="Säugling oft allein",
    )
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        add_step(
            actor=midwife,
            procedure=procedure,
            stage=ProcedureStage.SPECIALIST_ADVICE,
            at=now,
            notes="Beraten",
        )
    assert "specialist" in error.value.message_dict
    add_step(
        actor=midwife,
        procedure=procedure,
        stage=ProcedureStage.SPECIALIST_ADVICE,
        at=now,
        notes="Beraten",
        specialist="Frau K., insoweit erfahrene Fachkraft",
    )
    with pytest.raises(ValidationError):
        add_step(
            actor=midwife,
            procedure=procedure,
            stage=ProcedureStage.TALK_WITH_PARENTS,
            at=now,
            notes="zurück",
        )
    procedure.refresh_from_db()
    assert procedure.stage == ProcedureStage.SPECIALIST_ADVICE
    assert procedure.family_details == ""
    colleague = UserFactory(email="fgkikp@bergkamen.test")
    MembershipFactory(user=colleague, commune=world.bergkamen, role=Role.HEALTH_PROFESSIONAL)
    with pytest.raises(Http404):
        get_procedure(actor=colleague, commune=world.bergkamen, uuid=procedure.uuid)
    assert get_procedure(actor=midwife, commune=world.bergkamen, uuid=procedure.uuid)
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=ReferralAction.PROCEDURE_READ, actor=midwife)
        .exists()
    )
