"""German word normalisation for the finder's full-text search.

Families type "Fruehfoerderung" for "Frühförderung", "stillen" for "Still-Café",
"Babys" for "Baby". Both the offers' texts and the query go through the same steps:

1. lower case; accents other than the German umlauts dropped ("Café" → "cafe");
2. words split at everything that is not a letter or digit; a hyphenated compound also
   counts as one word ("Still-Café" → "still", "cafe", "stillcafe");
3. each word reduced to its stem by the Snowball German stemmer, which also folds
   "ae/oe/ue" and the umlauts to one form ("Fruehfoerderung" = "Frühförderung" →
   "fruhforder");
4. the stem of a query word of four letters or more matches inside a longer word, so
   "Hebamme" finds "Familienhebamme" and "Kurs" finds "Elternstartkurs" (German
   compounds); the stem of a shorter word only matches the start of a word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_KEEP = frozenset("äöüß")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
MIN_INFIX_LENGTH = 4
MAX_QUERY_TERMS = 8

# Words that carry no meaning for a search (kept short on purpose).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "auf",
        "aus",
        "bei",
        "das",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "es",
        "für",
        "fur",
        "im",
        "in",
        "ist",
        "mit",
        "mein",
        "meine",
        "oder",
        "the",
        "to",
        "und",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
    ]
)

_stemmer = snowballstemmer.stemmer("german")


def _fold(text: str) -> str:
    out = []
    for char in text.lower():
        if char in _KEEP:
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str, *, joined: bool = True) -> list[str]:
    """The folded words of ``text``, a hyphenated compound in parts and (``joined``) as
    one word, so a document with "Still-Café" is found by "Stillcafé" too."""
    found: list[str] = []
    for match in _WORD.finditer(_fold(text)):
        parts = match.group(0).split("-")
        found.extend(parts)
        if joined and len(parts) > 1:
            found.append("".join(parts))
    return found


def document(*texts: str) -> str:
    """The search document of some texts: their distinct stems, space-separated, with a
    space at both ends so that " stem" marks the start of a word."""
    stems: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            stems[stem(word)] = None
    return " " + " ".join(stems) + " " if stems else ""


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: it matches a document that contains any of its patterns.
    A pattern starting with a space must begin a word."""

    patterns: tuple[str, ...]

    def matches(self, doc: str) -> bool:
        return any(pattern in doc for pattern in self.patterns)


def query_terms(query: str) -> list[QueryTerm]:
    """The terms of a family's query (all must match), stop words left out."""
    terms: list[QueryTerm] = []
    seen: set[tuple[str, ...]] = set()
    for word in words(query, joined=False):
        if word in STOPWORDS:
            continue
        base = stem(word)
        variants = [base]
        # Loan words take a plural -s the stemmer keeps: "Babys" finds "Baby".
        if base.endswith("s") and len(base) > MIN_INFIX_LENGTH:
            variants.append(base[:-1])
        # A word of four letters or more may end a compound ("Kurs" finds
        # "Elternstartkurs", "Café" finds "Elterncafé"); a shorter one must begin a word.
        infix = len(word) >= MIN_INFIX_LENGTH
        key = tuple(dict.fromkeys(v if infix else " " + v for v in variants))
        if key not in seen:
            seen.add(key)
            terms.append(QueryTerm(key))
    return terms[:MAX_QUERY_TERMS]
