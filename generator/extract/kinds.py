"""Kinds a reader gives names from the words around them, where spaCy's label is often wrong.

- A name listed with others ('Oslo, Paris, Copenhagen and Sydney') has the kind most of them have.
- 'X's head of policy', 'the X spokesman': X is an organisation.
- 'X, who ...': X is a person.
- 'Roger' in a story about Roger Federer is that person, and so is 'Evans' for Charles Evans Jr.
- 'her native X' is a place.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.extract.gazetteer import country, party, subdivision
from generator.extract.things import tokens_of
from generator.extract.whowords import (
    NAME_SUFFIXES,
    ORG_PEOPLE,
    ORG_ROLE_NOUNS,
    ORG_WORDS,
    PLACE_NOUNS,
    VENUE_WORDS,
)


def fix_kinds(mentions: list, sentences, acronyms: dict[str, str]) -> None:
    """Set the kinds the context gives (in place): cues first, then the kind of a list."""
    forced: dict[str, str] = {}
    first_kind: dict[str, str] = {}
    for m in mentions:
        first_kind.setdefault(m.text, m.kind)
    for acr, long in acronyms.items():
        forced[acr] = first_kind.get(long, "organisation")  # an acronym takes its long form's kind
    for m in mentions:
        toks = tokens_of(sentences[m.sentence], m)
        if not toks or country(m.text) or party(m.text) or m.title:
            continue
        cue = _cue(toks, m.kind)
        if cue and forced.get(m.text, cue) == cue:
            forced[m.text] = cue
    _names_of_people(mentions, forced)
    for m in mentions:
        words = m.text.split()
        if m.kind == "place" and len(words) > 1 and words[-1].islower():
            forced.setdefault(words[0], "place")  # 'Himrin' of 'the Himrin field'
    _single_word_votes(mentions, forced)
    for m in mentions:
        if m.kind == "person" and " " not in m.text and m.text not in forced and subdivision(m.text):
            forced[m.text] = "place"  # 'Surrey', 'Edinburgh': the model's person is pycountry's region
    for m in mentions:
        m.kind = forced.get(m.text, m.kind)
    _list_kinds(mentions, sentences, set(forced))


def _cue(toks: list, kind: str) -> str | None:
    """The kind the words around one mention give it, or None."""
    last = toks[-1]
    doc = last.doc
    if last.dep_ == "poss" and _org_role(last.head):
        return "organisation"  # "Christian Aid's head of trade policy"
    if last.dep_ == "compound" and last.head.lower_ in ORG_ROLE_NOUNS and last.head.is_lower:
        return "organisation"  # 'a Fifa spokesman'
    before = doc[toks[0].i - 1] if toks[0].i > 0 else None
    if before is not None and before.is_lower and before.lower_ in ORG_WORDS | ORG_PEOPLE:
        return "organisation"  # 'his club AS Roma', 'analysts Gartner', 'the firm Retrofone'
    if any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in last.children):
        return "person"
    nxt = doc[last.i + 1 : last.i + 3]
    if len(nxt) == 2 and nxt[0].text == "," and nxt[1].lower_ == "who":
        return "person"
    if last.dep_ == "poss" and last.head.text in VENUE_WORDS:
        return "place"  # "Gateshead's Sage Centre"
    if toks[0].i > 0 and doc[toks[0].i - 1].lower_ == "native":
        return "place"
    if kind != "place" and _named_place(toks):
        return "place"
    words = [t.text for t in toks]
    if kind != "person" and words[-1] in VENUE_WORDS and len(words) > 1 and not {"of", "for"} & set(words):
        return "place"  # 'the Sage Centre', 'Almaty City Hall'; 'Centre for Policy Studies' is a body
    return None


def _named_place(toks: list) -> bool:
    """'the town of Henley', 'the capitals, Nur-Sultan and Almaty': a name right after a lowercase
    place noun and 'of', or a list right after a plural one and a comma. Left alone: the subject of
    a verb ('... rebuild the town, Tom Jones said'), a name after one place noun and a comma or after
    a place that is someone's ('the mayor of the city, Tom Price,')."""
    last = toks[-1]
    if last.dep_ in ("nsubj", "nsubjpass"):
        return False
    doc, first = last.doc, last
    while first.dep_ == "conj" and first.head.pos_ == "PROPN":
        first = first.head  # the list's first name ('Ust-Bayan' of 'Ust-Bayan, Koktal and Zharma')
    i = first.left_edge.i if first is not last else toks[0].i
    if i < 2 or doc[i - 1].text not in (",", "of"):
        return False
    noun = doc[i - 2]
    if not (noun.is_lower and noun.lower_ in PLACE_NOUNS and noun.pos_ == "NOUN"):
        return False
    if doc[i - 1].text == "of":
        return True
    return noun.tag_ == "NNS" and not (noun.dep_ == "pobj" and noun.head.lower_ == "of")


def _org_role(noun) -> bool:
    """'chairman', 'head of policy' (not a body's 'head')."""
    if noun.lower_ == "head":
        return any(c.lower_ == "of" for c in noun.children)
    return noun.lower_ in ORG_ROLE_NOUNS


def _single_word_votes(mentions: list, forced: dict[str, str]) -> None:
    """A one-word name tagged both a person and something else is the something else: the model's
    person label on an unknown word is its least reliable one."""
    kinds: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if len(m.text.split()) == 1 and m.text not in forced:
            kinds[m.text][m.kind] += 1
    for text, votes in kinds.items():
        others = [k for k in votes if k != "person"]
        if "person" in votes and len(others) == 1:
            forced[text] = others[0]


def _names_of_people(mentions: list, forced: dict[str, str]) -> None:
    """One-word forms of a person's full name are that person: 'Roger', 'Evans' (of '... Evans Jr')."""
    people = {m.text for m in mentions if m.kind == "person" and len(m.text.split()) > 1}
    firsts: Counter = Counter(n.split()[0] for n in people)
    lasts: Counter = Counter(_surname(n) for n in people)
    for m in mentions:
        words = m.text.split()
        if len(words) != 1 or forced.get(m.text) == "person" or m.text.isupper() or country(m.text):
            continue
        if lasts[m.text] >= 1 or firsts[m.text] == 1:
            forced[m.text] = "person"


def _surname(name: str) -> str:
    """The family name of a full name, without 'Jr' or 'III'."""
    words = [w for w in name.split() if w.strip(".") not in NAME_SUFFIXES]
    return words[-1] if words else name


def _list_kinds(mentions: list, sentences, fixed: set[str]) -> None:
    """Names listed together take the kind most of the list has (at least three names)."""
    groups: dict[tuple[int, int], list] = defaultdict(list)
    for m in mentions:
        toks = tokens_of(sentences[m.sentence], m)
        if toks:
            groups[(m.sentence, _first_conjunct(toks[-1]).i)].append(m)
    for group in groups.values():
        if len(group) < 3:
            continue
        kind, n = Counter(m.kind for m in group).most_common(1)[0]
        if n * 2 > len(group):
            for m in group:
                if m.text not in fixed:
                    m.kind = kind


def _first_conjunct(tok):
    """The first of a list of names."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok
