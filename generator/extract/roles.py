"""Roles of people beyond the words right before a name: 'her agent, X', 'X, a former director of Y,',
'Y's nominated producers are X and Z', 'directed by X', and 'The chancellor said' after a sentence
about X.

Each rule reads the dependency parse of one sentence (or two, for a role given later) and adds
the role to the person mention it names.
"""

from __future__ import annotations

import re

from generator.extract.gazetteer import party
from generator.extract.syntax import TITLE_WORDS
from generator.extract.things import tokens_of
from generator.extract.whowords import (
    DOER_NOUNS,
    HONORIFICS,
    MAKER_VERBS,
    PLACE_NOUNS,
    ROLE_NOUNS,
    TIME_NOUNS,
    WORK_NOUNS,
)

ROLE_DEPS = {"compound", "amod", "poss", "case", "nmod", "punct"}
_DETS = {"the", "a", "an", "one", "his", "her", "their", "its"}
# Words a role never ends with, and words other than role nouns that head 'X of Y' roles.
DANGLING = {"of", "for", "to", "in", "at", "on", "by", "with", "from", "and", "or", "the", "a", "an"}
OF_HEADS = {"head", "chief", "member", "deputy", "chair", "dean", "editor", "boss", "professor", "ceo"}


def add_roles(mentions: list, sentences) -> None:
    """Add the roles the rules find to the person mentions (in place)."""
    people = [m for m in mentions if m.kind == "person"]
    for m in people:
        toks = tokens_of(sentences[m.sentence], m)
        if not toks:
            continue
        found = (
            _head_noun(toks),
            _apposition_after(toks),
            _copula(toks),
            _maker(toks),
            _as_role(toks),
            _who_did(toks),
        )
        pre = _premodifier(toks)
        longer = [r for r in m.roles if pre != r and pre.endswith(" " + r)]
        m.roles = [pre if r in longer else r for r in m.roles]  # 'rugby' -> 'director of rugby'
        for role in (*found, "" if m.roles or any(found) else pre):
            if role and not any(role in r for r in m.roles):
                m.roles.append(role)
    _shared_premodifiers(people, sentences)
    _later_roles(people, sentences)
    _demonym_objects(people, sentences)
    for m in people:
        m.roles = _cleaned(m.roles)


def _cleaned(roles: list[str]) -> list[str]:
    """The roles that name a post, each without an opening adverb, a courtesy title or a thing's 'of'."""
    return [r for r in (_title_of(_strip_honorific(_tidy(r))) for r in roles) if r and not _junk(r)]


# what happens, never what a person is
EVENT_NOUNS = {"election", "vote", "poll", "campaign", "visit", "speech", "victory", "win", "defeat", "trial"}
EVENT_NOUNS |= {
    "death",
    "arrest",
    "resignation",
    "meeting",
    "summit",
    "match",
    "race",
    "deal",
    "war",
    "crisis",
}

# words that open a sentence, not a title: 'Meanwhile Mark Oaten, ...'
DISCOURSE = {"meanwhile", "however", "also", "but", "and", "then", "now", "later", "earlier", "separately"}
DISCOURSE |= {"elsewhere", "instead", "still", "yet", "so", "moreover", "furthermore", "indeed", "meantime"}


def _tidy(role: str) -> str:
    """A role without the sentence's opening adverb or a bracket left open: 'Meanwhile' -> '',
    '(former Wales coach' -> 'former Wales coach'."""
    words = role.split()
    while words and words[0].lower().strip(",") in DISCOURSE:
        words = words[1:]
    text = " ".join(words)
    if text.startswith("(") and ")" not in text:
        text = text[1:]
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    return text.strip(" ,")


def _strip_honorific(role: str) -> str:
    """'shadow home secretary Mr' -> 'shadow home secretary': the courtesy title is the name's."""
    words = role.split()
    while len(words) > 1 and words[-1].lower().strip(".") in ("mr", "mrs", "ms", "miss", "dr", "sir"):
        words = words[:-1]
    return " ".join(words)


