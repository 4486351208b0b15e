"""API v1 operations for the referrals app; registered on `api_v1` in `lotse.api.api`.

``POST /referrals`` takes a referral from a clinic system (a navigator's token,
``refer_families``), ``GET /referrals/{id}`` tells the navigator who sent it the status and
whether contact was made, nothing more. The body is parsed here rather than by a schema,
so that every bad field is named with a German message in one 422 answer."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from lotse.api.auth import require
from lotse.api.schemas import ErrorOut, InvalidOut
from lotse.core.permissions import Capability
from lotse.referrals.api_input import KEY_CONFLICT, KEY_TOO_LONG, FieldError, parse_referral
from lotse.referrals.models import (
    IdempotencyKey,
    Referral,
    ReferralStatus,
)
from lotse.referrals.services.intake import create_referral
from lotse.referrals.services.retention import IDEMPOTENCY_KEY_LIFETIME

router = Router(tags=["referrals"])

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


class ReferralCreatedOut(Schema):
    id: UUID = Field(description="The referral's UUID.")
    contact_due_by: date = Field(description="Last day for the team's first contact.")


class ReferralStatusOut(Schema):
    id: UUID
    status: str = Field(description=f"One of {', '.join(ReferralStatus.values)}.")
    contact_made: bool = Field(description="Whether the team has reached the family.")


REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": [
                        "received_at",
                        "source",
                        "family",
                        "children",
                        "consent",
                        "need",
                    ],
                    "properties": {
                        "received_at": {"type": "string", "format": "date-time"},
                        "source": {"type": "string", "example": "birth_clinic"},
                        "referring_organisation": {"type": "string", "format": "uuid"},
                        "family": {
                            "type": "object",
                            "required": ["name"],
                            "properties": {
                                "name": {"type": "string"},
                                "parents": {"type": "string"},
                                "phone": {"type": "string"},
                                "email": {"type": "string"},
                                "address": {"type": "string"},
                                "social_area": {"type": "string", "example": "weddinghofen"},
                                "languages": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                        "children": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "first_name": {"type": "string"},
                                    "birth_date": {"type": "string", "format": "date"},
                                    "due_date": {"type": "string", "format": "date"},
                                    "premature": {"type": "boolean"},
                                    "malformation": {"type": "boolean"},
                                    "syndromic_illness": {"type": "boolean"},
                                    "other_illness": {"type": "boolean"},
                                },
                            },
                        },
                        "consent": {
                            "type": "object",
                            "required": ["given_at", "scope", "text_version"],
                            "properties": {
                                "given_at": {"type": "string", "format": "date-time"},
                                "scope": {"type": "array", "items": {"type": "string"}},
                                "text_version": {"type": "integer"},
                                "given_by": {"type": "string"},
                                "channel": {"type": "string"},
                            },
                        },
                        "need": {"type": "string"},
                    },
                }
            }
        },
    },
    "parameters": [
        {
            "name": IDEMPOTENCY_HEADER,
            "in": "header",
            "required": False,
            "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
            "description": "Send the same key again (with the same body) to retry safely "
            "within 24 hours: the answer is repeated, nothing is created twice.",
        }
    ],
}


def _unprocessable(errors: dict[str, list[str]]) -> JsonResponse:
    detail = [
        {
            "loc": ["body", *field.split(".")] if field else ["body"],
            "msg": message,
            "type": "value_error",
        }
        for field, messages in errors.items()
        for message in messages
    ]
    return JsonResponse({"detail": detail}, status=422)


def _body_hash(request: HttpRequest) -> str:
    try:
        canonical = json.dumps(json.loads(request.body or b""), sort_keys=True).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = request.body or b""
    return hashlib.sha256(canonical).hexdigest()


def _earlier_answer(caller: Any, key: str, digest: str) -> HttpResponse | None:
    found = (
        IdempotencyKey.objects.for_commune(caller.commune)
        .filter(
            token=caller.token,
            key=key,
            created_at__gte=timezone.now() - IDEMPOTENCY_KEY_LIFETIME,
        )
        .first()
    )
    if found is None:
        return None
    if found.request_hash != digest:
        return JsonResponse(
            {"detail": str(KEY_CONFLICT)},
            status=409,
        )
    return JsonResponse(found.response_body, status=found.response_status)


@router.post(
    "/referrals",
    response={201: ReferralCreatedOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut},
    openapi_extra=REQUEST_BODY,
    summary="Refer a family (clinic systems)",
)
def create(request: HttpRequest) -> Any:
    caller = require(request, Capability.REFER_FAMILIES)
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if len(key) > MAX_KEY_LENGTH:
        return _unprocessable({"": [str(KEY_TOO_LONG)]})
    digest = _body_hash(request)
    if key:
        earlier = _earlier_answer(caller, key, digest)
        if earlier is not None:
            return earlier
    try:
        values = parse_referral(request.body, caller.commune)
    except FieldError as error:
        return _unprocessable(error.errors)
    try:
        with transaction.atomic():
            referral = create_referral(actor=caller.user, commune=caller.commune, **values)
            answer = {
                "id": str(referral.uuid),
                "contact_due_by": referral.contact_due_by.isoformat(),
            }
            if key:
                IdempotencyKey.objects.for_commune(caller.commune).filter(
                    token=caller.token, key=key
                ).delete()
                IdempotencyKey.all_communes.create(
                    commune=caller.commune,
                    token=caller.token,
                    key=key,
                    request_hash=digest,
                    response_status=201,
                    response_body=answer,
                )
    except ValidationError as error:
        return _unprocessable(
            error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        )
    except IntegrityError:
        # The same key arrived twice at once: the other request won; repeat its answer.
        earlier = _earlier_answer(caller, key, digest) if key else None
        if earlier is None:
            raise
        return earlier
    return Status(201, answer)


@router.get(
    "/referrals/{referral_id}",
    response={
        200: ReferralStatusOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: InvalidOut,
    },
    summary="Status of a referral you sent",
)
def status(request: HttpRequest, referral_id: UUID) -> ReferralStatusOut:
    caller = require(request, Capability.READ_OWN_REFERRALS)
    referral = (
        Referral.objects.for_commune(caller.commune)
        .filter(uuid=referral_id, referring_user=caller.user)
        .only("uuid", "status", "first_contact_at")
        .first()
    )
    if referral is None:
        raise Http404
    return ReferralStatusOut(
        id=referral.uuid,
        status=referral.status,
        contact_made=referral.first_contact_at is not None,
    )
