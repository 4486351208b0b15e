"""Families, consent, referrals, contact deadlines, triage; data protection of families' data."""

from django.urls import URLPattern, URLResolver, path

from lotse.referrals.views import cases, intake, procedures, public, settings

app_name = "referrals"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("kontakt/", public.contact_request, name="contact_request"),
    path("zugaenge/melden/", intake.refer, name="refer"),
    path("zugaenge/klinik/", intake.refer_clinic, name="refer_clinic"),
    path("zugaenge/gesendet/<uuid:uuid>/", intake.referral_sent, name="referral_sent"),
    path("zugaenge/keine-einwilligung/", intake.team_contact, name="team_contact"),
    path("zugaenge/einwilligung/", intake.consent_form, name="consent_form"),
    path("zugaenge/meine/", intake.my_referrals, name="my_referrals"),
    path("zugaenge/<uuid:uuid>/widerruf/", intake.withdraw, name="withdraw_consent"),
    path("faelle/", cases.queue, name="queue"),
    path("faelle/<uuid:uuid>/", cases.case_detail, name="case_detail"),
    path("faelle/<uuid:uuid>/kontakt/", cases.log_contact, name="log_contact"),
    path("faelle/<uuid:uuid>/familie/", cases.edit_family, name="edit_family"),
    path("faelle/<uuid:uuid>/einschaetzung/", cases.triage_case, name="triage"),
    path("faelle/<uuid:uuid>/hilfe-beginnen/", cases.begin_help, name="start_help"),
    path("faelle/<uuid:uuid>/abschliessen/", cases.close, name="close_case"),
    path("faelle/<uuid:uuid>/uebernehmen/", cases.take_on, name="take_on"),
    path("faelle/<uuid:uuid>/anvertraut/", cases.confidential, name="confidential"),
    path("faelle/<uuid:uuid>/auskunft/", cases.export, name="export"),
    path("faelle/<uuid:uuid>/fallberatung/", cases.summary, name="summary"),
    path("zugaenge/einstellungen/", settings.settings_page, name="settings"),
    path("zugaenge/einwilligungstexte/", settings.consent_texts, name="consent_texts"),
    path("zugaenge/screening/", settings.screening_sheets, name="screening_sheets"),
    path("kinderschutz-4-kkg/", procedures.procedure_list, name="procedures"),
    path("kinderschutz-4-kkg/<uuid:uuid>/", procedures.procedure_detail, name="procedure_detail"),
]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
