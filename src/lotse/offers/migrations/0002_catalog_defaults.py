"""Give communes that existed before the catalog their settings and default categories."""

from typing import Any

from django.db import migrations

# A frozen copy of defaults.DEFAULT_CATEGORIES in German: migrations must not change
# when the code does.
CATEGORIES = [
    ("cafe-treffpunkt", "Café und Treffpunkt"),
    ("kurs", "Kurs"),
    ("beratung", "Beratung"),
    ("hausbesuche", "Hausbesuche"),
    ("gesundheitsfachkraft", "Gesundheitsfachkraft"),
    ("ehrenamtliche-hilfe", "Ehrenamtliche Hilfe"),
    ("gruppe", "Gruppe"),
    ("informationsveranstaltung", "Informationsveranstaltung"),
    ("anlaufstelle", "Anlaufstelle und Familienbüro"),
    ("bildung-betreuung", "Kita und Schule"),
]


def add_defaults(apps: Any, schema_editor: Any) -> None:
    commune_model = apps.get_model("core", "Commune")
    settings_model = apps.get_model("offers", "CatalogSettings")
    term_model = apps.get_model("offers", "TaxonomyTerm")
    for commune in commune_model.objects.all():
        settings_model.objects.get_or_create(commune=commune)
        for position, (code, name) in enumerate(CATEGORIES):
            term_model.all_communes.get_or_create(
                commune=commune,
                taxonomy="lotse-kategorie",
                code=code,
                defaults={"name": name, "position": position * 10},
            )


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
