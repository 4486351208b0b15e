"""Lotse's own HSDS taxonomy ("Lotse-Merkmale") and the ids derived from our objects.

HSDS has no field for age in months, pregnancy, "ohne Anmeldung", the plain-language
summary, translations or the catalog's own bookkeeping. Lotse exports them as HSDS
``attribute``s whose ``taxonomy_term`` is one of the fixed terms below, with the exact value
in ``value``; the import reads them back. The terms' ids are the same in every commune and
every installation (UUID version 5 of their code), so other systems can rely on them.

Sub-records without an object of their own (an address, a phone, a service area) get an
id derived from their parent's UUID, so repeated exports give the same ids.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

# The namespace of every id Lotse derives (uuid5(NAMESPACE_URL, "https://lotse.example/hsds")
# would tie it to a host; a fixed random UUID does not).
LOTSE_NAMESPACE = uuid.UUID("6f1d1a8e-4f0e-4d84-9d0a-6d1f6b0c2e51")
TRAITS_TAXONOMY = "lotse-merkmal"
TRAITS_TAXONOMY_NAME = "Lotse-Merkmale"
TRAITS_TAXONOMY_DESCRIPTION = (
    "Merkmale von Angeboten der Frühen Hilfen, die HSDS 3.0 nicht als Feld kennt "
    "(Alter in Monaten, Schwangerschaft, Anmeldung, Kosten, einfache Sprache, Übersetzungen)."
)


def derived_id(parent: Any, part: str) -> str:
    """A stable id for a sub-record of ``parent`` (a UUID or its string)."""
    return str(uuid.uuid5(uuid.UUID(str(parent)), part))


def taxonomy_id(taxonomy: str) -> str:
    return str(uuid.uuid5(LOTSE_NAMESPACE, f"taxonomy:{taxonomy}"))


@dataclass(frozen=True)
class Trait:
    code: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return str(uuid.uuid5(LOTSE_NAMESPACE, f"{TRAITS_TAXONOMY}:{self.code}"))


# code → trait. The codes are part of the exchange format: never rename one.
TRAITS: dict[str, Trait] = {
    trait.code: trait
    for trait in (
        Trait(
            "werdende-eltern",
            "werdende Eltern",
            "Für Schwangere und werdende Eltern; Wert: ab welcher Schwangerschaftswoche (1–42).",
        ),
        Trait(
            "alter-ab-monate",
            "Alter ab (Monate)",
            "Mindestalter des Kindes in vollendeten Lebensmonaten, einschließlich.",
        ),
        Trait(
            "alter-bis-monate",
            "Alter bis (Monate)",
            "Höchstalter des Kindes in vollendeten Lebensmonaten, einschließlich: "
            "12 heißt bis einschließlich zum 1. Geburtstag.",
        ),
        Trait("ohne-anmeldung", "ohne Anmeldung", "Eine Anmeldung ist nicht nötig."),
        Trait("kostenlos", "kostenlos", "Die Teilnahme kostet nichts."),
        Trait("ermaessigt", "ermäßigt möglich", "Eine Ermäßigung der Gebühr ist möglich."),
        Trait(
            "lebensphase",
            "Lebensphase",
            "Lebensphase der Präventionskette (aus den Altersgrenzen abgeleitet); Wert: "
            "pregnancy, 0-1, 1-3, 3-6, 6-10, 10-16 oder 16-27.",
        ),
        Trait(
            "einfache-sprache",
            "Zusammenfassung in einfacher Sprache",
            "Zwei, drei kurze Sätze in einfachem Deutsch; Wert: der Text.",
        ),
        Trait(
            "uebersetzung",
            "Übersetzung",
            'Texte des Angebots in einer anderen Sprache; Wert: JSON {"language", "name", '
            '"description", "summary"}.',
        ),
        Trait(
            "bearbeitungsstand",
            "Bearbeitungsstand in Lotse",
            "draft, in_review, published oder withdrawn.",
        ),
        Trait("sichtbar-ab", "sichtbar ab", "Erster Tag der Veröffentlichung (JJJJ-MM-TT)."),
        Trait("sichtbar-bis", "sichtbar bis", "Letzter Tag der Veröffentlichung (JJJJ-MM-TT)."),
        Trait("freie-plaetze", "freie Plätze", "Zahl der freien Plätze, die der Träger pflegt."),
        Trait("angelegt-am", "angelegt am", "Zeitpunkt der Erfassung (ISO 8601)."),
        Trait("veroeffentlicht-am", "veröffentlicht am", "Zeitpunkt der Veröffentlichung."),
        Trait("rhythmus", "Rhythmus", "Rhythmus eines Termins in Lotse (z. B. course, one_off)."),
        Trait("sozialraum", "Sozialraum", "Sozialraum des Ortes; Wert: sein Name."),
        Trait("barrierefreiheit", "Barrierefreiheit", "Merkmal der Barrierefreiheit (Code)."),
        Trait("handlungsfeld", "Handlungsfeld", "Handlungsfeld der Organisation (Code)."),
        Trait("traeger", "Träger", "Rechtsträger der Einrichtung."),
    )
}
TRAIT_BY_ID: dict[str, Trait] = {trait.id: trait for trait in TRAITS.values()}


def trait_term(trait: Trait) -> dict[str, Any]:
    """The HSDS ``taxonomy_term`` of a trait."""
    return {
        "id": trait.id,
        "code": trait.code,
        "name": trait.name,
        "description": trait.description,
        "taxonomy": TRAITS_TAXONOMY,
        "taxonomy_id": taxonomy_id(TRAITS_TAXONOMY),
    }


def trait_taxonomy() -> dict[str, Any]:
    return {
        "id": taxonomy_id(TRAITS_TAXONOMY),
        "name": TRAITS_TAXONOMY_NAME,
        "description": TRAITS_TAXONOMY_DESCRIPTION,
        "version": "1",
    }


def trait_attribute(
    parent_id: Any, link_entity: str, code: str, value: str = "", index: int = 0
) -> dict[str, Any]:
    """An HSDS attribute of ``parent_id`` carrying trait ``code`` with ``value``."""
    trait = TRAITS[code]
    suffix = f"trait:{code}" if not index else f"trait:{code}:{index}"
    return {
        "id": derived_id(parent_id, suffix),
        "link_id": str(parent_id),
        "link_type": TRAITS_TAXONOMY,
        "link_entity": link_entity,
        "taxonomy_term_id": trait.id,
        "value": value,
        "taxonomy_term": trait_term(trait),
    }


def trait_code(attribute: dict[str, Any]) -> str | None:
    """The trait an HSDS attribute carries, by its term id or by its term's code."""
    trait = TRAIT_BY_ID.get(str(attribute.get("taxonomy_term_id") or ""))
    if trait is not None:
        return trait.code
    term = attribute.get("taxonomy_term") or {}
    if isinstance(term, dict) and term.get("taxonomy") == TRAITS_TAXONOMY:
        code = term.get("code")
        return code if code in TRAITS else None
    return None
