from django.urls import include, path
from django.views.i18n import set_language

from lotse.api.api import api_v1
from lotse.core.admin import operator_admin_site

urlpatterns = [
    path("admin/", operator_admin_site.urls),
    path("api/v1/", api_v1.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("lotse.core.urls")),
]

# JSON under /api/, the normal German pages elsewhere.
handler404 = "lotse.api.errors.page_not_found"
handler500 = "lotse.api.errors.server_error"
