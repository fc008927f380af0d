"""Who stated something: 'according to X', 'X said', 'X told local media', pronouns resolved."""

from __future__ import annotations

from generator.extract.syntax import (
    BARRIERS,
    HEARSAY,
    REPORT_VERBS,
    SPEECH_VERBS,
    according_to,
    is_pronoun,
    np_text,
    passive_agent,
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
    if is_pronoun(tok):
        return ctx.resolve(tok.text), tok.lower_ in ("he", "she", "i")
    person = person_in(tok)
    if full:
        return np_text(tok) or tok.text, person is not None
    if person:
        return person, True
    return (entity_name(tok) or np_text(tok) or tok.text), False


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
        if subj is not None and not (outside and outside[0] <= subj.i < outside[1]):
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


def figure_attribution(token, span, ctx) -> str | None:
    """Who stated the figure at token, or None when the sentence names no one."""
    name, _, _ = source_of(token, span, ctx, full=True, verbs=REPORT_VERBS, barriers=BARRIERS)
    if name:
        return name
    if any(t.lower_ in HEARSAY for t in span):
        return None
    return None
