"""Quotes: passages in quotation marks (straight or curly, double or single) and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "\u201c\u201e\u00ab"
CLOSE_DOUBLE = "\u201d\u00bb"
MAX_SINGLE = 120  # a single-quoted passage longer than this is more likely apostrophes


@dataclass
class Passage:
    """Text between a pair of quotation marks: inner start/end in the article."""

    start: int
    end: int
    text: str


def _is_open(text: str, i: int) -> bool:
    """A straight mark at i can open a quote: start of text or after space/bracket/dash."""
    return i == 0 or text[i - 1] in " \n\t([{\u2014\u2013-:" or text[i - 1] in OPEN_DOUBLE


def _is_close(text: str, i: int) -> bool:
    """A straight mark at i can close a quote: end of text or before space/punctuation."""
    return i + 1 >= len(text) or text[i + 1] in " \n\t.,;:!?)]}\u2014\u2013-" or text[i + 1] in CLOSE_DOUBLE


def double_quotes(line: str, offset: int) -> list[Passage]:
    """Double-quoted passages of one line (curly and straight marks may be mixed)."""
    out, opened = [], None
    for i, ch in enumerate(line):
        if opened is None and (ch in OPEN_DOUBLE or ch == '"' and _is_open(line, i)):
            opened = i + 1
        elif opened is not None and (ch in CLOSE_DOUBLE or ch == '"' and _is_close(line, i)):
            if i > opened:
                out.append(_passage(line, offset, opened, i))
            opened = None
        elif opened is not None and ch in OPEN_DOUBLE:
            opened = i + 1  # an unclosed quote restarts: a paragraph-spanning quotation
    return out


_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[\u2014:]))['\u2018]([A-Za-z0-9][^'\u2018\u2019\n]*?[A-Za-z0-9.!?])['\u2019](?=$|[\s.,;:!?)\]\u2014])"
)


def single_quotes(line: str, offset: int, taken: list[tuple[int, int]]) -> list[Passage]:
    """Single-quoted passages ('dozens') outside double-quoted ones; apostrophes are not quotes."""
    out = []
    for m in _SINGLE.finditer(line):
        s, e = m.start(1), m.end(1)
        if e - s > MAX_SINGLE or any(a <= offset + s < b for a, b in taken):
            continue
        out.append(_passage(line, offset, s, e))
    return out


def _passage(line: str, offset: int, s: int, e: int) -> Passage:
    """The passage line[s:e] without a trailing comma that belongs to the attribution."""
    inner = line[s:e]
    stripped = inner.rstrip()
    if stripped.endswith(","):
        stripped = stripped[:-1]
    lead = len(stripped) - len(stripped.lstrip())
    stripped = stripped.strip()
    return Passage(offset + s + lead, offset + s + lead + len(stripped), stripped)


def passages(text: str) -> list[Passage]:
    """Every quoted passage of the article, in order."""
    out, pos = [], 0
    for line in text.split("\n"):
        doubles = [p for p in double_quotes(line, pos) if p.text]
        taken = [(p.start, p.end) for p in doubles]
        singles = [p for p in single_quotes(line, pos, taken) if p.text]
        out.extend(sorted(doubles + singles, key=lambda p: p.start))
        pos += len(line) + 1
    return out
