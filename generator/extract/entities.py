"""Who: the named mentions of an article (people, organisations, places), cleaned and kinded.

spaCy's NER gives the mentions; the rules here fix what a single-article reader would fix:
acronyms defined in parentheses, 'Mr Tokayev' and 'Tokayev' as the same man, one label per name,
demonyms ('Kazakh') are not places, 'Almaty airport' is one place.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from generator.extract.gazetteer import AMBIGUOUS, country, language, parties, party
from generator.extract.nouns import is_person_noun
from generator.extract.roles import roles_of
from generator.extract.syntax import TITLE_WORDS
from generator.extract.whowords import (
    COMPASS,
    CREDIT_STAND_INS,
    FACILITY,
    HONORIFICS,
    OFFICE_TITLES,
    ORG_HEADS,
    ORG_WORDS,
    PORTFOLIOS,
    QUANTIFIERS,
    ROLE_NOUNS,
)

KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_ABBREV_END = re.compile(r"(\b[A-Za-z]\.|\b(?:Corp|Inc|Ltd|Co|Jr|Sr|St|Bros)\.)$")
_POSS = re.compile(r"(\u2019s|'s|\u2019|')$")
_SMALL = {"of", "for", "and", "the", "on", "de", "in", "&", "to"}


@dataclass
class Mention:
    """One named mention in the text."""

    text: str
    kind: str
    start: int
    end: int
    sentence: int
    roles: list[str] = field(default_factory=list)
    title: str | None = None


def clean(text: str) -> str:
    """Entity text without a leading 'the', a possessive ending or line breaks."""
    text = " ".join(text.split())
    text = re.sub(r"^(the|The)\s+", "", text)
    text = re.sub(r"\s*\([^)]*$", "", text)  # 'Academy of ... (Ampas': the acronym is read apart
    text = re.sub(r"^[A-Z][\w-]*['\u2019]s (?=[A-Z]\w+ [A-Z])", "", text)  # "Gateshead's Sage Centre"
    text = _POSS.sub("", text).strip(' ,;:\u2014-"\u201c\u201d')
    if text.endswith(".") and not _ABBREV_END.search(text):
        text = text.rstrip(".")  # a sentence's full stop, not 'U.S.' or 'Acme Corp.'
    return text


# A sentence of prose names few people, organisations and places: at most 32 in the 44,000
# sentences of the BBC corpus' 2,225 articles (team line-ups included). A sentence naming more is a
# list or a directory (a run of names with no full stop, cut only at the parse chunk's 4,000
# characters); its first MAX_PER_SENTENCE names are read and the article warned about, so that such a
# list cannot make entities (each citing the whole 'sentence') grow faster than the text.
MAX_PER_SENTENCE = 60


def mentions_of(sentences, article_text: str, crowded: list[int] | None = None) -> list[Mention]:
    """Named mentions of every sentence: model entities cleaned up, plus credits and ministries. At
    most MAX_PER_SENTENCE a sentence, the first ones; the sentences that held more go to `crowded`."""
    demonyms = {e.text for s in sentences for e in s.span.ents if e.label_ == "NORP" and not country(e.text)}
    out = []
    spans: set[tuple[int, int]] = set()
    for sent in sentences:
        for ent in sent.span.ents:
            m = _mention(sent, ent, article_text, demonyms)
            if m is not None:
                out.append(m)
        out.extend(_pattern_mentions(sent, article_text))
        out.extend(_party_mentions(sent, article_text))
        cued = _cued_organisations(sent)
        out.extend(cued)
        spans |= {(m.start, m.end) for m in cued}
    out = _join_hyphenated(_drop_overlaps(out), article_text)
    per_sentence: Counter = Counter()
    kept = []
    for m in out:  # in text order
        per_sentence[m.sentence] += 1
        if per_sentence[m.sentence] <= MAX_PER_SENTENCE:
            kept.append(m)
        elif per_sentence[m.sentence] == MAX_PER_SENTENCE + 1 and crowded is not None:
            crowded.append(m.sentence)
    out = kept
    for m in out:
        if party(m.text) or (m.start, m.end) in spans:
            m.kind = "organisation"  # parties, and names after 'firm' whatever the model's label
    return out


_PATRONYMIC = re.compile(r"-[a-z]+ ")


def _join_hyphenated(mentions: list[Mention], article_text: str) -> list[Mention]:
    """'Nursultan Abish' + '-uly ' + 'Nazarbayev': a name the model cut at a lowercase hyphenated part."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "person"
            and prev.sentence == m.sentence
            and _PATRONYMIC.fullmatch(article_text[prev.end : m.start])
        ):
            prev.text, prev.end = article_text[prev.start : m.end], m.end
            continue
        out.append(m)
    return out


