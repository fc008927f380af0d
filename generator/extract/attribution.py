"""Who stated something: 'according to X', 'X said', 'X told local media', pronouns resolved."""

from __future__ import annotations

import re

from generator.extract.nouns import ORG_NOUNS, is_person_noun
from generator.extract.syntax import (
    BARRIERS,
    REPORT_VERBS,
    SPEECH_VERBS,
    according_to,
    is_pronoun,
    np_text,
    passive_agent,
    phrase_tokens,
    speech_verb_above,
    subject_of,
)


def entity_name(tok) -> str | None:
    """Text of the PERSON/ORG/GPE entity a token belongs to, or None."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            return ent.text.removeprefix("the ").removesuffix("\u2019s").removesuffix("'s")
    return None


def person_in(tok) -> str | None:
    """The PERSON named inside a subject phrase ('UN rights chief Michelle Bachelet' -> the name)."""
    span = [t for t in tok.subtree if t.dep_ not in ("relcl",)]
    for ent in tok.doc.ents:
        if ent.label_ == "PERSON" and span and span[0].i <= ent.start and ent.end <= span[-1].i + 1:
            return ent.text
    return None


def who(tok, ctx, full: bool) -> tuple[str | None, bool]:
    """(name, is_person) of a subject token: pronouns resolved, full phrase or bare name."""
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if _pronoun(tok):
        return ctx.resolve(tok.text), tok.lower_ in ("he", "she", "i")
    person = person_in(tok)
    if any(c.lower_ == "the" for c in tok.children) and ctx.members(tok.text):
        return ctx.members(tok.text), False  # 'The MPs said': the committee of MPs named before
    described = _described(tok, ctx) if not person else None
    if described:
        return described, ctx.is_person(described)
    if full:
        return np_text(tok) or tok.text, person is not None
    if person:
        return ctx.full_name(person), True
    return (entity_name(tok) or np_text(tok) or tok.text), False


def _described(tok, ctx) -> str | None:
    """Who 'the chancellor' or 'the company' stands for, when the subject is such a description."""
    if not any(c.lower_ == "the" for c in tok.children):
        return None
    if (tok.pos_ != "NOUN" or tok.ent_type_) and not is_person_noun(tok.lower_):
        return None
    return ctx.described(tok.lower_) if _bare_description(phrase_tokens(tok)) else None


def _bare_description(toks: list) -> bool:
    """'the committee', 'the United boss': a head noun with no other common noun before it."""
    content = [t for t in toks if t.lower_ not in ("the", "a", "an")]
    return 1 <= len(content) <= 3 and not any(t.pos_ == "NOUN" for t in content[:-1])


def _pronoun(tok) -> bool:
    """A pronoun to resolve; 'WHO' and 'IT' in capitals are names."""
    return is_pronoun(tok) and not (len(tok.text) > 1 and tok.text.isupper())


def source_of(
    token,
    span,
    ctx,
    outside: tuple[int, int] | None = None,
    full: bool = True,
    verbs=SPEECH_VERBS,
    barriers=frozenset(),
):
    """(speaker, is_person, verb) for a token: the reporting verb above it, else 'according to'."""
    verb = speech_verb_above(token, outside, verbs, barriers)
    if verb is not None and _hearsay_passive(verb):
        return None, False, None
    if verb is not None:
        subj = subject_of(verb)
        if subj is not None and token.i in {t.i for t in subj.subtree}:
            subj = None  # 'eight security personnel reported deaths': the figure is the subject
        if verb.lemma_ == "quote" or subj is None:
            subj = passive_agent(verb) if subj is None else subj
        if subj is not None and not (outside and outside[0] <= subj.i < outside[1]) and not time_span(subj):
            name, is_person = who(subj, ctx, full)
            if name:
                return name, is_person, verb
    acc = according_to(span)
    if acc is not None:
        name, is_person = who(acc, ctx, full)
        return name, is_person, None
    return None, False, None


def _hearsay_passive(verb) -> bool:
    """'X is said to retain ...': a passive report with no agent names no source."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive and verb.lemma_ != "quote" and passive_agent(verb) is None


