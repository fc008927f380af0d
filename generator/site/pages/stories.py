"""Stories: the top index.md of a site with several stories."""

from __future__ import annotations

import jinja2

from generator.site.datafiles import FACTS_JSON
from generator.site.page import Page, page
from generator.site.view import StoryView


def stories_index(env: jinja2.Environment, views: list[tuple[str, StoryView]]) -> Page:
    """Return the top index.md of a site with several stories: one row per story."""
    rows = [
        {
            "title": view.title,
            # each story is a site of its own (publish/build.py): raw HTML links, for directory URLs
            "href": f"{folder}/",
            "disputed_href": f"{folder}/disputed/",
            "sources": view.total,
            "newest": view.dates[-1] if view.dates else None,
            "disputed": sum(g.status == "conflicting" for g in view.story.figures),
        }
        for folder, view in views
    ]
    data = [
        {
            "title": view.title,
            "folder": folder,
            "facts": f"{folder}/{FACTS_JSON}",
            "sources": view.total,
            "newest_source": view.dates[-1] if view.dates else None,
        }
        for folder, view in views
    ]
    return page(env, "stories.md.j2", "index.md", "Stories", 0, None, data={"stories": data}, rows=rows)
