"""Staff pages of open data: HSDS export and import and the organisation review queue for
the coordination (``MANAGE_OFFERS``), the CSV/XLSX import template for partners
(``EDIT_OWN_OFFERS``)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core.access import acting_user, capability_required, commune_of, get_for_commune
from lotse.core.permissions import Capability
from lotse.network.models import Organisation
from lotse.offers.access import own_organisation_ids
from lotse.offers.hsds import services, template
from lotse.offers.hsds.export import export_catalog
from lotse.offers.hsds.forms import HsdsUploadForm, MatchDecisionForm, TemplateUploadForm
from lotse.offers.hsds.importer import import_catalog
from lotse.offers.hsds.reading import ImportRejected, parse_json
from lotse.offers.models import MatchReviewStatus, OrganisationMatchReview

JSON_TYPE = "application/json; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_OFFERS)
def exchange(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Export and import in HSDS 3.0; an import lists every problem and imports nothing."""
    commune = commune_of(request)
    form = HsdsUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_catalog(
                actor=acting_user(request),
                commune=commune,
                document=parse_json(upload.read()),
                source=upload.name,
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                _(
                    "%(offers)s offers imported; %(reviews)s organisations wait for a "
                    "decision in the review queue."
                )
                % {"offers": result.offers, "reviews": len(result.reviews)},
            )
            return redirect("offers:hsds_exchange", commune_slug=commune.slug)
    pending = OrganisationMatchReview.objects.for_commune(commune).filter(
        status=MatchReviewStatus.PENDING
    )
    return render(
        request,
        "offers/hsds/exchange.html",
        {"commune": commune, "form": form, "problems": problems, "pending": pending.count()},
        status=422 if problems else 200,
    )


@require_GET
@capability_required(Capability.MANAGE_OFFERS)
def export(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    body = json.dumps(export_catalog(commune), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type=JSON_TYPE)
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="hsds-{commune.slug}-{day}.json"'
    return response


@require_GET
@capability_required(Capability.MANAGE_OFFERS)
def match_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = commune_of(request)
    reviews = (
        OrganisationMatchReview.objects.for_commune(commune)
        .select_related("suspected_organisation", "resulting_organisation", "decided_by")
        .order_by("status", "-created_at")
    )
    return render(request, "offers/hsds/match_list.html", {"commune": commune, "reviews": reviews})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_OFFERS)
def match_decide(request: HttpRequest, commune_slug: str, review_uuid: Any) -> HttpResponse:
    commune = commune_of(request)
    review = get_for_commune(OrganisationMatchReview, commune, review_uuid)
    if review.status != MatchReviewStatus.PENDING or review.suspected_organisation is None:
        raise Http404(_("Not found."))
    form = MatchDecisionForm(
        request.POST or None, initial={"name": review.imported_data.get("name", "")}
    )
    if request.method == "POST" and form.is_valid():
        actor = acting_user(request)
        try:
            if form.cleaned_data["decision"] == "merge":
                organisation = services.merge_match(actor=actor, commune=commune, review=review)
            else:
                organisation = services.create_from_match(
                    actor=actor, commune=commune, review=review, name=form.cleaned_data["name"]
                )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request, _("Decided: the offers belong to “%(name)s”.") % {"name": organisation}
            )
            return redirect("offers:hsds_match_list", commune_slug=commune.slug)
    imported = review.imported_data
    return render(
        request,
        "offers/hsds/match_decide.html",
        {
            "commune": commune,
            "review": review,
            "form": form,
            "imported": _imported_summary(imported),
            "offer_count": len(imported.get("lotse_offer_ids", [])),
        },
    )


def _imported_summary(imported: dict[str, Any]) -> dict[str, str]:
    from lotse.offers.hsds.importer import organisation_values  # noqa: PLC0415

    values = organisation_values(imported)
    return {key: str(value) for key, value in values.items() if key != "sector"}


def _own_organisations(request: HttpRequest) -> Any:
    commune = commune_of(request)
    return Organisation.objects.for_commune(commune).filter(
        pk__in=own_organisation_ids(acting_user(request), commune)
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.EDIT_OWN_OFFERS)
def partner_template(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Download the template; upload it filled in: every row is checked, all or nothing."""
    commune = commune_of(request)
    providers = _own_organisations(request)
    form = TemplateUploadForm(request.POST or None, request.FILES or None, providers=providers)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = template.import_template(
                actor=acting_user(request),
                commune=commune,
                provider=form.cleaned_data["provider"],
                name=upload.name,
                raw=upload.read(),
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                _(
                    "%(count)s offers imported as drafts. Check them and send them to the "
                    "coordination for review."
                )
                % {"count": len(created)},
            )
            return redirect("offers:hsds_partner_template", commune_slug=commune.slug)
    return render(
        request,
        "offers/hsds/partner_template.html",
        {
            "commune": commune,
            "form": form,
            "problems": problems,
            "columns": template.COLUMNS,
        },
        status=422 if problems else 200,
    )


@require_GET
@capability_required(Capability.EDIT_OWN_OFFERS)
def partner_template_download(request: HttpRequest, commune_slug: str, kind: str) -> HttpResponse:
    if kind == "csv":
        response = HttpResponse(template.template_csv(), content_type="text/csv; charset=utf-8")
    elif kind == "xlsx":
        response = HttpResponse(template.template_xlsx(), content_type=XLSX_TYPE)
    else:
        raise Http404(_("Not found."))
    response["Content-Disposition"] = f'attachment; filename="lotse-angebote-vorlage.{kind}"'
    return response
