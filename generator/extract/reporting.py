"""The reporting clause beside a quotation: '"...," X said', '"...," said X', 'X said: "..."'.

spaCy's small parser often hangs the speaker of a long quotation on a word inside it, so the
clause is read on the surface with a `Matcher` over the tokens just outside the marks: part-of-
speech tags are steadier there than arcs. The parse is still asked for the subject of a verb that
opens a quotation ('A statement from the club read: "..."'), where it is reliable.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from generator.extract.syntax import SPEECH_VERBS, subject_of

if TYPE_CHECKING:  # spaCy is imported when a text is read, not when the CLI starts
    from spacy.matcher import Matcher

# Reporting verbs as written: matched on the word, so that a tagger calling 'says' a noun still counts.
SAY_FORMS = {
    f
    for stem in (
        "say said says",
        "add added adds",
        "tell told tells",
        "explain explained explains",
        "insist insisted insists",
        "continue continued continues",
        "argue argued argues",
        "warn warned warns",
        "admit admitted admits",
        "claim claimed claims",
        "state stated",
        "note noted",
        "write wrote writes",
        "conclude concluded concludes",
        "recall recalled recalls",
        "remark remarked",
        "reply replied replies",
        "ask asked asks",
        "declare declared declares",
        "announce announced announces",
        "confirm confirmed confirms",
        "suggest suggested suggests",
        "acknowledge acknowledged acknowledges",
        "concede conceded concedes",
        "stress stressed stresses",
        "joke joked jokes",
        "reveal revealed reveals",
        "comment commented comments",
        "observe observed observes",
        "predict predicted predicts",
        "urge urged urges",
        "tweet tweeted tweets",
        "read reads",
        "believe believes believed",
        "promise promised promises",
        "vow vowed vows",
        "boast boasted boasts",
        "complain complained complains",
        "predict predicted",
    )
    for f in stem.split()
}
_NP_POS = {"PROPN", "NOUN", "ADJ", "DET", "NUM"}
_NP_WORDS = {"of", "for", "at", "'s", "\u2019s", "-", "&"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def _is_say(tok) -> bool:
    """A reporting verb, by its written form or by its lemma."""
    low = tok.lower_
    return low in SAY_FORMS or (tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS)


def _is_np(tok) -> bool:
    """A word that can sit in a speaker's noun phrase ('WTO spokesman Keith Rockwell')."""
    if _is_say(tok) and tok.pos_ in ("VERB", "AUX"):
        return False
    return (tok.pos_ in _NP_POS and not tok.is_punct) or tok.lower_ in _NP_WORDS or tok.tag_ == "HYPH"


def _is_subject_pronoun(tok) -> bool:
    """A pronoun that can be a speaker: 'he said'."""
    return tok.lower_ in _SUBJECT_PRONOUNS


def _extensions() -> None:
    """The token attributes the patterns read (`tok._.say_word`, …), registered once."""
    from spacy.tokens import Token

    for name, getter in (("say_word", _is_say), ("np_word", _is_np), ("subj_pron", _is_subject_pronoun)):
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


_SAY = {"_": {"say_word": True}}
_NP = {"_": {"np_word": True}, "OP": "+"}
_PRON = {"_": {"subj_pron": True}}
_ADV = {"POS": "ADV", "OP": "*"}
_LEAD = {"IS_PUNCT": True, "OP": "*"}
_BETWEEN = {"ORTH": {"NOT_IN": [",", '"', "\u201c", "\u201d", ".", ":"]}, "OP": "+"}
AFTER = {  # clause that follows the closing mark
    "said_x": [_LEAD, _SAY, _NP],
    "x_said": [_LEAD, _NP, _ADV, _SAY],
    "he_said": [_LEAD, _PRON, _ADV, _SAY],
    "x_role_said": [_LEAD, _NP, {"ORTH": ","}, _BETWEEN, {"ORTH": ","}, _ADV, _SAY],
}
_TAIL = [{"POS": {"IN": ["PROPN", "NOUN", "DET", "PRON", "ADJ"]}, "OP": "*"}, {"IS_PUNCT": True, "OP": "*"}]
BEFORE = {  # clause that ends at the opening mark
    "x_said": [_NP, _ADV, _SAY, *_TAIL],
    "he_said": [_PRON, _ADV, _SAY, *_TAIL],
    "x_said_that": [_NP, _ADV, _SAY, {"LOWER": "that"}],
    "transcript": [_NP, {"ORTH": ":"}],
}


@lru_cache(maxsize=4)
def _matchers(vocab) -> tuple[Matcher, Matcher]:
    """The after-quote and before-quote matchers for a vocabulary."""
    from spacy.matcher import Matcher

    _extensions()
    after, before = Matcher(vocab), Matcher(vocab)
    for key, pattern in AFTER.items():
        after.add(key, [pattern])
    for key, pattern in BEFORE.items():
        before.add(key, [pattern])
    return after, before


def after_clause(doc, start: int, end: int):
    """(speaker tokens, verb) of a reporting clause opening doc[start:end], or None."""
    if start >= end:
        return None
    span = doc[start:end]
    after, _ = _matchers(doc.vocab)
    found = [(e - s, key, s, e) for key, s, e in ((doc.vocab.strings[m], s, e) for m, s, e in after(span))]
    found = [f for f in found if f[2] == 0]
    if not found:
        return None
    _, key, _, e = max(found)
    toks = [t for t in span[:e] if not t.is_punct or t.tag_ == "HYPH" or t.text == ","]
    while toks and toks[0].text == ",":
        toks = toks[1:]
    verb = next((t for t in toks if t._.say_word and not t._.np_word), None)
    if verb is None:
        return None  # the pattern matched a reporting word that reads as a noun phrase here
    if key == "said_x":
        return _np_after(span, verb), verb
    subject = [t for t in toks if t.i < verb.i and t.pos_ != "ADV"]
    if key == "x_role_said":
        subject = subject[: next((i for i, t in enumerate(subject) if t.text == ","), len(subject))]
    return subject, verb


def _np_after(span, verb) -> list:
    """The noun phrase right after an inverted verb: 'said WTO spokesman Keith Rockwell'."""
    out = []
    rest = span[verb.i - span.start + 1 :]
    for n, tok in enumerate(rest):
        joined = tok.lower_ in ("and", "&") and out and n + 1 < len(rest) and rest[n + 1].is_title
        if not (tok._.np_word or joined):  # 'said Trade and Industry Secretary X': one title
            break
        out.append(tok)
    return out


def before_clause(doc, start: int, end: int):
    """(speaker tokens, verb) of a reporting clause that ends at doc[end] (the opening mark)."""
    if start >= end:
        return None
    span = doc[start:end]
    _, before = _matchers(doc.vocab)
    found = [(s, e, doc.vocab.strings[m]) for m, s, e in before(span) if e == len(span)]
    if not found:
        return None
    s, e, key = min(found)  # the longest match: its subject phrase starts earliest
    if key == "transcript":
        return ([t for t in span[s : e - 1]], None) if s == 0 else None
    verb = next((t for t in span[s:e] if t._.say_word and not t._.np_word), None)
    if verb is None:
        return None  # the pattern matched a reporting word that reads as a noun phrase here
    subj = subject_of(verb)
    if subj is not None and start <= subj.i < verb.i:
        return _subject_phrase(subj, start), verb
    return [t for t in span[s:e] if t.i < verb.i and t.pos_ != "ADV"], verb


def _subject_phrase(subj, start: int) -> list:
    """The subject's phrase tokens, from the clause start on ('A statement from the club')."""
    return [t for t in subj.subtree if t.i >= start and not t.is_punct]
