"""A user's own personal API tokens in a commune: list, create (shown once), revoke."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from lotse.core.access import acting_user, capability_required, commune_of
from lotse.core.forms.tokens import ApiTokenForm
from lotse.core.models import ApiToken
from lotse.core.permissions import Capability
from lotse.core.services.tokens import create_api_token, revoke_api_token


def _render_list(request: HttpRequest, form: ApiTokenForm) -> HttpResponse:
    commune = commune_of(request)
    tokens = ApiToken.objects.for_commune(commune).filter(user=request.user)
    return render(
        request,
        "core/tokens/token_list.html",
        {"commune": commune, "tokens": tokens, "form": form},
    )


@capability_required(Capability.VIEW_COMMUNE_HOME)
@require_safe
def token_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return _render_list(request, ApiTokenForm())


@capability_required(Capability.VIEW_COMMUNE_HOME)
@require_POST
@never_cache
def token_create(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Create a token and show its clear text on this one page, never again."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _render_list(request, form)
    commune = commune_of(request)
    token, clear_text = create_api_token(
        actor=acting_user(request), commune=commune, name=form.cleaned_data["name"]
    )
    return render(
        request,
        "core/tokens/token_created.html",
        {"commune": commune, "token": token, "clear_text": clear_text},
    )


@capability_required(Capability.VIEW_COMMUNE_HOME)
@require_POST
def token_revoke(request: HttpRequest, commune_slug: str, token_uuid: UUID) -> HttpResponse:
    """Revoke one of the user's own tokens; anyone else's token is "not found"."""
    commune = commune_of(request)
    token = (
        ApiToken.objects.for_commune(commune)
        .filter(user=request.user, uuid=token_uuid)
        .select_related("commune")
        .first()
    )
    if token is None:
        raise Http404(_("Not found."))
    revoke_api_token(actor=acting_user(request), token=token)
    messages.success(
        request, _("The API token “%(name)s” has been revoked.") % {"name": token.name}
    )
    return redirect("core:token_list", commune_slug=commune.slug)
