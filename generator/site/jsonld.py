"""JSON-LD: a page's facts as schema.org Claims that appear in NewsArticles (its sources), written into
the page's <head> by the theme override (generator/publish/theme/main.html)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.models import Figure, FigureGroup, FigureReport, Quote, StoryEntity
from generator.site.escape import safe_url
from generator.site.urls import SitePage, group_anchor, quote_anchor

if TYPE_CHECKING:
    from generator.site.view import StoryView

SCHEMA_TYPES = {"person": "Person", "organisation": "Organization"}  # places state no figures


def news_article(view: StoryView, page: str, file: str) -> dict:
    """A source as a schema.org NewsArticle; its @id is the source's page on this site."""
    src = view.by_file[file].source
    item: dict = {
        "@type": "NewsArticle",
        "@id": SitePage(page).href(f"sources/{view.slugs[file]}.md") or "./",
        "identifier": f"sha256:{src.sha256}",
    }
    if src.title:  # no headline rather than a file name
        item["headline"] = src.title
    if src.published:
        item["datePublished"] = src.published
    if src.publisher:
        item["publisher"] = {"@type": "Organization", "name": src.publisher}
    if src.byline:
        item["author"] = {"@type": "Person", "name": src.byline}
    if safe_url(src.url):
        item["url"] = src.url
    return item


def _author(ent: StoryEntity | None) -> dict | None:
    """The schema.org author of a claim, when it is a person or an organisation of the story."""
    if ent is None or ent.kind not in SCHEMA_TYPES:
        return None
    return {"@type": SCHEMA_TYPES[ent.kind], "name": ent.name}


def figure_claim(
    view: StoryView, page: str, file: str, fig: Figure | FigureReport, group: FigureGroup | None
) -> dict:
    """A figure as a schema.org Claim that appears in its source."""
    counts = group.counts if group else getattr(fig, "counts", "")
    item: dict = {
        "@type": "Claim",
        "name": " ".join(f"{fig.value_text} {counts}".split()),
        "text": fig.cites[0].quote if fig.cites else fig.value_text,
        "appearance": {"@id": news_article(view, page, file)["@id"]},
    }
    if group is not None:
        item["url"] = SitePage(page).href(view.figure_page(group.id), group_anchor(group.id))
    stated = view.stated_by(fig.attributed_to)
    if author := _author(stated[0] if stated else None):
        item["author"] = author
    return item


def quote_claim(view: StoryView, page: str, file: str, q: Quote) -> dict:
    """A quote as a schema.org Claim by its speaker that appears in its source."""
    item: dict = {
        "@type": "Claim",
        "text": q.text,
        "url": SitePage(page).href(
            view.quote_page(file, q.id), quote_anchor(view.slugs.get(file, "source"), q.id)
        ),
        "appearance": {"@id": news_article(view, page, file)["@id"]},
    }
    if author := _author(view.speaker(q.speaker)):
        item["author"] = author
    return item


def _claim_files(view: StoryView, page: str, claims: list[dict]) -> set[str]:
    """The source files the claims' appearances may point at: by the slug that ends each @id, or
    the page's own source when the claim appears on the page itself ("./")."""
    by_slug = {slug: f for f, slug in view.slugs.items()}
    out = set()
    for c in claims:
        ref = c["appearance"]["@id"]
        slug = PurePosixPath(page).stem if ref == "./" else ref.rstrip("/").rsplit("/", 1)[-1]
        if slug in by_slug:
            out.add(by_slug[slug])
    return out


def linked_data(view: StoryView, page: str, files: list[str], claims: list[dict]) -> dict | None:
    """The JSON-LD of a page: its claims, then the sources it cites or its claims appear in."""
    appear = {c["appearance"]["@id"] for c in claims}
    by_id = {
        SitePage(page).href(f"sources/{view.slugs[f]}.md") or "./": f
        for f in _claim_files(view, page, claims)
    }
    shown = set(files) | {f for i, f in by_id.items() if i in appear}
    graph = [*claims, *(news_article(view, page, f) for f in view.order if f in shown)]  # in file order
    return {"@context": "https://schema.org", "@graph": graph} if graph else None
