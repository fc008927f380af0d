"""Number phrases the model's entities get wrong, found with spaCy's Matcher on token shapes: money
with a currency sign or word and a glued scale ('£40m', '2.5bn euros', '97p'), ranges ('20-30',
'between 20 and 30'), match scores ('6-4', '1-6 6-3'), decades ('the 1990s'), multipliers
('twice', 'seven times more'), ages ('16 and 17-year-olds'), rankings ('world number one') and 'for a week'.

Each hit is (kind, tokens, value); numerals.py turns hits into drafts before the entity scan, so a
hit wins over an overlapping entity.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.extract import numbers as num

if TYPE_CHECKING:  # spaCy is imported when a text is read, not when the CLI starts
    from spacy.matcher import Matcher

_AMOUNT = r"^[-+]?\d[\d,]*(\.\d+)?((k|m|mn|bn|b|tn)\.?)?$"
_DIGITS = r"^\d{1,4}$"
_SMALL = r"^\d{1,2}$"
_PAIR = r"^\d{1,2}[-\u2013]\d{1,2}$"
_PENCE = r"^\d+(\.\d+)?p$"
_DECADE = r"^(1[0-9]|20)?\d0s$|^'\d0s$|^(mid|early|late)-(1[0-9]|20)?\d0s$"
DECADE_WORDS = {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"}
SYMBOLS = sorted({*num.CURRENCY_SYMBOLS, "US$", "A$", "C$", "HK$", "NZ$", "S$", "Rs", "Rs."})
SPORT_NEXT = {"down", "up", "win", "victory", "defeat", "loss", "lead", "draw", "scoreline", "thrashing"}
SPORT_BEFORE = {
    "won",
    "win",
    "beat",
    "beating",
    "lost",
    "lose",
    "losing",
    "drew",
    "led",
    "trailed",
    "trailing",
}
TIME_UNITS = ["second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade"]
DASH = {"-", "\u2013"}

_HYPHEN_RANGE = [{"TEXT": {"REGEX": _DIGITS}}, {"TEXT": {"IN": sorted(DASH)}}, {"TEXT": {"REGEX": _DIGITS}}]
_SCALE = {"LOWER": {"REGEX": r"^(thousand|million|billion|trillion|k|m|mn|bn|tn)\.?$"}, "OP": "?"}
_GLUED = r"^(k|m|mn|bn|tn)$"
_SET = [{"TEXT": {"REGEX": _SMALL}}, {"TEXT": {"IN": sorted(DASH)}}, {"TEXT": {"REGEX": _SMALL}}]
PATTERNS = {
    "money_range": [
        [
            {"TEXT": {"IN": SYMBOLS}},
            {"TEXT": {"REGEX": _AMOUNT}},
            {"TEXT": {"IN": [*sorted(DASH), "to"]}},
            {"TEXT": {"REGEX": _AMOUNT}},
            _SCALE,
        ]
    ],
    "money": [
        [{"TEXT": {"IN": SYMBOLS}}, {"TEXT": {"REGEX": _AMOUNT}}, _SCALE],
        [{"TEXT": {"REGEX": _AMOUNT}}, _SCALE, {"LOWER": {"IN": sorted(num.CURRENCY_WORDS)}}],
        [{"TEXT": {"REGEX": _PENCE}}],
        [{"TEXT": {"REGEX": _AMOUNT}}, {"LOWER": {"IN": ["pence", "cents"]}}],
    ],
    "scaled": [[{"TEXT": {"REGEX": r"^\d[\d,]*(\.\d+)?$"}}, {"LOWER": {"REGEX": _GLUED}}]],  # '11m voters'
    "score": [
        [{"TEXT": {"REGEX": _PAIR}}, {"TEXT": {"REGEX": _PAIR}, "OP": "*"}],
        *(_SET * sets for sets in range(2, 6)),  # tennis: '1-6 6-3 6-4'
    ],
    "range": [
        _HYPHEN_RANGE,
        [{"LOWER": "between"}, {"LIKE_NUM": True}, {"LOWER": "and"}, {"LIKE_NUM": True}, _SCALE],
    ],
    "decade": [
        [{"LOWER": {"IN": ["early", "mid", "late"]}, "OP": "?"}, {"LOWER": {"REGEX": _DECADE}}],
        [{"LOWER": {"IN": ["the", "mid", "early", "late"]}}, {"LOWER": {"IN": sorted(DECADE_WORDS)}}],
    ],
    "multiplier": [
        [{"LOWER": "twice"}, {"LOWER": {"IN": ["as", "the"]}}],
        [
            {"LIKE_NUM": True},
            {"LOWER": "times"},
            {"LOWER": {"IN": ["as", "the", "more", "higher", "larger"]}},
        ],
        [{"LIKE_NUM": True}, {"LOWER": "times"}, {"TAG": {"IN": ["JJR", "RBR"]}}],
        [{"LOWER": {"REGEX": r"^(two|three|four|five|six|seven|eight|nine|ten|\d+)-?fold$"}}],
    ],
    "ages": [
        [
            {"LIKE_NUM": True},
            {"LOWER": {"IN": ["and", "or", "to"]}},
            {"LIKE_NUM": True},
            {"TEXT": "-", "OP": "?"},
            {"LOWER": "year"},
            {"TEXT": "-", "OP": "?"},
            {"LOWER": {"IN": ["old", "olds"]}},
        ]
    ],
    "rank": [[{"TEXT": "number"}, {"LIKE_NUM": True}]],  # 'Number 73' is a title
    "duration": [
        [{"LOWER": {"IN": ["for", "within"]}}, {"LOWER": {"IN": ["a", "an"]}}, {"LEMMA": {"IN": TIME_UNITS}}]
    ],
}
_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab) -> Matcher:
    """One Matcher per vocabulary, built once."""
    key = id(vocab)
    if key not in _MATCHERS:
        from spacy.matcher import Matcher

        matcher = Matcher(vocab)
        for name, patterns in PATTERNS.items():
            matcher.add(name, patterns, greedy="LONGEST")
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def hits(span) -> list[tuple[str, list, float | int | None]]:
    """(kind, tokens, value) for the pattern phrases of a sentence, longest first, no overlaps."""
    doc = span.doc
    found = []
    for match_id, start, end in _matcher(doc.vocab)(span):
        kind = doc.vocab.strings[match_id]
        toks = list(span[start:end])
        hit = _reading(kind, toks)
        if hit is not None:
            found.append(hit)
    found.sort(key=lambda h: (-len(h[1]), h[1][0].i))
    taken: set[int] = set()
    out = []
    for kind, toks, value in found:
        ids = {t.i for t in toks}
        if not ids & taken:
            taken |= ids
            out.append((kind, toks, value))
    return out


def _reading(kind: str, toks: list):
    """The hit as (kind, tokens, value), or None when the shape is something else."""
    if kind == "range":
        return _range_or_score(toks)
    if kind == "score":
        return ("score", toks, None) if _is_score(toks) else None
    if kind == "multiplier":
        return "multiplier", _multiplier_tokens(toks), _times(toks)
    if kind == "rank":
        return "rank", toks, num.tidy(num.parse_number(toks[1].text))
    if kind == "duration":
        nxt = toks[-1].doc[toks[-1].i + 1] if toks[-1].i + 1 < len(toks[-1].doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
            return None  # 'for a second week': an ordinal, not a second
        return "duration", toks[1:] if toks[0].lower_ == "for" else toks, 1
    if kind == "scaled":
        glued = toks[0].whitespace_ == ""
        return ("count", toks, num.tidy(num.parse_number("".join(t.text for t in toks)))) if glued else None
    if kind == "ages":
        return "age", toks, None
    if kind == "decade":
        return kind, [t for t in toks if t.lower_ != "the"], None
    if kind == "money_range":
        return "money", toks, None
    return kind, toks, None


def _range_or_score(toks: list):
    """'20-30' is a range; '6-4' after 'won' or before 'win' is a score; 'from 5 to 10' neither."""
    doc = toks[0].doc
    before = doc[toks[0].i - 1] if toks[0].i > 0 else None
    if toks[0].lower_ != "between" and _is_score(toks):
        return "score", toks, None
    if len(toks) == 3 and re.match(r"^(1[5-9]|20)\d\d$", toks[0].text) and len(toks[2].text) in (2, 4):
        return "year", toks, None  # '2003-04': a season or financial year
    if before is not None and before.lower_ == "from":
        return None
    return "range", toks, None


def _is_score(toks: list) -> bool:
    """True for a match score: several pairs, a falling pair, or a pair beside a word of winning."""
    doc = toks[0].doc
    nums = [int(p) for t in toks for p in t.text.replace("\u2013", "-").split("-") if p.isdigit()]
    if len(nums) != 2 * max(1, len(nums) // 2) or any(n > 99 for n in nums):
        return False
    if len(nums) >= 4:
        return True
    before = doc[toks[0].i - 1].lower_ if toks[0].i > 0 else ""
    after = doc[toks[-1].i + 1].lower_ if toks[-1].i + 1 < len(doc) else ""
    return nums[0] > nums[1] or before in SPORT_BEFORE or after in SPORT_NEXT


def _multiplier_tokens(toks: list) -> list:
    """'twice as' -> 'twice'; 'seven times more' -> 'seven times'."""
    return [t for t in toks if t.lower_ not in ("as", "the") and t.tag_ not in ("JJR", "RBR")]


def _times(toks: list) -> float | int | None:
    """The factor of a multiplier phrase."""
    word = toks[0].lower_
    if word == "twice":
        return 2
    if word.endswith("fold"):
        return num.tidy(num.parse_number(word.removesuffix("fold").strip("-")))
    return num.tidy(num.parse_number(toks[0].text))
