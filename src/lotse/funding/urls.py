"""Funding: allocation of the federal foundation's money, applications, measure plan, proof
of use."""

from django.urls import URLPattern, URLResolver, path

from lotse.funding.views import applicant, coordination, plan, review

app_name = "funding"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("funding/", coordination.year_list, name="year_list"),
    path("funding/allocation/", coordination.allocation, name="allocation"),
    path("funding/settings/", coordination.funding_settings, name="settings"),
    path("funding/<int:year>/", coordination.year_detail, name="year_detail"),
    path("funding/<int:year>/edit/", coordination.year_edit, name="year_edit"),
    path("funding/<int:year>/export.xlsx", coordination.year_export, name="year_export"),
    path("funding/review/<uuid:uuid>/", review.review, name="review"),
    path("funding/review/<uuid:uuid>/letter.pdf", review.review_letter, name="review_letter"),
    path("funding/review/<uuid:uuid>/dossier.zip", review.dossier, name="dossier"),
    path(
        "funding/review/attachments/<uuid:uuid>/",
        review.review_attachment,
        name="review_attachment",
    ),
    path("funding/proofs/<uuid:uuid>/", review.proof_check, name="proof_check"),
    path("funding/applications/", applicant.my_applications, name="my_applications"),
    path("funding/applications/<uuid:uuid>/", applicant.application_edit, name="application_edit"),
    path(
        "funding/applications/<uuid:uuid>/action/",
        applicant.application_action,
        name="application_action",
    ),
    path(
        "funding/applications/<uuid:uuid>/letter.pdf",
        applicant.decision_letter,
        name="decision_letter",
    ),
    path("funding/applications/<uuid:uuid>/proof/", applicant.proof_edit, name="proof_edit"),
    path(
        "funding/attachments/<uuid:uuid>/",
        applicant.attachment_download,
        name="attachment_download",
    ),
    path("funding/plan/", plan.measure_plan, name="measure_plan"),
    path("funding/plan/export.<str:fmt>", plan.measure_plan_export, name="measure_plan_export"),
]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
