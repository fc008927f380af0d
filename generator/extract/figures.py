"""Figures: the figure facts of one article: each number read, labelled with what it counts and who
stated it; a passage repeated word for word is listed once."""

from __future__ import annotations

import bisect
import heapq
import re

from generator.extract import attribution, figlabels, labels, measurelabels, numerals, numread, timelabels
from generator.extract.context import Context, reading_context, remember_people, remember_speakers
from generator.extract.parse import Sentence, skipped
from generator.extract.quotes import Listed, same_passage
from generator.models import Article, Figure
from generator.text.ids import stable_id

# how a conversion in brackets is named in its label: '$600 (530 euros)' -> '... (euro equivalent)'
CURRENCY_NAMES = {"USD": "dollar", "EUR": "euro", "GBP": "sterling", "JPY": "yen", "INR": "rupee"}
CURRENCY_NAMES |= {"CNY": "yuan", "RUB": "rouble", "CHF": "franc", "pence": "pence", "cents": "cents"}
# figures taken from one sentence: a sentence of hundreds of numbers is a table, not facts, and every
# figure cites its whole sentence (output would grow with the square of the sentence). News sentences
# hold far fewer: at most 8 in the 42,000 sentences of the BBC corpus' 2,225 articles
MAX_PER_SENTENCE = 12


def figures_of(
    article: Article, sentences, mentions, speakers, warnings: list[str] | None = None
) -> list[Figure]:
    """Figure facts of the article; a passage repeated word for word is listed once. A sentence of more
    than MAX_PER_SENTENCE numbers gives its first ones, and a line in `warnings` says so."""
    ctx = reading_context(mentions)
    speaker_at = SpeakerAt(speakers)
    items: dict[tuple[str, str], Figure] = Listed()
    cut = 0
    for sent in sentences:
        remember_people(sent, ctx)
        if not skipped(article, sent):
            drafts = _sentence_figures(sent, ctx, speaker_at)
            cut += len(drafts) > MAX_PER_SENTENCE
            for fig in drafts[:MAX_PER_SENTENCE]:
                key = (fig.value_text, article.text[sent.start : sent.end])
                _add_figure(items, article, sent, fig, key)
        remember_speakers(sent, ctx)
    if cut and warnings is not None:
        warnings.append(
            f"seeds/{article.file}: {cut} sentence(s) hold more than {MAX_PER_SENTENCE} numbers each "
            f"(a table, not facts?); the first {MAX_PER_SENTENCE} of each were taken as figures"
        )
    return list(items.values())


def _sentence_figures(sent: Sentence, ctx: Context, speaker_at: SpeakerAt) -> list[numerals.Draft]:
    """Drafts of one sentence, read and labelled: at most MAX_PER_SENTENCE, and one more unread (which
    tells that the sentence has more) ."""
    out: list[numerals.Draft] = []
    for draft in numerals.candidates(sent.span):
        if not numerals.keep(draft):
            continue
        if len(out) == MAX_PER_SENTENCE:
            return [*out, draft]
        numread.read(draft)
        previous = out[-1] if out else None
        if previous is not None and _restates(previous, draft):
            _inherit(draft, previous)
        else:
            draft.counts = _label(draft, ctx, previous)
            draft.attributed_to = _attributed(draft, sent, ctx, speaker_at)
        draft.as_of = _as_of(sent.span)
        out.append(draft)
    return out


def _restates(previous: numerals.Draft, draft: numerals.Draft) -> bool:
    """True for a conversion in brackets right after a figure: '$600 (530 euros)'."""
    doc = draft.head.doc
    first = draft.tokens[0].i
    return (
        previous.kind == draft.kind == "money"
        and first > 0
        and doc[first - 1].text == "("
        and previous.tokens[-1].i >= first - 2
    )


def _inherit(draft: numerals.Draft, previous: numerals.Draft) -> None:
    """A bracketed conversion says what the figure before it says."""
    name = CURRENCY_NAMES.get(draft.unit, draft.unit)
    if not previous.counts.strip():  # nothing says what the first amount is: name both as amounts
        previous.counts = "amount"
    draft.counts = f"{previous.counts} ({name} equivalent)"
    draft.attributed_to = previous.attributed_to
    if draft.qualifier == "exact":
        draft.qualifier = previous.qualifier


