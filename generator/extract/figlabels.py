"""What money, decades, scores, rankings and age ranges count, from the parse: '£3bn in lost
reserves' -> 'lost reserves'; 'three projects, valued at $500m' -> 'value of three projects';
'in the 1990s' after 'Soros took on the Bank' -> 'when Soros took on Bank'."""

from __future__ import annotations

from generator.extract import labels, measurelabels, timelabels
from generator.extract.numerals import Draft
from generator.extract.syntax import is_pronoun, subject_of

MODIFIER_DEPS = ("nummod", "compound", "amod", "nmod", "quantmod")
VALUE_VERBS = {"value", "worth", "cost", "price", "estimate", "put"}
OWN_PREPS = ("in", "on", "of", "for")  # '£3bn in lost reserves', '£60bn on services'
# verbs of a movement up or down, named by the noun news uses for it ('leapt by 71%' -> 'rise')


def root(draft: Draft):
    """The token of the number phrase the parse attaches to the rest of the sentence."""
    ids = {t.i for t in draft.tokens}
    return next((t for t in draft.tokens if t.head.i not in ids or t.head.i == t.i), draft.head)


def who(tok, ctx) -> str:
    """A noun phrase as a short name, a pronoun resolved to the person or group last named."""
    if tok is None:
        return ""
    if tok.lower_ in ("who", "which", "that"):
        rel = labels._relcl_head(tok)
        return labels.noun_label(rel, with_of=False) if rel is not None else ""
    if is_pronoun(tok):
        return ctx.resolve(tok.text) or ""
    if labels.stands_for_person(tok) and labels.protagonist(ctx):
        return labels.protagonist(ctx)
    return labels.noun_label(tok, with_of=False)


def clause(verb, ctx, skip: set[int]) -> str:
    """'Soros took on the Bank of England' from its verb: subject, verb, particle, object, one phrase."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return labels.noun_label(verb)
    parts = [who(subject_of(verb), ctx), *labels.negation(verb), *labels.verb_words(verb)]
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i not in skip), None)
    if obj is not None and not obj.like_num:
        parts.append(labels.noun_label(obj, skip=skip))
    parts += labels.scope(verb, skip)[:1]
    return " ".join(p for p in parts if p)


def money_label(draft: Draft, ctx) -> str:
    """What an amount of money is: the noun it modifies, its own 'in/on' phrase, the thing valued,
    or the subject and verb it measures."""
    top = root(draft)
    skip = {t.i for t in draft.tokens}
    own = next(
        (c for c in top.children if c.dep_ == "prep" and c.lower_ in OWN_PREPS and c.i not in skip), None
    )
    after = draft.head.doc[draft.head.i + 1] if draft.head.i + 1 < len(draft.head.doc) else None
    if own is None and after is not None and after.dep_ == "prep" and after.lower_ in ("in", "of"):
        own = after  # '£2bn in bad loans', attached to the verb by the parse
    obj = next((c for c in own.children if c.dep_ == "pobj"), None) if own is not None else None
    if obj is not None and not obj.like_num:
        return labels.noun_label(obj, skip=skip)
    modified = modified_label(draft, ctx)
    if modified:
        return modified
    valued = _valued(top)
    if valued is not None:
        return f"value of {labels.noun_label(valued, skip=set())}"
    return ""


def modified_label(draft: Draft, ctx) -> str:
    """'a £15.8m signing from Parma' -> 'Mutu signing from Parma'; 'plans to cut £35bn tax' ->
    'tax Tory plans cut': the noun a number modifies, with its owner or its doer and verb."""
    top = root(draft)
    if top.dep_ not in MODIFIER_DEPS or top.head.pos_ not in ("NOUN", "VERB") or top.head.i < top.i:
        return ""
    skip = {t.i for t in draft.tokens}
    noun = top.head
    owner = noun.head if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" else None
    parts = [labels._name_of(owner) if owner is not None else "", labels.noun_label(noun, skip=skip)]
    if noun.dep_ == "dobj":
        verb = noun.head
        parts += [
            labels.subject_label(verb, ctx),
            *labels.verb_words(verb),
            *labels.scope(verb, skip | {noun.i})[:1],
        ]
    return " ".join(p for p in parts if p)


def multiplier_label(draft: Draft, ctx) -> str:
    """'twice as many laptops were left in cabs' -> 'laptops left in cabs'; 'seven times more likely
    to leave' -> 'Danes likely leave'."""
    node = root(draft)
    doc, last = node.doc, draft.tokens[-1].i
    many = next((t for t in doc[last + 1 : last + 3] if t.lower_ in ("many", "much")), None)
    if many is not None and many.head.pos_ == "NOUN":  # 'twice as many bikes were sold'
        return labels.count_label(Draft([many], "count"), ctx, None)
    for _ in range(3):
        node = node.head
        if node.lower_ in ("many", "much") and node.head.pos_ == "NOUN":
            return labels.count_label(Draft([node], "count"), ctx, None)
        if node.pos_ == "ADJ" and node.tag_ != "JJR":
            verb = next((c for c in node.children if c.dep_ == "xcomp"), None)
            subj = subject_of(node.head) if node.head.pos_ in ("VERB", "AUX") else None
            return " ".join(
                p for p in [who(subj, ctx), node.text, verb.text if verb is not None else ""] if p
            )
    return ""


