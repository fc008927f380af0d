"""Home: index.md, the story in a few generated lines, its key figures and its sources."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

import jinja2

from generator.models import FigureGroup
from generator.site.datafiles import source_data
from generator.site.jsonld import linked_data
from generator.site.page import Page, page
from generator.site.pages.figures import BADGES, figure_link, group_claims, group_row, when
from generator.site.view import KINDS, StoryView
from generator.story import briefing

KEY_FIGURES = 6
GLANCE = 3  # key figures in the first screen's box
TRENDS = {"revision": "revised", "dispute": "disputed", "rounding": "rounded", "scope": "scopes differ"}


def key_groups(view: StoryView) -> list[FigureGroup]:
    """Return the KEY_FIGURES groups a reader wants first (story/briefing.py ranks them)."""
    return briefing.key_figures(view.story, KEY_FIGURES)


@dataclass
class GlanceRow:
    """One line of the first screen's box: what is counted, its latest value, when, who says so."""

    counts: str
    value: str
    when: str | None
    who: str
    refs: str
    href: str  # the group on the figures page
    trend: str | None  # 'revised', 'disputed', or None when the sources agree


def glance(view: StoryView, c, groups: list[FigureGroup]) -> list[GlanceRow]:
    """The latest value of the first key figures, each cited, as of when and by whom."""
    rows = []
    for g in groups[:GLANCE]:
        r = briefing.latest(g)
        if r is None or not briefing.quantity_kind(g):
            continue
        trend = TRENDS.get(g.difference or "", "differs") if g.status == "conflicting" else None
        who = r.attributed_to or view.outlet(r.source)
        rows.append(
            GlanceRow(
                g.counts, r.value_text, when(r), who, c(r.source, r.cites), figure_link(view, c, g.id), trend
            )
        )
    return rows


HOME_SOURCES = 25  # sources listed on the home page, at most; sources/index.md lists them all


def newest_rows(view: StoryView) -> list[dict]:
    """The sources the home page lists: all of them, or the HOME_SOURCES newest (undated ones last, then
    in file order), in the sources table's order."""
    if view.total <= HOME_SOURCES:
        return view.rows
    published = [row["source"].published for row in view.rows]
    dated = sorted((i for i, p in enumerate(published) if p), key=lambda i: (published[i], -i), reverse=True)
    undated = [i for i, p in enumerate(published) if not p]
    return [view.rows[i] for i in sorted([*dated, *undated][:HOME_SOURCES])]


def lead_lines(view: StoryView, c) -> list[dict]:
    """The lead: the story's own sentences, each with its outlet and footnote."""
    return [
        {"text": s.cite.quote, "outlet": view.outlet(s.source), "refs": c(s.source, [s.cite])}
        for s in briefing.lead(view.story)
    ]


def span_line(view: StoryView) -> str | None:
    """'4 Jan 2022 – 6 Jan 2022', '6 Jan 2022', or None."""
    first, last = briefing.when_span(view.story)
    if first is None:
        return None
    if first == last:
        return _day(first)
    a, b = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    return f"{_day(first)} – {_day(last)}"


def _day(iso: str) -> str:
    d = datetime.date.fromisoformat(iso)
    return f"{d.day} {d:%b %Y}"


def date_line(view: StoryView) -> str:
    """Return the home page's words on the sources' dates: the newest (and the oldest), how many undated."""
    dates, total = view.dates, view.total
    if not dates:
        return "No publication date is known."
    parts = [f"Newest source: {dates[-1]}"]
    if dates[0] != dates[-1]:
        parts.append(f"oldest: {dates[0]}")
    if len(dates) < total:
        parts.append(f"{total - len(dates)} with no publication date")
    return "; ".join(parts) + "."


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 person', '3 people'."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def home(env: jinja2.Environment, view: StoryView) -> Page:
    """Return index.md: the story in a few generated lines, its key figures and its sources."""
    path = "index.md"
    c = view.citer(path)
    groups = key_groups(view)
    lead = lead_lines(view, c)
    box = glance(view, c, groups)
    keys = [group_row(view, c, g) for g in groups]
    rows = newest_rows(view)
    kinds: Counter[str] = Counter(e.kind for e in view.entities)
    status: Counter[str] = Counter(g.status for g in view.story.figures)
    named = [
        plural(kinds["person"], "person", "people"),
        plural(kinds["organisation"], "organisation"),
        plural(kinds["place"], "place"),
    ]
    return page(
        env,
        "index.md.j2",
        path,
        view.title,
        sum(len(k.reports) for k in keys),
        c,
        data={
            "summary": {
                "sources": view.total,
                "newest_source": view.dates[-1] if view.dates else None,
                "oldest_source": view.dates[0] if view.dates else None,
                "entities": {kind: kinds[kind] for kind in KINDS},
                "figure_groups": {s: status[s] for s in BADGES},
                "events": len(view.story.events),
            },
            "key_figures": [g.model_dump(mode="json") for g in groups],
            "sources": [source_data(af) for af in view.facts],
        },
        # the sources the page lists (a story of many lists its newest): not every source of the story
        jsonld=linked_data(view, path, [r["source"].file for r in rows], group_claims(view, path, groups)),
        figures=keys,
        lead=lead,
        glance=box,
        summary=view.story.summary,
        span=span_line(view),
        where=briefing.where(view.story),
        updated=_day(view.dates[-1]) if view.dates else None,
        n_sources=plural(view.total, "source"),
        total=view.total,
        dates=date_line(view),
        named=named,
        n_groups=len(view.story.figures),
        status=status,
        n_events=len(view.story.events),
        rows=rows,
        more_sources=max(0, view.total - HOME_SOURCES),
    )
