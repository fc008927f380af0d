"""Home: index.md, the story in a few generated lines, its key figures and its sources."""

from __future__ import annotations

from collections import Counter

import jinja2

from generator.models import FigureGroup
from generator.site.datafiles import source_data
from generator.site.jsonld import linked_data
from generator.site.page import Page, page
from generator.site.pages.figures import BADGES, group_claims, group_row
from generator.site.view import KINDS, StoryView

KEY_FIGURES = 6


def key_groups(view: StoryView) -> list[FigureGroup]:
    """Return the KEY_FIGURES groups with most sources (disputed first among equals, attributed next)."""
    rank = {"conflicting": 0, "agreed": 1, "single": 2}
    order = {g.id: i for i, g in enumerate(view.story.figures)}
    ranked = sorted(
        view.story.figures,
        key=lambda g: (
            -view.sources_of(r.source for r in g.reports),
            rank[g.status],
            all(r.attributed_to is None for r in g.reports),
            order[g.id],
        ),
    )
    return ranked[:KEY_FIGURES]


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
    keys = [group_row(view, c, g) for g in groups]
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
        jsonld=linked_data(view, path, list(view.order), group_claims(view, path, groups)),
        figures=keys,
        n_sources=plural(view.total, "source"),
        dates=date_line(view),
        named=named,
        n_groups=len(view.story.figures),
        status=status,
        n_events=len(view.story.events),
        rows=view.rows,
    )