# Verbs whose subject stands behind the figures of their clause: reports, plus promises and forecasts.
FIGURE_VERBS = REPORT_VERBS | {
    "promise",
    "pledge",
    "highlight",
    "predict",
    "forecast",
    "vow",
    "unveil",
    "outline",
}
# ... and findings and aims: 'rules stipulate a six-month ban', 'officials hope to double output'.
FIGURE_VERBS |= {"stipulate", "find", "show", "suggest", "indicate"}
AIM_VERBS = {"hope", "plan", "aim", "expect", "intend"}  # only someone can aim: not 'the projects aim'
FIGURE_VERBS |= AIM_VERBS


def figure_attribution(token, span, ctx) -> str | None:
    """Who stated the figure at token, or None when the sentence names no one.

    A sentence whose main verb reports ('He said after seven years Labour had ...') attributes
    the figures said after the verb even where the parse hangs them on an adverbial clause.
    """
    name, _, _ = source_of(token, span, ctx, full=True, verbs=REPORT_VERBS, barriers=BARRIERS)
    if not name:
        name = _main_verb_source(token, span, ctx)
    if name:
        ctx.figure_source = (ctx.sentence, _long_form(name, ctx))
        return _long_form(name, ctx)
    if _SAME_REPORT.match(span.text) and ctx.figure_source and ctx.sentence - ctx.figure_source[0] <= 2:
        return ctx.figure_source[1]  # 'Over the same period 5,000 laptops were left': the same survey
    return None


# A sentence that opens by pointing back to the period of the figures before goes on with their report.
_SAME_REPORT = re.compile(
    r"^(?:over|in|during|for)\s+the\s+same\s+(?:period|time|year|quarter|month|week)\b", re.I
)


def _main_verb_source(token, span, ctx) -> str | None:
    """The subject of the sentence's reporting main verb, for a figure said after the verb: where
    the climb from the figure stopped at an adverbial clause or at a relative clause inside what
    was reported ('said it was worse than the foul for which he got a three-game ban'), or where
    the verb's object is the content ('highlighted plans for 100% debt relief')."""
    root = span.root
    if root.lemma_.lower() not in FIGURE_VERBS or root.pos_ != "VERB" or token.i < root.i:
        return None
    hops, tok = [], token
    while tok.i != root.i and tok.head.i != tok.i:
        hops.append(tok)
        tok = tok.head
    if tok.i != root.i or _describes(hops):
        return None  # the figure describes something named in the report, or another act
    deps = {h.dep_ for h in hops}
    if not deps & {"advcl", "relcl", "acl"} and root.lemma_.lower() in REPORT_VERBS:
        return None  # the ordinary climb already judged this figure
    passive = any(c.dep_ == "auxpass" for c in root.children)
    subj = passive_agent(root) if passive else subject_of(root)
    if subj is None or time_span(subj) or (root.lemma_.lower() in AIM_VERBS and not _someone(subj)):
        return None
    return who(subj, ctx, full=True)[0]


# a stretch of time reports nothing: 'The months of surveillance revealed ...' names no source
TIME_SPANS = {"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century"}


def time_span(tok) -> bool:
    """True for a subject that is a stretch of time ('months of monitoring', 'two years of talks'),
    not someone who could state a figure; a name is never one."""
    return tok.lemma_.lower() in TIME_SPANS and tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")


def _someone(tok) -> bool:
    """True for a subject that can hope or plan: a name, a pronoun, officials, the company."""
    noun = tok.lemma_.lower()
    return bool(tok.ent_type_) or _pronoun(tok) or is_person_noun(noun) or noun in ORG_NOUNS | PEOPLE


PEOPLE = {"official", "analyst", "economist", "expert", "researcher", "scientist", "investor", "government"}


def _describes(hops: list) -> bool:
    """True when the climb from a figure to the main verb leaves a description or another act: an
    apposition, a conjoined verb ('vowed ... and declared a two-week state of emergency'), or a
    relative clause that is not inside the reported clause."""
    for k, tok in enumerate(hops):
        if tok.dep_ == "appos" or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")):
            return True
        if tok.dep_ in ("relcl", "acl") and not any(_reported(h) for h in hops[k + 1 :]):
            return True
    return False


