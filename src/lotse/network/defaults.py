# ruff: noqa: E501 - the template is prose: one paragraph per line, as its markup wants
"""What a commune's network starts with: the institution types of the Bergkamen concept
(seed 001) and the cooperation agreement template of Dortmund (seed 002), generalised with
placeholders for the parties."""

from __future__ import annotations

from lotse.network.models import Sector

# (name, usual sector): the 21 kinds of institutions the Bergkamen concept lists.
INSTITUTION_TYPES: tuple[tuple[str, str], ...] = (
    ("Netzwerkkoordination Frühe Hilfen", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Familienbüro", Sector.CHILD_AND_YOUTH_WELFARE),
    ("(Familien-)Hebammen", Sector.HEALTH),
    ("Familienkinderkrankenpflegerinnen", Sector.HEALTH),
    ("Familientreff", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Schwangerschaftsberatungsstelle", Sector.PREGNANCY_COUNSELLING),
    ("Frühförderung", Sector.EARLY_INTERVENTION),
    ("Kreisgesundheitsamt", Sector.HEALTH),
    ("Familienzentrum", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Kindertageseinrichtung", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Fachberatung von Trägern der Kindertageseinrichtungen", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Erziehungsberatungsstelle", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Polizei", Sector.OTHER),
    (
        "Jugendamt: ASD, § 8b-Beratung, erzieherischer Kinder- und Jugendschutz",
        Sector.CHILD_AND_YOUTH_WELFARE,
    ),
    ("Therapeutische Praxis (z. B. Ergotherapie, Logopädie)", Sector.HEALTH),
    ("Freier Träger der Jugendhilfe", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Regionales Bildungsnetzwerk", Sector.EDUCATION),
    ("Kommunales Integrationszentrum", Sector.OTHER),
    ("Jugendhilfeplanung", Sector.CHILD_AND_YOUTH_WELFARE),
    ("Integrationsbüro", Sector.OTHER),
    ("Verein für Familiäre Kindertagesbetreuung", Sector.VOLUNTEERING),
)

# Placeholders a template may use, with what they stand for (shown on the settings page).
PLACEHOLDERS: tuple[str, ...] = (
    "commune_name",
    "youth_office",
    "coordination_office_address",
    "partner_name",
    "partner_legal_carrier",
    "partner_address",
)

# Markup: "# " starts a heading, "- " a list item, an empty line ends a paragraph.
AGREEMENT_TEMPLATE = """\
# Kooperationsvereinbarung Netzwerk Frühe Hilfen {{ commune_name }}

zwischen {{ youth_office }}, {{ coordination_office_address }}

und

{{ partner_name }}, {{ partner_legal_carrier }}, {{ partner_address }}

wird die folgende Vereinbarung getroffen:

# Präambel

Das Nationale Zentrum Frühe Hilfen (NZFH) definiert das Handlungsfeld der Frühen Hilfen als ein neues und verbindliches Versorgungselement für (werdende) Eltern sowie Familien mit Säuglingen und Kleinkindern, das bestehende Sozialleistungssysteme ergänzen kann. Die Basis für die kommunale Angebotsarchitektur bildet das multiprofessionell aufgestellte Netzwerk Frühe Hilfen in {{ commune_name }}, das unter der Steuerungsverantwortung des Jugendamtes agiert. Die Kooperationspartner:innen bringen Kompetenzen und Fachwissen der jeweiligen Handlungsfelder in das Netzwerk ein und arbeiten partnerschaftlich, transparent und wertschätzend zusammen.

# 1. Vereinbarungsgegenstand

Mit dieser Vereinbarung wird die Kooperation zwischen den beiden Parteien im Rahmen des Netzwerks Frühe Hilfen geregelt.

# 2. Gesetzliche Grundlage und Verantwortlichkeit

Diese Kooperationsvereinbarung wird auf der Grundlage des KKG und der Geschäftsordnung des Netzwerkes Frühe Hilfen {{ commune_name }} geschlossen. Darin wird der Auftrag zum Auf- und Ausbau der Netzwerke Frühe Hilfen sowie deren Sicherstellung in die Steuerungsverantwortung der Kinder- und Jugendhilfe (Jugendamt) gelegt.

# 3. Das Handlungsfeld der Frühen Hilfen

- orientiert sich an den Bedürfnissen von Familien,
- bezieht sich im Schwerpunkt auf (werdende) Familien mit Kindern im Alter von 0-3 Jahren,
- schafft niedrigschwellige Zugänge für psychosozial belastete Familien,
- ist kommunal verankert und wird in Netzwerken verankert und koordiniert,
- ist qualitätsgesichert und wird regelmäßig evaluiert.

# 4. Ziele und Maßnahmen der Netzwerkarbeit

- Auf- und Ausbau von verbindlichen Netzwerkstrukturen
- Partizipation von Familien unter Berücksichtigung ihrer Bedürfnisse
- Informationsweitergabe über Angebote und Maßnahmen
- Fallübergreifende interdisziplinäre und multiprofessionelle Zusammenarbeit
- Qualitätsentwicklung und -sicherung
- Umsetzung gemeinsamer Verfahrensstandards bei Verdachtsmomenten einer Kindeswohlgefährdung

# 5. Struktur und Ablauf der Netzwerktreffen

- Regelmäßige Netzwerktreffen und Fachtage Frühe Hilfen
- Kontinuierliche Teilnahme von delegierten Vertreter:innen der jeweiligen Ämter, Einrichtungen oder Institutionen
- Ergebnissicherung durch schriftliche Protokolle

# 6. Datenschutz

Die Kooperationspartner verpflichten sich zur Einhaltung der datenschutzrechtlichen Bestimmungen der europäischen Datenschutzgrundverordnung, des Bundesdatenschutzgesetzes und des Landesdatenschutzgesetzes NRW sowie der spezialgesetzlichen Regelungen der Sozialgesetzbücher und sind für die Einhaltung durch die beim Träger beschäftigten Personen verantwortlich.

# 7. Gültigkeitsdauer

Die Kooperationsvereinbarung gilt unbefristet bis zur Kündigung. Jede:r Netzwerkpartner:in kann diese Vereinbarung jederzeit kündigen und sich so aus den Rechten und Pflichten lösen. Die Kündigung hat schriftlich an die Netzwerkkoordination Frühe Hilfen zu erfolgen.

# 8. Weitere Verpflichtungen

- Die Kooperationspartner verpflichten sich zur Einhaltung des § 72a SGB VIII und des § 72 SGB VIII.
- Der besondere Schutzauftrag bei Kindeswohlgefährdung gemäß § 8a SGB VIII ist zu beachten. Die Vertragspartner verpflichten sich zum Abschluss einer Vereinbarung nach § 8a SGB VIII.

# 9. Salvatorische Klausel

Die Parteien sind im Falle einer unwirksamen Bestimmung verpflichtet, über eine wirksame und zumutbare Ersatzregelung zu verhandeln, die dem von den Parteien mit der unwirksamen Bestimmung verfolgten Zweck möglichst nahekommt.
"""
