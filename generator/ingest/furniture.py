"""Page furniture: the lines and parts of lines that belong to the web page an article was copied from,
not to its story (app banners, store badges, gallery headings repeated on every slide, photo captions,
"Read the full statement" links, share and follow buttons, adverts).

Two kinds of rule find it: line patterns (whole lines, or the tail of a line), and repetition within
the article (a line seen before; the same opening words on three lines or more). The article text is
never changed: furniture is a list of spans, which extraction reads around and the source page dims.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.models import FurnitureKind
from generator.text.words import AGENCIES, FUNCTION_WORDS, PHOTO_AGENCIES

MIN_REPEATS = 3  # lines opening with the same words before those words count as a repeated heading
MIN_PREFIX_WORDS = 3  # and at least this many of them (two words open many ordinary paragraphs alike)
MAX_LINE_WORDS = 25  # a banner, badge or link is short; a line longer than this is prose
MAX_CAPTION_WORDS = 60

# Every pattern is matched against one line (no newline in it), so \s is a space or a tab; no two
# whitespace quantifiers may meet (a line flooded with spaces would cost quadratic time).
_NAME_WORD = r"(?:[A-Z0-9][\w&.'’+-]*)"
OUTLET = rf"(?P<outlet>{_NAME_WORD}(?: (?:{_NAME_WORD}|of|the|and|de|al|el)){{0,5}}?)"  # one space apart
_APP = r"(?:(?:Android|iOS|iPhone|iPad|mobile|Mobile|news|News|free|Free)\s+){0,2}[Aa]pps?\b"
_GET_IT = r"(?:Get|Download|Available)\s+(?:it\s+)?(?:on|from|in)\s+(?:the\s+)?"
_STORES = r"(?:Google\s+Play|(?:Apple\s+)?App\s+Store|Play\s+Store|AppGallery|Microsoft\s+Store)"
_NETWORKS = r"(?:Twitter|X|Facebook|Instagram|Telegram|WhatsApp|YouTube|TikTok|Google News|LinkedIn|Threads)"
_BUTTONS = rf"(?:{_NETWORKS}|Share|Tweet|Email|Print|Copy link|Messenger)"
_GALLERY = r"(?:In pictures|In photos|In video|Photo gallery|Gallery|Slideshow|Pictures|Photos|Video|Watch)"
_PHOTO_WORDS = r"(?:Photo|Photograph|Picture|Image|Stringer|File|Handout)"
_CREDITED = "|".join(sorted((re.escape(a) for a in (*AGENCIES, *PHOTO_AGENCIES)), key=len, reverse=True))
_PERSON = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,2}"  # "Yan Blagov": two or three capitalised words
_PART = r"[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}"
# a photo credit in brackets: who took it and for whom, one of them a person, an agency or a photo
# word: "(Yan Blagov/AP)", "[Stringer/Reuters]", "(AP Photo/Jane Doe)", "(Jane Doe/Example Wire)"
_CREDIT = (
    rf"[(\[](?:(?:{_PERSON}|{_PHOTO_WORDS}|{_PART}\s+{_PHOTO_WORDS})\s*/\s*{_PART}"
    rf"|{_PART}\s*/\s*(?:{_CREDITED}|{_PHOTO_WORDS})(?:\s+via\s+{_PART})?"
    rf"|(?:Photo|Image|Picture)\s*:\s*{_PART})[)\]]"
)
# a link out: "Read the full statement 👉 https://t.co/x", "Read more here"
_LINK_OUT = (
    r"(?:Read|See|Watch|View|Listen\s+to)\s+(?:(?:the|our|his|her|their)\s+)?(?:(?:full|whole|complete|entire)\s+)?"
    r"(?:statement|story|article|report|interview|thread|text|transcript|letter|here|more)\b"
    r"[^.!?]{0,20}?(?:\s*(?:\S{1,3}\s*)?(?:https?://|pic\.twitter\.com/)\S+)?\.?"
)
_LINK_LABELS = (
    r"(?:(?:Read|See|Watch|Listen)\s+(?:more|also|next)|Also\s+read|Related(?:\s+(?:articles?|stories|content|news))?"
    r"|More on this story|Recommended|Most read|READ MORE|RELATED)"
)
_CAPTION_LABELS = (
    r"(?:Caption|Image caption|Photo|Photograph|Picture|Image|Photo credit|Image source|Credit|File photo)"
)
_STAY = r"(?:Stay\s+(?:tuned|updated|connected|informed)|Keep\s+up)\s+(?:with|on|via)"
_GET = r"(?:Download|Get|Install|Try)\s+(?:the\s+|our\s+)?(?:free\s+)?"
_SHARE = r"(?:Share(?:\s+this(?:\s+(?:article|story|page))?)?|Tweet|Email|Print|Copy link)"
_SUBSCRIBE = r"(?:Subscribe|Sign\s+up|Register)\s+(?:to|for|now)\b.{0,80}?\b"
_ALERTS = r"(?:newsletter|channel|updates|alerts|podcast)s?\b"
_ADVERTS = (
    r"(?:Advertisement|ADVERTISEMENT|Sponsored(?:\s+content)?|Story continues below(?:\s+advertisement)?"
    r"|Continue reading (?:below|the main story)|Scroll (?:down )?to continue(?: with content)?)"
)

_WHOLE_LINES: list[tuple[FurnitureKind, str]] = [
    ("store badge", rf"{_GET_IT}{_STORES}\b.{{0,40}}"),
    ("app banner", rf"{_STAY}\s+{OUTLET}(?:'s|’s)?\s+{_APP}.{{0,40}}"),
    ("app banner", rf"{_GET}{OUTLET}\s+{_APP}.{{0,60}}"),
    ("social", rf"(?:Follow|Like|Join)\s+(?:us|{OUTLET})\s+on\s+{_NETWORKS}\b.{{0,60}}"),
    ("social", rf"{_SHARE}(?:\s*(?:(?:[|/·•,:]|on)\s*)?{_BUTTONS})*"),
    ("social", rf"{_SUBSCRIBE}{_ALERTS}.{{0,40}}"),
    ("advert", rf"{_ADVERTS}\.?"),
    ("link", rf"{_LINK_LABELS}(?:\s*[:|—–-].{{0,150}})?"),
    ("link", r"(?:Click|Tap)\s+here\b.{0,100}"),
    ("link", _LINK_OUT),
    ("gallery heading", rf"{_GALLERY}\s*:\s*[^.!?]{{1,80}}"),
    ("caption", rf"{_CAPTION_LABELS}\s*:.{{1,400}}"),
    ("caption", rf"(?:.{{0,400}}?[^.!?\s]\s*)?{_CREDIT}"),  # a sentence with a credit is not a caption
]  # fmt: skip
WHOLE_LINES = [(kind, re.compile(pattern)) for kind, pattern in _WHOLE_LINES]
# the tail of a line: a link out after its last sentence ("... violence. Read the full statement 👉 https://x")
TAILS: list[tuple[FurnitureKind, re.Pattern[str]]] = [
    ("link", re.compile(rf"(?<=[.!?\"”’)])\s+(?P<tail>{_LINK_OUT})$")),
    ("link", re.compile(r"(?<=[.!?\"”’])\s+(?P<tail>(?:https?://|pic\.twitter\.com/)\S+)$")),
]
_SENTENCES = re.compile(r"[.!?][\"”’)]?[ \t]+[A-Z]")  # a sentence end followed by another sentence
_LABEL = re.compile(r"^(?:caption|image caption|photo|picture)[ \t]*:[ \t]*", re.I)


@dataclass(frozen=True)
class Piece:
    """One piece of page furniture: text[start:end], its kind and the outlet it names (app banners)."""

    start: int
    end: int
    kind: FurnitureKind
    outlet: str | None = None


def find_furniture(text: str) -> list[Piece]:
    """Return the page furniture of an article, in text order, no two pieces overlapping."""
    lines = _lines(text)
    pieces = _repeated_lines(lines)
    taken = {p.start for p in pieces}
    pieces += [p for start, line in lines if start not in taken and (p := _line_piece(start, line))]
    taken |= {p.start for p in pieces}
    pieces += _repeated_openings(lines, taken)
    taken |= {p.start for p in pieces}
    pieces += [p for start, line in lines if start not in taken and (p := _tail_piece(start, line))]
    return _apart(pieces)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of each non-blank line, surrounding blanks trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if stripped := line.strip():
            out.append((m.start() + len(line) - len(line.lstrip()), stripped))
    return out


def _line_piece(start: int, line: str) -> Piece | None:
    """The whole line as furniture when a line pattern matches it (and it is short enough)."""
    words = len(line.split())
    for kind, pattern in WHOLE_LINES:
        if words > (MAX_CAPTION_WORDS if kind == "caption" else MAX_LINE_WORDS):
            continue
        if (m := pattern.fullmatch(line)) and not (kind == "caption" and _SENTENCES.search(line)):
            outlet = m.groupdict().get("outlet")
            return Piece(start, start + len(line), kind, outlet if outlet and outlet != "us" else None)
    return None


def _tail_piece(start: int, line: str) -> Piece | None:
    """The end of a line as furniture: a link out after its last sentence."""
    for kind, pattern in TAILS:
        if m := pattern.search(line):
            return Piece(start + m.start("tail"), start + len(line), kind)
    return None


def _norm(line: str) -> str:
    """A line as repeats are compared: no caption label, no case, no spacing or end punctuation."""
    return " ".join(_LABEL.sub("", line).casefold().split()).rstrip(".!?:;,")


def _repeated_lines(lines: list[tuple[int, str]]) -> list[Piece]:
    """Lines said before in the article (a headline repeated over a photo, a caption repeated)."""
    seen: set[str] = set()
    out = []
    for start, line in lines:
        key = _norm(line)
        if len(key.split()) >= 2 and key in seen:
            out.append(Piece(start, start + len(line), "repeat"))
        seen.add(key)
    return out


def _repeated_openings(lines: list[tuple[int, str]], taken: set[int]) -> list[Piece]:
    """The same opening words on MIN_REPEATS lines or more, each time followed by a new heading or
    sentence: a gallery's heading on every slide ("In pictures: Protests escalate Mass protests ...")."""
    groups: dict[tuple[str, ...], list[tuple[int, list[re.Match[str]]]]] = defaultdict(list)
    for start, line in lines:
        words = list(re.finditer(r"\S+", line))
        if len(words) > MIN_PREFIX_WORDS and start not in taken:
            groups[tuple(w.group() for w in words[:MIN_PREFIX_WORDS])].append((start, words))
    out = []
    for members in groups.values():
        n = _common_words([[w.group() for w in words] for _, words in members])
        if len(members) < MIN_REPEATS or not _heading(members, n):
            continue
        opening = " ".join(w.group() for w in members[0][1][:n])
        kind: FurnitureKind = "gallery heading" if re.match(_GALLERY + r"\b", opening) else "repeat"
        out += [Piece(start, start + words[n - 1].end(), kind) for start, words in members]
    return out


