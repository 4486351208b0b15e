"""Django's admin, for operators (superusers) only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from lotse.core.models import (
    ApiToken,
    AuditEvent,
    ClosingDay,
    Commune,
    Membership,
    OutboxMessage,
    SocialArea,
    SocialAreaFigures,
    User,
)


class OperatorAdminSite(admin.AdminSite):
    site_header = _("Lotse operators")
    site_title = _("Lotse operators")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_superuser and user.is_verified()  # type: ignore[attr-defined]
        )

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        """One login for everyone: ours, with lockout and two-factor authentication.
        Someone logged in without the operator's rights is refused, not sent round."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), "core:login")


operator_admin_site = OperatorAdminSite(name="admin")


@admin.register(User, site=operator_admin_site)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_superuser"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "full_name")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ["is_active", "is_superuser"]


@admin.register(Commune, site=operator_admin_site)
class CommuneAdmin(admin.ModelAdmin[Commune]):
    list_display = ["name", "slug", "federal_state", "is_active"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(SocialArea, site=operator_admin_site)
class SocialAreaAdmin(admin.ModelAdmin[SocialArea]):
    list_display = ["name", "commune", "slug"]
    list_filter = ["commune"]


@admin.register(SocialAreaFigures, site=operator_admin_site)
class SocialAreaFiguresAdmin(admin.ModelAdmin[SocialAreaFigures]):
    list_display = ["social_area", "year", "inhabitants", "children_0_3", "births"]
    list_filter = ["commune", "year"]


@admin.register(ClosingDay, site=operator_admin_site)
class ClosingDayAdmin(admin.ModelAdmin[ClosingDay]):
    list_display = ["date", "label", "commune"]
    list_filter = ["commune"]


@admin.register(Membership, site=operator_admin_site)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "commune", "role", "organisation", "is_active"]
    list_filter = ["commune", "role", "is_active"]
    raw_id_fields = ["user", "organisation", "invited_by"]


@admin.register(ApiToken, site=operator_admin_site)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["name", "prefix", "user", "commune", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "secret_hash"]


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """What operators may look at but never change: the log, the outbox."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent, site=operator_admin_site)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "commune", "actor", "action", "object_type"]
    list_filter = ["commune", "action"]


@admin.register(OutboxMessage, site=operator_admin_site)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """Operators see whether mail is stuck, not what it says or to whom."""

    list_display = ["created_at", "kind", "commune", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "kind", "commune"]
    fields = readonly_fields = (
        "created_at",
        "kind",
        "commune",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    )


# Failed and waiting background tasks, for operators.
operator_admin_site.register(DBTaskResult, DBTaskResultAdmin)
