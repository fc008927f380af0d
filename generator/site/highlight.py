"""Highlighting: an article as raw HTML, a span per sentence (the citations' targets), with the words each
fact was made of marked and linked to the fact."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

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

    Longest first, so the kept marks are nested or apart (laminar) and a new mark is never longer than a
    kept one: it conflicts with the kept marks exactly when the innermost kept mark around its first or
    its last character does not contain it (a kept mark crosses it), or a kept mark with its link covers
    its first character (that one contains it; kept marks of one link are apart). Each is a lookup.
    """
    best: dict[tuple[int, int], Mark] = {}
    for m in sorted(marks, key=lambda m: (MARK_KINDS[m.kind][1], m.kind, m.href, m.title, m.start)):
        if 0 <= m.start < m.end <= length:
            best.setdefault((m.start, m.end), m)
    nest = _Laminar(list(best))
    links: dict[str, _Apart] = {}
    for m in best.values():
        links.setdefault(m.href, _Apart()).expect(m.start, m.end)
    kept: list[Mark] = []
    for m in sorted(best.values(), key=lambda m: (m.start - m.end, MARK_KINDS[m.kind][1], m.start, m.kind)):
        if nest.fits(m.start, m.end) and not links[m.href].covers(m.start):
            nest.add(m.start, m.end)
            links[m.href].add(m.start, m.end)
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.start - m.end))


class _Slots:
    """Which of n ordered slots are taken, and the last taken slot at or before a given one (a Fenwick
    tree: both in O(log n))."""

    def __init__(self, n: int):
        self.n = n
        self.tree = [0] * (n + 1)
        self.top = 1 << n.bit_length()

    def take(self, i: int) -> None:
        """Mark slot i taken."""
        i += 1
        while i <= self.n:
            self.tree[i] += 1
            i += i & -i

    def last_upto(self, i: int) -> int | None:
        """The last taken slot <= i, or None."""
        count, j = 0, i + 1
        while j > 0:
            count += self.tree[j]
            j -= j & -j
        if count == 0:
            return None
        pos, step = 0, self.top  # the smallest slot whose prefix count reaches `count`
        while step:
            nxt = pos + step
            if nxt <= self.n and self.tree[nxt] < count:
                pos = nxt
                count -= self.tree[nxt]
            step >>= 1
        return pos


class _Laminar:
    """Kept spans (start, end) that are nested or apart, added innermost last (a new span never contains
    a kept one), out of spans known beforehand: the innermost kept span around a character."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.order = sorted(spans, key=lambda se: (se[0], -se[1]))
        self.starts = [s for s, _ in self.order]
        self.slot = {se: i for i, se in enumerate(self.order)}
        self.taken = _Slots(len(self.order))
        self.up: dict[int, list[int]] = {}  # slot -> its enclosing kept slots 1, 2, 4, ... levels up

    def add(self, start: int, end: int) -> None:
        """Keep a span (it lies inside the innermost kept span around its start, or apart from all)."""
        i = self.slot[(start, end)]
        parent = self.innermost(start)
        jumps = []
        while parent is not None:
            jumps.append(parent)
            up = self.up[parent]
            parent = up[len(jumps) - 1] if len(up) >= len(jumps) else None
        self.up[i] = jumps
        self.taken.take(i)

    def innermost(self, at: int) -> int | None:
        """The slot of the innermost kept span that contains offset `at`, or None."""
        i = self.taken.last_upto(bisect.bisect_right(self.starts, at) - 1)
        if i is None or self.order[i][1] > at:
            return i
        # the spans around `at` all enclose i (they start no later and end later): climb to the lowest
        for level in range(len(self.up[i]) - 1, -1, -1):
            while len(self.up[i]) > level and self.order[self.up[i][level]][1] <= at:
                i = self.up[i][level]
        return self.up[i][0] if self.up[i] else None

    def fits(self, start: int, end: int) -> bool:
        """True when no kept span crosses (start, end) (none is shorter, so the rest are around or apart)."""
        for at in (start, end - 1):
            i = self.innermost(at)
            if i is not None and not (self.order[i][0] <= start and end <= self.order[i][1]):
                return False
        return True


class _Apart:
    """Kept spans that never overlap, out of spans known beforehand: whether one covers an offset."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []
        self.taken: _Slots | None = None

    def expect(self, start: int, end: int) -> None:
        """Name a span that may be kept later (before any is kept)."""
        self.spans.append((start, end))

    def add(self, start: int, end: int) -> None:
        """Keep a span."""
        if self.taken is None:
            self.spans.sort()
            self.taken = _Slots(len(self.spans))
        self.taken.take(bisect.bisect_left(self.spans, (start, end)))

    def covers(self, at: int) -> bool:
        """True when a kept span contains offset `at`."""
        if self.taken is None:
            return False
        i = self.taken.last_upto(bisect.bisect_right(self.spans, (at, float("inf"))) - 1)
        return i is not None and self.spans[i][1] > at


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
    inside_cite = _Inside((c.start, c.end) for c in cites)
    dim = {f.start: f for f in furniture}
    kept = resolve_marks(marks or [], len(text))
    open_marks = _OpenMarks(kept)
    paras = []
    for line in segments(text, cuts):
        parts = []
        piece = None  # the furniture the segment lies in
        for start, seg in line:
            end = start + len(seg)
            piece = dim.get(start, piece if piece and start < piece.end else None)
            inner = open_marks.over(start, end)
            cont = " fs-cont" if inside_cite(start) else ""
            extra = f' fs-furniture" title="{furniture_note(piece.kind)}' if piece else ""
            parts.append(
                f'<span class="fs-s{cont}{extra}" id="s{start}">{marked_html(text, start, end, inner)}</span>'
            )
        paras.append("<p>" + "".join(parts) + "</p>")
    return marked('<div class="fs-article" markdown="0">\n' + "\n".join(paras) + "\n</div>")


