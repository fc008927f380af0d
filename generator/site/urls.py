"""URLs: a page's place in the built site as one object, like MkDocs' `File`, and the ids of anchors.

A story's pages are laid out relative to the story's own folder (`index.md`, `figures.md`,
`people/<slug>.md`, `sources/<slug>.md`, ...); site/render.py decides where that folder sits in docs/.
MkDocs builds them with directory URLs ("a/b.md" -> "a/b/"). Markdown links are rewritten by MkDocs,
raw HTML is not, so `SitePage.href` writes the links of raw HTML (the source pages' highlights, the
footnotes, the JSON-LD ids) for directory URLs, and `SitePage.resolve` reads them back.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from generator.text.slugs import slugify


@dataclass(frozen=True)
class SitePage:
    """A page of the site: its Markdown path (under the story's folder or docs/) and its URL."""

    path: str

    @property
    def url(self) -> str:
        """The URL MkDocs gives the page (directory URLs): "index.md" -> "", "a/b.md" -> "a/b/"."""
        return _url(self.path)

    def href(self, target: str, anchor: str = "") -> str:
        """The link from this page to another page as the built site needs it (raw HTML)."""
        here, there = self.url, _url(target)
        url = "" if here == there else _relative(there or ".", here or ".") + "/"
        return url + (f"#{anchor}" if anchor else "")

    def link(self, target: str) -> str:
        """The relative Markdown link from this page to another page (MkDocs rewrites it)."""
        return _relative(target, posixpath.dirname(self.path) or ".")

    def resolve(self, url: str) -> str:
        """The page (path) that a directory-URL link on this page leads to: the inverse of `href`."""
        if not url:
            return self.path
        target = posixpath.normpath(posixpath.join(self.url, url)).removeprefix("./")
        return "index.md" if target == "." else f"{target}.md"


@lru_cache(maxsize=65536)
def _url(path: str) -> str:
    """A page's directory URL (pure string work, so it is cached)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@lru_cache(maxsize=65536)
def _relative(target: str, here: str) -> str:
    """A relative link between two paths of the site (pure string work, so it is cached)."""
    return posixpath.relpath(target, here)


def group_anchor(group_id: str) -> str:
    """The id of a figure group's heading on the figures and disputed pages."""
    return "g-" + slugify(group_id, "group")


def quote_anchor(source_slug: str, quote_id: str) -> str:
    """The id of a quote's entry on the quotes page."""
    return "q-" + slugify(f"{source_slug}-{quote_id}", "quote")


def fact_anchor(fact_id: str) -> str:
    """The id of a fact's entry in the list of facts on its source page."""
    return "f-" + slugify(fact_id, "fact")


def day_anchor(day: str) -> str:
    """The id of a day's heading on the timeline page."""
    return "day-" + slugify(day, "undated")
