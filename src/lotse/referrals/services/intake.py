"""Taking referrals in: from staff forms, the clinic form, the API and the public
"Kontakt wünschen" form. No consent, no referral from a third party."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, Membership, SocialArea, User
from lotse.core.permissions import Capability, Role
from lotse.core.workdays import add_working_days, local_date
from lotse.network.models import Organisation
from lotse.offers.models import Offer
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import (
    Child,
    Consent,
    ConsentChannel,
    ConsentScope,
    ConsentText,
    Family,
    Referral,
    ReferralSource,
    ReferralStatus,
    ReferralStatusChange,
    ScreeningResult,
    ScreeningSheet,
)

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
# A due date further ahead than a pregnancy lasts is a typing error.
LONGEST_PREGNANCY = timedelta(days=300)
PERSONAL_FIELDS = frozenset({"family", "need", "children", "consent_given_by"})


@dataclass
class ChildInput:
    first_name: str = ""
    birth_date: date | None = None
    due_date: date | None = None
    premature: bool = False
    malformation: bool = False
    syndromic_illness: bool = False
    other_illness: bool = False
    health_notes: str = ""


@dataclass
class FamilyInput:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    parents: str = ""
    reach_notes: str = ""
    social_area: SocialArea | None = None
    languages: list[str] = field(default_factory=list)


@dataclass
class ConsentInput:
    text: ConsentText
    given_at: datetime
    scope: list[str]
    channel: str
    given_by: str


@dataclass
class ScreeningInput:
    sheet: ScreeningSheet
    ticked_positions: list[int]
    observation: str = ""
    flagged_by_observation: bool = False


def contact_due_by(commune: Commune, received_at: datetime) -> date:
    """The last day for the first contact: the commune's working days after receipt."""
    return add_working_days(commune, received_at, commune.contact_deadline_working_days)


def current_consent_text(commune: Commune) -> ConsentText | None:
    text: ConsentText | None = (
        ConsentText.objects.for_commune(commune).filter(is_current=True).first()
    )
    return text