def age_label(draft: Draft, ctx) -> str:
    """'has died at the age of 71' -> 'age of Patsy Rowlands'; 'when she was just 15' -> 'age of
    <the woman last named>'; '' when the number is no age."""
    head = draft.head
    doc, i = head.doc, draft.tokens[0].i
    before = doc[max(0, i - 3) : i].text.lower()
    if before.endswith("the age of") or before.endswith("aged"):
        verb = next((v for v in head.ancestors if v.pos_ in ("VERB", "AUX")), None)
        name = who(subject_of(verb), ctx) if verb is not None else ""
        return f"age of {name}" if name else "age"
    if _between_commas(draft) and isinstance(draft.value, int) and 0 < draft.value < 120:
        person = doc[i - 2]  # 'Jane Hill, 45, said' / 'The England international, 24, was hurt'
        if person.ent_type_ == "PERSON":
            return f"age of {labels._name_of(person)}"
        if person.pos_ == "NOUN" and labels.protagonist(ctx):
            return f"age of {labels.protagonist(ctx)}"
    if head.dep_ in ("attr", "acomp") and head.head.lemma_ == "be" and counted_noun_free(head):
        subj = subject_of(head.head)
        if subj is not None and (subj.lower_ in ("he", "she") or subj.ent_type_ == "PERSON"):
            name = who(subj, ctx)
            return f"age of {name}" if name else "age"
    return ""


def _between_commas(draft: Draft) -> bool:
    """True for a bare number set off by commas after a noun: ', 24,'."""
    doc, first, last = draft.head.doc, draft.tokens[0].i, draft.tokens[-1].i
    return (
        len(draft.tokens) == 1
        and first >= 2
        and last + 1 < len(doc)
        and doc[first - 1].text == ","
        and doc[last + 1].text == ","
        and doc[first - 2].pos_ in ("PROPN", "NOUN")
    )


def counted_noun_free(tok) -> bool:
    """True when a number stands alone (no noun after it, no 'of' phrase)."""
    return (
        not any(c.dep_ in ("prep", "pobj") for c in tok.children)
        and tok.i + 1 < len(tok.doc)
        and (tok.nbor(1).pos_ not in ("NOUN", "PROPN"))
    )


def verb_clause(draft: Draft, ctx) -> str:
    """The clause of the verb over a number, when nothing nearer says what it measures."""
    verb = next((v for v in root(draft).ancestors if v.pos_ in ("VERB", "AUX")), None)
    return clause(verb, ctx, {t.i for t in draft.tokens}) if verb is not None else ""


def _valued(tok):
    """The noun a 'valued at'/'worth' phrase describes ('three projects, valued at $500m')."""
    node = tok.head if tok.dep_ in ("pobj", "npadvmod", "dobj") else tok  # 'worth £40m', 'costing £5m'
    if node.dep_ == "prep":
        node = node.head
    if node.lemma_.lower() not in VALUE_VERBS or node.dep_ not in ("acl", "amod", "advcl", "relcl"):
        return None
    if node.head.pos_ in ("NOUN", "PROPN"):
        return node.head
    return next((c for c in node.head.children if c.dep_ == "dobj"), None)  # 'approved schemes, valued at'


