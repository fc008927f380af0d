"""When an event happened: the time words of its sentence, as written, and the day they name.

The time words are spaCy's DATE and TIME entities plus relative adverbials a Matcher finds
('earlier', 'hours later', 'during the night'). Numbers that only look like dates are refused: an
age, a year in a photo caption '(pictured in 2019)', a founding year, a duration ('for many years').
Among the rest, the expression closest to the sentence's main verb wins: a year inside a relative
clause ('who took over in 1999') describes someone, not the event.

Days are resolved against the article's publication date the way newsrooms write them (see resolve).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from generator.extract.syntax import SPEECH_VERBS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = {"today": 0, "yesterday": -1, "tonight": 0, "overnight": 0, "last night": -1, "tomorrow": 1}
MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december"
)
_MONTH = re.compile(rf"\b({MONTHS})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_NUM = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_LEAD = re.compile(
    r"^(early|earlier|late|later|on|by|since|from|until|till|this|in|the|of|at|around|before|after)\s+", re.I
)
# 'aged 71', 'the 25-year-old', 'at the age of 71': an age, never a date
_AGE = re.compile(r"\b(aged?|age of|years? old|year-old)\b", re.I)
# 'a period of three years', 'for many years': how long, not when
_DURATION = re.compile(
    r"^((at least|more than|less than|almost|nearly|about|around|up to|over|just|only|some)\s+)?"
    r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|many|several|few|some|a few)\s+"
    r"(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)$",
    re.I,
)
_FOUNDING = {"found", "founding"}  # 'since its founding in 1999': background, not the event
_CAPTION = re.compile(r"\b(pictured|photographed|seen|shown|left|right|centre|center|above|below)\b", re.I)
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_HEADS = {"due", "expect", "set", "schedule", "plan", "intend", "going"}

ADVERBIAL_PATTERNS = [
    [{"LOWER": {"IN": ["earlier", "later", "currently", "recently", "previously", *RELATIVE]}}],
    [{"LOWER": {"IN": ["hours", "days", "weeks", "months", "minutes", "moments"]}}, {"LOWER": "later"}],
    [{"LOWER": {"IN": ["within", "after"]}}, {"LOWER": {"IN": ["hours", "days", "minutes", "weeks"]}}],
    [
        {"LOWER": {"IN": ["during", "over"]}},
        {"LOWER": "the"},
        {"IS_ALPHA": True, "OP": "{0,2}"},
        {
            "LOWER": {
                "IN": ["night", "weekend", "period", "week", "month", "year", "years", "months", "decade"]
            }
        },
    ],
    [{"LOWER": "as"}, {"LOWER": "of"}, {"LOWER": "late"}],
    [
        {"LOWER": {"IN": ["earlier", "later", "early", "late"]}},
        {"LOWER": {"IN": ["on", "that", "this"]}, "OP": "?"},
        {
            "LOWER": {
                "IN": [*WEEKDAYS, "day", "morning", "afternoon", "evening", "night", "week", "month", "year"]
            }
        },
    ],
    [{"LOWER": "in"}, {"LOWER": "recent"}, {"LOWER": {"IN": ["years", "months", "weeks", "days"]}}],
    [{"LOWER": "moments"}, {"LOWER": {"IN": ["before", "after"]}}, {"IS_ALPHA": True}],
    [
        {"LOWER": {"IN": ["by", "at", "around", "until", "before", "after"]}},
        {"SHAPE": "dddd"},
        {"LOWER": {"IN": ["gmt", "bst", "utc", "cet", "est", "edt", "pst", "hrs", "local"]}},
    ],
    [{"LIKE_NUM": True}, {"LOWER": {"REGEX": rf"^({MONTHS})\.?$"}}],
    [{"LOWER": {"REGEX": rf"^({MONTHS})\.?$"}}, {"LIKE_NUM": True}],
]
# words that make an expression a time: 'Green Day' tagged DATE has none of them
_TIME_WORD = re.compile(
    rf"\d|\b({MONTHS}|{'|'.join(WEEKDAYS)}|today|tonight|overnight|dawn|dusk|yesterday|tomorrow|now|ago|earlier|later|"
    r"currently|recently|previously|recent|late|early|mid|past|last|next|this|second|seconds|minutes?|hours?|"
    r"days?|weeks?|weekend|months?|years?|decades?|century|centuries|season|spring|summer|autumn|winter|"
    r"night|morning|afternoon|evening|midnight|noon|christmas|easter|period|times?|moments?|eighties|"
    r"nineties|sixties|seventies|fifties)\b",
    re.I,
)
# 'the months of surveillance', 'by the hour', 'an hour's worth': a unit, not a time
_BARE_UNIT = re.compile(r"^(the\s+|an?\s+)?(second|minute|hour|day|week|month|year|decade)s?$", re.I)


@lru_cache(maxsize=4)
def _matcher(vocab):
    """A Matcher for the relative time adverbials spaCy's NER does not tag."""
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    matcher.add("WHEN", ADVERBIAL_PATTERNS)
    return matcher


