"""The briefing of a story, what its home page opens with: the key figures ranked by what matters in
news (tolls, injured, detained, displaced, money, then the rest), a lead of the story's own sentences,
and when and where it happened.

Everything here is chosen, never written: a lead sentence is a cited sentence of a source, a key
figure is a figure group as reconciled. Prominence is where a fact stands in its article (the
headline and the first paragraphs are what the article is about); a fact many sources report
outranks one that only one source gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.models import Cite, FigureGroup, FigureReport, Story, StoryEvent
from generator.story.differences import time_key

# the kinds of quantity a news reader looks for first, in order, by the words of what is counted
QUANTITY_KINDS: list[tuple[str, set[str]]] = [
    ("killed", {"killed", "kill", "dead", "died", "die", "death", "deaths", "toll", "fatalities", "lives"}),
    ("killed", {"eliminated", "murdered", "slain", "executed", "drowned"}),
    ("injured", {"injured", "wounded", "hurt", "hospitalised", "hospitalized", "casualties", "injuries"}),
    ("detained", {"detained", "arrested", "held", "jailed", "imprisoned", "captured", "custody", "charged"}),
    ("displaced", {"displaced", "evacuated", "fled", "homeless", "refugees", "missing", "rescued"}),
]
KIND_ORDER = ["killed", "injured", "detained", "displaced", "money"]
CURRENCIES = {"USD", "GBP", "EUR", "JPY", "CNY", "INR", "RUB", "CHF", "CAD", "AUD", "KZT", "pence", "cents"}
# units that date or measure the story rather than count what happened in it
BACKGROUND_UNITS = {"year", "years", "date", "age", "decade", "rank", "months", "weeks", "days", "hours"}
OVERALL = {None, "everyone"}  # a count of everyone comes before one of a narrower group of the same kind
LEAD_SENTENCES = 3
LEAD_WORDS = 45  # a sentence longer than this is a paragraph, not a lead


def quantity_kind(group: FigureGroup) -> str | None:
    """'killed', 'injured', 'detained', 'displaced' or 'money' for a group, else None."""
    words = set(re.findall(r"[a-z]+", (group.counts or "").lower()))
    for kind, cues in QUANTITY_KINDS:
        if words & cues:
            return kind
    return "money" if group.unit in CURRENCIES else None


def prominence(story: Story, file: str, cites: list[Cite]) -> float:
    """Where a fact first stands in its article: 0.0 at the top, 1.0 at the end."""
    text = story.texts.get(file) or ""
    if not cites or not text:
        return 1.0
    return min(c.start for c in cites) / max(len(text), 1)


def _group_prominence(story: Story, group: FigureGroup) -> float:
    return min((prominence(story, r.source, r.cites) for r in group.reports), default=1.0)


def key_rank(story: Story, group: FigureGroup) -> tuple:
    """Sort key of a figure group on the home page: kind of quantity, everyone before a narrower
    scope, then sources, then prominence."""
    kind = quantity_kind(group)
    order = KIND_ORDER.index(kind) if kind else len(KIND_ORDER) + (group.unit in BACKGROUND_UNITS)
    sources = len({r.source for r in group.reports})
    return (order, group.scope not in OVERALL, -sources, _group_prominence(story, group))


def key_figures(story: Story, n: int) -> list[FigureGroup]:
    """The n figure groups a reader wants first: the leading group of each kind of event quantity (the
    toll, the injured, ...), then the rest in rank order (money before the other figures). A
    comparison of two scopes comes after the quantities it compares: it has no single latest value."""
    order = {g.id: i for i, g in enumerate(story.figures)}
    ranked = sorted(story.figures, key=lambda g: (*key_rank(story, g), bool(g.compares), order[g.id]))
    leading: dict[tuple[str, bool], FigureGroup] = {}  # (kind, of a narrower scope than everyone)
    for g in ranked:
        kind = quantity_kind(g)
        if kind and kind != "money" and not g.compares:
            leading.setdefault((kind, g.scope not in OVERALL), g)
    first = [g for _, g in sorted(leading.items(), key=lambda kv: (KIND_ORDER.index(kv[0][0]), kv[0][1]))]
    return (first + [g for g in ranked if g not in first])[:n]


def latest(group: FigureGroup) -> FigureReport | None:
    """The report of a group with the newest as-of (a stated time before an article's date)."""
    return max(group.reports, key=lambda r: (time_key(r), not r.as_of_inferred), default=None)


@dataclass(frozen=True)
class LeadSentence:
    """One sentence of the lead: a source's own sentence, and the event or figure it was chosen for."""

    source: str
    cite: Cite
    when: str | None


def lead(story: Story, n: int = LEAD_SENTENCES) -> list[LeadSentence]:
    """Up to n sentences that tell what happened: the main events (reported by most sources, nearest
    the top of their articles) and the sentence of the first key figure, in order of time."""
    picked: list[LeadSentence] = []
    seen: set[str] = set()

    def add(source: str, cite: Cite, when: str | None) -> None:
        key = " ".join(cite.quote.split()).casefold()
        if key not in seen and len(cite.quote.split()) <= LEAD_WORDS and not _quoted(cite.quote):
            seen.add(key)
            picked.append(LeadSentence(source, cite, when))

    for event in sorted(story.events, key=lambda e: _event_rank(story, e)):
        if len(picked) >= n - 1:
            break
        report = min(event.reports, key=lambda r: prominence(story, r.source, r.cites))
        if report.cites:
            add(report.source, report.cites[0], event.when)
    toll = next(iter(key_figures(story, 1)), None)
    report = latest(toll) if toll is not None and quantity_kind(toll) else None
    if report is not None and report.cites:
        add(report.source, report.cites[0], report.as_of_date)
    return sorted(picked, key=lambda s: (s.when or "9999", prominence(story, s.source, [s.cite])))


def _event_rank(story: Story, event: StoryEvent) -> tuple:
    """Most sources first, then nearest the top of an article, then dated before undated."""
    sources = len({r.source for r in event.reports})
    top = min(prominence(story, r.source, r.cites) for r in event.reports)
    return (-(sources + (1.0 - top)), event.when is None, event.id)


def _quoted(sentence: str) -> bool:
    """True for a sentence that is mostly someone's words in quotation marks: a quote, not a lead."""
    inside = sum(len(m) for m in re.findall(r"[\"“][^\"”]*[\"”]", sentence))
    return inside > len(sentence) / 3 or sentence.lstrip()[:1] in "\"“'‘"


def when_span(story: Story) -> tuple[str | None, str | None]:
    """(first, last) date of the story's dated events, else of its sources' publication dates."""
    dates = sorted(e.when for e in story.events if e.when)
    if not dates:
        dates = sorted(af.source.published for af in story.facts if af.source.published)
    return (dates[0], dates[-1]) if dates else (None, None)


def where(story: Story, n: int = 2) -> list[str]:
    """The places most sources name (then most often), at most n."""
    places = [e for e in story.entities if e.kind == "place"]
    ranked = sorted(places, key=lambda e: (-len(set(e.sources)), -len(e.facts), e.name))
    return [e.name for e in ranked[:n]]
