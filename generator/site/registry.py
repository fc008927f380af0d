"""The registry of a story's page families: each page of the nav once, with its builder, in nav order;
then one page per entity worth a page and one per source. Adding a page family is adding one entry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import jinja2

from generator.site.page import Page
from generator.site.pages.entities import entities_page, entity_page
from generator.site.pages.figures import disputed_page, figures_page
from generator.site.pages.home import home
from generator.site.pages.quotes import quotes_page
from generator.site.pages.sources import source_page, sources_page
from generator.site.pages.timeline import timeline_page
from generator.site.view import KINDS, StoryView


@dataclass(frozen=True)
class Family:
    """A page every story has: its nav title, its path under the story's folder and its builder."""

    title: str
    path: str
    build: Callable[[jinja2.Environment, StoryView], Page]


STORY_PAGES = [  # in nav order
    Family("Home", "index.md", home),
    Family("Figures", "figures.md", figures_page),
    Family("Disputed figures", "disputed.md", disputed_page),
    *(
        Family(heading, index, partial(entities_page, kind=kind))
        for kind, (index, _, heading) in KINDS.items()
    ),
    Family("Quotes", "quotes.md", quotes_page),
    Family("Timeline", "timeline.md", timeline_page),
    Family("Sources", "sources/index.md", sources_page),
]
STORY_NAV = [(f.title, f.path) for f in STORY_PAGES]  # (nav title, page) of every story, in nav order


def story_pages(
    env: jinja2.Environment,
    view: StoryView,
    advance: Callable[[int], None] = lambda n: None,
    shard: int = 0,
    shards: int = 1,
) -> dict[str, Page]:
    """Return {path under the story's folder: page} of every page of one story; `advance(n)` is told
    of the pages made (a progress bar). With `shards`, only every shards-th page from the `shard`-th
    on, so that several processes can share the pages of one story (site/render.py)."""
    pages = {}
    for i, (path, build) in enumerate(_builders(env, view)):
        if i % shards == shard:
            pages[path] = built = build()
            pages.update(built.parts)  # a family split into parts (site/parts.py)
            advance(1)
    return pages


def _builders(env: jinja2.Environment, view: StoryView) -> Iterator[tuple[str, Callable[[], Page]]]:
    """(path, builder) of each page of a story, in the order of story_pages."""
    for f in STORY_PAGES:
        yield f.path, partial(f.build, env, view)
    for ent in view.entities:
        if ent.id in view.pages:
            yield view.pages[ent.id], partial(entity_page, env, view, ent)
    for af, row in zip(view.facts, view.rows, strict=True):
        yield f"sources/{row['slug']}.md", partial(source_page, env, view, af, row)
