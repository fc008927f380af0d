"""The timeline: the same event told by several sources becomes one entry citing them all."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.models import ArticleFacts, Event, EventReport, StoryEvent
from generator.text.ids import stable_id
from generator.text.words import STOP


def _words(text: str) -> set[str]:
    """Content words of a statement, crudely stemmed; names marked with a leading '^'."""
    words = re.findall(r"[A-Za-z0-9]+", text.replace("\u2019", "'"))
    out = set()
    for w in words:
        low = w.lower()
        if low not in STOP and len(low) > 2:
            out.add(("^" if w[0].isupper() else "") + low[:6])
    return out


def _same_event(a: set[str], b: set[str], when_a: str | None, when_b: str | None) -> bool:
    """Statements that share most content words, an action word among them, and one day."""
    if when_a and when_b and when_a != when_b:
        return False
    plain = lambda s: {w.lstrip("^") for w in s}  # noqa: E731
    shared = plain(a) & plain(b)
    actions = {w for w in a & b if not w.startswith("^")}
    return bool(a and b and actions) and len(shared) >= 2 and len(shared) / min(len(a), len(b)) >= 0.6


@dataclass(frozen=True)
class _Told:
    """One source's telling of an event, with the content words it is compared by."""

    af: ArticleFacts
    ev: Event
    words: set[str]


def reconcile_events(all_facts: list[ArticleFacts]) -> list[StoryEvent]:
    """Timeline entries: the same event told by several sources becomes one entry citing all."""
    groups: list[list[_Told]] = []
    index: dict[str, list[int]] = defaultdict(list)  # action word -> groups that use it
    for af in all_facts:
        for ev in af.what:
            words = _words(ev.statement)
            actions = sorted(w for w in words if not w.startswith("^"))
            candidates = sorted({i for w in actions for i in index.get(w, ())})
            target = next(
                (
                    i
                    for i in candidates
                    if af.source.file not in {t.af.source.file for t in groups[i]}
                    and _same_event(words, groups[i][0].words, ev.when, groups[i][0].ev.when)
                ),
                None,
            )
            if target is None:
                groups.append([])
                target = len(groups) - 1
                for w in actions:
                    index[w].append(target)
            groups[target].append(_Told(af, ev, words))
    out = []
    for g in groups:
        first = g[0].ev
        when = next((t.ev.when for t in g if t.ev.when), None)
        reports = [
            EventReport(
                source=t.af.source.file,
                event=t.ev.id,
                statement=t.ev.statement,
                when_text=t.ev.when_text,
                cites=t.ev.cites,
            )
            for t in g
        ]
        out.append(
            StoryEvent(
                id=stable_id("evt", first.id),
                statement=first.statement,
                when=when,
                when_text=first.when_text,
                reports=reports,
            )
        )
    return sorted(out, key=lambda e: (e.when is None, e.when or "", -len(e.reports), e.statement))
