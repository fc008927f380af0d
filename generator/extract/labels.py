"""What a figure counts, read from the parse: '13 security officers have been killed' ->
'security officers killed'; 'a nation of 19 million' -> 'population of <main place>'."""

from __future__ import annotations

from collections import Counter

from generator.extract.numerals import PLACE_NOUNS, Draft
from generator.extract.numread import counted_noun
from generator.extract.syntax import contiguous, is_pronoun, phrase_tokens, subject_of, tokens_text

SKIP_MODIFIERS = {
    "det",
    "nummod",
    "quantmod",
    "punct",
    "advmod",
    "relcl",
    "acl",
    "appos",
    "cc",
    "conj",
    "prep",
    "case",
    "predet",
    "neg",
}
# phrases that give examples, causes or times, not the scope of a count
NOT_SCOPE = {"including", "like", "such", "with", "despite", "as", "because", "amid", "after", "before"}
NOT_SCOPE |= {"during", "since", "until", "than", "for"}
# prepositions whose object a label can name with the clause around it: 'towns police raided homes in'
STRANDED = {"in", "from", "to", "at", "on", "with", "against", "across", "into", "among", "between"}
AMOUNTS = {"MONEY", "PERCENT", "QUANTITY"}  # an amount in a phrase is a figure of its own
NOUN_PREPS = ("of", "in", "from", "for", "on", "at", "by", "per")  # phrases that narrow what is counted
TIME_WORDS = {"year", "month", "week", "day", "season", "time", "decade", "period", "hour"}
QUALIFIER_WORDS = {
    "more",
    "less",
    "fewer",
    "least",
    "most",
    "than",
    "nearly",
    "almost",
    "about",
    "some",
    "over",
    "under",
    "around",
    "roughly",
    "up",
    "to",
    "at",
    "as",
    "many",
}
MAX_CONJUNCTS = 10  # a label names a few things ('cars and vans'); a list of hundreds is cut
MAX_NESTING = 8  # phrases within phrases ('shops of traders and farmers of ...') a label follows


def noun_label(
    noun,
    with_of: bool = True,
    names_only: bool = False,
    skip: set[int] | None = None,
    conjuncts: bool = True,
    depth: int = 0,
) -> str:
    """A short noun phrase: modifiers + noun (+ 'of X'), names reduced to the name itself; with its
    conjuncts ('cars and vans'), at most MAX_CONJUNCTS, walked without recursion (`conjuncts=False` for
    a conjunct itself), and phrases nested at most MAX_NESTING deep."""
    if noun.pos_ == "PROPN" or noun.ent_type_ in ("PERSON", "GPE", "ORG"):
        return _name_of(noun)
    skip = skip or set()
    mods = [
        c
        for c in noun.lefts
        if (
            c.dep_ not in SKIP_MODIFIERS
            and c.lower_ not in QUALIFIER_WORDS
            and not c.like_num
            and c.tag_ != "CD"  # another amount ('a $3bn (£1.7bn) offer'), said by its own figure
            and c.pos_ != "PRON"
            and c.dep_ != "poss"
            or c.dep_ == "poss"
            and c.pos_ in ("PROPN", "NOUN")
        )
        and not {t.i for t in c.subtree} & skip
        and not _cut_off(c, skip)
    ]
    parts = [_mod_text(m) for m in mods] + [noun.text]
    if with_of and depth < MAX_NESTING:
        taken = 0
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in NOUN_PREPS and not names_only:
                obj = [c for c in child.children if c.dep_ == "pobj"]
                named = bool(obj) and obj[0].pos_ == "PROPN"
                numeric = bool(obj) and (obj[0].like_num or obj[0].i in skip or obj[0].text[:1].isdigit())
                if obj and not numeric and (taken == 0 or named):
                    parts += [child.text, noun_label(obj[0], with_of=False, depth=depth + 1)]
                taken += 1
                if taken == 2:
                    break  # a second phrase only when it names something: 'fouls in the game by Arsenal'
    for conj in _conjuncts(noun) if conjuncts and depth < MAX_NESTING else ():
        parts += ["and", noun_label(conj, conjuncts=False, depth=depth + 1)]
    return " ".join(p for p in parts if p)


