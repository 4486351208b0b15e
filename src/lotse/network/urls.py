from django.urls import URLPattern, URLResolver, path

from lotse.network.views import admissions, agreements, organisations, overview, people

app_name = "network"

ORG = "network/organisations/<uuid:organisation_uuid>/"
OWN = "network/own/<uuid:organisation_uuid>/"
ADMISSION = "network/admissions/<uuid:admission_uuid>/"
AGREEMENT = "network/agreements/<uuid:agreement_uuid>/"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("network/", overview.overview, name="overview"),
    path("network/settings/", overview.settings_view, name="settings"),
    path(
        "network/settings/institution-types/add/",
        overview.institution_type_add,
        name="institution_type_add",
    ),
    path(
        "network/settings/institution-types/<uuid:type_uuid>/",
        overview.institution_type_edit,
        name="institution_type_edit",
    ),
    path("network/organisations/", organisations.organisation_list, name="organisation_list"),
    path(
        "network/organisations/export/",
        organisations.organisation_export,
        name="organisation_export",
    ),
    path(
        "network/organisations/import/",
        organisations.organisation_import,
        name="organisation_import",
    ),
    path(
        "network/organisations/new/",
        organisations.organisation_create,
        name="organisation_create",
    ),
    path(ORG, organisations.organisation_detail, name="organisation_detail"),
    # Coordinators edit every organisation …
    path(f"{ORG}edit/", organisations.organisation_edit, name="organisation_edit"),
    path(f"{ORG}people/new/", people.person_create, name="person_create"),
    path(f"{ORG}people/<uuid:person_uuid>/", people.person_edit, name="person_edit"),
    path(f"{ORG}delegations/new/", people.delegation_appoint, name="delegation_appoint"),
    path(
        f"{ORG}delegations/<uuid:delegation_uuid>/end/",
        people.delegation_end,
        name="delegation_end",
    ),
    # … partner staff only their own.
    path(f"{OWN}edit/", organisations.own_organisation_edit, name="own_organisation_edit"),
    path(f"{OWN}people/new/", people.own_person_create, name="own_person_create"),
    path(f"{OWN}people/<uuid:person_uuid>/", people.own_person_edit, name="own_person_edit"),
    path(f"{OWN}delegations/new/", people.own_delegation_appoint, name="own_delegation_appoint"),
    path(
        f"{OWN}delegations/<uuid:delegation_uuid>/end/",
        people.own_delegation_end,
        name="own_delegation_end",
    ),
    path(
        f"{OWN}agreements/<uuid:agreement_uuid>/",
        agreements.own_agreement_detail,
        name="own_agreement_detail",
    ),
    path(
        f"{OWN}agreements/<uuid:agreement_uuid>/pdf/",
        agreements.own_agreement_pdf,
        name="own_agreement_pdf",
    ),
    path(
        f"{OWN}agreements/<uuid:agreement_uuid>/signed/",
        agreements.own_agreement_signed_document,
        name="own_agreement_signed_document",
    ),
    path(f"{ORG}admission/", admissions.admission_open, name="admission_open"),
    path(f"{ORG}mentoring/", admissions.mentorship_create, name="mentorship_create"),
    path(f"{ORG}agreements/new/", agreements.agreement_create, name="agreement_create"),
    path(ADMISSION, admissions.admission_detail, name="admission_detail"),
    path(f"{ADMISSION}consult/", admissions.admission_consult, name="admission_consult"),
    path(f"{ADMISSION}objection/", admissions.admission_object, name="admission_object"),
    path(
        f"{ADMISSION}objection/record/",
        admissions.admission_object_record,
        name="admission_object_record",
    ),
    path(f"{ADMISSION}decision/", admissions.admission_decide, name="admission_decide"),
    path(f"{ADMISSION}withdraw/", admissions.admission_withdraw, name="admission_withdraw"),
    path(AGREEMENT, agreements.agreement_detail, name="agreement_detail"),
    path(f"{AGREEMENT}pdf/", agreements.agreement_pdf_view, name="agreement_pdf"),
    path(f"{AGREEMENT}send/", agreements.agreement_send, name="agreement_send"),
    path(f"{AGREEMENT}sign/", agreements.agreement_sign, name="agreement_sign"),
    path(
        f"{AGREEMENT}countersign/", agreements.agreement_countersign, name="agreement_countersign"
    ),
    path(f"{AGREEMENT}obligations/", agreements.agreement_obligation, name="agreement_obligation"),
    path(f"{AGREEMENT}terminate/", agreements.agreement_terminate, name="agreement_terminate"),
    path(
        f"{AGREEMENT}documents/<str:which>/",
        agreements.agreement_document,
        name="agreement_document",
    ),
]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
