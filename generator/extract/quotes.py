"""Quotes: the quoted passages of one article and who said each of them.

The reader keeps a small context (who spoke last, who was named last) so that 'he said' and a
quotation continued after 'X said:' get their speaker.
"""

from __future__ import annotations

import re

from generator.extract import attribution, quotemarks
from generator.extract.context import Context, remember_people, remember_speakers
from generator.extract.parse import Sentence
from generator.extract.syntax import governing_verbs, sentence_speech_verbs, subject_of
from generator.models import Article, Cite, Quote
from generator.text.ids import stable_id


def quotes_of(article: Article, sentences, ctx: Context):
    """Quote facts and a map from quote spans to their speakers."""
    passages = quotemarks.passages(article.text)
    by_sentence = _assign(passages, sentences)
    items: dict[tuple[str, str], Quote] = {}
    speakers: list[tuple[int, int, str | None]] = []
    previous: tuple[int, str | None] = (-9, None)
    last_end = -999
    for sent in sentences:
        remember_people(sent, ctx)
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
        remember_speakers(sent, ctx)
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
        for verb in [h, *governing_verbs(h)]:
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
    key = same_passage(items, (p.text, article.text[start:end]))
    cite = Cite(quote=article.text[start:end], start=start, end=end)
    if key in items:
        if cite not in items[key].cites:
            items[key].cites.append(cite)
        return
    items[key] = Quote(id=stable_id("quo", p.text, key[1]), speaker=speaker, text=p.text, cites=[cite])


def same_passage(items: dict, key: tuple[str, str]) -> tuple[str, str]:
    """The key of an item already listed for the same words in a repeated passage (a headline
    repeated as a caption), else key itself."""
    what, sentence = key
    for other in items:
        if other[0] == what and (other[1] in sentence or sentence in other[1]):
            return other
    return key