_ORG_CUES = [
    "firm",
    "firms",
    "company",
    "companies",
    "group",
    "bank",
    "carrier",
    "airline",
    "maker",
    "retailer",
]


@lru_cache(maxsize=4)
def _org_matcher(vocab):
    """A spaCy Matcher for 'security firm F-Secure', 'firms such as Retrofone'."""
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    name = {"TEXT": {"REGEX": r"^([A-Z][\w&]*|-)$"}, "OP": "+"}  # 'F-Secure', 'Retrofone'
    cue = {"LOWER": {"IN": _ORG_CUES}, "IS_LOWER": True}
    matcher.add("CUED_ORG", [[cue, name], [cue, {"LOWER": "such"}, {"LOWER": "as"}, name]], greedy="LONGEST")
    return matcher


def _cued_organisations(sent) -> list[Mention]:
    """Names right after 'firm', 'company' or 'group' (or 'firms such as'): organisations."""
    out = []
    for _, start, end in _org_matcher(sent.span.doc.vocab)(sent.span.as_doc()):
        toks = [t for t in sent.span[start:end] if not t.is_lower and t.i > sent.span[start].i]
        while toks and toks[-1].text == "-":
            toks = toks[:-1]
        if not toks or toks[0].text == "-" or toks[0].lower_.strip(".") in TITLE_WORDS:
            continue  # 'the group Chairman ...', 'the firm Mr ...'
        first, last = toks[0], toks[-1]
        text = sent.span.doc[first.i : last.i + 1].text
        out.append(Mention(text, "organisation", sent.gstart(first), sent.gend(last), sent.index))
    return out