def decade_label(draft: Draft, ctx) -> str:
    """'Soros took on the Bank of England in the 1990s' -> 'when Soros took on Bank of England'."""
    anchor = timelabels.temporal_anchor(root(draft))
    return f"when {clause(anchor, ctx, {t.i for t in draft.tokens})}".strip()


def score_label(draft: Draft, ctx) -> str:
    """'fought back to win 1-6 6-3' -> 'score Russian win'; '4-1 down in the third set' -> 'score
    down in third set'."""
    doc, last = draft.head.doc, draft.tokens[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    skip = {t.i for t in draft.tokens}
    if nxt is not None and nxt.lower_ in ("down", "up", "ahead", "behind"):
        return " ".join(["score", nxt.text, *labels.scope(nxt, skip)[:1]])
    anchor = timelabels.temporal_anchor(root(draft))
    return f"score of {clause(anchor, ctx, skip)}".strip()


def ranking_label(draft: Draft, ctx) -> str:
    """'world number one Roger Federer' -> 'world ranking of Roger Federer'."""
    word = draft.tokens[0]
    mods = [c.text for c in word.lefts if c.dep_ in ("compound", "amod")]
    holder = word.head if word.head.pos_ == "PROPN" else None
    if holder is None:
        nxt = [t for t in word.doc[draft.tokens[-1].i + 1 : draft.tokens[-1].i + 4] if t.pos_ == "PROPN"]
        holder = nxt[-1] if nxt else None
    name = labels._name_of(holder) if holder is not None else ""
    return " ".join(p for p in [*mods, "ranking", "of" if name else "", name] if p)


def ages_label(draft: Draft) -> str:
    """'a minimum wage for 16 and 17-year-olds' -> 'ages of minimum wage'."""
    top = root(draft)
    node = top.head.head if top.dep_ == "pobj" else top.head
    if node.pos_ in ("NOUN", "PROPN"):
        return f"ages {labels.noun_label(node, with_of=False)}"
    return "ages"


def seeding_label(draft: Draft) -> str:
    """'New Zealand (1), Scotland (8)' -> 'seeding of New Zealand': a small bare number in brackets
    right after a name is the name's seeding, not a count of people."""
    doc, first, last = draft.head.doc, draft.tokens[0].i, draft.tokens[-1].i
    if len(draft.tokens) != 1 or not isinstance(draft.value, int) or not 0 < draft.value <= 64:
        return ""
    if first < 2 or last + 1 >= len(doc) or doc[first - 1].text != "(" or doc[last + 1].text != ")":
        return ""
    name = doc[first - 2]
    return f"seeding of {labels._name_of(name)}" if name.pos_ == "PROPN" else ""


def movement_label(draft: Draft, ctx) -> str:
    """'shares fell from 97p to 44p' -> 'shares before fall' / 'shares after fall'; 'the number of
    lost bikes leapt by 71%' -> 'rise in number of lost bikes'."""
    top = root(draft)
    prep = top.head if top.dep_ == "pobj" else None
    verb = prep.head if prep is not None else top.head if top.dep_ in ("npadvmod", "dobj") else None
    if verb is None:
        return ""
    if verb.lower_ in ("up", "down") and verb.head.lemma_ == "be":  # 'shares were up 2% at 310p'
        move, subj = ("rise" if verb.lower_ == "up" else "fall"), subject_of(verb.head)
    elif verb.pos_ == "VERB":
        move, subj = measurelabels.movement(verb), subject_of(verb)
    else:
        return ""
    if not move or subj is None or subj.i in {t.i for t in draft.tokens}:
        return ""
    what = who(subj, ctx) if is_pronoun(subj) else labels.noun_label(subj)
    if not what:
        return ""
    if draft.kind == "money" and subj.lemma_.lower() in ("share", "stock") and subj.text in what:
        what = what.replace(subj.text, f"{subj.lemma_.lower()} price", 1)  # 'shares fell to 44p': a price
    word = prep.lower_ if prep is not None else ""
    if word == "from":
        return f"{what} before {move}"
    if word in ("to", "at"):
        return f"{what} after {move}"
    if word == "by" or prep is None and draft.unit == "percent":
        part = measurelabels._first_of(draft.head)  # 'lost 40% of their value' -> 'fall in value of shares'
        return f"{move} in {labels.noun_label(part)} of {what}" if part is not None else f"{move} in {what}"
    return ""