def candidates(span, after: int = 0) -> list:
    """Time expressions of a sentence (spaCy spans), NER dates and matched adverbials, no overlaps;
    only those from character `after` of the doc on (a dateline stamp holds no event time)."""
    from spacy.util import filter_spans

    found = [e for e in span.ents if e.label_ in ("DATE", "TIME")]
    doc = span.doc
    for _, start, end in _matcher(doc.vocab)(doc[span.start : span.end]):
        found.append(doc[span.start + start : span.start + end])
    spans = [_with_deictic(s) for s in _joined(filter_spans(found))]
    return [s for s in spans if s.start_char >= after and not refused(s)]


def _with_deictic(expr):
    """The expression with a 'this'/'last'/'next' the entity left out ('this year's Oscars')."""
    if expr.start > 0 and expr.doc[expr.start - 1].lower_ in ("this", "last", "next"):
        return expr.doc[expr.start - 1 : expr.end]
    return expr


def _joined(spans: list) -> list:
    """Adjacent expressions as one: 'Saturday' + 'morning', 'Friday' + ', ' + '4 March'."""
    out: list = []
    for s in sorted(spans, key=lambda s: s.start):
        last = out[-1] if out else None
        if last is not None and last.end == s.start and last.label_ and s.label_:
            out[-1] = s.doc[last.start : s.end]
        elif (
            last is not None
            and last.end + 1 == s.start
            and s.doc[last.end].text == ","
            and _weekday_then_date(last, s)
        ):
            out[-1] = s.doc[last.start : s.end]
        else:
            out.append(s)
    return out


def _weekday_then_date(first, second) -> bool:
    """True for 'Friday' followed by a calendar date ('4 March')."""
    return first.text.lower().strip() in WEEKDAYS and bool(_MONTH.search(second.text))


def refused(expr) -> bool:
    """True for what only looks like a time: an age, a duration, a name, a rate, a frequency, a year
    in a photo caption or a founding year."""
    text = re.sub(r"['\u2019]s?$", "", expr.text)  # "three years' monitoring": the possessive aside
    if _AGE.search(text) or _AGE.search(expr.doc[max(expr.start - 3, 0) : expr.start].text):
        return True
    before = expr.doc[expr.start - 1] if expr.start > 0 else None
    if _DURATION.match(text) and (before is None or before.lower_ not in ("in", "within", "over", "after")):
        return True  # 'for many years', 'spending several years': how long, not when
    names = expr[0].pos_ == "PROPN" and not _TIME_WORD.match(expr[0].text)
    if names or not _TIME_WORD.search(text) or re.match(r"(each|every)\b", text, re.I):
        return True  # a name tagged DATE ('Green Day'), or how often ('every year'), not when
    if _BARE_UNIT.match(text) or expr.root.dep_ == "compound":
        return True  # 'the months of', 'player of the year', 'by the hour', "Radio 4's Today programme"
    if in_caption(expr):
        return True
    head = expr.root.head
    if head.lower_ == "in" and head.head.lemma_.lower() in _FOUNDING:
        return True
    bare_number = re.fullmatch(r"\d+", text) and not _YEAR.fullmatch(text)
    return bool(bare_number)  # an age or a count ('who is 81'), not a year


def in_caption(expr) -> bool:
    """True when the expression sits in brackets with a photo word: '(pictured above in 2019)'."""
    doc = expr.doc
    left = next((t for t in reversed(doc[max(expr.start - 8, 0) : expr.start]) if t.text in "()"), None)
    if left is None or left.text != "(":
        return False
    return bool(_CAPTION.search(doc[left.i : expr.start].text))


def depth(expr, verb) -> int | None:
    """Steps from the expression up to the main verb; None inside a clause about a person ('who took
    office in 2011'); large through another relative clause or apposition, or when not reached."""
    tok, steps, far = expr.root, 0, 0
    while tok.i != verb.i:
        if tok.dep_ == "relcl" and any(c.lower_ in ("who", "whom", "whose") for c in tok.children):
            return None
        if tok.dep_ in ("relcl", "appos"):
            far = 100
        if tok.head.i == tok.i:
            return 200 + steps
        tok, steps = tok.head, steps + 1
    return far + steps