def _conjuncts(noun) -> list:
    """The conjuncts of a noun in reading order (each one's own before the next: in 'a, b and c' each
    hangs on the one before), at most MAX_CONJUNCTS; a name's own conjuncts are not followed."""
    out: list = []
    stack = [c for c in reversed(list(noun.children)) if c.dep_ == "conj"]
    while stack and len(out) < MAX_CONJUNCTS:
        conj = stack.pop()
        out.append(conj)
        if not (conj.pos_ == "PROPN" or conj.ent_type_ in ("PERSON", "GPE", "ORG")):
            stack += [c for c in reversed(list(conj.children)) if c.dep_ == "conj"]
    return out


def _cut_off(mod, skip: set[int]) -> bool:
    """True for a modifier before the number that other words keep apart from it: the parse hung a
    phrase of the sentence on the counted noun ('under the last government 250,000 homes')."""
    if not skip or mod.i > min(skip) or mod.dep_ == "poss":
        return False
    own = {t.i for t in mod.subtree}
    return mod.dep_ == "nmod" or any(i not in own for i in range(mod.i + 1, min(skip)))


def _mod_text(mod) -> str:
    """Text of a modifier with its own compound children ('law enforcement')."""
    between = [c for c in mod.children if c.dep_ == "conj" and mod.i < c.i < mod.head.i]
    if between and mod.dep_ == "nmod":
        mod = between[-1]  # the parse joined a phrase before it: 'By 1700 GMT, Petrel's shares'
    toks = [t for t in phrase_tokens(mod) if t.dep_ not in ("det", "case", "punct")]
    return tokens_text(_run_around(toks, mod)).replace("\u2019s", "").replace("'s", "")


def _run_around(tokens: list, tok) -> list:
    """The gap-free run of tokens that holds tok ('GMT, Petrel' -> 'Petrel')."""
    at = next(n for n, t in enumerate(tokens) if t.i == tok.i)
    lo = hi = at
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].i == tokens[hi].i + 1:
        hi += 1
    return tokens[lo : hi + 1]


def _name_of(tok) -> str:
    """The proper name a token belongs to (entity text, else compound chain)."""
    if tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return ent.text.replace("\u2019s", "").replace("'s", "").removeprefix("the ")
    toks = [t for t in tok.lefts if t.dep_ == "compound"] + [tok]
    return " ".join(t.text for t in toks)


def subject_label(verb, ctx) -> str:
    """The subject of a verb as a short label, relative pronouns resolved."""
    subj = subject_of(verb)
    if subj is None:
        return ""
    if subj.lower_ in ("who", "which", "that"):
        rel = _relcl_head(subj)
        subj = rel if rel is not None else subj
        if rel is None:
            return ""
    if is_pronoun(subj):
        name = ctx.resolve(subj.text) if ctx is not None else None
        return "" if not name or _named_after(name, subj) else name
    if ctx is not None and stands_for_person(subj):
        return protagonist(ctx) or noun_label(subj, with_of=False)
    return noun_label(subj, with_of=False)


def _named_after(name: str, pronoun) -> bool:
    """True when the name a pronoun was resolved to first appears later in its own sentence ('she
    leaves one son, Alan'): a pronoun stands for someone named before it."""
    sent = pronoun.sent
    words = set(name.split())
    before = {t.text for t in sent if t.i < pronoun.i}
    return not words & before and any(t.text in words for t in sent if t.i > pronoun.i)


def stands_for_person(tok) -> bool:
    """True for 'the Russian', 'the 25-year-old': a description news uses for the person last named."""
    det = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    return det and (tok.ent_type_ == "NORP" or tok.lower_ in ("old", "olds") or tok.text.endswith("-old"))