def _first_conjunct(tok):
    """The first of a list of names ('A, B and C' -> A)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _np(head, stop_after: bool = True) -> str:
    """A role noun phrase: the head with the words before it (and its 'of'/'for' tail)."""
    left = [t.left_edge.i for t in head.lefts if t.i >= head.i - 5]
    words = [t for t in head.subtree if t.i >= min(left, default=head.i)]
    if stop_after:
        words = [t for t in words if t.i <= head.i or _in_tail(t, head)]
    words = _contiguous_from(words, head)
    while words and (words[0].lower_ in _DETS or words[0].is_punct or words[0].like_num):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].dep_ in ("case", "cc")):
        words = words[:-1]
    return head.doc[words[0].i : words[-1].i + 1].text if words else ""


def _in_tail(tok, head) -> bool:
    """True for the 'of drug-free sport' after a role noun, not for clauses or other names."""
    node = tok
    while node.i != head.i:
        if (
            node.dep_ in ("relcl", "acl", "appos", "conj", "cc", "advcl")
            or node.is_punct
            and node.tag_ != "HYPH"
        ):
            return False
        node = node.head
    return True


def _contiguous_from(words: list, head) -> list:
    """The gap-free run of words that holds the head."""
    words = sorted(words, key=lambda t: t.i)
    at = next((i for i, t in enumerate(words) if t.i == head.i), None)
    if at is None:
        return []
    lo = at
    while lo > 0 and words[lo - 1].i == words[lo].i - 1:
        lo -= 1
    hi = at
    while hi + 1 < len(words) and words[hi + 1].i == words[hi].i + 1:
        hi += 1
    return words[lo : hi + 1]


def _head_noun(toks: list) -> str:
    """'drug-testing expert X', 'one son, X', 'fellow regulars X, Y and Z': the name in apposition
    to a role noun just before it."""
    root = _first_conjunct(toks[-1])
    head = root.head
    if root.dep_ != "appos" or head.pos_ != "NOUN" or not head.is_lower:
        return ""
    first = root.doc[root.left_edge.i] if root.left_edge.i < root.i else root
    if not 0 < first.i - head.i <= 2:
        return ""
    return _np(head)


def _premodifier(toks: list) -> str:
    """'over world number one X', 'Dancer In The Dark director X': lowercase words right before a
    name, from a noun, up to the name."""
    doc, i = toks[0].doc, toks[0].i - 1
    run: list = []
    while i >= 0 and (_role_word(doc[i]) or _of_link(doc, i)):
        run.insert(0, doc[i])
        i -= 1
    while run and run[0].pos_ not in ("NOUN", "PROPN"):
        run = run[1:]
    if not run or run[-1].pos_ not in ("NOUN", "NUM", "PROPN"):
        return ""
    return doc[run[0].i : run[-1].i + 1].text


def _role_word(tok) -> bool:
    """A word of a role before a name: lowercase noun, adjective or number, or a capitalised title."""
    if tok.is_lower:
        return tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or tok.tag_ == "HYPH"
    return tok.lower_ in TITLE_WORDS - HONORIFICS and tok.pos_ in ("NOUN", "PROPN")


def _of_link(doc, i: int) -> bool:
    """'of' inside a role ('director of rugby', 'Secretary of State'), or the word after it."""
    if doc[i].lower_ == "of":
        return i > 0 and _role_word(doc[i - 1]) and doc[i - 1].pos_ in ("NOUN", "PROPN")
    return i > 0 and doc[i - 1].lower_ == "of" and doc[i].is_alpha and i > 1 and _role_word(doc[i - 2])


def _apposition_after(toks: list) -> str:
    """'X, a former director of Y,': the noun phrase right after the name and a comma."""
    doc, j = toks[0].doc, toks[-1].i + 1
    if j + 1 >= len(doc) or doc[j].text != ",":
        return ""
    for tok in doc[j + 1 : min(j + 8, len(doc))]:
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.left_edge.i == j + 1:
            return _np(tok)
        if tok.text == ",":
            break
    return ""


def _copula(toks: list) -> str:
    """'The film's nominated producers are X and Z': the subject of 'be' is the role."""
    root = _first_conjunct(toks[-1])
    verb = root.head
    if root.dep_ != "attr" or verb.lemma_ != "be":
        return ""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or not subj.is_lower:
        return ""
    return _np(subj)


def _maker(toks: list) -> str:
    """'..., directed by X': X is the director."""
    root = _first_conjunct(toks[-1])
    by = root.head
    if root.dep_ != "pobj" or by.lower_ != "by" or by.head.tag_ != "VBN":
        return ""
    return MAKER_VERBS.get(by.head.lemma_, "")


