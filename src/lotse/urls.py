from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from lotse.api.api import api_v1
from lotse.api.hsds import hsds_api
from lotse.core.admin import operator_admin_site
from lotse.funding import urls as funding_urls
from lotse.meetings import urls as meetings_urls
from lotse.network import urls as network_urls
from lotse.offers import urls as offers_urls
from lotse.offers.finder import urls as finder_urls
from lotse.referrals import urls as referrals_urls
from lotse.referrals.support import urls as support_urls
from lotse.reports import urls as reports_urls
from lotse.reports.participation import urls as participation_urls

# Each app's pages get its namespace ("offers:…"); they are tried after the foundation's,
# in the order the apps depend on each other.
_apps = [
    network_urls,
    meetings_urls,
    offers_urls,
    finder_urls,
    referrals_urls,
    support_urls,
    funding_urls,
    reports_urls,
    participation_urls,
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", operator_admin_site.urls),
    path("api/v1/", api_v1.urls),
    path("api/hsds/v3/", hsds_api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("lotse.core.urls")),
]
for _app in _apps:
    _patterns = [*_app.urlpatterns, path("<slug:commune_slug>/", include(_app.commune_urlpatterns))]
    urlpatterns.append(path("", include((_patterns, _app.app_name))))

# JSON under /api/, the normal German pages elsewhere.
handler404 = "lotse.api.errors.page_not_found"
handler500 = "lotse.api.errors.server_error"
