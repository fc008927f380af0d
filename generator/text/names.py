"""Names: the comparison forms of a name, in one place. `norm_name` for matching a phrase against the
story's entities (accents and punctuation dropped), `person_key` for the same without titles, `match_key`
for merging the entities of several sources (spelling kept, titles dropped), `initials` for acronyms,
`same_speaker` for two attributions that name one speaker in other words."""

from __future__ import annotations

import re
import unicodedata

from generator.text.words import ACRONYM_SKIPS, HONORIFICS, STOP, TITLES

_TITLES = re.compile(r"^(" + "|".join(TITLES) + r")\.?\s+", re.I)


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


def match_key(name: str) -> str:
    """Comparison form of a name: lowercase, no title, straight apostrophes, no 'building'."""
    name = " ".join(name.replace("\u2019", "'").split())
    while _TITLES.match(name):
        name = _TITLES.sub("", name, count=1)
    return name.lower().removesuffix(" building")


def initials(name: str, skip=ACRONYM_SKIPS) -> str:
    """'Agence France-Presse' -> 'AFP'; the small words in skip left out ('' for a one-word name)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in skip]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def stems(text: str) -> frozenset[str]:
    """Content words of a phrase cut to six letters, so a place and its adjective meet ('Kazakhstan',
    'Kazakh') and word order and 'of' do not count ('Ministry of Interior' / 'Interior Ministry')."""
    return frozenset(w[:6] for w in norm_name(text).split() if w not in STOP and len(w) > 1)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Two attributions naming one speaker: the same content words, or the words of one (two or more)
    all in the other ('Interior Ministry' / 'the Kazakh Interior Ministry'). No speaker matches none."""
    if not a or not b:
        return False
    x, y = sorted((stems(a), stems(b)), key=len)
    return bool(x) and (x == y or (len(x) >= 2 and x <= y))
