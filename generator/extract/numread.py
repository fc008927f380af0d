"""Reading a figure draft: its value, qualifier and unit from its tokens, and the noun it counts
('13 security officers' -> officers) from the parse."""

from __future__ import annotations

import re

from generator.extract import numbers as num
from generator.extract.numerals import TIME_UNITS, Draft


def read(draft: Draft) -> Draft:
    """Fill value, qualifier and unit from the tokens."""
    text = draft.value_text
    qualifier, rest = num.qualifier_of(text)
    draft.qualifier = "vague" if draft.kind == "vague" else qualifier
    if is_distance(draft):
        draft.value, draft.unit = num.tidy(num.parse_number(rest[:-1])), "metres"
        draft.extra["race"] = True
    elif draft.extra.get("pattern"):
        _read_pattern(draft, rest)
    elif draft.kind == "vague":
        noun = counted_noun(draft)
        draft.value, draft.unit = None, noun.lower_ if noun is not None and noun.pos_ == "NOUN" else ""
    elif draft.kind == "fraction":
        value = num.fraction_value(rest)
        draft.value, draft.unit = num.tidy(value if value is not None else 50), "percent"
    elif draft.kind == "multiplier":
        draft.value, draft.unit = num.MULTIPLIERS[draft.head.lower_], "multiplier"
    elif draft.kind == "rank":
        draft.value, draft.unit = num.ORDINALS.get(draft.tokens[0].lower_), "rank"
    elif draft.kind == "date":
        draft.value, draft.unit = None, "date"
    else:
        draft.value = num.tidy(num.parse_number(rest))
        draft.unit = _unit(draft, rest)
    return draft


# words after a distance in metres that name a race or what it is run for ('the 60m hurdles')
RACE_WORDS = {"hurdles", "freestyle", "backstroke", "breaststroke", "butterfly", "medley", "relay"}
RACE_WORDS |= {"sprint", "race", "runner", "runners", "final", "title", "champion", "record", "dash"}
RACE_WORDS |= {"steeplechase", "event", "gold", "silver", "bronze", "medal", "heat", "semi"}


def is_distance(draft: Draft) -> bool:
    """True for a count like '800m' that is a distance in metres, not millions: a race word follows
    ('800m runners'), or 'the' comes before and no noun after ('disappointing in the 3,000m')."""
    if draft.kind != "count" or not re.fullmatch(r"\d[\d,]*m", draft.value_text):
        return False
    doc, first, last = draft.head.doc, draft.tokens[0].i, draft.tokens[-1].i
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in RACE_WORDS:
        return True
    before = doc[first - 1].lower_ if first > 0 else ""
    return before == "the" and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN"))


def _read_pattern(draft: Draft, rest: str) -> None:
    """Value and unit of a pattern hit: ranges and scores have no single value."""
    kind = draft.kind
    draft.value = draft.extra.get("preset")
    if kind == "money":
        if draft.value is None and not _is_range(rest):
            draft.value = num.tidy(num.parse_number(re.sub(r"(?<=\d)p$", "", rest)))
        draft.unit = _pence(rest) or num.currency_of(draft.value_text) or "money"
    elif kind == "decade":
        draft.unit = "decade"
        if draft.qualifier == "exact":
            draft.qualifier = "about"
    elif kind in ("score", "multiplier", "rank"):
        draft.unit = kind
    elif kind == "duration":
        units = [t for t in draft.tokens if t.lemma_.lower() in TIME_UNITS or t.lower_ == "fortnight"]
        draft.unit = units[-1].lemma_.lower() + "s" if units else "time"
    else:
        draft.unit = _unit(draft, rest) if kind != "range" else _range_unit(draft)


def _is_range(text: str) -> bool:
    """True for '20-30m', '$20 to $30'."""
    return bool(re.search(r"\d\s*([-\u2013]|\bto\b)\s*\S*\d", text))


def _pence(text: str) -> str:
    """'pence' for '97p', 'cents' for '50 cents'."""
    low = text.lower()
    if re.search(r"\dp$", low) or low.endswith("pence"):
        return "pence"
    return "cents" if low.endswith("cents") else ""


def _range_unit(draft: Draft) -> str:
    """The unit of a range: the counted noun, or percent."""
    nxt = draft.head.doc[draft.head.i + 1] if draft.head.i + 1 < len(draft.head.doc) else None
    if nxt is not None and nxt.text == "%" or nxt is not None and nxt.lower_ in ("percent", "per"):
        return "percent"
    noun = counted_noun(draft)
    return (
        noun.lemma_.lower() + "s"
        if noun is not None and noun.lemma_.lower() in TIME_UNITS
        else (noun.lower_ if noun is not None and noun.pos_ == "NOUN" else "")
    )


def _unit(draft: Draft, rest: str) -> str:
    """The unit of a numeric draft: currency code, percent, year, time unit or counted noun."""
    if draft.kind == "money":
        return num.currency_of(draft.value_text) or "money"
    if draft.kind == "percent" or "%" in rest:
        return "percent"
    if draft.kind == "year":
        return "year"
    if draft.kind == "duration":
        units = [t for t in draft.tokens if t.lemma_.lower() in TIME_UNITS]
        return units[-1].lemma_.lower() + "s" if units else "time"
    unit_tokens = draft.extra.get("unit_tokens") or []
    if unit_tokens:
        words = [t.lower_ for t in unit_tokens[0].doc[unit_tokens[0].i : unit_tokens[-1].i + 1]]
        tail = _per_phrase(unit_tokens[-1])
        return "_".join(words + tail)
    noun = counted_noun(draft)
    return noun.lower_ if noun is not None and noun.pos_ == "NOUN" else ""


def _per_phrase(tok) -> list[str]:
    """['per', 'day'] when 'per day' follows a unit."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "per":
        return ["per", doc[tok.i + 2].lower_]
    return []


def counted_noun(draft: Draft):
    """The noun a number quantifies ('13 security officers' -> officers), or None."""
    head = draft.head
    if draft.kind in ("vague", "fraction") or head.pos_ in ("NUM",) and head.dep_ not in ("nummod",):
        of = _of_object(head)
        if of is not None:
            return of
    if head.dep_ in ("nummod", "quantmod", "compound", "amod") and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
        if noun.lower_ in num.SCALES or noun.lower_ in num.SMALL_SCALES:
            return counted_noun(Draft([noun], draft.kind))
        if _hyphened(head, noun) and noun.dep_ in ("compound", "amod", "nmod") and noun.head.pos_ == "NOUN":
            return noun.head  # 'a three-game ban' counts a ban, not games
        return noun
    return None


def _hyphened(num_tok, noun) -> bool:
    """True for 'three-game': the number joined to its noun by a hyphen."""
    return noun.i == num_tok.i + 2 and num_tok.nbor(1).text == "-"


def _of_object(tok):
    """The object of an 'of' phrase hanging on tok ('dozens of attackers' -> attackers)."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None
