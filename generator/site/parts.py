"""Parts: an aggregate page (figures, quotes, timeline) too long for one page is split into pages.

A reader on a phone should not download megabytes to read one figure, and MkDocs' time per page grows
with its length. So a family's entries, over `limit` of them, are cut into parts under the family's
folder (`figures/p.md`, `quotes/bl.md`, `timeline/2005-03.md`), and the family's own page becomes
their index. An entry's part comes from its own name (or month), not from its rank: adding or removing
an entry changes its own part only, so links to the others and their pages' cached HTML stay valid.

- Named entries (figures by what they count, quotes by speaker) are cut by the first letter of their
  name; a letter with more than `limit` entries is cut by two letters, then three, and a run of
  entries that share the whole prefix is cut into `limit`-sized pieces (`p`, `p-2`, ...).
- Keyed entries (events by month) are cut by their key, and a key with too many into pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from generator.site.urls import SitePage
from generator.text.slugs import slugify

T = TypeVar("T")
_LEADING = re.compile(r"^[\W_]+")
DEPTH = 3  # letters of a name, at most, that choose its part


@dataclass
class Part(Generic[T]):
    """One page of a split family: its path under the story's folder, the label of its key, its entries
    in reading order."""

    path: str
    key: str  # "p", "pe", "2005-03", "undated"; a piece of a crowded key adds "-2", "-3"...
    items: list[T] = field(default_factory=list)
    name: str = ""  # the label a family gives its part ("March 2005"), else one made from the key

    @property
    def label(self) -> str:
        """The part as a reader names it: 'P', 'Pe', 'Pe (2)', or its family's name for it."""
        if self.name:
            return self.name
        key, _, piece = self.key.partition("-") if self.key[:1].isalpha() else (self.key, "", "")
        text = key[:1].upper() + key[1:]
        return f"{text} ({piece})" if piece else text


def fold(name: str) -> str:
    """The letters and digits of a name, lowercased and in ASCII: what chooses its part. A sign before
    the first letter or digit is left out ("£ spent" is under S, not under the transliterated "PS")."""
    return slugify(_LEADING.sub("", name), "").replace("-", "")


def by_name(
    family: str,
    items: Sequence[T],
    name: Callable[[T], str],
    limit: int,
    force: bool = False,
    weight: Callable[[T], int] | None = None,
) -> list[Part[T]] | None:
    """The parts of named entries, or None when they fit one page (unless `force`). A part holds
    entries weighing `limit` at most (each entry weighs `weight(entry)`, 1 by default: a figure group
    with many reports is a long entry), one entry at least. Entries keep their order within a part;
    parts are in the order of their keys."""
    weights = [weight(x) if weight else 1 for x in items]
    if sum(weights) <= limit and not force:
        return None
    keyed = sorted(((fold(name(x)) or "0", i) for i, x in enumerate(items)))
    sizes = [weights[i] for _, i in keyed]
    parts: list[Part[T]] = []
    for key, members in _cut([k for k, _ in keyed], sizes, list(range(len(keyed))), 1, limit):
        chosen = sorted(keyed[j][1] for j in members)
        parts.append(Part(f"{family}/{key}.md", key, [items[i] for i in chosen]))
    return parts


def by_key(
    family: str, items: Sequence[T], key: Callable[[T], str], limit: int, force: bool = False
) -> list[Part[T]] | None:
    """The parts of entries whose key (already a slug, in reading order) chooses their page, or None when
    they fit one page (unless `force`)."""
    if len(items) <= limit and not force:
        return None
    parts: list[Part[T]] = []
    pieces: dict[str, int] = {}  # key -> its pieces so far
    current = None  # the key of the last part
    for x in items:
        k = key(x)
        if current != k or len(parts[-1].items) >= limit:
            pieces[k] = pieces.get(k, 0) + 1
            name = f"{k}-{pieces[k]}" if pieces[k] > 1 else k
            parts.append(Part(f"{family}/{name}.md", name))
            current = k
        parts[-1].items.append(x)
    return parts


def _cut(
    keys: list[str], sizes: list[int], members: list[int], depth: int, limit: int
) -> list[tuple[str, list[int]]]:
    """[(prefix, member indexes)] of `members` (indexes into sorted `keys`, weighing `sizes`) grouped by
    their first `depth` letters; a group over the limit is cut by one more letter, or into pieces at
    DEPTH."""
    groups: dict[str, list[int]] = {}
    for j in members:
        groups.setdefault(keys[j][:depth], []).append(j)
    out: list[tuple[str, list[int]]] = []
    for prefix, group in groups.items():
        if sum(sizes[j] for j in group) <= limit:
            out.append((prefix, group))
        elif depth < DEPTH and any(len(keys[j]) > depth for j in group):
            out += _cut(keys, sizes, group, depth + 1, limit)
        else:
            pieces: list[list[int]] = [[]]
            size = 0
            for j in group:
                if pieces[-1] and size + sizes[j] > limit:
                    pieces.append([])
                    size = 0
                pieces[-1].append(j)
                size += sizes[j]
            out += [(prefix if n == 0 else f"{prefix}-{n + 1}", p) for n, p in enumerate(pieces)]
    return out


def span(first: str, last: str) -> str:
    """The entries a part holds, for a reader: 'from “people injured” to “pupils”'."""
    return f"“{first}”" if first == last else f"from “{first}” to “{last}”"


def names_span(names: Iterable[str]) -> str:
    """The span of a part of named entries: its first and last name in the order of their parts."""
    ordered = sorted(names, key=lambda n: (fold(n), n))
    return span(ordered[0], ordered[-1])


def where(parts: Sequence[Part], i: int, family: str, index: str, text: str) -> dict:
    """What a part page says of its place: its number, the family's index and its neighbours, linked
    from the part's own page; `text` is its span."""
    here = SitePage(parts[i].path)

    def link(p: Part) -> dict:
        return {"label": p.label, "href": here.link(p.path)}

    return {
        "label": parts[i].label,
        "number": i + 1,
        "total": len(parts),
        "family": family,
        "index": here.link(index),
        "span": text,
        "prev": link(parts[i - 1]) if i else None,
        "next": link(parts[i + 1]) if i + 1 < len(parts) else None,
    }


def index_rows(
    parts: Sequence[Part[T]], link: Callable[[str], str], text: Callable[[list[T]], str]
) -> list[dict]:
    """The lines of a split family's index: each part's label, link (`link(path)`: the index lists its
    parts as raw HTML, SitePage.href), number of entries and span."""
    return [{"label": p.label, "href": link(p.path), "n": len(p.items), "span": text(p.items)} for p in parts]
