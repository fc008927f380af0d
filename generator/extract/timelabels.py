"""What years, dates, durations and ages stand for, from the parse: 'who stepped down in 2019' ->
'year Nazarbayev stepped down'; 'a two-week state of emergency' -> 'duration of state of emergency'."""

from __future__ import annotations

from generator.extract.labels import negation, noun_label, scope, subject_label, verb_label, verb_words
from generator.extract.measurelabels import movement
from generator.extract.numerals import Draft
from generator.extract.syntax import subject_of


def clause_label(verb, ctx) -> str:
    """'who succeeded long-time ruler Nursultan Nazarbayev' -> 'Tokayev succeeded Nursultan Nazarbayev'."""
    if verb.pos_ == "NOUN":
        return verb.text
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":  # 'did not stop ringing': the pair of verbs
        subj = subject_label(verb.head, ctx)
        return " ".join(
            p for p in [subj, *negation(verb.head), *verb_words(verb.head), verb_label(verb)] if p
        )
    subj = subject_label(verb, ctx)
    return " ".join(p for p in [subj, verb_label(verb)] if p)


def temporal_anchor(tok):
    """The verb or noun a time expression attaches to ('in 2019' -> succeeded)."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "NOUN", "AUX"):
        return tok.head.head
    node = tok
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX") or node.pos_ == "NOUN" and node.dep_ != "pobj":
            return node
        if node.head.i == node.i:
            return node
    return node


def year_label(draft: Draft, ctx) -> str:
    """'who stepped down in 2019' -> 'year Nazarbayev stepped down'."""
    anchor = temporal_anchor(draft.head)
    if anchor.pos_ == "NOUN":
        doer = []
        if anchor.dep_ == "dobj":  # 'who lost the 2002 final' -> 'year of final Safin lost'
            doer = [subject_label(anchor.head, ctx), *verb_words(anchor.head)]
        return " ".join(p for p in [f"year of {noun_label(anchor)}", *doer] if p)
    return f"year {clause_label(anchor, ctx)}".strip()


def date_label(draft: Draft, ctx) -> str:
    """'in effect until January 19' -> 'date state of emergency would be extended ...'."""
    ids = {t.i for t in draft.tokens}
    top = next((t for t in draft.tokens if t.head.i not in ids), draft.head)  # 'January' of 'January 19'
    anchor = temporal_anchor(top)
    if anchor.pos_ == "NOUN":
        return f"date of {noun_label(anchor)}"
    before = top.doc[draft.tokens[0].i - 1] if draft.tokens[0].i > 0 else None
    prep = top.head.lower_ if top.dep_ == "pobj" else (before.lower_ if before is not None else "")
    lead = {"until": "end date", "since": "start date", "from": "start date", "by": "deadline"}.get(
        prep, "date"
    )
    return f"{lead} {clause_label(anchor, ctx)}".strip()


def duration_label(draft: Draft, ctx) -> str:
    """'two-week state of emergency' -> 'duration of state of emergency'; '... ago' -> 'time since ...'."""
    unit = next((t for t in draft.tokens if t.pos_ == "NOUN"), draft.head)
    if any(c.lower_ == "ago" for c in unit.children) or unit.head.lower_ == "ago":
        anchor = temporal_anchor(unit if unit.head.lower_ != "ago" else unit.head)
        return f"time since {clause_label(anchor, ctx)}"
    skip = {t.i for t in draft.tokens} | {unit.i}
    if unit.head.pos_ == "NOUN" and unit.dep_ in ("compound", "amod", "npadvmod", "nmod"):
        return f"duration of {noun_label(unit.head, skip=skip)}"
    anchor = temporal_anchor(draft.head)
    if anchor is None:
        return "duration"
    if anchor.pos_ == "ADP":  # 'In Leeds alone over the last two years ...': the clause's verb
        anchor = next((v for v in anchor.ancestors if v.pos_ == "VERB"), anchor)
    subj = subject_of(anchor) if anchor.pos_ == "VERB" and movement(anchor) else None
    if subj is not None and subj.i not in skip:  # 'has jumped by 40% in two years'
        return f"period of {movement(anchor)} in {noun_label(subj)}"
    where = scope(anchor, skip)[:1] if anchor.pos_ in ("VERB", "AUX") else []
    return " ".join([f"{_duration_lead(unit)} {clause_label(anchor, ctx)}", *where])


# how a preposition frames a length of time: 'within 48 hours' is the time within which it must happen
DURATION_LEADS = {
    "for": "how long",
    "after": "time after which",
    "within": "time within which",
    "over": "period over which",
    "during": "period during which",
}


def _duration_lead(unit) -> str:
    """'time within which' for 'within 48 hours', else 'duration of'."""
    prep = unit.head if unit.dep_ == "pobj" else None
    return DURATION_LEADS.get(prep.lower_, "duration of") if prep is not None else "duration of"


def age_label(draft: Draft) -> str:
    """'The 81-year-old Nazarbayev' -> 'age of Nazarbayev'."""
    tok = draft.head
    for node in [tok.head, tok.head.head, tok.head.head.head]:
        if node.pos_ in ("PROPN", "NOUN") and node.lower_ not in ("year", "years", "old"):
            return f"age of {noun_label(node, with_of=False)}"
    return "age"


def is_age(draft: Draft) -> bool:
    """True for 'N-year-old' and 'aged N'."""
    doc, i = draft.head.doc, draft.head.i
    after = doc[i + 1 : i + 5].text.lower().replace(" ", "")
    return (
        after.startswith("-year-old")
        or after.startswith("year-old")
        or (i > 0 and doc[i - 1].lower_ == "aged")
    )