def referral_errors(
    *,
    commune: Commune,
    source: str,
    received_at: datetime | None,
    family: FamilyInput,
    children: list[ChildInput],
    need: str,
    consent: ConsentInput | None,
    now: datetime,
) -> dict[str, list[str]]:
    """Every rule a new referral must meet, as field → German messages (empty: fine)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if source not in ReferralSource.values:
        add("source", _("Please choose where the referral comes from."))
    if received_at is None:
        add("received_at", _("Please give when the referral was received."))
    elif received_at > now:
        add("received_at", _("A referral cannot be received in the future."))
    if not family.name.strip():
        add("family.name", _("Please give the family's name."))
    if not (family.phone.strip() or family.email.strip() or family.address.strip()):
        add("family.phone", _("Please give at least one way to reach the family."))
    if family.social_area is not None and family.social_area.commune_id != commune.pk:
        add("family.social_area", _("This social area does not belong to the commune."))
    for code in family.languages:
        if not LANGUAGE_CODE.match(code):
            add(
                "family.languages",
                _("“%(code)s” is not a two-letter language code (ISO 639-1).") % {"code": code},
            )
    if not need.strip():
        add("need", _("Please describe the need in the referrer's words."))
    _children_errors(children, today=local_date(now), add=add)
    if source != ReferralSource.FAMILY:
        _consent_errors(commune=commune, consent=consent, received_at=received_at, add=add)
    return errors


def _children_errors(
    children: list[ChildInput], *, today: date, add: Callable[[str, str], None]
) -> None:
    if not children:
        add("children", _("Please name at least one child or the expected child."))
    for position, child in enumerate(children):
        name = f"children.{position}"
        if (child.birth_date is None) == (child.due_date is None):
            add(name, _("Please give either the birth date or the due date of each child."))
        if child.birth_date is not None and child.birth_date > today:
            add(f"{name}.birth_date", _("A birth date cannot lie in the future."))
        if child.due_date is not None and child.due_date > today + LONGEST_PREGNANCY:
            add(f"{name}.due_date", _("This due date lies too far ahead."))


def _consent_errors(
    *,
    commune: Commune,
    consent: ConsentInput | None,
    received_at: datetime | None,
    add: Callable[[str, str], None],
) -> None:
    if consent is None:
        add(
            "consent",
            _(
                "Without the family's consent the data cannot be passed on. Please give the "
                "family the early-help team's contact instead."
            ),
        )
        return
    if consent.text.commune_id != commune.pk:
        add("consent.text_version", _("This consent text does not belong to the commune."))
    elif not consent.text.is_current:
        add(
            "consent.text_version",
            _(
                "Consent text version %(version)s is no longer current; please use version "
                "%(current)s."
            )
            % {
                "version": consent.text.version,
                "current": getattr(current_consent_text(commune), "version", "–"),
            },
        )
    if ConsentScope.PASS_TO_EARLY_HELP not in consent.scope:
        add(
            "consent.scope",
            _("The consent must allow passing the data to the early-help team."),
        )
    unknown = [scope for scope in consent.scope if scope not in ConsentScope.values]
    if unknown:
        add("consent.scope", _("Unknown scope: %(scope)s.") % {"scope": ", ".join(unknown)})
    if consent.channel not in ConsentChannel.values:
        add("consent.channel", _("Please choose how the consent was given."))
    if not consent.given_by.strip():
        add("consent.given_by", _("Please name who gave the consent."))
    if received_at is not None and consent.given_at > received_at:
        add(
            "consent.given_at",
            _("The consent must have been given before the referral was passed on."),
        )


def _referring_organisation(
    actor: User, commune: Commune, organisation: Organisation | None
) -> Organisation | None:
    """Partner staff refer for their own organisation, whatever the form said."""
    bound = (
        Membership.objects.for_commune(commune)
        .filter(user=actor, role=Role.PARTNER_STAFF, is_active=True)
        .select_related("organisation")
        .first()
    )
    if bound is not None:
        found: Organisation | None = bound.organisation
        return found
    if organisation is not None and organisation.commune_id != commune.pk:
        raise PermissionDenied
    return organisation


@transaction.atomic
def create_referral(
    *,
    actor: User | None,
    commune: Commune,
    source: str,
    received_at: datetime | None,
    family: FamilyInput,
    children: list[ChildInput],
    need: str,
    consent: ConsentInput | None,
    referring_organisation: Organisation | None = None,
    screening: ScreeningInput | None = None,
    offer: Offer | None = None,
) -> Referral:
    """Record a referral with its family, children and consent; the contact deadline is
    the commune's working days after receipt. ``actor`` None is the family itself (the
    public form). Raises ValidationError with every problem at once."""
    now = timezone.now()
    if actor is not None:
        require_actor_capability(actor, commune, Capability.REFER_FAMILIES)
        referring_organisation = _referring_organisation(actor, commune, referring_organisation)
    elif source != ReferralSource.FAMILY:
        raise PermissionDenied
    errors = referral_errors(
        commune=commune,
        source=source,
        received_at=received_at,
        family=family,
        children=children,
        need=need,
        consent=consent,
        now=now,
    )
    if screening is not None and screening.sheet.commune_id != commune.pk:
        errors.setdefault("screening", []).append(_("Unknown screening sheet."))
    if errors:
        raise ValidationError(errors)
    if received_at is None:  # reported by referral_errors; for the type checker
        raise ValidationError({"received_at": _("Please give when the referral was received.")})
    family_row = Family.all_communes.create(
        commune=commune,
        name=family.name.strip(),
        parents=family.parents.strip(),
        phone=family.phone.strip(),
        email=family.email.strip(),
        address=family.address.strip(),
        reach_notes=family.reach_notes.strip(),
        social_area=family.social_area,
        languages=sorted(set(family.languages)),
    )
    for child in children:
        Child.all_communes.create(
            commune=commune,
            family=family_row,
            first_name=child.first_name.strip(),
            birth_date=child.birth_date,
            due_date=child.due_date,
            premature=child.premature,
            malformation=child.malformation,
            syndromic_illness=child.syndromic_illness,
            other_illness=child.other_illness,
            health_notes=child.health_notes.strip(),
        )
    consent_row = None
    if consent is not None:
        consent_row = Consent.all_communes.create(
            commune=commune,
            family=family_row,
            text=consent.text,
            scope=sorted(set(consent.scope)),
            given_at=consent.given_at,
            channel=consent.channel,
            given_by=consent.given_by.strip(),
            recorded_by=actor,
        )
    referral: Referral = Referral.all_communes.create(
        commune=commune,
        family=family_row,
        consent=consent_row,
        source=source,
        received_at=received_at,
        entered_at=now,
        entered_by=actor,
        referring_user=actor,
        referring_organisation=referring_organisation,
        need=need.strip(),
        offer=offer if offer is not None and offer.commune_id == commune.pk else None,
        contact_due_by=contact_due_by(commune, received_at),
        status=ReferralStatus.CONTACT_DUE,
    )
    ReferralStatusChange.all_communes.create(
        commune=commune,
        referral=referral,
        from_status=ReferralStatus.RECEIVED,
        to_status=ReferralStatus.CONTACT_DUE,
        actor=actor,
        at=now,
    )
    if screening is not None:
        _record_screening(referral, screening)
    record(
        actor=actor,
        commune=commune,
        action=ReferralAction.REFERRAL_RECEIVED,
        target=referral,
        changes={
            "source": (None, source),
            "received_at": (None, received_at.isoformat()),
            "contact_due_by": (None, referral.contact_due_by.isoformat()),
            "family": (None, family.name),
            "need": (None, need),
            "children": (None, len(children)),
        },
        personal_fields=PERSONAL_FIELDS,
    )
    return referral


def _record_screening(referral: Referral, screening: ScreeningInput) -> ScreeningResult:
    items = {item.position: item.points for item in screening.sheet.items.all()}
    ticked = sorted({position for position in screening.ticked_positions if position in items})
    result: ScreeningResult = ScreeningResult.all_communes.create(
        commune=referral.commune,
        referral=referral,
        sheet=screening.sheet,
        ticked_positions=",".join(str(position) for position in ticked),
        score=sum(items[position] for position in ticked),
        observation=screening.observation.strip(),
        flagged_by_observation=screening.flagged_by_observation,
    )
    return result


def request_contact(
    *,
    commune: Commune,
    name: str,
    phone: str,
    email: str,
    social_area: SocialArea | None,
    languages: list[str],
    message: str,
    youngest_birth_date: date | None,
    due_date: date | None,
    offer: Offer | None = None,
) -> Referral:
    """The public "Kontakt wünschen" form: the family asks the team to contact it. Its
    consent (ticked on the form) covers storing its details to contact it."""
    now = timezone.now()
    text = current_consent_text(commune)
    consent = (
        ConsentInput(
            text=text,
            given_at=now,
            scope=[ConsentScope.PASS_TO_EARLY_HELP],
            channel=ConsentChannel.ONLINE,
            given_by=name,
        )
        if text is not None
        else None
    )
    return create_referral(
        actor=None,
        commune=commune,
        source=ReferralSource.FAMILY,
        received_at=now,
        family=FamilyInput(
            name=name, phone=phone, email=email, social_area=social_area, languages=languages
        ),
        children=[
            ChildInput(
                birth_date=youngest_birth_date,
                due_date=None if youngest_birth_date else due_date,
            )
        ]
        if youngest_birth_date or due_date
        else [],
        need=message,
        consent=consent,
        offer=offer,
    )
