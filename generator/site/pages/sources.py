"""Sources: one page per article (its text with its facts highlighted, and the facts) and their index
(split into parts by title when a story has more sources than one page should hold)."""

from __future__ import annotations

from collections import Counter

import jinja2

from generator.errors import RenderError
from generator.models import ArticleFacts
from generator.site.datafiles import source_data
from generator.site.highlight import MARK_KINDS, Mark, all_cites, article_html, find_in, resolve_marks
from generator.site.jsonld import figure_claim, linked_data, quote_claim
from generator.site.page import Page, page, parts_index
from generator.site.parts import names_span
from generator.site.urls import SitePage, fact_anchor, group_anchor, quote_anchor
from generator.site.view import KINDS, StoryView


def source_marks(view: StoryView, af: ArticleFacts, path: str) -> list[Mark]:
    """The highlights of a source page: each figure's value, each entity mention and each quote, in their
    sentences, linking to the fact they became (figure group, entity page, quote)."""
    file, here = af.source.file, SitePage(path)
    marks = []
    for f in af.figures:
        g = view.group_of.get((file, f.id))  # none for years and dates: those link to the list below
        href = here.href(view.figure_page(g.id), group_anchor(g.id)) if g else "#" + fact_anchor(f.id)
        title = f"Figure: {f.value_text} {g.counts if g else f.counts}"
        marks += [Mark(*span, "figure", href, title) for c in f.cites if (span := find_in(c, f.value_text))]
    for e in af.who:
        ent = view.entity_of.get((file, e.id))
        href = here.href(view.entity_link(ent) if ent else KINDS[e.kind][0])
        title = f"{e.kind.capitalize()}: {ent.name if ent else e.name}"
        spans = [tuple(m) for m in e.mentions]
        if not spans:  # no mention spans recorded: the names inside the entity's sentences
            names = sorted({e.name, *e.aliases}, key=lambda n: (-len(n), n))
            spans = [span for c in e.cites for n in names if (span := find_in(c, n))]
        marks += [Mark(s, t, e.kind, href, title) for s, t in spans]
    for q in af.quotes:
        href = here.href(view.quote_page(file, q.id), quote_anchor(view.slugs.get(file, "source"), q.id))
        title = f"Quote: {q.speaker or 'unattributed'}"
        marks += [Mark(*span, "quote", href, title) for c in q.cites if (span := find_in(c, q.text))]
    return marks


# the source page's lists kept out of site search: their sentences are the article text above them, and
# each figure and quote is indexed where it is shown with the other reports (the figures and quotes pages)
UNINDEXED = ("Figures", "Events", "Quotes")


def source_page(env: jinja2.Environment, view: StoryView, af: ArticleFacts, row: dict) -> Page:
    """Return the page of one article: metadata, the text with its facts highlighted, and the facts."""
    file = af.source.file
    if file not in view.texts:
        raise RenderError(f"No article text for {file}; put it back in seeds/ or re-run ingest.")
    path = f"sources/{row['slug']}.md"
    c = view.citer(path)
    sections = {
        "Figures": [{"f": f, "refs": c(file, f.cites), "anchor": fact_anchor(f.id)} for f in af.figures],
        "Events": [{"e": e, "refs": c(file, e.cites)} for e in af.what],
        "Quotes": [{"q": q, "refs": c(file, q.cites)} for q in af.quotes],
    }
    for kind, (_, _, heading) in KINDS.items():
        sections[heading] = [
            {
                "name": m.name,
                "aliases": m.aliases,
                "roles": m.roles,
                "refs": c(file, [m.cite]) if m.cite else "",
                "corrected": m.corrected,
            }
            for m in view.story.source_entities.get(file, [])
            if m.kind == kind
        ]
    text = view.texts[file]
    marks = resolve_marks(source_marks(view, af, path), len(text))
    counts = Counter(m.kind for m in marks)
    legend = [{"kind": k, "label": f"{MARK_KINDS[k][0]} ({counts[k]})"} for k in MARK_KINDS]
    furniture = sorted({f.kind for f in af.source.furniture}, key=[f.kind for f in af.source.furniture].index)
    claims = [figure_claim(view, path, file, f, view.group_of.get((file, f.id))) for f in af.figures]
    claims += [quote_claim(view, path, file, q) for q in af.quotes]
    return page(
        env,
        "source.md.j2",
        path,
        row["label"].title,
        sum(map(len, sections.values())),
        c,
        data={"facts": af.model_dump(mode="json")},
        jsonld=linked_data(view, path, [file], claims),
        row=row,
        article=article_html(text, all_cites(af), marks, af.source.furniture),
        legend=legend,
        furniture=furniture,
        sections=sections,
        unindexed=UNINDEXED,
    )


def sources_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return sources/index.md: the table of the story's sources; or, for a story with more sources than
    one page should hold, the index of its parts, sources/index/<letters>.md by title (site/parts.py)."""
    path = "sources/index.md"
    parts = view.source_parts
    if parts is None:
        return _sources(env, view, path, view.rows, None)
    return parts_index(
        env,
        view.citer(path),
        path,
        "Sources",
        parts,
        build=lambda p, here: _sources(env, view, p.path, p.items, here),
        data_key="sources",
        ident=lambda r: r["source"].file,
        span_of=_span,
        family="all sources",
        intro="The articles this fact sheet was made from, each with the page that shows its text and"
        " the facts taken from it. There are too many for one page, so they are listed by title.",
        parts_heading="By title",
        noun="source",
        nouns="sources",
    )


def _span(rows: list[dict]) -> str:
    """The titles a part of the sources table runs between."""
    return names_span(r["label"].title for r in rows)


def _sources(
    env: jinja2.Environment, view: StoryView, path: str, rows: list[dict], part: dict | None
) -> Page:
    """One page of the sources table: its rows in the story's file order."""
    files = [r["source"].file for r in rows]
    return page(
        env,
        "sources.md.j2",
        path,
        f"Sources: {part['label']}" if part else "Sources",
        0,
        None,
        data={"sources": [source_data(view.by_file[f]) for f in files]},
        jsonld=linked_data(view, path, files, []),
        rows=rows,
        prefix=SitePage(path).link("sources/index.md").removesuffix("index.md"),
        part=part,
    )
