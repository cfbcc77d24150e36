"""Name keys for matching place names across spellings and transliterations.

Two keys per name: `fold` (accents, case and punctuation removed: "Ar-Raqqah" → "ar raqqah")
matches spellings that differ only in form; `skeleton` (article dropped, q→k, vowels and
doubled letters collapsed: "Al-Mosul", "Mosul" → "msl"; "Kunduz", "Qonduz", "Kondoz" → "kndz")
matches transliteration variants, and is only tried when the fold finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|adh|ar|at|az|an|es|ed|er|et)\s+(?=\w{3})")
_SKELETON_SUBS = (
    ("aw", "o"), ("ow", "o"), ("ou", "u"), ("kh", "k"), ("gh", "g"), ("q", "k"), ("c", "k"), ("ph", "f"), ("dh", "d"), ("th", "t"),
    ("sh", "s"), ("ch", "c"), ("w", "v"), ("dj", "g"), ("j", "g"), ("y", ""), ("h", ""),
)


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower-case ASCII words: 'Ar-Raqqah ' -> 'ar raqqah'; the key every lookup starts with.

    Memoised (a pure function of its text): the same names are folded ~20 times per article."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "").replace("\u2019", "").replace("`", "")
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def skeleton(text: str) -> str:
    """A transliteration-blind key: no Arabic article, no vowels after the first letter, no doubles.

    Short names make poor skeletons (too many collide), so names under 4 letters keep their fold.
    """
    key = fold(text)
    key = _ARTICLE.sub("", key)
    key = key.replace(" ", "")
    if len(key) < 4:
        return key
    for old, new in _SKELETON_SUBS:
        key = key.replace(old, new)
    head, tail = key[:1], re.sub(r"[aeiou]", "", key[1:])
    key = re.sub(r"(.)\1+", r"\1", head + tail)
    return key


def is_latin(text: str) -> bool:
    """True when a name is written in Latin letters (an English article can only name it so)."""
    return bool(text) and all(ord(c) < 0x250 or unicodedata.category(c)[0] != "L" for c in text)