def _heading(members: list[tuple[int, list[re.Match[str]]]], n: int) -> bool:
    """True when n shared opening words read as a heading: enough of them, no sentence among them, and
    a capital (a new heading or sentence) after them on every line; "The minister said that" is prose."""
    opening = [w.group() for w in members[0][1][:n]]
    if n < MIN_PREFIX_WORDS or re.search(r"[.!?][\"”’)]?(?:\s|$)", " ".join(opening)):
        return False
    if opening[-1].casefold() in FUNCTION_WORDS:
        return False  # "I agree with" opens readers' comments; a heading does not end on "with"
    return all(len(words) == n or words[n].group()[:1].isupper() or words[n].group()[:1].isdigit()
               for _, words in members)  # fmt: skip


def _common_words(word_lists: list[list[str]]) -> int:
    """How many opening words all the lists share."""
    n = 0
    while all(len(w) > n for w in word_lists) and len({w[n] for w in word_lists}) == 1:
        n += 1
    return n


def _apart(pieces: list[Piece]) -> list[Piece]:
    """The pieces in text order, a piece overlapping an earlier one dropped."""
    out: list[Piece] = []
    for p in sorted(pieces, key=lambda p: (p.start, -p.end)):
        if not out or p.start >= out[-1].end:
            out.append(p)
    return out
