"""Small helpers over spaCy's dependency parse: noun phrases, speakers and attributions."""

from __future__ import annotations

SPEECH_VERBS = {
    "say",
    "tell",
    "add",
    "state",
    "claim",
    "announce",
    "declare",
    "report",
    "warn",
    "urge",
    "call",
    "express",
    "insist",
    "stress",
    "note",
    "confirm",
    "deny",
    "reiterate",
    "write",
    "tweet",
    "explain",
    "argue",
    "allege",
    "accuse",
    "describe",
    "estimate",
    "predict",
    "quote",
    "shout",
    "chant",
    "vow",
    "promise",
    "admit",
    "acknowledge",
    "believe",
    "think",
    "ask",
    "reply",
    "respond",
    "cite",
    "brief",
    "disclose",
    "reveal",
    "post",
    "comment",
    "emphasise",
    "emphasize",
}
# Verbs that report a statement of fact: only these attribute a figure ("declared a two-week state
# of emergency" is an act, not a source).
REPORT_VERBS = {
    "say",
    "tell",
    "add",
    "state",
    "report",
    "claim",
    "estimate",
    "confirm",
    "warn",
    "note",
    "quote",
    "announce",
    "insist",
    "reveal",
    "disclose",
    "write",
    "tweet",
    "put",
    "explain",
}
# A figure inside these phrases describes something else: its clause is not the report's content.
BARRIERS = {"appos", "advcl", "relcl", "acl"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "who", "which", "that"}
TITLE_WORDS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "minister",
    "secretary",
    "chancellor",
    "senator",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "ambassador",
    "general",
    "gen",
    "col",
    "colonel",
    "captain",
    "judge",
    "rep",
    "sen",
    "premier",
    "chairman",
    "chairwoman",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
}
DROP_CHILDREN = {"relcl", "appos", "acl", "punct", "advcl", "cc", "conj", "parataxis"}


def phrase_tokens(head, drop=DROP_CHILDREN, keep_det: bool = False) -> list:
    """Tokens of head's phrase, without relative clauses, appositions, conjuncts or commas."""
    out = [head]
    for child in head.children:
        if child.tag_ == "HYPH":
            out.append(child)  # 'Kassym-Jomart': the hyphen belongs to the name
            continue
        if child.dep_ in drop or (child.dep_ == "det" and not keep_det and child.i < head.i):
            continue
        out.extend(phrase_tokens(child, drop, keep_det=True))
    return sorted(out, key=lambda t: t.i)


def contiguous(tokens: list) -> list:
    """The run of tokens around the first one that has no gap in token positions."""
    if not tokens:
        return tokens
    run = [tokens[0]]
    for tok in tokens[1:]:
        if tok.i != run[-1].i + 1:
            break
        run.append(tok)
    return run


def tokens_text(tokens: list) -> str:
    """The original text covered by consecutive tokens."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,;:\u2014-")


def np_text(head) -> str:
    """Readable text of the noun phrase headed by a token (no determiner, no clauses)."""
    tokens = [t for t in phrase_tokens(head) if t.dep_ != "advmod" or t.i > head.i]
    start = next((i for i, t in enumerate(tokens) if t.i >= head.i - 12), 0)
    return tokens_text(_trim_edges(contiguous(tokens[start:])))


def _trim_edges(tokens: list) -> list:
    """Drop punctuation and possessive markers at either end."""
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in {"the", "a", "an", "also"}):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "case"):
        tokens = tokens[:-1]
    return tokens


def subject_of(verb):
    """The subject token of a verb (following conjunctions and xcomp up to a subject), or None.

    A participle of saying ('..., saying "...") takes the subject of the reporting verb above it.
    """
    if verb.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        for above in governing_verbs(verb):
            if above.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "nsubj" for c in above.children):
                verb = above
                break
    seen = 0
    while verb is not None and seen < 6:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb, seen = verb.head, seen + 1
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb, seen = verb.head.head, seen + 1  # 'made it after hearing evidence': who made it heard it
            continue
        return None
    return None


def according_to(span):
    """The noun phrase after 'according to' in a sentence, as a token, or None."""
    for tok in span:
        if tok.lower_ == "according":
            for child in tok.children:
                if child.lower_ == "to":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0]
    return None


def passive_agent(verb):
    """The 'by X' agent of a passive reporting verb ('was quoted as saying by X'), or None."""
    for tok in verb.subtree:
        if tok.dep_ == "agent":
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def governing_verbs(token, limit: int = 8) -> list:
    """The chain of heads above a token, nearest first, that are verbs."""
    out, tok = [], token
    for _ in range(limit):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            out.append(tok)
    return out


def speech_verb_above(
    token, outside: tuple[int, int] | None = None, verbs=SPEECH_VERBS, barriers=frozenset()
):
    """The nearest reporting verb above a token (optionally outside a token range), or None.

    The climb stops at a barrier dependency, and a verb reached through its direct object is
    an act done to the thing ("announced a state of emergency"), not a report about it.
    """
    tok, via = token, None
    for _ in range(10):
        skip = outside and outside[0] <= tok.i < outside[1]
        if not skip and tok.lemma_.lower() in verbs and tok.pos_ in ("VERB", "AUX") and via != "dobj":
            return tok
        if tok.head.i == tok.i or tok.dep_ in barriers:
            return None
        via, tok = tok.dep_, tok.head
    return None


def sentence_speech_verbs(span) -> list:
    """Reporting verbs of a sentence that have a subject, in order."""
    return [
        t for t in span if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and subject_of(t) is not None
    ]


def is_pronoun(token) -> bool:
    """True for personal and relative pronouns that need resolving."""
    return token.lower_ in PRONOUNS or token.pos_ == "PRON"
