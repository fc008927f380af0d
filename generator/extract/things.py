"""Things that are not who: titles of works, awards, contests, products, laws and common nouns.

spaCy's small model tags 'The Aviator', 'the Oscars' or 'the Cabir virus' as organisations or
people. A reader knows them by the words around them: a work noun before the title ('the comedy
X'), a product noun after the name ('the X program'), 'directed by' after a film, 'starred in'
before one, an indefinite article ('a best film Oscar'). A title found once is a title everywhere
in the article.
"""

from __future__ import annotations

import bisect
import re

from generator.extract.gazetteer import country, party
from generator.extract.whowords import (
    DEMONYM_NOUNS,
    MAKER_VERBS,
    PERFORM_VERBS,
    THING_HEADS,
    THING_LAST_WORDS,
    WORK_NOUNS,
)

_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")  # 'MPs', 'GPs', 'PCs': common nouns


def tokens_of(sent, m) -> list:
    """The tokens of a sentence's spaCy span that a mention covers."""
    return sent.tokens_in(m.start, m.end)


def _defined_after_thing(sentences) -> set[str]:
    """'Multi-Fibre Agreement (MFA)': acronyms given for an agreement, law or award."""
    words = "|".join(sorted(THING_LAST_WORDS))
    pattern = re.compile(r"\b(?:" + words + r")\s*\(([A-Z]{2,})\)")
    return {m.group(1) for sent in sentences for m in pattern.finditer(sent.span.text)}


def not_names(mentions: list, sentences, acronyms: dict[str, str]) -> list:
    """The mentions without titles of works, awards, products, laws and common nouns."""
    spans, titles = _title_spans(sentences)
    things: set[str] = {_base(t) for t in titles}
    local: set[int] = {id(m) for m in mentions if any(a < m.end and m.start < b for a, b in spans)}
    for m in mentions:
        toks = tokens_of(sentences[m.sentence], m)
        if not toks or _protected(m.text):
            continue
        if _is_thing(toks):
            things.add(_base(m.text))
        elif _part_of_word(m.text, toks):
            local.add(id(m))
    things |= {_base(m.text) for m in mentions if _contains_title(m.text, things)}
    things |= {acr for acr, long in acronyms.items() if _common(long) or _base(long) in things}
    things |= {_initials(m.text) for m in mentions if _common(m.text)} - {""}
    things |= _defined_after_thing(sentences)
    things |= _demonyms(mentions, sentences)
    return [m for m in mentions if _base(m.text) not in things and id(m) not in local and not _common(m.text)]