def time_expression(span, verb, after: int = 0):
    """The time words of the event: the acceptable expression nearest the main verb (or the verb
    that reports it: 'said on Thursday'), or None."""
    found = candidates(span, after)
    if verb is None:
        return found[0] if found else None
    ranked = []
    for e in found:
        steps = [d for v in {verb, span.root} if (d := depth(e, v)) is not None]
        if len(steps) == len({verb, span.root}):
            quoted = 50 if inside_quotes(e.root) else 0  # the speaker's 'today', not the report's day
            ranked.append((min(steps) + quoted, e.start, e))
    return min(ranked, key=lambda p: p[:2])[2] if ranked else None


def inside_quotes(tok) -> bool:
    """True when an odd number of double quotation marks precede the token in its sentence."""
    marks = sum(
        t.text.count('"') + t.text.count("\u201c") + t.text.count("\u201d") for t in tok.sent if t.i < tok.i
    )
    return marks % 2 == 1


def future_context(expr) -> bool:
    """True when the verb the expression qualifies looks ahead ('will meet on Tuesday', 'talks resume on')."""
    verb = expr.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if any(t.lower_ == "next" for t in expr):
        return True
    chain = [verb, *[h for h in verb.ancestors if h.pos_ in ("VERB", "AUX", "ADJ")][:2]]
    for v in chain:
        kids = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if kids & _FUTURE_AUX or v.lemma_.lower() in _FUTURE_HEADS:
            return True
        if v.tag_ in ("VBZ", "VBP") and not kids and v.lemma_.lower() not in SPEECH_VERBS:
            return True  # present simple with a day: a timetable ('talks resume on Tuesday')
        if v.tag_ == "VBG" and kids & {"is", "are", "'s", "'re"}:
            return True  # 'are meeting on Tuesday'
        if v.tag_ in ("VBD", "VBN") or kids & {"was", "were", "had", "has", "have", "did"}:
            return False
    return False


def names_a_day(text: str) -> bool:
    """True for time words that name a day: a weekday, a calendar date, 'today', 'tomorrow'."""
    low = text.lower()
    days = rf"\b({'|'.join(WEEKDAYS)}|today|tonight|tomorrow|yesterday)\b"
    return bool(re.search(days, low) or (_MONTH.search(low) and _DAY_NUM.search(low)))


def resolve(when: str | None, published: str | None, forward: bool = False) -> str | None:
    """YYYY-MM-DD of the time words given the publication date, or None when they name no day.

    'last Wednesday' is the previous week's; an explicit date beats a weekday ('Friday, 4 March');
    a day and month without a year take the year nearest the publication date; a plain weekday is
    the latest one on or before the publication date, or the next one after it when forward.
    """
    if not when or not published:
        return None
    base = dt.date.fromisoformat(published)
    low = when.lower().strip()
    if _MONTH.search(low) and _DAY_NUM.search(low):
        return _calendar(when, base)
    bare = low
    while _LEAD.match(bare):
        bare = _LEAD.sub("", bare, count=1)
    if bare in RELATIVE:
        return (base + dt.timedelta(days=RELATIVE[bare])).isoformat()
    for i, day in enumerate(WEEKDAYS):
        if re.search(rf"\b{day}\b", low):
            return _weekday(i, base, low, forward).isoformat()
    return None


def _weekday(i: int, base: dt.date, low: str, forward: bool) -> dt.date:
    """The date of weekday i named in low ('last Wednesday', 'next Friday', 'on Tuesday')."""
    if re.search(r"\blast\b", low):
        return base - dt.timedelta(days=base.weekday() + 7 - i)  # the previous calendar week's
    if forward or re.search(r"\bnext\b", low):
        return base + dt.timedelta(days=(i - base.weekday() - 1) % 7 + 1)
    return base - dt.timedelta(days=(base.weekday() - i) % 7)


def _calendar(when: str, base: dt.date) -> str | None:
    """An explicit calendar date ('4 March', 'January 19, 2022'); no year: the nearest to base."""
    import dateparser

    text = re.sub(rf"\b({'|'.join(WEEKDAYS)})\b,?", "", when, flags=re.I)
    text = _LEAD.sub("", text.strip())
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    if parsed is None:
        return None
    day = parsed.date()
    if not _YEAR.search(text):
        options = []
        for year in (base.year - 1, base.year, base.year + 1):
            try:
                options.append(day.replace(year=year))
            except ValueError:  # 29 February
                continue
        day = min(options, key=lambda d: abs((d - base).days))
    return day.isoformat()
