"""What happened: one event per sentence whose main clause reports an action, dated when it can be.

Relative days ('on Wednesday', 'early Thursday') are resolved against the article's publication
date with dateparser; without a publication date they stay as written.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.extract.parse import skipped
from generator.extract.syntax import (
    SPEECH_VERBS,
    contiguous,
    np_text,
    phrase_tokens,
    subject_of,
    tokens_text,
)
from generator.models import Article, Event
from generator.text.ids import stable_id

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = {"today": 0, "yesterday": -1, "tonight": 0, "overnight": 0, "last night": -1}
STATIVE = {"be", "have", "seem", "remain", "include", "appear", "mean", "face", "become", "own"}
_MODS = re.compile(r"^(early|late|later|on|by|since|from|until|last|this|in|the)\s+", re.I)


def main_verb(span):
    """The action verb of a sentence: the root, or what a reporting root reports."""
    root = span.root
    if root.lemma_.lower() in SPEECH_VERBS:
        inner = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        if inner:
            return inner[0]
    return root if root.pos_ in ("VERB", "AUX") else None


def statement(verb) -> str | None:
    """'Tokayev dismissed the government': subject, verb group and object of the action."""
    subj = subject_of(verb)
    if subj is None or subj.pos_ == "PRON" and subj.lower_ not in ("they",):
        return None
    aux = [c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    parts = [np_text(subj), *aux, verb.text]
    parts += [c.text for c in verb.children if c.dep_ == "prt"]
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    if obj is not None:
        parts.append(np_text(obj))
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i), None)
    if prep is not None and len(list(prep.subtree)) <= 6 and (obj is None or prep.i > obj.i):
        parts.append(tokens_text(contiguous(phrase_tokens(prep))))
    text = " ".join(p for p in parts if p)
    return text if len(text.split()) >= 2 else None


def when_text(span, verb) -> str | None:
    """The day or time expression of the sentence ('Wednesday', 'early Thursday', 'January 19')."""
    for ent in span.ents:
        if ent.label_ in ("DATE", "TIME"):
            low = ent.text.lower()
            if any(w in low for w in WEEKDAYS) or any(w in low for w in RELATIVE) or re.search(r"\d", low):
                return ent.text
    for tok in span:
        if tok.lower_ in RELATIVE:
            return tok.text
    return None


def resolve(when: str | None, published: str | None) -> str | None:
    """YYYY-MM-DD of a relative day given the publication date, or None when unknown."""
    if not when or not published:
        return None
    base = dt.date.fromisoformat(published)
    low = _MODS.sub("", when.lower().strip())
    for word, delta in RELATIVE.items():
        if low == word:
            return (base + dt.timedelta(days=delta)).isoformat()
    for i, day in enumerate(WEEKDAYS):
        if low.startswith(day):
            back = (base.weekday() - i) % 7
            return (base - dt.timedelta(days=back)).isoformat()
    return _absolute(when, base)


def _absolute(when: str, base: dt.date) -> str | None:
    """An explicit calendar date ('January 19', '5 Jan 2022'), year taken from base if missing."""
    import dateparser

    parsed = dateparser.parse(
        when,
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "REQUIRE_PARTS": ["day", "month"],
            "PREFER_DATES_FROM": "current_period",
        },
    )
    return parsed.date().isoformat() if parsed else None


def event_of(sent, published: str | None) -> tuple[str, str | None, str | None] | None:
    """(statement, when, when_text) for a sentence that reports an action, else None."""
    verb = main_verb(sent.span)
    if verb is None or verb.lemma_.lower() in STATIVE or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return None
    if verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux",) for c in verb.children):
        return None
    text = statement(verb)
    if text is None:
        return None
    wt = when_text(sent.span, verb)
    return text, resolve(wt, published), wt


def events_of(article: Article, sentences) -> list[Event]:
    """Events of the article, one per action sentence."""
    out: dict[str, Event] = {}
    for sent in sentences:
        if skipped(article, sent):
            continue
        found = event_of(sent, article.published)
        if found is None:
            continue
        statement, when, when_text = found
        key = article.text[sent.start : sent.end]
        if key not in out:
            out[key] = Event(
                id=stable_id("evt", key),
                statement=statement,
                when=when,
                when_text=when_text,
                cites=[sent.cite(article.text)],
            )
    return list(out.values())
