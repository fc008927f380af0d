"""Stable ids: derived from what a fact says, not from where it sits in a list."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: str) -> str:
    """`prefix-` and ten hex digits of the SHA-1 of the parts (joined by a unit separator)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"
