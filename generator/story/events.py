"""The timeline: the same action told by several sources becomes one entry citing them all, dated (a weekday
of an undated article counted from the day its text or its story gives, and marked inferred) and ordered;
where a later source tells the action with another number, another day or a denial, the entry keeps both
versions and says how they differ."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from generator.extract.numbers import is_number_word, parse_number
from generator.models import ArticleFacts, Event, EventReport, StoryEntity, StoryEvent
from generator.story.asof import PARTS, TIME_WORDS, AsOf, Reference, reference_day, resolve
from generator.text.ids import stable_id
from generator.text.words import AGAIN, NEGATIONS, REPORTING, STOP

# rapidfuzz token-set ratios of two tellings' content words (names aside: they count as actors) that make
# them one action: with the same actors, or with none named on either side; with weaker actor evidence
# (one side names none, or they share few); and the near-identical tellings that may differ on the day
SIMILAR, SIMILAR_UNSURE, SAME_WORDS = 70, 80, 90


def _words(text: str) -> frozenset[str]:
    """Content words of a statement cut to six letters: names (capitalised words past the first), reporting
    verbs ('said', 'reported'), negations, numbers and time words left out (they say nothing of which
    action it is; names are compared as the story's entities)."""
    text = TIME_WORDS.sub(" ", text.replace("\u2019", "'"))
    out = set()
    for i, w in enumerate(re.findall(r"[A-Za-z0-9]+", text)):
        low = w.lower()
        if low in STOP or low in NEGATIONS or low in REPORTING or len(low) < 3 or is_number_word(low):
            continue
        if w[0].isupper() and i > 0:
            continue
        out.add(low[:6])
    return frozenset(out)


def numbers(text: str) -> dict[str, frozenset[float]]:
    """The numbers a statement states, by the word they count ('eight police' -> {'police': {8}}): two
    tellings differ on a number only where they count the same thing."""
    words = re.findall(r"\d[\d,.]*\d|\d|[A-Za-z]+", text.replace("-", " "))
    found: dict[str, set[float]] = {}
    for i, w in enumerate(words):
        nxt = next((x for x in words[i + 1 :] if not is_number_word(x)), None)
        if is_number_word(w) and nxt and (v := parse_number(w.replace(",", ""))) is not None:
            found.setdefault(nxt.lower()[:6], set()).add(float(v))
    return {k: frozenset(v) for k, v in found.items()}


def _numbers_differ(a: str, b: str) -> bool:
    """Two statements give different numbers of one counted thing ('40 people' / '60 people')."""
    x, y = numbers(a), numbers(b)
    return any(x[k].isdisjoint(y[k]) for k in x.keys() & y.keys())


def denies(text: str) -> bool:
    """True for a statement that says an action did not happen ('did not resign', 'denied')."""
    return any(w in NEGATIONS for w in re.findall(r"[a-z]+", text.lower().replace("n't", " not")))


@dataclass(frozen=True)
class Told:
    """One source's telling of an event: its content words, the story entities it names, its day."""

    af: ArticleFacts
    ev: Event
    words: frozenset[str]
    actors: frozenset[str]
    when: AsOf
    ref: str | None  # the day the article counts from: its published date, else one inferred


def similarity(a: Told, b: Told) -> float:
    """How alike two tellings' content words are (rapidfuzz token-set ratio, 0-100)."""
    return fuzz.token_set_ratio(" ".join(sorted(a.words)), " ".join(sorted(b.words)))


def _threshold(a: Told, b: Told) -> float | None:
    """The similarity two tellings need to be one action, by what their actors say (None: they cannot)."""
    if not a.actors and not b.actors:
        return SIMILAR
    shared = a.actors & b.actors
    if a.actors and b.actors and not shared:
        return None  # 'Britain is following developments' / 'the EU is following developments'
    return SIMILAR if len(shared) / len(a.actors | b.actors) >= 0.5 else SIMILAR_UNSURE


def same_action(a: Told, b: Told) -> bool:
    """Two tellings of one action: most content words shared (two at least), alike by token-set ratio as
    much as their actors require, and one day; near-identical tellings of a once-only action may give two
    days (a later source corrects the date), never when one says it was done again."""
    shared = a.words & b.words
    if len(shared) < 2 or len(shared) / min(len(a.words), len(b.words)) < 0.6:
        return False
    need = _threshold(a, b)
    score = similarity(a, b)
    if need is None or score < need:
        return False
    if a.when.day and b.when.day and a.when.day != b.when.day:
        again = any(w.strip(".,") in AGAIN for t in (a, b) for w in t.ev.statement.lower().split())
        return not again and a.af.source.file != b.af.source.file and score >= SAME_WORDS and len(shared) >= 3
    return True


def _actors(af: ArticleFacts, ev: Event, owner: dict[str, str]) -> frozenset[str]:
    """The story entities (not places: 'in Almaty' is where, not who) named in an event's sentences."""
    spans = [(c.start, c.end) for c in ev.cites]
    return frozenset(
        owner.get(e.id, e.id)
        for e in af.who
        if e.kind != "place"
        for s, _ in e.mentions
        if any(a <= s < b for a, b in spans)
    )


def _when(ev: Event, ref: Reference) -> AsOf:
    """An event's day: the extractor's (read against the article's date), else its time words counted from
    the article's inferred day, else none (an event with no time words is not put on the article's day)."""
    words = ev.when_text or ""
    m = TIME_WORDS.search(words)
    part = (m.group("part") or m.group("part2") or ("overnight" if m.group("overnight") else "")) if m else ""
    if ev.when:
        return AsOf(ev.when, part.lower() or None, inferred=False, words=ev.when_text)
    if m:
        return resolve(words, "", *ref)
    return AsOf(None, words=ev.when_text)


def reconcile_events(
    all_facts: list[ArticleFacts], entities: Sequence[StoryEntity] = (), texts: dict | None = None
) -> list[StoryEvent]:
    """Timeline entries, ordered by day and part of day: the same action told by several sources (or twice
    by one) becomes one entry citing all; `entities` tell which names are one actor, `texts` (source file
    -> article text) let an undated article date its weekdays from a date it states."""
    texts = texts or {}
    owner = {i: e.id for e in entities for i in e.facts}
    story_day = max((af.source.published for af in all_facts if af.source.published), default=None)
    groups: list[list[Told]] = []
    # word -> the groups a telling with that word is in: same_action needs two shared words, so only a
    # group that two of a telling's words lead to can hold a telling of its action (linear, not
    # one comparison per group, on a story of thousands of events)
    having: dict[str, set[int]] = defaultdict(set)
    for af in all_facts:
        ref = reference_day(af.source.published, texts.get(af.source.file, ""), story_day)
        for ev in af.what:
            told = Told(af, ev, _words(ev.statement), _actors(af, ev, owner), _when(ev, ref), ref[0])
            hits = Counter(i for w in told.words for i in having.get(w, ()))
            scores = [
                (max(similarity(told, t) for t in g), -i)
                for i, g in ((i, groups[i]) for i in sorted(i for i, n in hits.items() if n >= 2))
                if same_action(told, g[0]) or _one_day(told, g) and any(same_action(told, t) for t in g[1:])
            ]
            if scores:
                into = -max(scores)[1]
                groups[into].append(told)
            else:
                into = len(groups)
                groups.append([told])
            for w in told.words:
                having[w].add(into)
    out = [_entry(g) for g in groups]
    return sorted(out, key=lambda e: (e.when is None, e.when or "", PARTS.get(e.when_part or "", -1)))


def _one_day(told: Told, group: list[Told]) -> bool:
    """A telling that matches a later member of a group gives the day of the group's first (or none), so
    chains of alike tellings do not drift from one day to the next."""
    first = group[0].when.day
    return not (told.when.day and first and told.when.day != first)


def _published(t: Told) -> str:
    """When a telling was published (or, undated, the day its text or story gives): for 'a later source'."""
    return t.ref or ""


def difference_of(g: list[Told]) -> str | None:
    """How tellings of one action by different sources differ: 'date' (two days), 'number' (another
    number of the same thing) or 'denial' (one says it did not happen); None when they agree."""
    pairs = [(a, b) for a in g for b in g if a.af.source.file < b.af.source.file]
    if any(a.when.day and b.when.day and a.when.day != b.when.day for a, b in pairs):
        return "date"
    if any(_numbers_differ(a.ev.statement, b.ev.statement) for a, b in pairs):
        return "number"
    if any(denies(a.ev.statement) != denies(b.ev.statement) for a, b in pairs):
        return "denial"
    return None


def _entry(g: list[Told]) -> StoryEvent:
    """One timeline entry from the tellings of one action: where they differ (a correction) the latest
    source's version leads and gives the day, the first telling otherwise."""
    difference = difference_of(g)
    by_time = sorted(g, key=lambda t: (_published(t), g.index(t)))
    lead = by_time[-1] if difference else g[0]
    stated = sorted((t for t in g if t.when.day), key=lambda t: t.when.inferred)  # read, then inferred days
    when = lead.when if lead.when.day else next((t.when for t in stated), lead.when)
    reports = [
        EventReport(
            source=t.af.source.file,
            event=t.ev.id,
            statement=t.ev.statement,
            when=t.when.day,
            when_text=t.ev.when_text,
            when_inferred=t.when.inferred and bool(t.when.day),
            published=t.af.source.published,
            cites=t.ev.cites,
        )
        for t in (by_time[::-1] if difference else g)
    ]
    return StoryEvent(
        id=stable_id("evt", g[0].ev.id),
        statement=lead.ev.statement,
        when=when.day,
        when_part=when.part,
        when_inferred=when.inferred and bool(when.day),
        when_text=lead.ev.when_text,
        difference=difference,
        reports=reports,
    )
