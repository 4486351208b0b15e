"""Facts of the offer catalog demo.

Bergkamen's offers are those of its concept (seed 001) with the age limits and conditions
it states; times, places, coordinates and fees it does not state are plausible, fictional.
Dortmund's are the prevention-chain offers of seed 004 (Babylotsinnen in the four birth
clinics, Kita-Sozialarbeit, a family office per Stadtbezirk, family primary-school centres)
and a plausible, fictional catalog around them, built by ``lotse.demo.offers`` from the
places in ``offers_facts_dortmund``. Addresses are fictional."""

from __future__ import annotations

from decimal import Decimal

from lotse.demo.catalog_facts import (
    AMOUNT,
    ARRANGED,
    BIWEEKLY,
    COURSE,
    ONE_OFF,
    REDUCED,
    WEEKLY,
    CatalogFacts,
    OfferFacts,
    PlaceFacts,
    ProviderFacts,
    TimeFacts,
)
from lotse.network.models import Sector

FAMILIENBUERO = "Familienbüro Bergkamen"
FAMILIENBILDUNG = "Ev. Familienbildung am Nordberg"
PESTALOZZIHAUS = "Familientreff im Pestalozzihaus"

BERGKAMEN = CatalogFacts(
    providers=(
        ProviderFacts(
            "Verein für Familiäre Kindertagesbetreuung e. V.",  # seed 001
            Sector.VOLUNTEERING,
            "Lindenweg 9",
            "59192",
            "Bergkamen",
            "familienpaten@kinderbetreuung-bergkamen.example",
        ),
    ),
    places=(
        PlaceFacts(
            PESTALOZZIHAUS, "Pestalozzistraße 4", "59192", "Bergkamen", "mitte", 51.6158, 7.6352
        ),
        PlaceFacts(FAMILIENBUERO, "Rathausplatz 1", "59192", "Bergkamen", "mitte", 51.6167, 7.6339),
        PlaceFacts(
            "Familienzentrum Oberaden",
            "Jahnstraße 12",
            "59192",
            "Bergkamen",
            "oberaden",
            51.5957,
            7.5768,
        ),
        PlaceFacts(
            "Gemeindehaus Rünthe",
            "Rünther Straße 40",
            "59192",
            "Bergkamen",
            "ruenthe",
            51.6431,
            7.6589,
        ),
        PlaceFacts(
            "Familienzentrum Weddinghofen",
            "Schulstraße 7",
            "59192",
            "Bergkamen",
            "weddinghofen",
            51.6236,
            7.6148,
        ),
    ),
    offers=(
        OfferFacts(
            "Elternstartkurs",
            FAMILIENBILDUNG,
            ("kurs",),
            "Ein kostenloser Kurs für Eltern mit Neugeborenen: neun Treffen mit Antworten auf "
            "Ihre Fragen zu Pflege, Ernährung und dem Umgang mit dem Baby.",
            "Eltern mit Neugeborenen erhalten in gemütlicher Atmosphäre in neun Kursstunden "
            "Antworten auf ihre Fragen zum Umgang mit dem Kleinkind, zur Pflege oder zur "
            "Ernährung. Der Kurs wird an drei Standorten im Stadtgebiet angeboten.",
            min_age_months=0,
            max_age_months=6,
            registration=True,
            places=(PESTALOZZIHAUS, "Familienzentrum Oberaden", "Gemeindehaus Rünthe"),
            times=(
                TimeFacts(COURSE, "TU", "10:00", "11:30", "2027-01-12", 9, PESTALOZZIHAUS),
                TimeFacts(
                    COURSE, "WE", "09:30", "11:00", "2027-01-13", 9, "Familienzentrum Oberaden"
                ),
                TimeFacts(COURSE, "TH", "10:00", "11:30", "2027-01-14", 9, "Gemeindehaus Rünthe"),
            ),
            free_places=4,
        ),
        OfferFacts(
            "Offenes Elterncafé",
            FAMILIENBUERO,
            ("cafe-treffpunkt",),
            "Ein offenes Café für Eltern mit Babys im ersten Lebensjahr. Kommen Sie einfach "
            "vorbei: ohne Anmeldung und kostenlos.",
            "Zielgruppe sind Eltern mit Kindern bis zum ersten Lebensjahr. Das Café ist ohne "
            "vorherige Anmeldung und kostenlos – bewusst kein Kurs. Eine "
            "Familien-Kinderkrankenschwester, eine pädagogische Mitarbeiterin der Ev. "
            "Familienbildung und eine Kraft des Familienbüros sind da: Sie können sich zu "
            "Schrei-, Still- oder Fütterstörungen beraten und Ihr Kind wiegen lassen.",
            min_age_months=0,
            max_age_months=12,
            places=(PESTALOZZIHAUS,),
            languages=("de", "tr", "ar"),
            times=(TimeFacts(WEEKLY, "WE", "09:30", "11:30"),),
        ),
        OfferFacts(
            "Still-Café mit Trageberatung",
            FAMILIENBILDUNG,
            ("cafe-treffpunkt", "beratung"),
            "Anregungen zum Stillen, zur Ernährung und Pflege der Kleinsten bei Kaffee oder "
            "Tee – kostenlos.",
            "Im Stillcafé gibt es hilfreiche und nützliche Anregungen zum Stillen, zur "
            "Ernährung der Kleinsten, zur Pflege und zum Zusammenleben, dazu Trageberatung. "
            "Dabei bleibt Zeit, in gemütlicher Runde einen Kaffee oder Tee zu trinken.",
            min_age_months=0,
            max_age_months=12,
            from_pregnancy_week=30,
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(WEEKLY, "FR", "10:00", "11:30"),),
        ),
        OfferFacts(
            "Baby-Café",
            FAMILIENBILDUNG,
            ("cafe-treffpunkt",),
            "Ein offener Treff für Eltern mit Babys von 0 bis 12 Monaten. Keine Anmeldung "
            "nötig, kostenlos.",
            "Das Baby-Café ist ein offener Elterntreff mit Babys von 0 bis 12 Monaten, in dem "
            "sich Familien und Freunde treffen können. Eine Anmeldung ist nicht erforderlich: "
            "Spiel, Spaß und Erfahrungsaustausch werden angeboten.",
            min_age_months=0,
            max_age_months=12,
            places=("Familienzentrum Weddinghofen",),
            times=(TimeFacts(WEEKLY, "MO", "15:00", "16:30"),),
        ),
        OfferFacts(
            "Familienpaten",
            "Verein für Familiäre Kindertagesbetreuung e. V.",
            ("ehrenamtliche-hilfe",),
            "Ehrenamtliche Familienpaten begleiten Familien mit kleinen Kindern eine Zeit lang "
            "im Alltag – kostenlos.",
            "Familienpaten sind ehrenamtlich tätige Männer und Frauen, die Familien mit "
            "mindestens einem Kind im Alter von 0 bis 3 Jahren eine Zeit lang begleiten und "
            "bei der Betreuung der Kinder, im Haushalt oder bei der Freizeitgestaltung "
            "unterstützen. Das Familienbüro stellt auf Anfrage den Kontakt her.",
            min_age_months=0,
            max_age_months=36,
            registration=True,
            times=(TimeFacts(ARRANGED),),
        ),
        OfferFacts(
            "Familienhebammen",
            FAMILIENBUERO,
            ("hausbesuche", "gesundheitsfachkraft"),
            "Eine Familienhebamme besucht Sie zu Hause – von der Schwangerschaft bis "
            "einschließlich zum 1. Geburtstag Ihres Kindes. Freiwillig und kostenlos.",
            "Familienhebammen sind staatlich examinierte Hebammen mit Zusatzqualifikation. "
            "Sie bieten auf freiwilliger Basis psychosoziale Unterstützung und Begleitung und "
            "vermitteln bei Bedarf weitere Hilfen: in der Schwangerschaft bis einschließlich "
            "zum 1. Geburtstag des Kindes.",
            min_age_months=0,
            max_age_months=12,
            from_pregnancy_week=1,
            registration=True,
            times=(TimeFacts(ARRANGED),),
        ),
        OfferFacts(
            "Familien-Gesundheits- und Kinderkrankenpflegerin (FGKiKP)",
            FAMILIENBUERO,
            ("hausbesuche", "gesundheitsfachkraft"),
            "Eine Familien-Kinderkrankenpflegerin besucht Sie zu Hause – von der "
            "Schwangerschaft bis zum 3. Geburtstag Ihres Kindes, besonders bei "
            "Frühgeburt oder Erkrankung.",
            "Die Familienkinderkrankenschwester darf im Gegensatz zur Familienhebamme in "
            "Familien mit Kindern von der Schwangerschaft bis 3 Jahren tätig sein, "
            "insbesondere bei Frühgeburtlichkeit, Fehlbildung, syndromaler Erkrankung oder "
            "anderen Erkrankungen des Kindes.",
            min_age_months=0,
            max_age_months=36,
            from_pregnancy_week=1,
            registration=True,
            times=(TimeFacts(ARRANGED),),
        ),
        OfferFacts(
            "Elternfrühstück",
            FAMILIENBILDUNG,
            ("cafe-treffpunkt", "gruppe"),
            "Alle zwei Wochen gemeinsam frühstücken, mit Kinderbetreuung und einem Thema.",
            "Elternfrühstück mit Kinderbetreuung und Themenangebot im Familientreff.",
            min_age_months=0,
            max_age_months=72,
            cost=REDUCED,
            amount=Decimal("2.00"),
            cost_note="Kostenbeitrag fürs Frühstück, ermäßigt frei",
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(BIWEEKLY, "TH", "09:00", "11:00"),),
        ),
        OfferFacts(
            "Willkommensbesuch",
            FAMILIENBUERO,
            ("hausbesuche", "anlaufstelle"),
            "Das Familienbüro besucht junge und werdende Eltern zu Hause, wenn Sie es "
            "möchten, und bringt ein Begrüßungspaket mit.",
            "Die Mitarbeiterinnen des Familienbüros besuchen junge oder werdende Eltern – "
            "sofern gewünscht – zu Hause, beantworten Fragen und bringen ein Begrüßungspaket "
            "mit wichtigen Informationen und Tipps zum Thema Kind und Familie.",
            min_age_months=0,
            max_age_months=12,
            from_pregnancy_week=1,
            registration=True,
            languages=("de", "en", "tr"),
            times=(TimeFacts(ARRANGED),),
        ),
        OfferFacts(
            "Familienbüro: Service- und Anlaufstelle",
            FAMILIENBUERO,
            ("anlaufstelle", "beratung"),
            "Die Anlaufstelle für Familien: Informationen über alle Angebote, Beratung und "
            "Kontakt zu den Frühen Hilfen.",
            "Im Familienbüro liegen Informationen über Angebote für Familien in Bergkamen und "
            "Umgebung bereit. Die Fachkraft Frühe Hilfen ist Ansprechpartnerin für alle "
            "Themen rund um die Geburt und die ersten drei Lebensjahre.",
            min_age_months=0,
            max_age_months=36,
            from_pregnancy_week=1,
            places=(FAMILIENBUERO,),
            languages=("de", "en"),
            times=(TimeFacts(WEEKLY, "MO,TU,TH", "08:30", "12:00"),),
        ),
        OfferFacts(
            "Elternbegleitung und -beratung",
            FAMILIENBILDUNG,
            ("beratung",),
            "Persönliche Beratung für Eltern bei Fragen zu Erziehung und Familienalltag.",
            "Beratung und Begleitung von Eltern von Kindern bis zum 6. Lebensjahr im "
            "Familientreff.",
            min_age_months=0,
            max_age_months=72,
            registration=True,
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(ARRANGED),),
        ),
        OfferFacts(
            "Geburtsvorbereitung und Pre-Kanga",
            FAMILIENBILDUNG,
            ("kurs",),
            "Geburtsvorbereitung mit Hebamme und sanftes Training mit Babytrage für Schwangere.",
            "Geburtsvorbereitungskurs und Pre-Kanga für werdende Mütter ab der 20. "
            "Schwangerschaftswoche.",
            from_pregnancy_week=20,
            cost=AMOUNT,
            amount=Decimal("45.00"),
            cost_note="Geburtsvorbereitung zahlt die Krankenkasse",
            registration=True,
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(COURSE, "MO", "18:00", "19:30", "2027-02-01", 7),),
        ),
        OfferFacts(
            "Babywiegen und Babymassage",
            FAMILIENBILDUNG,
            ("kurs", "gesundheitsfachkraft"),
            "Babys wiegen lassen und Babymassage lernen.",
            "Babywiegen mit der Hebamme und ein Kurs Babymassage für Babys ab dem 2. Lebensmonat.",
            min_age_months=1,
            max_age_months=6,
            cost=AMOUNT,
            amount=Decimal("30.00"),
            registration=True,
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(COURSE, "TH", "14:00", "15:00", "2027-01-21", 5),),
        ),
        OfferFacts(
            "Schrei-, Schlaf- und Stillberatung",
            FAMILIENBILDUNG,
            ("beratung", "gesundheitsfachkraft"),
            "Ihr Baby schreit viel, schläft schlecht oder das Stillen klappt nicht? Wir "
            "beraten Sie kostenlos.",
            "Beratung durch eine Hebamme bei Schrei-, Schlaf- und Stillproblemen.",
            min_age_months=0,
            max_age_months=24,
            registration=True,
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(ARRANGED),),
        ),
        OfferFacts(
            "Eltern-Kind-Gruppe",
            FAMILIENBILDUNG,
            ("gruppe",),
            "Spielen, singen, andere Eltern kennenlernen: wöchentliche Gruppe für Eltern mit "
            "Kindern ab 9 Monaten.",
            "Eltern-Kind-Gruppen für Kinder von 9 Monaten bis 3 Jahren.",
            min_age_months=9,
            max_age_months=36,
            cost=AMOUNT,
            amount=Decimal("36.00"),
            cost_note="pro Halbjahr",
            registration=True,
            places=(PESTALOZZIHAUS, "Familienzentrum Oberaden"),
            times=(TimeFacts(WEEKLY, "TU", "09:30", "11:00"),),
        ),
        OfferFacts(
            "Bewegung, Spiel und Spaß",
            FAMILIENBILDUNG,
            ("gruppe",),
            "Bewegungsangebot für Kleinkinder mit ihren Eltern.",
            "Turnen, Toben und Spielen für Kinder von 1 bis 4 Jahren mit ihren Eltern.",
            min_age_months=12,
            max_age_months=48,
            cost=AMOUNT,
            amount=Decimal("24.00"),
            registration=True,
            places=("Familienzentrum Weddinghofen",),
            times=(TimeFacts(WEEKLY, "FR", "15:30", "16:30"),),
        ),
        OfferFacts(
            "Informationsabend „Gut ankommen in Bergkamen“",
            FAMILIENBUERO,
            ("informationsveranstaltung",),
            "Ein Abend für werdende und junge Eltern: alle Angebote der Frühen Hilfen auf "
            "einen Blick.",
            "Die Netzwerkkoordination und das Familienbüro stellen die Angebote der Frühen "
            "Hilfen vor; der Wegweiser wird verteilt.",
            min_age_months=0,
            max_age_months=36,
            from_pregnancy_week=1,
            places=(FAMILIENBUERO,),
            times=(TimeFacts(ONE_OFF, "", "18:00", "20:00", "2027-03-10"),),
        ),
        OfferFacts(
            "Elternkompetenzkurs „Starke Eltern – starke Kinder“",
            FAMILIENBILDUNG,
            ("kurs",),
            "Ein Kurs, der Eltern im Erziehungsalltag stärkt.",
            "Elternkompetenzkurs für Eltern von Kindern von 2 bis 6 Jahren.",
            min_age_months=24,
            max_age_months=72,
            cost=REDUCED,
            amount=Decimal("40.00"),
            cost_note="Ermäßigung mit Bergkamen-Pass",
            registration=True,
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(COURSE, "WE", "19:00", "21:00", "2027-02-03", 8),),
        ),
        OfferFacts(
            "Kangakurs",
            FAMILIENBILDUNG,
            ("kurs",),
            "Fitness mit Baby in der Trage.",
            "Kangatraining für Mütter und Väter mit Babys ab 8 Wochen bis 12 Monate.",
            min_age_months=2,
            max_age_months=12,
            cost=AMOUNT,
            amount=Decimal("50.00"),
            registration=True,
            places=("Gemeindehaus Rünthe",),
            times=(TimeFacts(COURSE, "MO", "10:00", "11:00", "2027-01-11", 8),),
        ),
        OfferFacts(
            "Nähkurs für Eltern",
            FAMILIENBILDUNG,
            ("kurs",),
            "Babykleidung und mehr selbst nähen.",
            "Nähkurs für Eltern, Kinderbetreuung möglich.",
            cost=AMOUNT,
            amount=Decimal("35.00"),
            registration=True,
            places=(PESTALOZZIHAUS,),
            times=(TimeFacts(COURSE, "TH", "18:30", "20:30", "2027-02-04", 6),),
        ),
        OfferFacts(
            "Musikmäuse – musikalische Früherziehung",
            FAMILIENBILDUNG,
            ("gruppe",),
            "Singen, Tanzen und erste Instrumente für Kleinkinder.",
            "Musikalische Früherziehung für Kinder von 18 Monaten bis 4 Jahren mit Begleitperson.",
            min_age_months=18,
            max_age_months=48,
            cost=AMOUNT,
            amount=Decimal("30.00"),
            registration=True,
            places=("Familienzentrum Oberaden",),
            times=(TimeFacts(WEEKLY, "WE", "16:00", "16:45"),),
        ),
        OfferFacts(
            "Familienfreizeit",
            FAMILIENBILDUNG,
            ("gruppe",),
            "Ein Wochenende für die ganze Familie.",
            "Familienfreizeit am Wochenende mit Programm für Kinder und Eltern.",
            min_age_months=0,
            max_age_months=144,
            cost=REDUCED,
            amount=Decimal("80.00"),
            cost_note="Zuschuss für Familien mit geringem Einkommen",
            registration=True,
            times=(TimeFacts(ONE_OFF, "", "", "", "2027-05-21"),),
        ),
        OfferFacts(
            "Miniclub",
            FAMILIENBILDUNG,
            ("gruppe",),
            "Erste Schritte in einer Gruppe: für Kinder von 1 bis 3 Jahren.",
            "Der Miniclub bereitet Kinder von 1 bis 3 Jahren spielerisch auf die Kita vor.",
            min_age_months=12,
            max_age_months=36,
            cost=AMOUNT,
            amount=Decimal("40.00"),
            cost_note="pro Halbjahr",
            registration=True,
            places=("Familienzentrum Weddinghofen",),
            times=(TimeFacts(WEEKLY, "TU,TH", "09:00", "11:30"),),
            confirmed_days_ago=200,  # overdue: the finder shows it as "not confirmed"
        ),
        OfferFacts(
            "Schwangerschaftsberatung",
            "Schwangerschaftsberatung Sonnenweg",
            ("beratung",),
            "Vertrauliche Beratung rund um Schwangerschaft und Geburt, auch zu Geld und "
            "Anträgen – kostenlos.",
            "Beratung für Schwangere und Familien mit Kindern bis 3 Jahren, Hilfe bei "
            "Anträgen (z. B. Bundesstiftung Mutter und Kind).",
            min_age_months=0,
            max_age_months=36,
            from_pregnancy_week=1,
            registration=True,
            languages=("de", "en", "ar", "fa"),
            areas=("mitte", "weddinghofen", "oberaden", "ruenthe"),
            times=(TimeFacts(WEEKLY, "MO,WE", "09:00", "12:00"),),
        ),
        OfferFacts(
            "Frühförderung",
            "Frühförderstelle Regenbogen",
            ("beratung", "gesundheitsfachkraft"),
            "Förderung für Kinder, die sich langsamer entwickeln – Beratung kostenlos.",
            "Interdisziplinäre Frühförderung für Kinder von der Geburt bis zur Einschulung.",
            min_age_months=0,
            max_age_months=72,
            registration=True,
            times=(TimeFacts(ARRANGED),),
        ),
    ),
)
