from django.contrib import admin

from lotse.network.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "commune", "sector", "status"]
    list_filter = ["commune", "sector", "status"]
    search_fields = ["name"]
