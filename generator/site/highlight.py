"""Highlighting: an article as raw HTML, a span per sentence (the citations' targets), with the words each
fact was made of marked and linked to the fact."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.models import NAMES_READ, ArticleFacts, Cite, Entity, Event, Figure, Furniture, Quote
from generator.publish.passthrough import marked
from generator.site.escape import html_text


def furniture_note(kind: str) -> str:
    """The tooltip of page furniture on a source page."""
    read = "read for names only" if kind in NAMES_READ else "not read for facts"
    return f"Page furniture ({kind}): {read}"


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")


@dataclass(frozen=True)
class Mark:
    """A highlight on a source page: the words a fact was made of, linking to the fact."""

    start: int
    end: int
    kind: str  # a key of MARK_KINDS
    href: str
    title: str


MARK_KINDS = {  # kind: (legend label, rank when two facts mark the same words: lower wins)
    "figure": ("figure", 0),
    "person": ("person", 1),
    "organisation": ("organisation", 1),
    "place": ("place", 1),
    "quote": ("quote", 2),
}


def resolve_marks(marks: list[Mark], length: int) -> list[Mark]:
    """Return the marks that can be drawn as nested elements, sorted by (start, -end).

    Marks outside the text are dropped; of marks on the same words, the most specific kind stays; of two
    marks that overlap without one containing the other, the longer stays (then the more specific); a mark
    inside one that links to the same fact adds nothing and is dropped.
    """
    best: dict[tuple[int, int], Mark] = {}
    for m in sorted(marks, key=lambda m: (MARK_KINDS[m.kind][1], m.kind, m.href, m.title, m.start)):
        if 0 <= m.start < m.end <= length:
            best.setdefault((m.start, m.end), m)
    kept: list[Mark] = []
    for m in sorted(best.values(), key=lambda m: (m.start - m.end, MARK_KINDS[m.kind][1], m.start, m.kind)):
        # longest first, so a mark may only lie inside a kept one or apart from it
        if all(
            m.end <= k.start
            or k.end <= m.start
            or (k.start <= m.start and m.end <= k.end and k.href != m.href)
            for k in kept
        ):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.start - m.end))


def marked_html(text: str, start: int, end: int, marks: list[Mark]) -> str:
    """Return text[start:end] as HTML with the marks (nested, sorted by (start, -end)) as <mark> elements;
    the words themselves are links to the innermost mark's fact (links never nest)."""
    out: list[str] = []
    stack: list[Mark] = []
    pos = start

    def words(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            piece = html_text(text[pos:upto])
            if stack:
                m = stack[-1]
                piece = f'<a href="{html_text(m.href)}" title="{html_text(m.title)}">{piece}</a>'
            out.append(piece)
        pos = max(pos, upto)

    def close_until(limit: int) -> None:
        while stack and stack[-1].end <= limit:
            words(stack[-1].end)
            out.append("</mark>")
            stack.pop()

    for m in marks:
        s, e = max(m.start, start), min(m.end, end)
        if s >= e:
            continue
        close_until(s)
        words(s)
        out.append(f'<mark class="fs-hl fs-hl-{m.kind}">')
        stack.append(Mark(s, e, m.kind, m.href, m.title))
    close_until(end)
    words(end)
    return "".join(out)


def segments(text: str, cuts: set[int]) -> list[list[tuple[int, str]]]:
    """Return the non-empty lines as lists of (offset, segment), cut at sentence ends and at `cuts`."""
    lines, pos = [], 0
    for line in text.split("\n"):
        bounds = {0, len(line)} | {m.end() for m in _SENTENCE_END.finditer(line)}
        bounds |= {c - pos for c in cuts if pos < c < pos + len(line)}
        edges = sorted(bounds)  # every cite start is an edge, so every `#s<start>` anchor exists
        if line.strip():
            lines.append([(pos + a, line[a:b]) for a, b in pairwise(edges)])
        pos += len(line) + 1
    return lines


def article_html(
    text: str, cites: list[Cite], marks: list[Mark] | None = None, furniture: Sequence[Furniture] = ()
) -> str:
    """Return the article as raw HTML: a <p> per line, each segment a span whose id is `s<offset>`.

    A segment inside a cite that began in an earlier segment is marked `fs-cont`, so the CSS can highlight
    a cited sentence that spans several segments when a citation link targets its first one. The marks
    (see resolve_marks) are cut at the segment edges and drawn inside the spans. Page furniture is its
    own segments, marked `fs-furniture` (dimmed) with its kind as a tooltip.
    """
    cuts = {n for c in cites for n in (c.start, c.end)} | {n for f in furniture for n in (f.start, f.end)}
    spans = sorted({(c.start, c.end) for c in cites})
    dim = {f.start: f for f in furniture}
    kept = resolve_marks(marks or [], len(text))
    paras = []
    for line in segments(text, cuts):
        parts = []
        piece = None  # the furniture the segment lies in
        for start, seg in line:
            end = start + len(seg)
            piece = dim.get(start, piece if piece and start < piece.end else None)
            inner = [m for m in kept if m.start < end and start < m.end]
            cont = " fs-cont" if any(a < start < b for a, b in spans) else ""
            extra = f' fs-furniture" title="{furniture_note(piece.kind)}' if piece else ""
            parts.append(
                f'<span class="fs-s{cont}{extra}" id="s{start}">{marked_html(text, start, end, inner)}</span>'
            )
        paras.append("<p>" + "".join(parts) + "</p>")
    return marked('<div class="fs-article" markdown="0">\n' + "\n".join(paras) + "\n</div>")


def all_cites(af: ArticleFacts) -> list[Cite]:
    """Return every cite of every fact of one article."""
    facts: list[Entity | Event | Figure | Quote] = [*af.who, *af.what, *af.figures, *af.quotes]
    return [c for fact in facts for c in fact.cites]


def find_in(cite: Cite, words: str) -> tuple[int, int] | None:
    """Return the article span of `words` inside a cite: the first whole-word occurrence, else the first."""
    if not words:
        return None
    hit = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", cite.quote) or re.search(
        re.escape(words), cite.quote
    )
    return (cite.start + hit.start(), cite.start + hit.end()) if hit else None
