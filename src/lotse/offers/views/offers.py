"""Offers: the list, creating and editing, review and publication, confirmation, history.

Pages for one offer need ``EDIT_OWN_OFFERS``; partner staff reach only their own
organisation's offers (others are "not found"), the coordination reaches all."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.access import (
    acting_user,
    capability_required,
    commune_of,
    get_for_commune,
    public_commune_view,
)
from lotse.core.locking import EditConflict
from lotse.core.permissions import Capability
from lotse.offers.access import get_offer_for_user, offers_for_user, own_organisation_ids
from lotse.offers.confirmation import offer_uuid_from_token, token_matches
from lotse.offers.forms import (
    OfferForm,
    OfferLocationForm,
    ScheduleForm,
    StatusForm,
    TranslationForm,
    offer_initial,
    provider_choices,
)
from lotse.offers.languages import LANGUAGE_CHOICES, LANGUAGE_NAMES
from lotse.offers.models import (
    STATUS_TRANSITIONS,
    Offer,
    OfferLocation,
    OfferStatus,
    Schedule,
)
from lotse.offers.presentation import age_label, cost_label, schedule_label
from lotse.offers.selectors import Freshness, catalog_settings, confirmation_due, freshness
from lotse.offers.services.offers import (
    PROVIDER_TRANSITIONS,
    change_offer_status,
    confirm_offer,
    create_offer,
    update_offer,
)
from lotse.offers.services.places import (
    add_offer_location,
    add_schedule,
    remove_offer_location,
    remove_schedule,
    remove_translation,
    save_translation,
)
from lotse.offers.views.common import add_errors, conflict_rows

OFFERS_PER_PAGE = 50


def _manages(request: HttpRequest) -> bool:
    return Capability.MANAGE_OFFERS in request.capabilities  # type: ignore[attr-defined]


def _providers(request: HttpRequest) -> Any:
    commune = commune_of(request)
    own = None if _manages(request) else own_organisation_ids(acting_user(request), commune)
    return provider_choices(commune, own)


@capability_required(Capability.EDIT_OWN_OFFERS)
def offer_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    today = timezone.localdate()
    settings = catalog_settings(commune)
    status = request.GET.get("status", "")
    offers = offers_for_user(request).select_related("provider").order_by("name")
    if status in OfferStatus.values:
        offers = offers.filter(status=status)
    counts = dict(offers_for_user(request).values_list("status").annotate(n=Count("pk")).order_by())
    page = list(offers[:OFFERS_PER_PAGE])
    rows = [
        {
            "offer": offer,
            "freshness": freshness(offer, today, settings)
            if offer.status == OfferStatus.PUBLISHED
            else None,
            "due": confirmation_due(offer, settings),
        }
        for offer in page
    ]
    context = {
        "commune": commune,
        "rows": rows,
        "more": offers.count() > OFFERS_PER_PAGE,
        "status": status,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in OfferStatus.choices],
        "manages": _manages(request),
        "Freshness": Freshness,
    }
    return render(request, "offers/offer_list.html", context)


@capability_required(Capability.EDIT_OWN_OFFERS)
def offer_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    form = OfferForm(request.POST or None, commune=commune, providers=_providers(request))
    if request.method == "POST" and form.is_valid():
        try:
            offer = create_offer(
                actor=acting_user(request),
                commune=commune,
                provider=form.cleaned_data["provider"],
                values=form.values(),
                categories=list(form.cleaned_data["categories"]),
                service_areas=list(form.cleaned_data["service_areas"]),
                languages=form.cleaned_data["languages"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The offer has been saved as a draft."))
            return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)
    return render(request, "offers/offer_form.html", {"commune": commune, "form": form})


@capability_required(Capability.EDIT_OWN_OFFERS)
def offer_edit(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    conflict = None
    if request.method != "POST":
        form = OfferForm(
            initial=offer_initial(offer), commune=commune, providers=_providers(request)
        )
    else:
        form = OfferForm(request.POST, commune=commune, providers=_providers(request))
        if form.is_valid():
            try:
                update_offer(
                    actor=acting_user(request),
                    offer=offer,
                    values=form.values(),
                    categories=list(form.cleaned_data["categories"]),
                    service_areas=list(form.cleaned_data["service_areas"]),
                    languages=form.cleaned_data["languages"],
                    expected_version=form.cleaned_data["version"],
                    provider=form.cleaned_data["provider"],
                )
            except EditConflict as error:
                conflict = conflict_rows(form, error)
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = OfferForm(data, commune=commune, providers=_providers(request))
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The offer has been saved."))
                return redirect(
                    "offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid
                )
    context = {"commune": commune, "form": form, "offer": offer, "conflict": conflict}
    return render(request, "offers/offer_form.html", context)


def _status_actions(request: HttpRequest, offer: Offer) -> list[dict[str, Any]]:
    own = offer.provider_id in own_organisation_ids(acting_user(request), commune_of(request))
    labels: dict[tuple[str, str], str] = {
        (OfferStatus.DRAFT, OfferStatus.IN_REVIEW): _("Submit for review"),
        (OfferStatus.DRAFT, OfferStatus.PUBLISHED): _("Publish"),
        (OfferStatus.IN_REVIEW, OfferStatus.PUBLISHED): _("Publish"),
        (OfferStatus.IN_REVIEW, OfferStatus.DRAFT): _("Take back")
        if own
        else _("Send back for changes"),
        (OfferStatus.IN_REVIEW, OfferStatus.WITHDRAWN): _("Withdraw"),
        (OfferStatus.PUBLISHED, OfferStatus.WITHDRAWN): _("Withdraw"),
        (OfferStatus.PUBLISHED, OfferStatus.DRAFT): _("Unpublish for revision"),
        (OfferStatus.WITHDRAWN, OfferStatus.DRAFT): _("Reopen as draft"),
    }
    actions = []
    for to_status in sorted(STATUS_TRANSITIONS[offer.status]):
        step = (offer.status, to_status)
        if step not in PROVIDER_TRANSITIONS and not _manages(request):
            continue
        actions.append({"to": to_status, "label": labels[step]})
    return actions


def _labelled(schedules: Any) -> list[Schedule]:
    labelled = list(schedules)
    for schedule in labelled:
        schedule.label = schedule_label(schedule)
    return labelled


@capability_required(Capability.EDIT_OWN_OFFERS)
def offer_detail(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    settings = catalog_settings(commune)
    today = timezone.localdate()
    offer_locations = list(
        OfferLocation.objects.filter(offer=offer)
        .select_related("location__social_area")
        .prefetch_related(Prefetch("schedules", queryset=Schedule.objects.all()))
    )
    for item in offer_locations:
        item.schedule_labels = _labelled(item.schedules.all())  # type: ignore[attr-defined]
    translated = {t.language: t for t in offer.translations.all()}
    context = {
        "commune": commune,
        "offer": offer,
        "categories": offer.categories.all(),
        "service_areas": offer.service_areas.all(),
        "languages": [LANGUAGE_NAMES.get(item.code, item.code) for item in offer.languages.all()],
        "offer_locations": offer_locations,
        "schedules": _labelled(offer.schedules.all()),
        "age": age_label(offer.age_limits),
        "cost": cost_label(offer),
        "translations": [
            {"code": code, "name": name, "translation": translated.get(code)}
            for code, name in LANGUAGE_CHOICES
            if code != "de"
        ],
        "actions": _status_actions(request, offer),
        "freshness": freshness(offer, today, settings),
        "due": confirmation_due(offer, settings),
        "location_form": OfferLocationForm(commune=commune),
        "status_form": StatusForm(),
        "Freshness": Freshness,
        "life_phases": offer.life_phases,
    }
    return render(request, "offers/offer_detail.html", context)


@capability_required(Capability.EDIT_OWN_OFFERS)
@require_POST
def offer_status(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            offer = change_offer_status(
                actor=acting_user(request),
                offer=offer,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The offer is now “%(status)s”.") % {"status": offer.get_status_display()},
            )
    return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)


@capability_required(Capability.EDIT_OWN_OFFERS)
@require_POST
def offer_confirm(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    try:
        confirm_offer(actor=acting_user(request), offer=offer)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Thank you: the offer is confirmed as current."))
    return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)


@public_commune_view
def offer_confirm_link(request: HttpRequest, commune_slug: str, token: str) -> HttpResponse:
    """The one-click confirmation from a reminder e-mail: no login, the signed link is
    the proof. GET shows the button (link scanners of mail servers only GET), POST
    confirms."""
    commune = commune_of(request)
    found = offer_uuid_from_token(token)
    if found is None:
        raise Http404(_("Not found."))
    offer = get_for_commune(Offer, commune, found[0])
    done = False
    still_valid = token_matches(offer, found[1]) and offer.status == OfferStatus.PUBLISHED
    if request.method == "POST" and still_valid:
        confirm_offer(actor=None, offer=offer)
        done = True
    context = {"commune": commune, "offer": offer, "valid": still_valid, "done": done}
    return render(request, "offers/confirm_link.html", context)


def _field_labels() -> dict[str, str]:
    """Field names of the history in the reader's words."""
    labels = {
        field.name: str(field.verbose_name)
        for field in Offer._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    labels |= {"location": _("Place"), "schedule": _("Time"), "provider": _("Provider")}
    return labels


@capability_required(Capability.EDIT_OWN_OFFERS)
def offer_history(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    offer = get_offer_for_user(request, offer_uuid)
    revisions = list(offer.revisions.select_related("actor"))
    labels = _field_labels()
    for revision in revisions:
        revision.rows = [  # type: ignore[attr-defined]
            (labels.get(field.split(":")[-1], field), before, after)
            for field, (before, after) in revision.changes.items()
        ]
    context = {"commune": commune_of(request), "offer": offer, "revisions": revisions}
    return render(request, "offers/offer_history.html", context)


@capability_required(Capability.EDIT_OWN_OFFERS)
@require_POST
def offer_location_add(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    form = OfferLocationForm(request.POST, commune=commune)
    if form.is_valid():
        try:
            add_offer_location(
                actor=acting_user(request),
                offer=offer,
                location=form.cleaned_data["location"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The place has been added."))
    else:
        messages.error(request, _("Please choose a place."))
    return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)


@capability_required(Capability.EDIT_OWN_OFFERS)
@require_POST
def offer_location_remove(
    request: HttpRequest, commune_slug: str, offer_uuid: str, offer_location_uuid: str
) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    offer_location = OfferLocation.objects.filter(offer=offer, uuid=offer_location_uuid).first()
    if offer_location is None:
        raise Http404(_("Not found."))
    remove_offer_location(actor=acting_user(request), offer_location=offer_location)
    messages.success(request, _("The place has been removed from the offer."))
    return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)


@capability_required(Capability.EDIT_OWN_OFFERS)
def schedule_add(request: HttpRequest, commune_slug: str, offer_uuid: str) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    form = ScheduleForm(request.POST or None, offer=offer)
    if request.method == "POST" and form.is_valid():
        try:
            add_schedule(
                actor=acting_user(request),
                offer=offer,
                offer_location=form.cleaned_data["offer_location"],
                values=form.values(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The time has been added."))
            return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)
    context = {"commune": commune, "offer": offer, "form": form}
    return render(request, "offers/schedule_form.html", context)


@capability_required(Capability.EDIT_OWN_OFFERS)
@require_POST
def schedule_remove(
    request: HttpRequest, commune_slug: str, offer_uuid: str, schedule_uuid: str
) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    schedule = Schedule.objects.filter(
        Q(offer=offer) | Q(offer_location__offer=offer), uuid=schedule_uuid
    ).first()
    if schedule is None:
        raise Http404(_("Not found."))
    remove_schedule(actor=acting_user(request), offer=offer, schedule=schedule)
    messages.success(request, _("The time has been removed."))
    return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)


@capability_required(Capability.EDIT_OWN_OFFERS)
def translation_edit(
    request: HttpRequest, commune_slug: str, offer_uuid: str, language: str
) -> HttpResponse:
    commune = commune_of(request)
    offer = get_offer_for_user(request, offer_uuid)
    if language not in LANGUAGE_NAMES or language == "de":
        raise Http404(_("Not found."))
    existing = offer.translations.filter(language=language).first()
    initial = (
        {"name": existing.name, "summary": existing.summary, "description": existing.description}
        if existing
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and "remove" in request.POST:
        remove_translation(actor=acting_user(request), offer=offer, language=language)
        messages.success(request, _("The translation has been removed."))
        return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)
    if request.method == "POST" and form.is_valid():
        try:
            save_translation(
                actor=acting_user(request), offer=offer, language=language, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The translation has been saved."))
            return redirect("offers:offer_detail", commune_slug=commune.slug, offer_uuid=offer.uuid)
    context = {
        "commune": commune,
        "offer": offer,
        "form": form,
        "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "existing": existing,
    }
    return render(request, "offers/translation_form.html", context)
