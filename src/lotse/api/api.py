"""The JSON API, version 1 (django-ninja, OpenAPI 3.1).

Every operation needs a personal API token (``Authorization: Bearer <token>``) unless it
says ``auth=None``; the token binds the caller to one commune, and the operations only
ever read that commune's data. Operations check capabilities with
:func:`lotse.api.auth.require`, never role names.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest
from django_tasks_db.models import DBTaskResult
from ninja import NinjaAPI, Status

from lotse.api import meetings, network, offers, referrals
from lotse.api.auth import principal, require, token_auth
from lotse.api.errors import install_exception_handlers
from lotse.api.schemas import (
    CommuneOut,
    ErrorOut,
    FiguresOut,
    HealthOut,
    MeOut,
    PingOut,
    SocialAreaOut,
)
from lotse.core.models import active_roles
from lotse.core.permissions import Capability
from lotse.core.selectors import social_areas_with_latest_figures

api_v1 = NinjaAPI(
    title="Lotse API",
    version="1",
    description=(
        "JSON API of Lotse. Authenticate with a personal API token, sent as "
        "`Authorization: Bearer <token>`; create one under “API tokens” in your commune "
        "or with `lotse create-token`. A token is bound to one commune and to its owner's "
        "roles there. Errors are JSON objects with a `detail`."
    ),
    urls_namespace="api-v1",
    docs_url=None,  # Swagger UI would load scripts from a CDN; the CSP forbids that.
    auth=token_auth,
)
install_exception_handlers(api_v1)
for _area in (network, meetings, offers, referrals):
    api_v1.add_router("/", _area.router)

UNAUTHENTICATED = {401: ErrorOut}
FORBIDDEN = {401: ErrorOut, 403: ErrorOut}


@api_v1.get(
    "/ping",
    response={200: PingOut},
    auth=None,
    tags=["operations"],
    summary="Liveness",
)
def ping(request: HttpRequest) -> PingOut:
    """Whether the application process answers at all, without touching the database:
    for a load balancer's liveness check (``/health`` is the readiness check)."""
    return PingOut(status="ok")


@api_v1.get(
    "/health",
    response={200: HealthOut, 503: HealthOut},
    auth=None,
    tags=["operations"],
    summary="Service health",
)
def health(request: HttpRequest) -> Status[HealthOut]:
    """Whether the service, its database and its task queue are reachable. Needs no
    token."""
    database = _reachable(_ping_database)
    task_queue = _reachable(_ping_task_queue) if database == "reachable" else "unreachable"
    ok = database == task_queue == "reachable"
    return Status(
        200 if ok else 503,
        HealthOut(status="ok" if ok else "unavailable", database=database, task_queue=task_queue),
    )


def _ping_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _ping_task_queue() -> None:
    DBTaskResult.objects.only("id").first()


def _reachable(ping: Callable[[], None]) -> str:
    try:
        ping()
    except DatabaseError:
        return "unreachable"
    return "reachable"


@api_v1.get(
    "/me",
    response={200: MeOut, **UNAUTHENTICATED},
    tags=["account"],
    summary="The token's owner and commune",
)
def me(request: HttpRequest) -> MeOut:
    """The user the token belongs to, the commune it is bound to, the user's active roles
    there and the capabilities they give, which are the token's rights."""
    caller = principal(request)
    return MeOut(
        email=caller.user.email,
        name=caller.user.full_name,
        commune=CommuneOut(slug=caller.commune.slug, name=caller.commune.name),
        roles=sorted(active_roles(caller.user, caller.commune)),
        capabilities=sorted(capability.value for capability in caller.capabilities),
    )


@api_v1.get(
    "/social-areas",
    response={200: list[SocialAreaOut], **FORBIDDEN},
    tags=["commune"],
    summary="Social areas and their figures",
)
def social_areas(request: HttpRequest) -> list[SocialAreaOut]:
    """The social areas (Sozialräume, Stadtbezirke) of the token's commune, with their
    population figures per year, newest first. Needs the capability `view_commune_home`."""
    commune = require(request, Capability.VIEW_COMMUNE_HOME).commune
    return [
        SocialAreaOut(
            uuid=area.uuid,
            slug=area.slug,
            name=area.name,
            figures=[
                FiguresOut(
                    year=figures.year,
                    inhabitants=figures.inhabitants,
                    children_0_3=figures.children_0_3,
                    children_0_3_in_poverty=figures.children_0_3_in_poverty,
                    births=figures.births,
                )
                for figures in area.figures_newest_first
            ],
        )
        for area in social_areas_with_latest_figures(commune)
    ]
