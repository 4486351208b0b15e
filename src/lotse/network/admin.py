from django.contrib import admin

from lotse.core.admin import operator_admin_site
from lotse.network.models import Organisation


@admin.register(Organisation, site=operator_admin_site)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "commune", "sector", "status"]
    list_filter = ["commune", "sector", "status"]
    search_fields = ["name"]