def protagonist(ctx) -> str | None:
    """The person the article names most often (by surname): the one 'the Russian' stands for."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for index in sorted(ctx.people):
        for name in ctx.people[index]:
            key = name.split()[-1]
            counts[key] += 1
            first.setdefault(key, name)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -list(first).index(k)))
    return best


def _relcl_head(tok):
    """The antecedent of a relative pronoun ('Nazarbayev, who ...' -> Nazarbayev)."""
    node = tok.head
    for _ in range(4):
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ == "conj":
            node = node.head
            continue
        break
    return None


def verb_label(verb, skip=None) -> str:
    """Verb with particle and direct object: 'stormed City Hall and other government buildings'."""
    parts = [*negation(verb), *verb_words(verb)]
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and (skip is None or child.i != skip.i) and not child.like_num:
            parts.append(noun_label(child))
            break
    return " ".join(parts)


PARTICLES = {"down", "up", "out", "off", "back", "away", "over"}


def verb_words(verb) -> list[str]:
    """The verb as a label writes it, with its particle: 'stepped down', 'Born' -> 'born'."""
    word = verb.lower_ if verb.is_sent_start and verb.pos_ != "PROPN" else verb.text
    after = [
        c.text
        for c in verb.children
        if c.dep_ == "prt" or c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in PARTICLES
    ]
    return [word, *after]


def negation(verb) -> list[str]:
    """['not'] for a negated verb ('did not stop', 'never won'), else []: a label keeps it."""
    neg = next((c for c in verb.children if c.dep_ == "neg"), None)
    return [] if neg is None else ["never" if neg.lower_ == "never" else "not"]


def _verb_over(tok):
    """The verb a noun phrase is the subject or object of, and the role it plays ('190 have been
    reported injured' -> injured)."""
    verb, role = _verb_over_raw(tok)
    if verb is not None and verb.lemma_.lower() in ("report", "say", "believe", "think", "fear", "feared"):
        comp = next((c for c in verb.children if c.dep_ in ("xcomp", "oprd", "acomp")), None)
        if comp is not None:
            return comp, role
    return verb, role


def _verb_over_raw(tok):
    """The verb a noun phrase is the subject or object of, and the role it plays."""
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head, tok.dep_
    noun = tok.head if tok.dep_ == "nummod" else tok
    if noun.dep_ == "pobj" and noun.head.lower_ in ("to", "by") and noun.head.head.tag_ == "VBN":
        return noun.head.head, "agent"  # 'known to millions', 'watched by 12 million viewers'
    if tok.head.pos_ == "VERB" and tok.dep_ in ("nummod", "npadvmod", "advmod"):
        return tok.head, "nsubj"
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB" and prep.lower_ in STRANDED:
        return prep.head, "pobj"  # 'raided homes in 15 towns': the towns police raided homes in
    verb = next((v for v in noun.ancestors if v.pos_ == "VERB"), None)
    if noun.dep_ == "pobj" and verb is not None and noun.i < verb.i and _lacks_passive_subject(verb):
        return verb, "nsubjpass"  # a long opening phrase made the parse hang the subject on a preposition
    return None, ""


def _lacks_passive_subject(verb) -> bool:
    """True for a passive verb whose subject the parse did not find ('... 600 bikes have been left')."""
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and not deps & {"nsubjpass", "nsubj", "csubjpass"}


def count_label(draft: Draft, ctx, previous: Draft | None) -> str:
    """What a plain count counts: counted noun (or the one before it, or 'people') + its verb."""
    noun = counted_noun(draft)
    via_of = noun is not None and noun.dep_ == "pobj"
    base = draft.head if via_of or noun is None else noun
    place = _population(draft, base, ctx)
    if place:
        return place
    skip = {t.i for t in draft.tokens}
    thing = noun_label(noun, skip=skip) if noun is not None else _inherited(previous) or "people"
    verb, role = _verb_over(base)
    if verb is None and base.dep_ == "conj" and noun is None and previous is not None:
        return " ".join([thing] + _pp_of(base))
    if verb is None and base.dep_ == "conj":
        verb, role = _verb_over(_first_conjunct(base))
    described = _described_by(noun) if noun is not None else None
    if described is not None and (verb is None or verb.lemma_ in LIGHT_VERBS):
        verb, role = described, "acl"
    if verb is None:
        if base.dep_ == "attr" or noun is not None and noun.dep_ == "attr":
            cop = _copula_label(base.head if base.dep_ == "attr" else noun.head, base, ctx)
            if cop:
                return cop
        after = [c for c in base.rights if c.dep_ == "amod" and c.pos_ == "ADJ"]
        if noun is None and base.head.pos_ == "ADJ" and base.head.i > base.i:
            after = [base.head]
        if noun is None and after:
            return f"{thing} {after[0].text}"  # 'three million unemployed'
        pps = [
            pp for child, pp in _pps(base) if (noun is None or noun not in child.subtree) and pp not in thing
        ]
        return " ".join([thing, *pps[:1]])
    if verb.lemma_ == "be":
        return _copula_label(verb, base, ctx) or thing
    skip = {t.i for t in draft.tokens} | {base.i}
    where = (_named_pp(verb) or scope(verb, skip)[:1]) + _purpose(verb)
    if role == "dobj":
        words = [*negation(verb), *verb_words(verb)]
        return " ".join(p for p in [thing, subject_label(verb, ctx), *words, *where] if p)
    if role == "agent":
        return _agent_label(thing, verb, base, ctx)
    if role == "pobj":
        obj = next((c for c in verb.children if c.dep_ == "dobj" and not c.like_num), None)
        words = [*negation(verb), *verb_words(verb)]
        what = noun_label(obj, with_of=False) if obj is not None else ""
        prep = (base.head if base.dep_ == "pobj" else base.head.head).text
        doer = subject_label(verb, ctx)
        if not doer and not what:
            return thing  # 'works out at three phones per cab': nothing for the clause to add
        return " ".join(p for p in [thing, doer, *words, what, prep] if p)
    return " ".join([thing, verb_label(verb, skip=base), *where])


def _agent_label(thing: str, verb, base, ctx) -> str:
    """'the singer, known to millions for her songs' -> 'people who know singer for her songs': the
    doers of a passive, told in the active."""
    patient = verb.head if verb.dep_ in ("acl", "relcl") else subject_of(verb)
    if patient is None or is_pronoun(patient) or stands_for_person(patient):
        name = subject_label(verb, ctx) if verb.dep_ not in ("acl", "relcl") else protagonist(ctx) or ""
    else:
        name = noun_label(patient, with_of=False)
    obj = base if base.dep_ == "pobj" else base.head  # the agent: 'millions', '12 million viewers'
    pps = [pp for child, pp in _pps(verb) if child.i != obj.head.i] + [pp for _, pp in _pps(obj)]
    pps = [pp for pp in pps if pp not in thing]
    return " ".join(p for p in [thing, "who", verb.lemma_, name, *pps[:1]] if p)


def _purpose(verb) -> list[str]:
    """A passive verb's 'to' clause, what the counted things were used for ('hijacked to send spam')."""
    if verb.tag_ != "VBN":
        return []
    for child in verb.children:
        if child.dep_ in ("xcomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            toks = contiguous(phrase_tokens(child))
            return [tokens_text(toks)] if len(toks) <= 10 else []
    return []


LIGHT_VERBS = {"have", "see", "get", "include", "make", "saw", "involve"}


def _first_conjunct(tok):
    """The first item of a coordination ('5,000 laptops and 5,800 PDAs' -> laptops)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _described_by(noun):
    """The participle or relative clause that describes a noun ('people watching my film')."""
    return next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)


def _pps(tok) -> list:
    """(preposition, text) for the prepositional phrases hanging on tok."""
    return [(c, tokens_text(contiguous(phrase_tokens(c)))) for c in tok.children if c.dep_ == "prep"]


def _named_pp(verb) -> list[str]:
    """The verb's first place phrase when it names something ('in attacks on ... in Almaty')."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "at", "across", "near"):
            toks = contiguous(phrase_tokens(child))
            if any(t.ent_type_ in ("GPE", "FAC", "LOC", "ORG") for t in toks) and len(toks) <= 10:
                return [tokens_text(toks)]
            return []
        if child.dep_ in ("xcomp", "advcl") and child.tag_ == "VBG":
            return (
                [tokens_text(contiguous(phrase_tokens(child)))][:1] if len(list(child.subtree)) <= 8 else []
            )
    return []


def scope(tok, skip: set[int]) -> list[str]:
    """Prepositional phrases of tok that say where or among what, not when ('in Bangladesh')."""
    out = []
    for child in tok.children:
        if child.dep_ != "prep" or child.i in skip or child.lower_ in NOT_SCOPE:
            continue
        toks = contiguous(phrase_tokens(child))
        objs = [c for c in child.children if c.dep_ == "pobj"]
        if not objs or objs[0].ent_type_ in ("DATE", "TIME") or objs[0].lemma_.lower() in TIME_WORDS:
            continue
        if {t.i for t in toks} & skip or len(toks) > 8 or any(t.ent_type_ in AMOUNTS for t in toks):
            continue  # a phrase holding the figure itself, or an amount of its own ('at $500m', 'by 71%')
        text = tokens_text(toks)
        out.append(text[0].lower() + text[1:] if toks[0].is_sent_start else text)  # 'Under ...' mid-label
    return out


def _inherited(previous: Draft | None) -> str:
    """The counted thing of the previous figure in the sentence ('... and 13 killed')."""
    return previous.extra.get("thing", "") if previous is not None else ""


def _pp_of(tok) -> list[str]:
    """Prepositional phrases hanging on tok ('62 in intensive care' -> ['in intensive care'])."""
    out = []
    for child in tok.children:
        if child.dep_ == "prep":
            out.append(tokens_text(contiguous(phrase_tokens(child))))
    return out


def _pp_text(tok) -> str:
    """' ' + the first prepositional phrase of tok, or ''."""
    pps = _pp_of(tok)
    return " " + pps[0] if pps else ""


def _copula_label(verb, base, ctx) -> str:
    """'Its daily output is 1.6 million barrels' -> 'daily output'."""
    subj = subject_of(verb)
    if subj is None or subj.i == base.i:
        return ""
    if subj.lower_ in ("who",):
        rel = _relcl_head(subj)
        return f"age of {noun_label(rel, with_of=False)}" if rel is not None else ""
    return noun_label(subj)


def _population(draft: Draft, base, ctx) -> str:
    """'a nation of 19 million' -> 'population of <the article's main place>'."""
    if draft.value is None or draft.value < 1000 or counted_noun(draft) is not None:
        return ""
    prep = base.head if base.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "of" or prep.head.lemma_.lower() not in _PLACE:
        return ""
    if prep.head.pos_ == "PROPN":
        return f"population of {prep.head.text}"
    return f"population of {ctx.main_place}" if ctx.main_place else f"population of {prep.head.text}"


_PLACE = PLACE_NOUNS  # nouns of places a population belongs to


def count_parts(draft: Draft, previous: Draft | None) -> tuple[str | None, bool, str | None]:
    """(counted thing, borrowed?, event) of a count: '13 officers killed' -> ('officer', False, 'kill')."""
    noun = counted_noun(draft)
    guess = False
    if noun is not None:
        subject = noun.lemma_.lower()
    elif (
        previous is not None
        and previous.extra.get("subject")
        and draft.head.dep_ in ("nsubj", "nsubjpass", "conj")
    ):
        subject, guess = previous.extra["subject"], True
    else:
        subject = "people"
    base = draft.head if noun is None or noun.dep_ == "pobj" else noun
    verb, _ = _verb_over(base)
    return subject, guess, event_of(verb) if verb is not None and verb.lemma_ != "be" else None


def event_of(verb) -> str:
    """The event a verb reports, 'sent to hospitals' read as 'hospitalise'."""
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("to", "in", "into")
            and any(c.dep_ == "pobj" and c.lemma_.lower().startswith("hospital") for c in child.children)
        ):
            return "hospitalise"
    return verb.lemma_.lower()