def _initials(text: str) -> str:
    """'Multi-Fibre Agreement' -> 'MFA'."""
    words = [w for w in re.split(r"[\s-]+", text) if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _protected(text: str) -> bool:
    """Countries and parties are never titles, whatever stands around them."""
    return bool(country(text)) or party(text) is not None


def _base(text: str) -> str:
    """A title without 'The' and a plural 's' ('The Oscars' -> 'Oscar')."""
    text = re.sub(r"^The\s+", "", text)
    return text[:-1] if text.endswith("s") and len(text) > 3 and text[-2].islower() else text


def _contains_title(text: str, titles: set[str]) -> bool:
    """True for 'Aviator and Million Dollar Baby' when 'Aviator' is a title."""
    return " and " in text and any(re.search(r"\b" + re.escape(t) + r"\b", text) for t in titles)


def _common(text: str) -> bool:
    """True for plural acronyms ('MPs'), demonym nouns ('Briton') and names of agreements, laws and
    awards."""
    return bool(_PLURAL_ACRONYM.match(text)) or text in DEMONYM_NOUNS or text.split()[-1] in THING_LAST_WORDS


def _demonyms(mentions: list, sentences) -> set[str]:
    """Words for peoples: tagged NORP by the model ('Kazakh'), or a place's people ('Londoners')."""
    norp = {e.text for s in sentences for e in s.span.ents if e.label_ == "NORP"}
    places = {m.text for m in mentions if m.kind == "place"}
    words = sorted(p for p in places if " " not in p and len(p) > 3)  # bisected by _place_word
    out = {t for t in norp if not _protected(t) and len(t.split()) == 1}
    for m in mentions:
        stem = re.sub(r"(ers|er|ians|ian|s)$", "", m.text)
        if stem != m.text and (stem in places or stem + "n" in places):
            out.add(_base(m.text))
        elif m.kind != "person" and m.kind != "place" and _place_word(m.text, words):
            out.add(_base(m.text))
    return out


def _place_word(text: str, words: list[str]) -> bool:
    """'Kazakh' beside 'Kazakhstan', 'Russian' beside 'Russia': an adjective of a named place (`words`:
    the one-word place names longer than three letters, sorted, so those starting with the stem are
    one bisected run)."""
    if " " in text or len(text) < 4:
        return False
    stem = text[: max(4, len(text) - 3)]
    i = bisect.bisect_left(words, stem)
    return any(p != text and p.startswith(stem) for p in words[i : i + 2])


def _is_thing(toks: list) -> bool:
    """True when the words around a mention make it a title, product or common noun."""
    return (
        _after_work_noun(toks[0])
        or _before_thing_head(toks[-1])
        or _made_by_after(toks[-1])
        or _performed_in(toks)
        or _indefinite(toks)
    )


def _part_of_word(text: str, toks: list) -> bool:
    """This mention only is no name: '1700 GMT', 'every teacher, GP and nurse', 'played Mrs Potts'."""
    return _after_numeral(toks[0], text) or _among_common_nouns(toks) or _character(toks)


def _among_common_nouns(toks: list) -> bool:
    """An acronym listed with common nouns ('every teacher, GP and nurse') is one of them."""
    if len(toks) != 1 or not toks[0].is_upper:
        return False
    tok = toks[0]
    group = [tok.head, *tok.head.children] if tok.dep_ == "conj" else [tok, *tok.children]
    return any(
        t.dep_ in ("conj", "nsubj", "dobj", "pobj") and t.is_lower and t.pos_ == "NOUN"
        for t in group
        if t.i != tok.i
    )


def _character(toks: list) -> bool:
    """'played Mrs Potts', 'was as Mrs Pearce': a part in a play, not a person."""
    doc, first, last = toks[0].doc, toks[0], toks[-1]
    titled = first.i > 0 and doc[first.i - 1].lower_.strip(".") in (
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "lady",
        "lord",
    )
    if not titled:
        return False
    head = last.head
    return (last.dep_ == "dobj" and head.lemma_ == "play") or (
        last.dep_ == "pobj"
        and head.lower_ == "as"
        and head.head.lemma_ in ("be", "play", "appear", "star", "cast")
    )


def _after_work_noun(first) -> bool:
    """'the comedy X', 'Oscar-nominated movie The X'."""
    i = first.i - 1
    if i >= 0 and first.doc[i].lower_ == "the" and first.lower_ != "the":
        i -= 1
    noun = first.doc[i] if i >= 0 else None
    return noun is not None and noun.lower_ in WORK_NOUNS and noun.is_lower and noun.pos_ == "NOUN"


def _before_thing_head(last) -> bool:
    """'the X virus', 'the X operating system', 'two X titles': lowercase words up to the head."""
    doc = last.doc
    for j in range(last.i + 1, min(last.i + 4, len(doc))):
        tok = doc[j]
        head_word = tok.lower_ in THING_HEADS or tok.lower_ == "system" and doc[j - 1].lower_ == "operating"
        if head_word and tok.is_lower and tok.pos_ == "NOUN" and tok.dep_ != "compound":
            return True
        if not (tok.is_lower and tok.pos_ in ("NOUN", "ADJ", "VERB") and tok.dep_ in ("compound", "amod")):
            return False
    return False


def _made_by_after(last) -> bool:
    """'X, directed by Y': X is a work."""
    doc = last.doc
    j = last.i + 1
    if j < len(doc) and doc[j].text == ",":
        j += 1
    return (
        j + 1 < len(doc)
        and doc[j].lemma_ in MAKER_VERBS
        and doc[j].tag_ == "VBN"
        and doc[j + 1].lower_ == "by"
    )


def _performed_in(toks: list) -> bool:
    """'appeared in X', 'star of X' and the titles listed with it ('star of X, Y and Z')."""
    head = toks[-1]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    prep = head.head if head.dep_ == "pobj" else None
    if prep is None:
        return False
    if prep.lower_ == "in" and prep.head.lemma_ in PERFORM_VERBS:
        return True
    return prep.lower_ == "of" and prep.head.lower_ == "star"


def _indefinite(toks: list) -> bool:
    """'a best film Oscar', 'an Emmy': a common noun, not a name ('a Fifa spokesman' is one)."""
    doc, last = toks[0].doc, toks[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.text == "-"):
        return False  # the name modifies a noun: 'a Fifa spokesman', 'a Moscow-based alliance'
    i = toks[0].i - 1
    while i >= 0 and i > toks[0].i - 4 and doc[i].is_lower and doc[i].pos_ in ("ADJ", "NOUN"):
        i -= 1
    return i >= 0 and doc[i].lower_ in ("a", "an")


_TITLE_SMALL = {"of", "the", "in", "on", "at", "a", "to", "for"}


def _title_spans(sentences) -> tuple[list[tuple[int, int]], list[str]]:
    """Character spans and texts of titles named after a cue: 'the comedy X', 'appeared in X',
    'star of X, Y and Z'."""
    spans, titles = [], []
    for sent in sentences:
        for tok in sent.span:
            listed = _list_cue(tok)
            if not (listed or _single_cue(tok)):
                continue
            for run in _runs(tok.doc, tok.i + 1, listed):
                spans.append((sent.gstart(run[0]), sent.gend(run[-1])))
                titles.append(tok.doc[run[0].i : run[-1].i + 1].text)
    return spans, titles


def _single_cue(tok) -> bool:
    """A work noun right before a title ('the comedy X')."""
    return tok.lower_ in WORK_NOUNS and tok.is_lower and tok.pos_ == "NOUN"


def _list_cue(tok) -> bool:
    """'appeared in' and 'star of', which may list several titles."""
    if tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return (tok.lower_ == "in" and before.lemma_ in PERFORM_VERBS) or (
        tok.lower_ == "of" and before.lower_ in ("star", "stars")
    )


def _runs(doc, i: int, listed: bool) -> list[list]:
    """Capitalised runs from token i (titles keep small words inside: 'House of Flying Daggers')."""
    runs: list[list] = []
    run: list = []
    if i < len(doc) and doc[i].text == "The":
        i += 1
    while i < len(doc):
        tok = doc[i]
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if tok.text[:1].isupper() and tok.is_alpha:
            run.append(tok)
        elif run and tok.lower_ in _TITLE_SMALL and nxt is not None and nxt.text[:1].isupper():
            run.append(tok)
        elif run and listed and tok.text in (",", "and") and nxt is not None and nxt.text[:1].isupper():
            runs.append(run)
            run = []
        else:
            break
        i += 1
    return [r for r in runs + [run] if r and not _modifier(r[-1])]


def _modifier(last) -> bool:
    """True when a run modifies the lowercase noun after it ('in BBC mini-series ...')."""
    doc = last.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return nxt is not None and nxt.is_lower and nxt.pos_ in ("NOUN", "ADJ")


def _after_numeral(first, text: str) -> bool:
    """'1700 GMT', '4 GHz': an acronym after a number is a unit or time zone."""
    i = first.i - 1
    return text.isupper() and i >= 0 and first.doc[i].like_num
