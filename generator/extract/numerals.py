"""Numerals: the number mentions of a sentence as figure drafts, and which of them are figures.

Drafts come from the token patterns of numpatterns.py (money, ranges, scores), spaCy's numeric
entities and a token scan for what the model misses ("dozens", "half", "doubled", digits); names,
codes, clock times and timestamps are not figures. numread.py reads each draft's value, qualifier
and unit; labels.py says what it counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract import numbers as num
from generator.extract import numpatterns
from generator.extract.syntax import (
    tokens_text,
)

NUMERIC = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
NAMED = {"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "NORP", "LOC"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
PLACE_NOUNS = {
    "nation",
    "country",
    "republic",
    "city",
    "town",
    "state",
    "region",
    "province",
    "island",
    "capital",
    "village",
    "territory",
}
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\b[ap]\.?m\b", re.I)
ZONES = {"gmt", "bst", "utc", "cet", "est", "edt", "pst", "pdt", "hrs", "hours", "local"}
# a date without a year is an event's time, unless it bounds a state ('in force until 19 January')
BOUNDING = {"until", "till", "through", "to"}
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_ALNUM = re.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]")


@dataclass
class Draft:
    """A figure found in one sentence, before it becomes a fact."""

    tokens: list  # the tokens of the number as written, qualifier included
    kind: str  # count, money, percent, year, date, duration, rank, vague, multiplier, fraction, age
    value: float | int | None = None
    qualifier: str = "exact"
    unit: str = ""
    counts: str = ""
    attributed_to: str | None = None
    as_of: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def value_text(self) -> str:
        """The number as written in the article ('£885m.' at a sentence end -> '£885m')."""
        return re.sub(r"(?<=\d[a-z])\.$|(?<=\d[a-z]{2})\.$", "", tokens_text(self.tokens))

    @property
    def head(self):
        """The last token of the number: the one the parse attaches to the sentence."""
        return self.tokens[-1]


# ---------------------------------------------------------------- candidates


def candidates(span) -> list[Draft]:
    """Number mentions of a sentence, in order, without overlaps."""
    taken: set[int] = set()
    out: list[Draft] = []
    for draft in [*_from_patterns(span), *_from_entities(span), *_from_tokens(span)]:
        if {t.i for t in draft.tokens} & taken:
            draft = _trimmed(draft, taken)
        if draft is None or not draft.tokens:
            continue
        ids = {t.i for t in draft.tokens}
        taken |= ids
        out.append(draft)
    return sorted(out, key=lambda d: d.tokens[0].i)


def _trimmed(draft: Draft, taken: set[int]) -> Draft | None:
    """The part of an entity draft before a pattern hit took its end ('5' of '5 to 10 dollars')."""
    rest = []
    for tok in draft.tokens:
        if tok.i in taken:
            break
        rest.append(tok)
    while rest and not rest[-1].like_num:
        rest.pop()
    return Draft(rest, draft.kind) if any(t.like_num for t in rest) else None


def _from_patterns(span) -> list[Draft]:
    """Drafts from the token patterns (money, ranges, scores, decades, multipliers, rankings)."""
    out = []
    for kind, toks, value in numpatterns.hits(span):
        draft = Draft(_with_qualifier(toks), kind)
        draft.extra.update(pattern=True, preset=value)
        out.append(draft)
    return out


def _from_entities(span) -> list[Draft]:
    """Drafts from spaCy's numeric, date and ordinal entities."""
    out = []
    for ent in span.ents:
        toks = list(ent)
        if ent.label_ in NUMERIC:
            out.extend(_numeric(toks, ent.label_))
        elif ent.label_ in ("DATE", "TIME"):
            out.extend(_temporal(toks))
        elif ent.label_ == "ORDINAL":
            out.extend(_rank(toks))
    return out


def _numeric(toks: list, label: str) -> list[Draft]:
    """A CARDINAL/MONEY/PERCENT/QUANTITY entity as a draft (unit words split off)."""
    if any(t.lower_ in num.VAGUE or t.lower_ in ("several", "few") for t in toks):
        return [Draft(_with_qualifier(toks), "vague")]
    if toks[-1].lower_ == "half" and _next_is(toks[-1], "-"):
        return []  # 'half-time', 'half-brother'
    if toks[-1].lower_ in num.PARTS and toks[-1].lower_ not in ("fifth", "fifths"):
        return [Draft(_with_qualifier(toks), "fraction")]
    core = [t for t in toks if _numberish(t)]
    if not core:
        return []
    last = max(t.i for t in core)
    kind = {"MONEY": "money", "PERCENT": "percent"}.get(label, "count")
    after = toks[-1].doc[toks[-1].i + 1] if toks[-1].i + 1 < len(toks[-1].doc) else None
    if kind == "count" and after is not None and after.lower_ in num.CURRENCY_WORDS:
        toks, kind = [*toks, after], "money"
    keep = [
        t
        for t in toks
        if t.i <= last
        or kind == "money"
        and t.lower_ in num.CURRENCY_WORDS
        and t.i == last + 1
        or t.text == "%"
        or t.lower_ in ("percent", "per", "cent")
        and kind == "percent"
    ]
    if kind == "money":
        keep = _money_span(keep)
    draft = Draft(_with_qualifier(keep), kind)
    draft.extra["unit_tokens"] = [t for t in toks if t.i > last and t not in keep]
    return [draft]


def _money_span(toks: list) -> list:
    """Money tokens with the currency sign before and a glued scale after ('£' '600' 'm')."""
    doc = toks[0].doc
    first, last = toks[0].i, toks[-1].i
    if first > 0 and doc[first - 1].text in num.CURRENCY_SYMBOLS:
        first -= 1
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in num.SCALES and nxt.idx == toks[-1].idx + len(toks[-1].text):
        last += 1
    return list(doc[first : last + 1])


def _numberish(tok) -> bool:
    """True for tokens that carry the number itself."""
    return tok.like_num or num.is_number_word(tok.text) or tok.text in num.CURRENCY_SYMBOLS


def _temporal(toks: list) -> list[Draft]:
    """Years, calendar dates and durations from a DATE/TIME entity; None for bare time words."""
    text = " ".join(t.lower_ for t in toks)
    if _CLOCK.search(text):
        return []
    years = [t for t in toks if _YEAR.match(t.text)]
    has_month = any(t.lower_.strip(".") in MONTHS for t in toks)
    day = [t for t in toks if t.text.isdigit() and 1 <= int(t.text) <= 31 and not _YEAR.match(t.text)]
    if has_month and day:
        if not years and not _bounds(toks):
            return []
        month_day = [t for t in toks if t.lower_.strip(".") in MONTHS or t in day or t.text == ","]
        return [Draft(month_day if not years else toks, "date")]
    if years:
        return [] if _deadline(years[0]) else [Draft([years[0]], "year")]
    units = [t for t in toks if t.lemma_.lower() in TIME_UNITS]
    nums = [t for t in toks if _numberish(t) and t.lower_ not in ("a", "an") and not _ordinal(t)]
    if nums and (not units or _is_old(units[-1])):
        return [Draft(_with_qualifier([nums[0]]), "count")] if nums[0].like_num else []
    if units and nums:
        lo, hi = min(nums[0].i, units[-1].i), max(nums[0].i, units[-1].i)
        return [Draft(_with_qualifier([t for t in toks if lo <= t.i <= hi]), "duration")]
    return []


def _bounds(toks: list) -> bool:
    """True when a date ends or starts a period: 'until January 19'."""
    first = toks[0]
    return first.i > 0 and first.doc[first.i - 1].lower_ in BOUNDING


