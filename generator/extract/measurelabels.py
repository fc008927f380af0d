"""What shares, ranks, multipliers, amounts of money and movements measure, from the parse: 'controls
half of the Tengiz oil field' -> 'share of Tengiz oil field Chevron controls'; 'profits jumped 76%' ->
'Quarterly profits jumped'."""

from __future__ import annotations

from generator.extract.labels import _name_of, count_label, negation, noun_label, subject_label, verb_words
from generator.extract.numerals import Draft
from generator.extract.numread import counted_noun
from generator.extract.syntax import subject_of

# verbs of a movement up or down, named by the noun news uses for it ('leapt by 71%' -> 'rise')
RISE_VERBS = {"rise", "increase", "jump", "leap", "climb", "grow", "soar", "surge", "gain", "double"}
FALL_VERBS = {"fall", "drop", "decline", "slip", "slump", "plunge", "sink", "tumble", "shrink", "ease"}
FALL_VERBS |= {"lose", "shed"}


def movement(verb) -> str:
    """'rise' or 'fall' for a verb of movement ('jumped', 'lost'), else ''."""
    lemma = verb.lemma_.lower()
    return "rise" if lemma in RISE_VERBS else "fall" if lemma in FALL_VERBS else ""


def share_label(draft: Draft, ctx) -> str:
    """'controls half of the Tengiz oil field' -> 'share of Tengiz oil field Chevron controls'."""
    obj = counted_noun(draft) or next((c for c in draft.head.children if c.dep_ == "pobj"), None)
    if obj is None or obj.text == "%":
        obj = _first_of(draft.head) or (_first_of(obj) if obj is not None else None)
    if obj is None:
        return change_label(draft, ctx) or "share"
    what = noun_label(obj)
    verb, prep = draft.head.head, ""
    if verb.pos_ == "ADP" and verb.dep_ == "prep" and verb.head.pos_ == "VERB":
        verb, prep = verb.head, verb.text  # 'textiles account for 85% of exports'
    if verb.pos_ != "VERB":
        return f"share of {what}"
    words = " ".join([*negation(verb), *verb_words(verb)])
    subj = subject_of(verb)
    if subj is not None and subj.i in {t.i for t in draft.tokens}:
        return f"share of {what} {words}"  # '80% of the households lost power'
    who = subject_label(verb, ctx)
    return " ".join(p for p in ["share of", what, who, words, prep] if p)


def rank_label(draft: Draft, ctx) -> str:
    """'Kazakhstan, the world's ninth largest country' -> 'Kazakhstan rank among world largest countries'."""
    sup = draft.head.nbor(1)
    noun = sup.head if sup.head.pos_ == "NOUN" else None
    if noun is None:
        return f"rank {sup.text}"
    world = [c.text for c in noun.children if c.dep_ == "poss"]
    owner = noun.head if noun.dep_ == "appos" else None
    words = (
        ([_name_of(owner)] if owner is not None else [])
        + ["rank among"]
        + world
        + [sup.text, _plural(noun.text)]
    )
    return " ".join(words)


def _plural(word: str) -> str:
    """A crude English plural, enough for labels."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


def multiplier_label(draft: Draft) -> str:
    """'nearly doubling of the prices of LPG' -> 'increase in prices of LPG'."""
    obj = _first_of(draft.head) or next((c for c in draft.head.children if c.dep_ in ("nsubj", "dobj")), None)
    if obj is None and draft.head.dep_ in ("nsubj",):
        obj = None
    if obj is None:
        subj = subject_of(draft.head)
        obj = subj
    return f"change in {noun_label(obj)}" if obj is not None else "change"


def _first_of(tok):
    """Object of the first 'of' phrase of tok."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def money_label(draft: Draft, ctx) -> str:
    """'salaries in the country of less than $600' -> 'average monthly salaries in the country'."""
    node, best = draft.head, None
    for _ in range(6):
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            node = node.head.head
            if node.pos_ in ("NOUN", "PROPN"):
                best = node
            continue
        break
    if best is not None:
        top = best
        while top.dep_ == "pobj" and top.head.head.pos_ == "NOUN":
            top = top.head.head
        return noun_label(top)
    return change_label(draft, ctx) or count_label(draft, ctx, None)


def change_label(draft: Draft, ctx) -> str:
    """'profits jumped 76% to $1.13bn' -> 'Quarterly profits jumped': the subject of the verb a
    money or percent figure measures."""
    tok = draft.head
    for _ in range(3):
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            tok = tok.head
        if tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in ("prep", "npadvmod", "dobj", "advmod", "nummod"):
            verb = tok.head
            subj = subject_label(verb, ctx)
            return f"{subj} {verb.text}".strip() if subj else ""
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return ""


# units a measure is written in: the label says what is measured, not the unit
MEASURE_UNITS = {"metre", "meter", "kilometre", "kilometer", "km", "mile", "foot", "feet", "inch", "yard"}
MEASURE_UNITS |= {"tonne", "ton", "kilogram", "kg", "gram", "litre", "liter", "gallon", "barrel", "acre"}
MEASURE_UNITS |= {"hectare", "mph", "degree", "megabyte", "gigabyte", "terabyte", "watt", "megawatt", "volt"}


def measure_label(draft: Draft, ctx) -> str:
    """'Wi-Fi has an effective range of a few tens of metres' -> 'effective range of Wi-Fi': a
    measure named by the noun its 'of' phrase hangs on, with whose it is."""
    noun = counted_noun(draft)
    if noun is None or noun.lemma_.lower() not in MEASURE_UNITS:
        return ""
    ids = {t.i for t in draft.tokens}
    node = noun.head.head if noun.dep_ == "pobj" and noun.head.head.i in ids else noun
    if node.dep_ != "pobj" or node.head.lower_ != "of" or node.head.head.pos_ != "NOUN":
        return ""
    holder = node.head.head
    if holder.lemma_.lower() in MEASURE_UNITS:
        return ""
    owner = subject_label(holder.head, ctx) if holder.dep_ == "dobj" and holder.head.lemma_ == "have" else ""
    return " ".join(p for p in [noun_label(holder, with_of=False), "of" if owner else "", owner] if p)
