"""Names: the comparison form of a name, the one normaliser every name match goes through."""

from __future__ import annotations

import re
import unicodedata

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "prime", "minister", "deputy",
    "general", "gen", "colonel", "col", "mayor", "governor", "senator", "sen", "chancellor", "premier",
    "king", "queen", "prince", "princess", "spokesman", "spokeswoman", "spokesperson", "the",
}  # fmt: skip


def norm_name(name: str) -> str:
    """Return the comparison form of a name: casefolded, accents and punctuation dropped, no leading 'the'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.sub(r"[^a-z0-9]+", " ", plain).split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def person_key(name: str) -> str:
    """Return the comparison form of a person's name without leading titles ('President X' -> 'x')."""
    words = norm_name(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)
