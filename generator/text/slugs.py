"""Slugs: the URL-safe names of pages and anchors, ASCII only, so every host serves them as they are.

python-slugify transliterates any script to ASCII ("Касым-Жомарт Токаев" -> "kasym-zhomart-tokaev",
"習近平" -> "xi-jin-ping", "Łukaszenka" -> "lukaszenka") where dropping what is not ASCII left nothing
or a broken name; then one rule makes the slug: lowercase, every run of characters other than a-z and
0-9 one "-". An ASCII name keeps the slug (and the URL) it always had.
"""

from __future__ import annotations

import re

from slugify import slugify as _transliterate

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(stem: str, default: str = "article") -> str:
    """Return the text transliterated to ASCII, lowercased, every run of non-alphanumerics turned into '-'."""
    if not stem.isascii():  # ASCII needs no transliteration (and slugs are made by the thousand)
        # python-slugify's own rules aside: "&amp;" is text, and "1,000" stays "1-000" as in ASCII
        stem = _transliterate(
            stem, entities=False, decimal=False, hexadecimal=False, replacements=[(",", "-")]
        )
    return _NOT_SLUG.sub("-", stem.lower()).strip("-") or default


def unique_slugs(stems: list[str], taken: set[str], default: str) -> list[str]:
    """Return one slug per stem, in order, with "-2", "-3"... where a slug is already taken."""
    out = []
    for stem in stems:
        base = slug = slugify(stem, default)
        n = 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out.append(slug)
    return out