@lru_cache(maxsize=1)
def _party_pattern() -> re.Pattern:
    """One regex for every party form, longest first."""
    forms = sorted(parties(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


def _party_mentions(sent, article_text: str) -> list[Mention]:
    """Parties by their press forms ('the Tories', 'Lib Dems'), which the model often misses."""
    text = article_text[sent.start : sent.end]
    return [
        Mention(m.group(0), "organisation", sent.start + m.start(), sent.start + m.end(), sent.index)
        for m in _party_pattern().finditer(text)
    ]


def _mention(sent, ent, article_text: str, demonyms: set[str]) -> Mention | None:
    """A Mention for one model entity, or None when it is not a usable name."""
    kind = KINDS.get(ent.label_) or ("place" if ent.label_ == "NORP" and country(ent.text) else None)
    if party(clean(ent.text)):
        kind = "organisation"  # 'Conservative' and 'Tories' are tagged as a people (NORP)
    toks = _trim(list(ent), demonyms)
    before = ent.doc[ent.start - 1].lower_.strip(".") if ent.start > 0 else ""
    titled = bool(toks) and (
        before in OFFICE_TITLES | HONORIFICS
        or any(t.lower_.strip(".") in OFFICE_TITLES for t in ent if t.i < toks[0].i)
    )
    ext = _facility_end(ent)
    if kind is None or not toks or _credit_inside(ent) or ext is None and _not_a_name(toks, kind):
        return None  # a name before a facility noun ('the Marwan field') is one whatever its tag
    last = ext if ext is not None else _and_tail(toks, kind) or toks[-1]
    kind = "place" if ext is not None or _shared_facility(ent) else _kind_fix(toks, kind)
    if titled and kind == "organisation" and len(toks) >= 2:
        kind = "person"  # 'Kazakh President Kassym-Jomart Tokayev' tagged as an organisation
    start, end = sent.gstart(toks[0]), sent.gend(last)
    text = clean(article_text[start:end])
    if (
        text.endswith(".")
        and len(text.split()[-1]) > 3
        and text.split()[-1][:-1].lower() not in ABBREVIATIONS
    ):
        text = text[:-1]  # 'Jay-Z.' at the end of a sentence
    text, start = _proper_tail(text, start, article_text)
    if not text or not _plausible(text) or kind == "place" and language(text):
        return None  # 'Hindi': a language, not a place
    start = article_text.find(text, start, end + 1)
    m = Mention(text, kind, start, start + len(text), sent.index)
    m.title = _title_before(toks[0])
    m.roles = roles_of(ent) if kind == "person" else []
    return m


def _and_tail(toks: list, kind: str):
    """Last token of 'School of Speech and Drama' when the model stopped at 'and', else None."""
    words = [t.text for t in toks]
    if kind != "organisation" or "of" not in words or not set(words[: words.index("of")]) & ORG_HEADS:
        return None
    doc, i = toks[0].doc, toks[-1].i + 1
    if i + 1 >= len(doc) or doc[i].lower_ not in ("and", "&") or not doc[i + 1].text[:1].isupper():
        return None
    j = i + 1
    while j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and doc[j + 1].is_alpha:
        j += 1
    return doc[j]


def _trim(toks: list, demonyms: set[str]) -> list:
    """Tokens of a name without leading 'the', titles or 'Kazakh President', nor trailing 'city'."""
    person = toks[-1].ent_type_ == "PERSON"
    while (
        len(toks) > 1
        and (
            toks[0].lower_ in ("the", "a")
            or toks[0].lower_.strip(".") in TITLE_WORDS
            and (person or len(toks) >= 3)
            or toks[0].text in demonyms
            and toks[0].ent_type_ == "PERSON"
            or person
            and len(toks) >= 3
            and toks[0].is_title
            and (is_person_noun(toks[0].lower_) or toks[0].lower_ in ROLE_NOUNS)  # 'Producer Aamir Khan'
            or toks[1].lower_.strip(".") in OFFICE_TITLES
            and len(toks) > 2
            and toks[2].text[:1].isupper()
        )
    ):
        toks = toks[1:]
    stop = next((i for i, t in enumerate(toks[:-1]) if _ends_sentence(t, toks[i + 1])), None)
    if stop is not None:
        toks = toks[: stop + 1]  # 'Jay-Z. Soul singer ...': a full stop the sentence splitter missed
    cut = next(
        (
            i
            for i, t in enumerate(toks)
            if i > 0 and t.is_lower and t.pos_ == "ADP" and t.lower_ not in _SMALL
        ),
        None,
    )
    if cut is not None:
        toks = toks[:cut]  # 'Ministry of Defense near Almaty'
    cut = next(
        (i for i, t in enumerate(toks) if i > 0 and t.lower_ == "the" and toks[i - 1].lower_ not in _SMALL),
        None,
    )
    if cut is not None:
        toks = toks[:cut]  # 'told the Independent the Tories' plans': two names run together
    while len(toks) > 1 and (
        toks[-1].lower_ in _SMALL
        or toks[-1].is_punct
        or toks[-1].is_lower
        and toks[-1].lower_ in ("city", "town", "region")
    ):
        toks = toks[:-1]
    title = max(
        (
            i
            for i, t in enumerate(toks[:-1])
            if t.lower_.strip(".") in OFFICE_TITLES and toks[i + 1].text[:1].isupper()
        ),
        default=None,
    )
    if title is not None and len(toks) - title > 2:
        toks = toks[title + 1 :]  # "Kazakhstan's President Kassym-Jomart Tokayev"
    return toks


def _ends_sentence(tok, nxt) -> bool:
    """True for 'Z.' or '.' before a capitalised word: a full stop, not an initial ('J. Smith') nor
    a title ('Dr. Smith')."""
    if tok.text == ".":
        return tok.i > 0 and len(tok.doc[tok.i - 1].text) > 1 and nxt.is_title
    word = tok.text.rstrip(".")
    return (
        tok.text.endswith(".")
        and nxt.is_title
        and tok.i > 0
        and tok.doc[tok.i - 1].text == "-"  # 'Jay-Z.': a hyphened name that ends a sentence
        and len(word) >= 1
        and word.lower() not in ABBREVIATIONS
    )


ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "rev", "hon"}


def _not_a_name(toks: list, kind: str) -> bool:
    """True for common words the model took for names ('Leadership', 'Riot police', 'Health Minister')."""
    text = " ".join(t.text for t in toks)
    if country(text) or all(t.is_upper for t in toks if t.is_alpha):
        return False  # countries and acronyms are names wherever they stand
    if len(toks) == 1 and _common_word(toks[0], kind):
        return True
    root = max(toks, key=lambda t: (t.head.i < toks[0].i or t.head.i > toks[-1].i, t.i))
    capitalised = sum(1 for t in toks if t.text[:1].isupper())
    if (
        kind == "organisation"
        and (capitalised < 2 or root.lower_ in PORTFOLIOS)
        and root.dep_ == "compound"
        and root.head.lower_ in OFFICE_TITLES
        and root.lower_ not in ORG_WORDS
    ):
        return True  # 'Health [Minister]', 'Kazakh Foreign [Minister]'
    return kind != "person" and root.tag_ == "JJ" and root.head.lower_ in TITLE_WORDS


def _common_word(tok, kind: str) -> bool:
    """A lone capitalised common word: sentence-initial, tagged as a noun, verb or adjective."""
    if tok.text in COMPASS:
        return True
    if kind == "person" and any(c.lower_ in QUANTIFIERS for c in tok.children):
        return True  # 'Many Kazakhs': a people, not a person
    if kind != "person" and (
        tok.dep_ == "amod" or _demonym(tok) and tok.dep_ == "compound" and tok.head.is_lower
    ):
        return True  # 'Kazakh police', 'a Kazakh court': a demonym, not a place
    if tok.tag_ in ("NN", "NNS", "VBD", "VBN", "VB", "VBG", "JJ") and (
        tok.is_sent_start or tok.i == 0 or _once(tok)
    ):
        return True
    if (
        kind == "person"
        and tok.dep_ == "compound"
        and tok.head.pos_ == "NOUN"
        and tok.head.is_lower
        and _once(tok)
    ):
        return True  # 'Riot police'
    if kind != "place" and tok.dep_ == "compound" and tok.head.lower_ in TITLE_WORDS:
        return True  # 'Olis spokeswoman', 'Health Minister'
    if kind != "place" and tok.dep_ == "pobj" and tok.head.head.lower_ in TITLE_WORDS:
        return True  # 'Secretary of State'
    return (
        kind != "place"
        and tok.dep_ == "compound"
        and tok.head.pos_ == "NOUN"
        and tok.head.is_lower
        and tok.head.tag_ == "NNS"
        and _once(tok)
    )


def _demonym(tok) -> bool:
    """True for 'Kazakh', 'Turkish': tagged NORP somewhere in the text, or shaped like a demonym."""
    if any(e.label_ == "NORP" and e.text == tok.text for e in tok.doc.ents):
        return True
    return bool(re.search(r"(an|ian|ese|ish|i|ic|kh|ek|ik|ch)$", tok.text)) and not country(tok.text)


def _once(tok) -> bool:
    """True when the word occurs only once in its text (no other evidence that it is a name)."""
    return tok.doc.text.count(tok.text) <= 1


def _kind_fix(toks: list, kind: str) -> str:
    """Countries are places; a 'person' introduced as an organisation is one."""
    text = " ".join(t.text for t in toks)
    if kind != "place" and country(text) and text not in AMBIGUOUS:
        return "place"
    if kind == "person":
        mods = {
            c.lower_
            for c in toks[-1].children
            if c.dep_ in ("compound", "amod", "appos")
            and not toks[0].i <= c.i <= toks[-1].i
            and c.i > toks[-1].i - 4
        }
        mods |= {toks[-1].head.lower_} if toks[-1].dep_ == "appos" else set()
        if mods & ORG_WORDS:
            return "organisation"
    return kind


def _proper_tail(text: str, start: int, article_text: str) -> tuple[str, int]:
    """'council of the CSTO' -> 'CSTO': a name never starts with a lowercase word."""
    if not text or not text[0].islower():
        return text, start
    for sep in (" of the ", " of "):
        if sep in text:
            tail = text.split(sep)[-1]
            return (tail, start + text.rfind(tail)) if tail[:1].isupper() else ("", start)
    return "", start


def _credit_inside(ent) -> bool:
    """True for 'Name / AP' photo credits, which _pattern_mentions reads instead."""
    return any(t.text == "/" for t in ent)


_CREDIT = re.compile(r"[(\[]([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})\s*/\s*([A-Z][\w&.' -]{1,40}?)[)\]]")
_MINISTRY = re.compile(
    r"\b([A-Z][a-z]+(?:'s|’s)?) (defen[cs]e|foreign|interior|health|finance|justice|"
    r"emergencies|economy|education|energy|agriculture|transport) (ministry|department)\b"
)


def _pattern_mentions(sent, article_text: str) -> list[Mention]:
    """Photo credits '(Yan Blagov/AP)' and ministries 'the Russian defence ministry'."""
    out = []
    text = article_text[sent.start : sent.end]
    for m in _CREDIT.finditer(text):
        if m.group(1).lower() not in CREDIT_STAND_INS:  # 'Stringer/Reuters' names no one
            person = Mention(m.group(1), "person", sent.start + m.start(1), sent.start + m.end(1), sent.index)
            person.roles = ["photographer"]
            out.append(person)
        agency = m.group(2).strip()
        out += [
            Mention(
                agency,
                "organisation",
                sent.start + m.start(2),
                sent.start + m.start(2) + len(agency),
                sent.index,
            ),
        ]
    for m in _FACILITY.finditer(text):
        out.append(Mention(m.group(0), "place", sent.start + m.start(), sent.start + m.end(), sent.index))
    for m in _MINISTRY.finditer(text):
        if (
            country(m.group(1))
            or m.group(1) in _DEMONYM_HINT
            or m.group(1).endswith(("an", "ian", "ese", "ish"))
        ):
            out.append(
                Mention(m.group(0), "organisation", sent.start + m.start(), sent.start + m.end(), sent.index)
            )
    return out


_FACILITY = re.compile(
    r"\b(?:[A-Z][\w-]+ )*[A-Z][\w-]+(?:'s|\u2019s)? (?:international )?(?:airport|oil field|gas field)\b"
)
_DEMONYM_HINT = {"Kazakh", "Uzbek", "Tajik", "Turkmen", "Kyrgyz", "Thai", "French", "Dutch", "Swiss", "Greek"}


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of mentions that overlap in the text."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _plausible(text: str) -> bool:
    """False for empty, lowercase-only, numeric or sentence-long 'names'."""
    if len(text) < 2 or not any(c.isupper() for c in text) or len(text.split()) > 8:
        return False
    return not text[:1].isdigit()


def _facility_end(ent):
    """Last token of 'Almaty airport' / 'Tengiz oil field' when a facility noun follows a name."""
    doc, i = ent.doc, ent.end
    for n in (2, 1):
        words = doc[i : i + n]
        if (
            len(words) == n
            and " ".join(t.lower_ for t in words) in FACILITY
            and all(t.is_lower for t in words)
        ):
            return words[-1]
    return None


def _shared_facility(ent) -> bool:
    """True for 'Gatwick' in 'Heathrow and Gatwick airports': a plural facility noun after the name
    makes each name of the list a place, whatever the model tagged it."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.tag_ == "NNS" and nxt.is_lower and nxt.lemma_.lower() in FACILITY


def _title_before(first) -> str | None:
    """'Mr' / 'President' right before a name, unless it ends a longer role ('Health Minister')."""
    if first.i == 0:
        return None
    prev = first.doc[first.i - 1]
    if prev.lower_.strip(".") not in TITLE_WORDS or not prev.text[:1].isupper():
        return None
    before = first.doc[prev.i - 1] if prev.i > 0 else None
    return (
        None if before is not None and before.text[:1].isupper() and not before.is_sent_start else prev.text
    )


def acronyms(text: str) -> dict[str, str]:
    """{'CSTO': 'Collective Security Treaty Organization'} for 'Long Name (ACR)' in the text."""
    out = {}
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        before = _words_before(text, m.start())
        words: list[str] = []
        for w in reversed(before[-12:]):
            words.insert(0, w)
            initials = "".join(x[0] for x in words if x.lower() not in _SMALL)
            if initials.upper() == acr.upper() and words[0][0].isupper():
                out.setdefault(acr, " ".join(words).strip(",;"))
                break
    return out


# The words before an acronym are read from this many characters back, not from the start of the text
# (which made every '(ACR)' cost the length of the article): a spelled-out name is at most 12 words
# (acronyms) and 10 (common_acronyms), and 12 words of a name fit in it many times over.
_BEFORE_CHARS = 2_000


def _words_before(text: str, at: int) -> list[str]:
    """The words of the text before offset `at`, as far back as _BEFORE_CHARS (more than any name)."""
    return text[max(0, at - _BEFORE_CHARS) : at].split()


def fix_kinds(mentions: list[Mention]) -> None:
    """One kind per name: 'Mr X' is a person and so is anyone called X; surnames of people are
    people; otherwise the majority label wins."""
    titled = {m.text.split()[-1] for m in mentions if m.title and m.title.lower().strip(".") in HONORIFICS}
    for m in mentions:
        if m.text.split()[-1] in titled:
            m.kind = "person"
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        votes[m.text][m.kind] += 1
    surnames = {
        m.text.split()[-1]
        for m in mentions
        if len(m.text.split()) > 1 and _majority(votes[m.text]) == "person"
    }
    for m in mentions:
        if m.text in surnames and len(m.text.split()) == 1 and not country(m.text) and not m.text.isupper():
            m.kind = "person"
        elif len(votes[m.text]) > 1:
            m.kind = _majority(votes[m.text]) or m.kind


def _majority(votes: Counter) -> str | None:
    """The kind most mentions give a name, or None on a tie."""
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def common_acronyms(text: str) -> set[str]:
    """Acronyms spelled out in lowercase ('liquid petroleum gas (LPG)'): not names."""
    out = set()
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        before = _words_before(text, m.start())[-len(acr) :]
        if (
            len(before) == len(acr)
            and all(w[:1].islower() for w in before)
            and "".join(w[0] for w in before).upper() == acr.upper()
        ):
            out.add(acr)
    return out


def surname_mentions(mentions: list[Mention], text: str, sentences) -> list[Mention]:
    """Mentions of a person's surname that the model missed ('Smith later left'), when only one
    person of the article has that surname. The text's words are indexed once, so each surname is
    looked up where it may stand instead of being searched for through the whole text."""
    full = [m for m in mentions if m.kind == "person" and len(m.text.split()) > 1]
    owners: dict[str, set[str]] = defaultdict(set)
    for m in full:
        owners[m.text.split()[-1]].add(m.text)
    covered = Covered((m.start, m.end) for m in mentions)
    starts = [s.start for s in sentences]
    words: dict[str, list[int]] | None = None
    out = []
    for surname, names in owners.items():
        if len(names) != 1 or len(surname) < 3:
            continue
        if words is None:
            words = defaultdict(list)
            for w in _WORD.finditer(text):
                words[w.group()].append(w.start())
        for at, end in _occurrences(surname, text, words):
            if not covered(at):
                idx = max(0, bisect.bisect_right(starts, at) - 1)
                out.append(Mention(surname, "person", at, end, idx))
    return out


_WORD = re.compile(r"\w+")


def _occurrences(word: str, text: str, words: dict[str, list[int]]):
    """(start, end) of each match of r'\bword\b' in text, as re.finditer gives them: a word that starts
    with a letter or digit can only start where a run of them starts, found in the index `words`."""
    pattern = re.compile(r"\b" + re.escape(word) + r"\b")
    lead = _WORD.match(word)
    if lead is None:  # starts with punctuation: no run to look up
        yield from ((m.start(), m.end()) for m in pattern.finditer(text))
        return
    last = 0
    for at in words.get(lead.group(), ()):
        hit = pattern.match(text, at) if at >= last else None
        if hit:
            yield hit.start(), hit.end()
            last = hit.end()


class Covered:
    """Whether an offset falls inside any of some (start, end) spans: spans sorted by start, with the
    furthest end reached so far, bisected (one lookup per offset instead of a scan of every span)."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.reach: list[int] = []
        for _, b in self.spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def __call__(self, at: int) -> bool:
        i = bisect.bisect_right(self.spans, (at, float("inf"))) - 1
        return i >= 0 and self.reach[i] > at
