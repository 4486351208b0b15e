from django.urls import URLPattern, URLResolver, path

from lotse.referrals.support.views import (
    health,
    help_plans,
    partner,
    professionals,
    sponsors,
    volunteers,
    welcome,
)

app_name = "support"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("hilfeplaene/", help_plans.help_plan_list, name="help_plan_list"),
    path("hilfeplaene/fall/<uuid:referral_uuid>/", help_plans.help_plan, name="help_plan"),
    path(
        "hilfeplaene/fall/<uuid:referral_uuid>/beginnen/",
        help_plans.help_plan_open,
        name="help_plan_open",
    ),
    path("hilfeplaene/<uuid:plan_uuid>/ziele/", help_plans.help_plan_goals, name="help_plan_goals"),
    path("hilfeplaene/<uuid:plan_uuid>/angebot/", help_plans.help_propose, name="help_propose"),
    path(
        "hilfeplaene/<uuid:plan_uuid>/gesundheit/", help_plans.health_request, name="health_request"
    ),
    path(
        "hilfeplaene/<uuid:plan_uuid>/familienpate/",
        help_plans.sponsor_request,
        name="sponsor_request",
    ),
    path("hilfeplaene/<uuid:plan_uuid>/stunden/", help_plans.support_week, name="support_week"),
    path(
        "hilfeplaene/<uuid:plan_uuid>/abschliessen/",
        help_plans.help_plan_close,
        name="help_plan_close",
    ),
    path("vermittlungen/<uuid:uuid>/senden/", help_plans.help_send, name="help_send"),
    path("vermittlungen/<uuid:uuid>/beenden/", help_plans.help_end, name="help_end"),
    path("begleitungen/<uuid:uuid>/beenden/", help_plans.health_cancel, name="health_cancel"),
    path("anfragen/", partner.partner_inbox, name="partner_inbox"),
    path("anfragen/<uuid:uuid>/", partner.partner_request, name="partner_request"),
    path("anfragen/<uuid:uuid>/antwort/", partner.partner_answer, name="partner_answer"),
    path("anfragen/<uuid:uuid>/begonnen/", partner.partner_started, name="partner_started"),
    path("meine-familien/", health.my_families, name="my_families"),
    path("meine-familien/<uuid:uuid>/", health.my_family, name="my_family"),
    path("meine-familien/<uuid:uuid>/beenden/", health.my_family_end, name="my_family_end"),
    path("patenschaften/", sponsors.sponsorship_list, name="sponsorship_list"),
    path("patenschaften/<uuid:uuid>/", sponsors.sponsorship_confirm, name="sponsorship_confirm"),
    path("familienpaten/", volunteers.volunteer_list, name="volunteer_list"),
    path("familienpaten/neu/", volunteers.volunteer_create, name="volunteer_create"),
    path("familienpaten/passende/", volunteers.volunteer_match, name="volunteer_match"),
    path("familienpaten/<uuid:uuid>/", volunteers.volunteer_edit, name="volunteer_edit"),
    path(
        "familienpaten/<uuid:uuid>/fuehrungszeugnis/",
        volunteers.volunteer_check,
        name="volunteer_check",
    ),
    path("gesundheitsfachkraefte/", professionals.professional_list, name="professional_list"),
    path(
        "gesundheitsfachkraefte/neu/",
        professionals.professional_create,
        name="professional_create",
    ),
    path(
        "gesundheitsfachkraefte/<uuid:uuid>/",
        professionals.professional_edit,
        name="professional_edit",
    ),
    path("willkommensbesuche/", welcome.newborn_list, name="newborn_list"),
    path("willkommensbesuche/neu/", welcome.newborn_add, name="newborn_add"),
    path("willkommensbesuche/import/", welcome.newborn_import, name="newborn_import"),
    path("willkommensbesuche/abdeckung/", welcome.welcome_coverage, name="welcome_coverage"),
    path("willkommensbesuche/<uuid:uuid>/", welcome.newborn_visit, name="newborn_visit"),
]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