def _shared_premodifiers(people: list, sentences) -> None:
    """'fellow singers A and B': a role written before the first of listed names is everyone's."""
    by_sentence: dict[int, list] = {}
    for p in people:
        by_sentence.setdefault(p.sentence, []).append(p)
    for m in people:
        sent = sentences[m.sentence]
        toks = tokens_of(sent, m)
        if m.roles or not toks or toks[-1].dep_ != "conj":
            continue
        first = _first_conjunct(toks[-1])
        lead = next((p for p in by_sentence[m.sentence] if p.start <= sent.gstart(first) < p.end), None)
        if lead is None:
            continue
        before = sent.span.doc.text[: lead.start - sent.offset].rstrip() if lead.roles else ""
        for role in lead.roles:
            if before.endswith(role):
                m.roles.append(role)
                break


def _as_role(toks: list) -> str:
    """'X worked as a producer', "X's name appeared as a producer": a role noun after 'as'."""
    root = toks[-1]
    verb = root.head.head if root.dep_ == "poss" and root.head.dep_ == "nsubj" else root.head
    if root.dep_ not in ("nsubj", "poss") or verb.pos_ not in ("VERB", "AUX"):
        return ""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lower_ in ROLE_NOUNS:
                return _np(obj)
    return ""


def _who_did(toks: list) -> str:
    """'X, who won the prize': the doer's noun ('winner of the prize')."""
    root = toks[-1]
    for clause in root.children:
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if clause.dep_ != "relcl" or subj is None or subj.lower_ != "who":
            continue
        noun = DOER_NOUNS.get(clause.lemma_)
        obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if noun and obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return f"{noun} of {obj.doc[obj.left_edge.i : obj.i + 1].text}"
    return ""


def _later_roles(people: list, sentences) -> None:
    """'X said ... The chancellor added': a definite role noun as the subject of the next sentence
    names the person the sentence before was about."""
    by_sentence: dict[int, list] = {}
    for m in people:
        by_sentence.setdefault(m.sentence, []).append(m)
    for i, sent in enumerate(sentences[1:], start=1):
        subj = _role_subject(sent.span)
        if subj is None or i in by_sentence and _names_in(subj, by_sentence[i], sent):
            continue
        before = _topic(by_sentence.get(i - 1, []), sentences[i - 1])
        role = _np(subj)
        if (
            before is None
            or not role
            or _someone_elses(role, before, people)
            or _other_post(role, before, people)
        ):
            continue
        if role not in before.roles:
            before.roles.append(role)


def _someone_elses(role: str, person, people: list) -> bool:
    """True when another person of the article already has this role ('Home Secretary X')."""
    low = role.lower()
    return any(
        low == r.lower()
        for m in people
        if m.text.split()[-1] != person.text.split()[-1]  # the same surname: the same person
        for r in m.roles
    )


def _other_post(role: str, person, people: list) -> bool:
    """True when the article names the person with roles and none of them is this role's post:
    '"...," President X claimed. The deputy mayor later said' is someone else."""
    surname = person.text.split()[-1]
    own = _cleaned([r for m in people if m.text.split()[-1] == surname for r in m.roles])
    own = [r for r in own if r.lower().strip(".") not in HONORIFICS]  # 'Mr' is no post
    post = role.split()[-1].lower()
    return bool(own) and all(r.split()[-1].lower() != post for r in own)


def _demonym_objects(people: list, sentences) -> None:
    """'Henry tried to hurdle the Argentine': a people's name as an object names the last person
    mentioned before it who is not the clause's subject."""
    for i, sent in enumerate(sentences):
        for tok in sent.span:
            if not (
                tok.dep_ in ("dobj", "pobj")
                and tok.ent_type_ == "NORP"
                and tok.text[:1].isupper()
                and tok.tag_ != "NNPS"
                and not tok.text.endswith("s")
                and party(tok.text) is None
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            ):
                continue
            subjects = {t.i for t in sent.span if t.dep_ in ("nsubj", "nsubjpass")}
            here = [m for m in people if m.sentence == i and m.end <= sent.gstart(tok)]
            here = [m for m in here if not {t.i for t in tokens_of(sent, m)} & subjects]
            before = [m for m in people if m.sentence == i - 1]
            target = (here or before or [None])[-1]
            if target is not None and tok.text not in target.roles:
                target.roles.append(tok.text)


def _role_subject(span):
    """The subject of a sentence's main verb when it is 'the <role noun>' (or 'the Russian')."""
    root = span.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return None
    if party(subj.text) or subj.tag_ in ("NNS", "NNPS"):
        return None  # 'The Tories said': a party or a group, not one person
    if subj.lower_ in ROLE_NOUNS or subj.ent_type_ == "NORP" and subj.text[:1].isupper():
        return subj
    return None


