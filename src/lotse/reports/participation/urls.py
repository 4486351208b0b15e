"""Pages of participation."""

from django.urls import URLPattern, URLResolver, path

from lotse.reports.participation.views import public, staff

app_name = "participation"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    # For families and partners, without an account.
    path("rueckmeldung/angebot/<uuid:offer_uuid>/", public.offer_feedback, name="offer_feedback"),
    path("rueckmeldung/fruehe-hilfen/", public.contact_feedback, name="contact_feedback"),
    path("umfrage/<uuid:uuid>/", public.family_survey, name="family_survey"),
    path("umfrage/partner/<str:token>/", public.partner_survey, name="partner_survey"),
    # Handouts.
    path("beteiligung/aushaenge/", staff.handouts, name="handouts"),
    path("beteiligung/aushaenge/angebot/<uuid:uuid>/", staff.offer_handout, name="offer_handout"),
    path(
        "beteiligung/aushaenge/angebot/<uuid:uuid>/pdf/",
        staff.offer_handout_pdf,
        name="offer_handout_pdf",
    ),
    path("beteiligung/aushaenge/fruehe-hilfen/", staff.contact_handout, name="contact_handout"),
    path(
        "beteiligung/aushaenge/fruehe-hilfen/pdf/",
        staff.contact_handout_pdf,
        name="contact_handout_pdf",
    ),
    # Evaluation.
    path("beteiligung/rueckmeldungen/", staff.feedback_overview, name="feedback_overview"),
    path("beteiligung/ergebnisse/", staff.survey_results_list, name="survey_results_list"),
    path("beteiligung/ergebnisse/<uuid:uuid>/", staff.survey_results, name="survey_results"),
    path("beteiligung/ergebnisse/<uuid:uuid>/export/", staff.survey_export, name="survey_export"),
    # The coordinator's surveys.
    path("beteiligung/umfragen/", staff.survey_list, name="survey_list"),
    path("beteiligung/umfragen/neu/", staff.survey_create, name="survey_create"),
    path("beteiligung/umfragen/<uuid:uuid>/", staff.survey_detail, name="survey_detail"),
    path("beteiligung/umfragen/<uuid:uuid>/bearbeiten/", staff.survey_edit, name="survey_edit"),
    path(
        "beteiligung/umfragen/<uuid:uuid>/aushang.pdf",
        staff.survey_handout_pdf,
        name="survey_handout_pdf",
    ),
    path("beteiligung/umfragen/<uuid:uuid>/oeffnen/", staff.survey_open, name="survey_open"),
    path("beteiligung/umfragen/<uuid:uuid>/schliessen/", staff.survey_close, name="survey_close"),
    path("beteiligung/umfragen/<uuid:uuid>/fragen/neu/", staff.question_add, name="question_add"),
    path(
        "beteiligung/umfragen/<uuid:uuid>/fragen/<uuid:question_uuid>/",
        staff.question_edit,
        name="question_edit",
    ),
    path(
        "beteiligung/umfragen/<uuid:uuid>/fragen/<uuid:question_uuid>/entfernen/",
        staff.question_delete,
        name="question_delete",
    ),
    path(
        "beteiligung/umfragen/<uuid:uuid>/fragen/<uuid:question_uuid>/verschieben/",
        staff.question_move,
        name="question_move",
    ),
]

# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
