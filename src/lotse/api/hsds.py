"""The Open Referral HSDS 3.0 API of the offer catalog, at ``/api/hsds/v3/``."""

from __future__ import annotations

from ninja import NinjaAPI

from lotse.api.errors import install_exception_handlers

hsds_api = NinjaAPI(
    title="Lotse HSDS API",
    version="3.0",
    description="The public offer catalog as Open Referral HSDS 3.0.",
    urls_namespace="api-hsds",
    docs_url=None,  # Swagger UI would load scripts from a CDN; the CSP forbids that.
)
install_exception_handlers(hsds_api)