def _names_in(subj, mentions: list, sent) -> bool:
    """True when the subject phrase itself holds a person's name."""
    lo, hi = sent.gstart(subj.doc[subj.left_edge.i]), sent.gend(subj.doc[subj.right_edge.i])
    return any(lo <= m.start < hi for m in mentions)


def _topic(mentions: list, sent):
    """The person a sentence is about: the subject of its main verb, else its only person."""
    if not mentions:
        return None
    for m in mentions:
        toks = tokens_of(sent, m)
        if toks and toks[-1].dep_ in ("nsubj", "nsubjpass") and toks[-1].head.i == sent.span.root.i:
            return m
    return mentions[0] if len({m.text for m in mentions}) == 1 else None


def _of_head(word: str) -> bool:
    """True for a word that can head 'X of Y' as a role: 'director of', 'head of', 'member of'."""
    return (
        word in ROLE_NOUNS
        or word in TITLE_WORDS
        or word in OF_HEADS
        or word.endswith(("er", "or", "ist", "ian", "man", "woman", "ant", "ent"))
    )


def _title_of(role: str) -> str:
    """'campaign site of President' -> 'President': what precedes 'of' is a thing, not a post, and a
    title after it is the person's own; a role whose 'of' follows a post is kept whole."""
    words = role.split()
    low = [w.lower() for w in words]
    if "of" not in low[1:-1] or _of_head(low[low.index("of") - 1]):
        return role
    tail = words[low.index("of") + 1 :]
    return " ".join(tail) if tail and tail[-1].lower() in TITLE_WORDS | ROLE_NOUNS else ""


def _junk(role: str) -> bool:
    """True for roles that are times, lack a common noun ('past month', 'her native') or stop in
    the middle of a phrase ('view of')."""
    words = role.lower().split()
    if not words or words[-1] in TIME_NOUNS or words[-1] in WORK_NOUNS:
        return True  # 'the past month', 'biopic': a time or a work, not what a person is
    if words[-1] in EVENT_NOUNS:
        return True  # 'general election Tony Blair will face': an event, not an office
    if words[-1] in PLACE_NOUNS:
        return True  # 'the mayors of the two cities, A and B': where they are, not what
    if words[-1] in DANGLING:
        return True  # 'view of', 'back of': a phrase cut short, not a post
    if len(words) == 1 and words[0].endswith(("'s", "\u2019s")):
        return True  # "Labour's": whose the person is, not what
    if words[0] in ("his", "her", "their", "its"):
        return True  # 'X his 12th nomination': an object, not an apposition
    return len(words) == 1 and words[0].endswith(("'s", "\u2019s")) is False and words[0] in _DETS


def roles_of(ent) -> list[str]:
    """Roles given next to a name: 'UN rights chief' before it, ', the council's chairman' after."""
    roles = []
    head = ent.root
    left = [t for t in ent.doc[max(ent.start - 8, 0) : ent.start]]
    run = []
    for tok in reversed(left):
        of_phrase = (
            tok.lower_ == "of" and tok.dep_ == "prep" or tok.dep_ == "pobj" and tok.head.lower_ == "of"
        )
        if (
            (tok.dep_ in ROLE_DEPS or of_phrase and run)  # 'director of rugby X', 'Secretary of State X'
            and _under(tok, head)
            and tok.lower_ not in ("the", "a", "an")
            and not (tok.is_punct and tok.text not in ("-", "\u2019", "'"))
        ):
            run.insert(0, tok)
            continue
        break
    while run and (run[0].dep_ == "case" or run[0].is_punct):
        run = run[1:]
    if any(t.pos_ in ("NOUN", "PROPN") for t in run):  # 'hand-picked X': a verb's word is no post
        roles.append(ent.doc[run[0].i : run[-1].i + 1].text)
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.left_edge.i <= ent.end + 1:
            toks = [t for t in child.subtree if t.dep_ not in ("relcl",)]
            text = ent.doc[toks[0].i : toks[-1].i + 1].text.strip(" ,")
            if len(text.split()) <= 8:
                roles.append(re.sub(r"^(the|a|an)\s+", "", text))
    if (
        ent.start >= 2
        and ent.doc[ent.start - 1].text == ":"
        and ent.doc[ent.start - 2].lower_ in ("author", "by")
    ):
        roles.append("author")
    return [r for r in roles if r and not r.isupper() or len(r) > 3]


def _under(tok, head) -> bool:
    """True when tok's chain of heads reaches head within a few steps."""
    node = tok
    for _ in range(5):
        if node.i == head.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return node.i == head.i
