"""Demo data of participation: families' anonymous feedback on the offers and on the
early-help contact for last year and this year, a closed partner survey of last year with
the members' answers, an open family survey with answers per social area and a draft.

Everything is generated from a fixed seed (plausible, fictional): running the demo twice
changes nothing, because a commune that already has feedback is left as it is."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from lotse.core.models import Commune, SocialArea
from lotse.demo.builders import DemoResult
from lotse.network.selectors import current_delegation_map, current_members
from lotse.offers.models import Offer
from lotse.offers.selectors import publicly_visible
from lotse.reports.participation.models import (
    Audience,
    ContactSpeed,
    Feedback,
    FeedbackSubject,
    FeltWelcome,
    HeardFrom,
    Helped,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
    WouldRecommend,
)

# Answers per offer and year, and on the contact per year (Dortmund is about ten times
# Bergkamen's size; its feedback is thinner per family, as handouts reach fewer).
OFFER_ANSWERS = {"bergkamen": (4, 14), "dortmund": (6, 24)}
CONTACT_ANSWERS = {"bergkamen": 38, "dortmund": 140}
FAMILY_SURVEY_ANSWERS = {"bergkamen": 46, "dortmund": 210}
HEARD_FROM = [
    HeardFrom.FINDER,
    HeardFrom.CLINIC,
    HeardFrom.CLINIC,
    HeardFrom.KITA,
    HeardFrom.FRIENDS,
    HeardFrom.FRIENDS,
    HeardFrom.OTHER,
]
LANGUAGES = ["de"] * 12 + ["tr", "tr", "ar", "ar", "uk", "ru", "pl", "ro", "bg", "fa", "en"]

PARTNER_QUESTIONS = [
    (
        "Welche Angebote fehlen in Ihrem Sozialraum am meisten?",
        QuestionKind.MULTIPLE,
        [
            "Hebammenversorgung",
            "Eltern-Kind-Gruppen",
            "Beratung in Familiensprachen",
            "Kita-Plätze",
        ],
    ),
    ("Wie gut funktioniert die Vermittlung ins Netzwerk?", QuestionKind.RATING, []),
    (
        "Wie viele Familien haben Sie im letzten Jahr ans Familienbüro verwiesen?",
        QuestionKind.NUMBER,
        [],
    ),
    ("Was sollte das Netzwerk im nächsten Jahr angehen?", QuestionKind.TEXT, []),
]
PARTNER_TEXTS = [
    "Mehr Sprechstunden am Nachmittag",
    "Fachtag zu Familien mit Fluchterfahrung",
    "Kürzere Wege zur Familienhebamme",
    "Gemeinsame Fortbildung zum Kinderschutz",
]
FAMILY_QUESTIONS = [
    (
        "Was würde Ihnen im Alltag mit Ihrem Kind am meisten helfen?",
        QuestionKind.MULTIPLE,
        [
            "Treffpunkte für Eltern",
            "Beratung zu Geld und Anträgen",
            "Hilfe beim Stillen",
            "Kinderbetreuung",
        ],
    ),
    (
        "Zu welcher Zeit können Sie Angebote am besten besuchen?",
        QuestionKind.SINGLE,
        ["Vormittags", "Nachmittags", "Abends", "Am Wochenende"],
    ),
    ("Wie gut finden Sie Angebote in Ihrer Nähe?", QuestionKind.RATING, []),
    ("Wie viele Kinder unter sechs Jahren leben in Ihrem Haushalt?", QuestionKind.NUMBER, []),
]


def build(result: DemoResult) -> None:
    today = timezone.localdate()
    for slug, commune in result.communes.items():
        if slug not in OFFER_ANSWERS:
            continue
        if Feedback.objects.for_commune(commune).exists():
            continue
        rng = random.Random(f"lotse-demo-participation-{slug}")  # noqa: S311  # nosec B311 - demo data
        areas = list(SocialArea.objects.for_commune(commune).order_by("name"))
        if not areas:
            continue
        with transaction.atomic():
            _feedback(commune, slug, areas, rng, today)
            _partner_survey(commune, areas, rng, today)
            _family_survey(commune, slug, areas, rng, today)


def _day(rng: random.Random, year: int, today: datetime.date) -> datetime.date:
    last = today if year == today.year else datetime.date(year, 12, 31)
    span = (last - datetime.date(year, 1, 1)).days
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, max(span, 0)))


def _answers(rng: random.Random, quality: float) -> tuple[int, str, str]:
    """A rating, "felt welcome" and "would recommend" that go together."""
    rating = max(1, min(5, round(rng.gauss(quality, 0.9))))
    welcome = (
        FeltWelcome.YES if rating >= 4 else FeltWelcome.PARTLY if rating == 3 else FeltWelcome.NO
    )
    if rating >= 4:
        recommend = WouldRecommend.YES if rng.random() < 0.9 else WouldRecommend.UNSURE
    elif rating == 3:
        recommend = rng.choice([WouldRecommend.YES, WouldRecommend.UNSURE, WouldRecommend.NO])
    else:
        recommend = WouldRecommend.NO if rng.random() < 0.7 else WouldRecommend.UNSURE
    return rating, welcome, recommend


def _offer_area(offer: Offer) -> SocialArea | None:
    areas = {area.pk: area for area in offer.service_areas.all()}
    for item in offer.offer_locations.all():
        if item.location.social_area is not None:
            areas[item.location.social_area.pk] = item.location.social_area
    return next(iter(areas.values())) if len(areas) == 1 else None


def _feedback(
    commune: Commune,
    slug: str,
    areas: list[SocialArea],
    rng: random.Random,
    today: datetime.date,
) -> None:
    offers = list(
        publicly_visible(commune, today)
        .prefetch_related("service_areas", "offer_locations__location__social_area")
        .order_by("name")[:30]
    )
    low, high = OFFER_ANSWERS[slug]
    rows: list[Feedback] = []
    for year in (today.year - 1, today.year):
        for offer in offers:
            quality = rng.uniform(3.4, 4.7)
            own_area = _offer_area(offer)
            for _index in range(rng.randint(low, high)):
                rating, welcome, recommend = _answers(rng, quality)
                chosen = rng.choice(areas) if rng.random() < 0.3 else None
                rows.append(
                    Feedback(
                        commune=commune,
                        subject=FeedbackSubject.OFFER,
                        offer=offer,
                        social_area=chosen or own_area,
                        language=rng.choice(LANGUAGES),
                        submitted_on=_day(rng, year, today),
                        rating=rating,
                        felt_welcome=welcome,
                        would_recommend=recommend,
                        heard_from=rng.choice(HEARD_FROM),
                    )
                )
        for _index in range(CONTACT_ANSWERS[slug]):
            speed = rng.choices(
                [
                    ContactSpeed.WITHIN_THREE_DAYS,
                    ContactSpeed.WITHIN_A_WEEK,
                    ContactSpeed.LATER,
                    ContactSpeed.NOT_YET,
                ],
                weights=[70, 18, 8, 4],
            )[0]
            quality = 4.4 if speed == ContactSpeed.WITHIN_THREE_DAYS else 3.2
            rating, welcome, recommend = _answers(rng, quality)
            helped = Helped.YES if rating >= 4 else Helped.PARTLY if rating == 3 else Helped.NO
            rows.append(
                Feedback(
                    commune=commune,
                    subject=FeedbackSubject.CONTACT,
                    social_area=rng.choice(areas) if rng.random() < 0.6 else None,
                    language=rng.choice(LANGUAGES),
                    submitted_on=_day(rng, year, today),
                    rating=rating,
                    felt_welcome=welcome,
                    would_recommend=recommend,
                    heard_from=rng.choice(HEARD_FROM),
                    contact_speed=speed,
                    helped=helped,
                )
            )
    Feedback.objects.for_commune(commune).bulk_create(rows)


def _questions(
    commune: Commune, survey: Survey, specs: Sequence[tuple[str, str, list[str]]]
) -> list[SurveyQuestion]:
    return [
        SurveyQuestion.objects.for_commune(commune).create(
            commune=commune,
            survey=survey,
            position=position,
            text=text,
            kind=kind,
            choices="\n".join(choices),
        )
        for position, (text, kind, choices) in enumerate(specs)
    ]


def _answer(rng: random.Random, question: SurveyQuestion) -> object:
    if question.kind == QuestionKind.SINGLE:
        return rng.choice(question.choice_list)
    if question.kind == QuestionKind.MULTIPLE:
        return rng.sample(question.choice_list, rng.randint(1, 2))
    if question.kind == QuestionKind.RATING:
        return max(1, min(5, round(rng.gauss(3.3, 1.0))))
    if question.kind == QuestionKind.NUMBER:
        return rng.randint(0, 40)
    return rng.choice(PARTNER_TEXTS)


def _partner_survey(
    commune: Commune, areas: list[SocialArea], rng: random.Random, today: datetime.date
) -> None:
    """Last year's needs assessment of the partners, closed, with the members' answers
    (made directly: the demo sends no e-mails)."""
    year = today.year - 1
    survey = Survey.objects.for_commune(commune).create(
        commune=commune,
        title=f"Bedarfserhebung Netzwerkpartner {year}",
        intro="Ihre Einschätzung hilft uns, die Präventionskette im Sozialraum zu planen.",
        audience=Audience.PARTNERS,
        opens_on=datetime.date(year, 9, 1),
        closes_on=datetime.date(year, 9, 30),
        status=SurveyStatus.CLOSED,
    )
    questions = _questions(commune, survey, PARTNER_QUESTIONS)
    members = list(current_members(commune).prefetch_related("social_areas").order_by("name"))
    delegations = current_delegation_map(commune, [member.pk for member in members])
    for member in members:
        delegate, deputy = delegations.get(member.pk, (None, None))
        person = delegate if delegate is not None and delegate.email else deputy
        if person is None or not person.email:
            continue
        invitation = SurveyInvitation.objects.for_commune(commune).create(
            commune=commune, survey=survey, organisation=member, sent_to=person.email
        )
        if rng.random() < 0.35:
            continue
        served = list(member.social_areas.all())
        SurveyResponse.objects.for_commune(commune).create(
            commune=commune,
            survey=survey,
            invitation=invitation,
            social_area=served[0] if len(served) == 1 else None,
            language="de",
            submitted_on=datetime.date(year, 9, rng.randint(2, 30)),
            answers={str(question.uuid): _answer(rng, question) for question in questions},
        )


def _family_survey(
    commune: Commune, slug: str, areas: list[SocialArea], rng: random.Random, today: datetime.date
) -> None:
    """This year's family survey, open for two months up to a fortnight from now, and a
    draft for next spring."""
    opens = today - datetime.timedelta(days=45)
    survey = Survey.objects.for_commune(commune).create(
        commune=commune,
        title="Was brauchen Familien mit kleinen Kindern?",
        intro="Fünf Minuten, anonym. Bitte nennen Sie keine Namen.",
        audience=Audience.FAMILIES,
        opens_on=opens,
        closes_on=today + datetime.timedelta(days=14),
        status=SurveyStatus.OPEN,
    )
    questions = _questions(commune, survey, FAMILY_QUESTIONS)
    SurveyResponse.objects.for_commune(commune).bulk_create(
        SurveyResponse(
            commune=commune,
            survey=survey,
            social_area=rng.choice(areas) if rng.random() < 0.8 else None,
            language=rng.choice(LANGUAGES),
            submitted_on=opens + datetime.timedelta(days=rng.randint(0, 45)),
            answers={str(question.uuid): _answer(rng, question) for question in questions},
        )
        for _index in range(FAMILY_SURVEY_ANSWERS[slug])
    )
    draft = Survey.objects.for_commune(commune).create(
        commune=commune,
        title="Rückmeldung zu den Familienbüros",
        intro="",
        audience=Audience.FAMILIES,
        opens_on=datetime.date(today.year + 1, 3, 1),
        closes_on=datetime.date(today.year + 1, 3, 31),
    )
    _questions(commune, draft, FAMILY_QUESTIONS[2:])