def _label(draft: numerals.Draft, ctx: Context, previous) -> str:
    """What the figure counts, by kind."""
    seeding = figlabels.seeding_label(draft) if kind_is_count(draft) else ""
    if seeding:
        draft.unit, draft.kind = "rank", "rank"
        return seeding
    age = figlabels.age_label(draft, ctx) if kind_is_count(draft) else ""
    if age:
        draft.unit, draft.kind = "years", "age"
        return age
    if timelabels.is_age(draft):
        draft.unit, draft.kind = "years", "age"
        label = timelabels.age_label(draft)
        person = labels.protagonist(ctx) if label == "age" else None
        return f"age of {person}" if person else label
    kind = draft.kind
    if draft.extra.get("race"):  # 'the 60m hurdles': the race the distance names
        nxt = draft.head.doc[draft.tokens[-1].i + 1 : draft.tokens[-1].i + 2]
        word = nxt.text if len(nxt) and nxt[0].lower_ in numread.RACE_WORDS else "race"
        return f"distance of {word}"
    moved = figlabels.movement_label(draft, ctx) if kind in ("money", "percent", "count") else ""
    if moved:
        return moved
    if kind == "age":
        return figlabels.ages_label(draft)
    if kind == "decade":
        return figlabels.decade_label(draft, ctx)
    if kind == "score":
        return figlabels.score_label(draft, ctx)
    if kind == "rank" and draft.tokens[0].lower_ == "number":
        return figlabels.ranking_label(draft, ctx)
    if kind == "year":
        return timelabels.year_label(draft, ctx)
    if kind == "duration":
        return timelabels.duration_label(draft, ctx)
    if kind == "rank":
        return measurelabels.rank_label(draft, ctx)
    if kind in ("fraction", "percent") and draft.unit == "percent":
        return figlabels.modified_label(draft, ctx) or measurelabels.share_label(draft, ctx)
    if kind == "multiplier":
        return figlabels.multiplier_label(draft, ctx) or measurelabels.multiplier_label(draft)
    if kind == "money":
        label = figlabels.money_label(draft, ctx) or _no_people(measurelabels.money_label(draft, ctx))
        return label or figlabels.verb_clause(draft, ctx)
    if kind == "date":
        return timelabels.date_label(draft, ctx)
    label = measurelabels.measure_label(draft, ctx) or labels.count_label(draft, ctx, previous)
    if label == "people" and draft.unit != "people":
        label = measurelabels.change_label(draft, ctx) or label  # 'the index rose to 58.6' measures the index
    subject, guess, event = labels.count_parts(draft, previous)
    draft.extra.update(subject=subject, guess=guess, event=event)
    if label.startswith("age of"):
        draft.unit, draft.kind = "years", "age"
    if label.startswith("population of"):
        draft.unit = "people"  # a population counts people even when the text names none
    noun = numread.counted_noun(draft)
    draft.extra["thing"] = (
        labels.noun_label(noun)
        if noun is not None
        else (previous.extra.get("thing", "") if previous is not None else "")
    )
    return label


def kind_is_count(draft: numerals.Draft) -> bool:
    """True for a plain count (an age is read from its words around it)."""
    return draft.kind == "count"


def _no_people(label: str) -> str:
    """An amount of money never counts people: drop a default 'people' the count reading gave."""
    words = label.split()
    return " ".join(words[1:]) if words[:1] == ["people"] else label


def _attributed(draft: numerals.Draft, sent: Sentence, ctx: Context, speaker_at: SpeakerAt) -> str | None:
    """Who stated the figure: the sentence's source, else the speaker of the quote it sits in."""
    name = attribution.figure_attribution(draft.head, sent.span, ctx)
    if name:
        return name
    return speaker_at(sent.gstart(draft.head))


class SpeakerAt:
    """The speaker of the first quote (in the order given) that has one and contains an offset, from
    (start, end, speaker) spans: the text cut where a span begins or ends, each piece's speaker found
    once by a sweep (a heap of the spans open there, by order), a piece bisected per offset."""

    def __init__(self, speakers: list[tuple[int, int, str | None]]):
        spans = sorted((s, e, n, who) for n, (s, e, who) in enumerate(speakers) if who and s < e)
        self.cuts = sorted({x for s, e, _, _ in spans for x in (s, e)})
        self.who: list[str | None] = []  # the speaker of text[cuts[i]:cuts[i + 1]]
        open_spans: list[tuple[int, int, str]] = []  # (order, end, speaker)
        k = 0
        for cut in self.cuts:
            while k < len(spans) and spans[k][0] <= cut:
                heapq.heappush(open_spans, (spans[k][2], spans[k][1], spans[k][3]))
                k += 1
            while open_spans and open_spans[0][1] <= cut:  # the first open span ends here: gone
                heapq.heappop(open_spans)
            self.who.append(open_spans[0][2] if open_spans else None)

    def __call__(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.cuts, offset) - 1
        return self.who[i] if i >= 0 else None


def _as_of(span) -> str | None:
    """'As of midday Thursday' -> 'midday Thursday'."""
    text = span.text
    m = re.search(r"\b[Aa]s of ([^,.;]+)", text)
    return m.group(1).strip() if m else None


def _add_figure(items, article: Article, sent: Sentence, d: numerals.Draft, key) -> None:
    """Add a figure, or a cite to the same figure repeated word for word."""
    cite = sent.cite(article.text)
    key = same_passage(items, key)
    if key in items:
        if cite not in items[key].cites:
            items[key].cites.append(cite)
        return
    items[key] = Figure(
        id=stable_id("fig", d.value_text, key[1]),
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