class _Inside:
    """Whether an offset lies strictly inside one of some spans (start < offset < end): the spans
    sorted, with the furthest end reached so far, bisected."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach = list(accumulate((b for _, b in self.spans), max))

    def __call__(self, at: int) -> bool:
        i = bisect.bisect_left(self.starts, at) - 1  # the spans starting before `at`
        return i >= 0 and self.reach[i] > at


class _OpenMarks:
    """The nested marks (resolve_marks) over each segment of a text, segments asked for in text order: the
    marks around the segment's start (a stack kept as the start moves on) then those starting inside it,
    in the marks' order; each mark is pushed and popped once."""

    def __init__(self, kept: list[Mark]):
        self.kept = kept
        self.starts = [m.start for m in kept]
        self.stack: list[Mark] = []
        self.next = 0  # the first mark not pushed yet

    def over(self, start: int, end: int) -> list[Mark]:
        """The marks that overlap text[start:end] (start no smaller than the last call's)."""
        while self.next < len(self.kept) and self.kept[self.next].start <= start:
            m = self.kept[self.next]
            while self.stack and self.stack[-1].end <= m.start:
                self.stack.pop()
            self.stack.append(m)
            self.next += 1
        while self.stack and self.stack[-1].end <= start:
            self.stack.pop()
        inside = self.kept[self.next : bisect.bisect_left(self.starts, end, lo=self.next)]
        return [*self.stack, *inside]


def all_cites(af: ArticleFacts) -> list[Cite]:
    """Return every cite of every fact of one article."""
    facts: list[Entity | Event | Figure | Quote] = [*af.who, *af.what, *af.figures, *af.quotes]
    return [c for fact in facts for c in fact.cites]


def find_in(cite: Cite, words: str) -> tuple[int, int] | None:
    """Return the article span of `words` inside a cite: the first whole-word occurrence (no word
    character, as regex `\\w` has it, right before or after), else the first. By str.find: a source page
    looks up a thousand distinct names, and a regex compiled for each missed re's cache."""
    text = cite.quote
    first = text.find(words) if words else -1
    at = first
    while at != -1:
        end = at + len(words)
        if not (at and _word_char(text[at - 1])) and not (end < len(text) and _word_char(text[end])):
            return cite.start + at, cite.start + end
        at = text.find(words, at + 1)
    return (cite.start + first, cite.start + first + len(words)) if first != -1 else None


def _word_char(ch: str) -> bool:
    """Whether regex `\\w` matches the character (a letter or digit of any script, or '_')."""
    return ch.isalnum() or ch == "_"
