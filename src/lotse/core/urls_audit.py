from django.urls import URLPattern, path

from lotse.core.views import audit

# URLs outside a commune, and URLs under /<commune_slug>/.
urlpatterns: list[URLPattern] = []
commune_urlpatterns: list[URLPattern] = [
    path("audit/", audit.audit_log, name="audit_log"),
]
