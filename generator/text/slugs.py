"""Slugs: the URL-safe names of pages and anchors."""

from __future__ import annotations

import re
import unicodedata


def slugify(stem: str, default: str = "article") -> str:
    """Return the text lowercased, accents dropped, every run of non-alphanumerics turned into '-'."""
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or default


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
