"""Request and response schemas of the API (they document the OpenAPI answers)."""

from __future__ import annotations

from uuid import UUID

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in the user's language.")


class PingOut(Schema):
    status: str = Field(description='Always "ok": the process answers.')


class HealthOut(Schema):
    status: str = Field(description='"ok" or "unavailable".')
    database: str = Field(description='"reachable" or "unreachable".')
    task_queue: str = Field(
        description='"reachable" or "unreachable": the database queue of background tasks.'
    )


class CommuneOut(Schema):
    slug: str
    name: str


class MeOut(Schema):
    email: str
    name: str = Field(description="The user's full name; empty if not recorded.")
    commune: CommuneOut = Field(description="The commune the token is bound to.")
    roles: list[str] = Field(description="The user's active roles in that commune, sorted.")
    capabilities: list[str] = Field(
        description="What the roles allow in that commune, sorted; the token's rights."
    )


class FiguresOut(Schema):
    year: int
    inhabitants: int
    children_0_3: int = Field(description="Children aged 0 to 3.")
    children_0_3_in_poverty: int = Field(
        description="Children aged 0 to 3 in families receiving SGB II benefits."
    )
    births: int


class SocialAreaOut(Schema):
    uuid: UUID
    slug: str
    name: str
    figures: list[FiguresOut] = Field(description="One entry per year, newest first.")


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(description='Where the bad value is, e.g. ["query", "sector"].')
    msg: str
    type: str


class InvalidOut(Schema):
    detail: list[FieldErrorOut] = Field(description="One entry per bad parameter.")