def _reported(tok) -> bool:
    """True for the top of a reported clause: a ccomp, or what the parser calls the object of 'say'
    in 'said the scheme aimed to ...' (say takes no object but its words)."""
    return tok.dep_ == "ccomp" or (tok.dep_ == "dobj" and tok.head.lemma_ == "say")


def _long_form(name: str, ctx) -> str:
    """An acronym's spelled-out name ('WTO' -> 'World Trade Organisation') when the text gives it."""
    return ctx.acronyms.get(name.removeprefix("the ").removeprefix("The "), name)


# Heads of a speaker phrase that stand for someone else: the spokesman speaks, a statement is its
# author's ('a spokesman for the club' is the speaker; 'a statement from the club' is the club's).
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative", "aide", "aides"}
STATEMENTS = {
    "statement",
    "statements",
    "letter",
    "message",
    "release",
    "note",
    "tweet",
    "post",
    "email",
    "e-mail",
    "communique",
    "website",
    "report",
    "announcement",
    "memo",
    "blog",
}
_OWNER_PREPS = {"from", "by", "of"}
_PREPS = {"of", "for", "at", "from", "by"}


def speaker_name(tokens: list, ctx) -> str | None:
    """The speaker a reporting clause's subject words name, as the reader would give it."""
    toks = _trim(tokens)
    if not toks:
        return None
    if len(toks) == 1 and _pronoun(toks[0]):
        return ctx.resolve(toks[0].text)
    head_at = next((i for i, t in enumerate(toks) if t.lower_ in _PREPS and i > 0), len(toks))
    head = toks[head_at - 1]
    if head.lower_ in SPOKES:
        return _text(toks)  # 'a spokesman for X', 'X spokesman': the spokesman speaks, not X
    if head.lower_ in STATEMENTS:
        owner = _owner(toks, head_at)
        if owner:
            return speaker_name(owner, ctx)
    person = _entity_in(toks, ("PERSON",))
    if person:
        return ctx.full_name(person)
    if len(toks) == 1 and tokens[0].lower_ == "the" and ctx.members(head.text):
        return ctx.members(head.text)  # 'a committee of MPs has warned ... The MPs said'
    if head_at == len(toks) and _bare_description(toks) and is_person_noun(head.lower_):
        return ctx.described(head.lower_) or _text(toks)  # 'the Dutchman said': not a nationality
    org = _entity_in(toks[:head_at], ("ORG", "GPE", "NORP")) or _entity_in(toks, ("ORG", "GPE"))
    if org:
        return org
    described = ctx.described(head.lower_) if head_at == len(toks) and _bare_description(toks) else None
    return described or _text(toks)


def _trim(tokens: list) -> list:
    """Tokens without leading determiners or punctuation and trailing punctuation or 's."""
    toks = list(tokens)
    while toks and (toks[0].is_punct or toks[0].lower_ in ("the", "a", "an", "and", "but")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "\u2019s")):
        toks = toks[:-1]
    return toks


def _text(toks: list) -> str:
    """The original text of a run of tokens."""
    doc = toks[0].doc
    return doc[toks[0].i : toks[-1].i + 1].text


def _owner(toks: list, head_at: int) -> list:
    """The author of a statement: 'Chelsea's statement', 'a statement from Chelsea'."""
    poss = [t for t in toks[: head_at - 1] if t.lower_ not in ("'s", "\u2019s")]
    if poss and any(t.lower_ in ("'s", "\u2019s") for t in toks[:head_at]):
        return poss
    if head_at < len(toks) and toks[head_at].lower_ in _OWNER_PREPS:
        rest = toks[head_at + 1 :]
        return rest[: next((i for i, t in enumerate(rest) if t.pos_ in ("VERB", "AUX")), len(rest))]
    return []


def _entity_in(toks: list, labels: tuple[str, ...]) -> str | None:
    """The first named entity of the given labels that lies within the tokens."""
    if not toks:
        return None
    lo, hi = toks[0].i, toks[-1].i + 1
    for ent in toks[0].doc.ents:
        if ent.label_ in labels and lo <= ent.start and ent.end <= hi:
            return ent.text.removeprefix("the ").removesuffix("\u2019s").removesuffix("'s")
    return None
