"""Quotation marks: the passages between them (straight or curly, double or single, nested).

News prints a quotation that runs over several paragraphs by leaving each paragraph's quote open
and opening the next paragraph with a fresh mark; BBC text also joins paragraphs into one line, so
a straight mark that opens a sentence inside an open quote ('... this. "Some ...') starts a new
passage of the same quotation. Such passages are flagged `continued`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "\u201c\u201e\u00ab"
CLOSE_DOUBLE = "\u201d\u00bb"
MAX_SINGLE = 120  # a single-quoted passage longer than this is more likely apostrophes
_BEFORE_OPEN = " \n\t([{\u2014\u2013-:"
_AFTER_CLOSE = " \n\t.,;:!?)]}\u2014\u2013-"


@dataclass
class Passage:
    """Text between a pair of quotation marks: inner start/end in the article."""

    start: int
    end: int
    text: str
    continued: bool = False  # goes on with the quotation of the passage before it (no close mark)
    closed: bool = True  # False when the passage ends without a closing mark


def _is_open(text: str, i: int) -> bool:
    """A straight mark at i can open a quote: start of text or after space/bracket/dash."""
    return i == 0 or text[i - 1] in _BEFORE_OPEN or text[i - 1] in OPEN_DOUBLE


def _is_close(text: str, i: int) -> bool:
    """A straight mark at i can close a quote: end of text or before space/punctuation."""
    return i + 1 >= len(text) or text[i + 1] in _AFTER_CLOSE or text[i + 1] in CLOSE_DOUBLE


def _reopens(text: str, i: int) -> bool:
    """A straight mark inside an open quote that can only open one: ' "Some' after a space."""
    return 0 < i < len(text) - 1 and text[i - 1].isspace() and text[i + 1].isalnum()


def _unclosed_end(line: str, opened: int, i: int) -> int:
    """Where an unclosed passage ends before a mark at i: there, or at the sentence end before a
    reporting clause that introduces the next passage ('... a Muslim. He added: "The ...')."""
    before = line[opened:i].rstrip()
    if not before.endswith(":"):
        return i
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", before)]
    return opened + ends[-1] if ends else i


def double_quotes(line: str, offset: int, continued: bool = False) -> list[Passage]:
    """Double-quoted passages of one line (curly and straight marks may be mixed).

    `continued` says the line before ended inside a quotation; a passage still open at the end of
    the line is kept, as unclosed.
    """
    out: list[Passage] = []
    opened, cont = None, False
    for i, ch in enumerate(line):
        if opened is None:
            if ch in OPEN_DOUBLE or ch == '"' and _is_open(line, i):
                opened, cont = i + 1, continued and not out and not line[:i].strip()
        elif ch in OPEN_DOUBLE or ch == '"' and _reopens(line, i):
            end = _unclosed_end(line, opened, i)
            _emit(out, line, offset, opened, end, cont, closed=False)
            opened, cont = i + 1, end == i  # an unclosed quote restarts: the same quotation goes on
        elif ch in CLOSE_DOUBLE or ch == '"' and _is_close(line, i):
            _emit(out, line, offset, opened, i, cont, closed=True)
            opened = None
    if opened is not None:
        _emit(out, line, offset, opened, len(line), cont, closed=False)
    return out


def _emit(out: list[Passage], line: str, offset: int, s: int, e: int, cont: bool, closed: bool) -> None:
    """Append the passage line[s:e] when it holds any text."""
    p = _passage(line, offset, s, e)
    if p.text:
        p.continued, p.closed = cont, closed
        out.append(p)


_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[\u2014:\"\u201c]))['\u2018]([A-Za-z0-9][^'\u2018\u2019\n]*?[A-Za-z0-9.!?])"
    r"['\u2019](?=$|[\s.,;:!?)\]\u2014\"\u201d])"
)


def single_quotes(line: str, offset: int) -> list[Passage]:
    """Single-quoted passages ('dozens'), nested ones included; apostrophes are not quotes."""
    out = []
    for m in _SINGLE.finditer(line):
        s, e = m.start(1), m.end(1)
        if e - s <= MAX_SINGLE:
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
    out, pos, open_before = [], 0, False
    for line in text.split("\n"):
        doubles = double_quotes(line, pos, continued=open_before)
        if line.strip():
            open_before = bool(doubles) and not doubles[-1].closed
        singles = [p for p in single_quotes(line, pos) if p.text and not _same_span(p, doubles)]
        out.extend(sorted(doubles + singles, key=lambda p: p.start))
        pos += len(line) + 1
    return out


def _same_span(p: Passage, others: list[Passage]) -> bool:
    """True when a passage has the very span of another (a mark read twice)."""
    return any(p.start == o.start and p.end == o.end for o in others)