def _deadline(tok) -> bool:
    """True for the year of 'by 2008': a deadline, not a year an event happened in."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "by"


def _ordinal(tok) -> bool:
    """True for 'fourth', '4th'."""
    return tok.lower_ in num.ORDINALS or bool(re.match(r"^\d+(st|nd|rd|th)$", tok.lower_))


def _is_old(tok) -> bool:
    """True for the 'year' of '81-year-old'."""
    doc = tok.doc
    return any(t.lower_ in ("old", "olds") for t in doc[tok.i + 1 : tok.i + 3])


def _rank(toks: list) -> list[Draft]:
    """'ninth largest': an ordinal before a superlative is a ranking."""
    nxt = toks[-1].nbor(1) if toks[-1].i + 1 < len(toks[-1].doc) else None
    if nxt is not None and (nxt.tag_ == "JJS" or nxt.lower_.startswith("most")):
        return [Draft(toks, "rank")]
    return []


def _from_tokens(span) -> list[Draft]:
    """Drafts for numbers the model did not tag: digits, vague magnitudes, fractions, multipliers."""
    out = []
    for tok in span:
        low = tok.lower_
        if tok.ent_type_ and tok.ent_type_ not in ("CARDINAL",):
            continue
        if low in num.VAGUE and (low != "scores" or _next_is(tok, "of")) and low != "tens":
            out.append(Draft(_with_qualifier([tok]), "vague"))
        elif low == "half" and (_next_is(tok, "of") or _next_is(tok, "the")):
            out.append(Draft(_with_qualifier([tok]), "fraction"))
        elif low in num.MULTIPLIERS and tok.pos_ in ("VERB", "NOUN"):
            out.append(Draft(_with_qualifier([tok]), "multiplier"))
        elif tok.like_num and tok.text[:1].isdigit() and not tok.ent_type_:
            out.append(Draft(_with_qualifier([tok]), "count"))
    return out


def _next_is(tok, word: str) -> bool:
    """True when the token after tok is the given word."""
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == word


def _with_qualifier(toks: list) -> list:
    """The tokens with a qualifier phrase that stands right before them prepended."""
    doc, first = toks[0].doc, toks[0].i
    if num.qualifier_of(doc[first : toks[-1].i + 1].text + " ")[0] != "exact":
        return toks
    for phrase, _ in num.QUALIFIER_PHRASES:
        n = len(phrase.split())
        if first - n >= 0 and doc[first - n : first].text.lower() == phrase:
            if (
                phrase in ("over", "under", "above", "below", "about", "around")
                and first - n > 0
                and doc[first - n - 1].pos_ in ("VERB",)
                and phrase in ("over", "under")
            ):
                continue
            return list(doc[first - n : first]) + toks
    return toks


# ---------------------------------------------------------------- filters


def keep(draft: Draft) -> bool:
    """False for numbers that are names, codes, clock times or pronoun-like 'one'."""
    head = draft.head
    if draft.extra.get("pattern"):
        return True
    if _timestamp(head) or _in_name(draft) or _zero_of_mass(head) or _titled_word(draft) or _day_of(draft):
        return False
    if draft.kind in ("count", "money", "percent"):
        if any(_ALNUM.search(t.text) and not num._NUM_SUFFIX.match(t.text) for t in draft.tokens):
            return False
        if (
            head.head.pos_ == "PROPN"
            and head.head.tag_ == "NNP"
            and head.dep_ in ("nummod", "compound")
            and head.head.i > head.i
        ):
            return False
        if head.lower_ == "one" and not (head.dep_ == "nummod" and head.head.pos_ == "NOUN"):
            return False
        if head.lower_ == "one" and head.i + 1 < len(head.doc) and head.nbor(1).text == "-":
            return False  # one-off, one-time
        if head.ent_type_ in NAMED:
            return False
    if draft.kind == "count" and _YEAR.match(head.text) and head.dep_ == "pobj":
        draft.kind = "year"
    return True


def _timestamp(tok) -> bool:
    """True for '1700 GMT', '0900 hours'."""
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in ZONES and tok.like_num


def _in_name(draft: Draft) -> bool:
    """True for a number that ends a title: 'Series 60', 'Radio 4', 'Number 73' (a capitalised
    word inside the sentence right before the digits)."""
    digit = next((t for t in draft.tokens if t.text[:1].isdigit()), None)
    if draft.kind not in ("count", "year") or digit is None or digit.i == digit.sent.start:
        return False
    before = digit.doc[digit.i - 1]
    return (
        before.text[:1].isupper()
        and before.i > before.sent.start
        and before.is_alpha
        and before.lower_.strip(".") not in MONTHS
        and before.lower_ not in ZONES
        and not num.qualifier_of(before.lower_ + " x")[0] != "exact"
    )


def _titled_word(draft: Draft) -> bool:
    """True for a number word written with a capital inside a title: 'Lock, Stock and Two Smoking
    Barrels', 'Ocean's Eleven' (not at the start of a sentence, and next to another capitalised word)."""
    if draft.kind != "count" or len(draft.tokens) != 1:
        return False
    tok = draft.tokens[0]
    if not tok.is_alpha or not tok.is_title or tok.i == tok.sent.start or tok.doc[tok.i - 1].is_punct:
        return False
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    before = doc[tok.i - 1]
    return bool(after is not None and after.is_title or before.is_title and before.i > tok.sent.start)


def _day_of(draft: Draft) -> bool:
    """True for '17' of 'February 16 and 17': a day of a date written with another day's month."""
    head = draft.head
    if draft.kind != "count" or not head.text.isdigit() or int(head.text) > 31:
        return False
    if head.ent_type_ == "DATE":
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        return ent is not None and any(t.lower_.strip(".") in MONTHS for t in ent)
    # coordinated with a month: 'February 16 and 17', '3 and 4 May'
    return head.dep_ == "conj" and head.head.lower_.strip(".") in MONTHS


def _zero_of_mass(tok) -> bool:
    """True for 'zero tolerance': zero before a singular noun is not a count of it."""
    return tok.lower_ == "zero" and tok.dep_ in ("nummod", "amod", "compound") and tok.head.tag_ == "NN"
