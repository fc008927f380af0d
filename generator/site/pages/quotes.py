"""Quotes: quotes.md, the quotes grouped by speaker; a story with more quotes than fit one page gets
quotes.md as the index of its parts, quotes/<letters>.md by speaker (site/parts.py)."""

from __future__ import annotations

import jinja2

from generator.models import Quote
from generator.site.citations import Citer
from generator.site.jsonld import linked_data, quote_claim
from generator.site.page import Page, page, parts_index
from generator.site.parts import names_span
from generator.site.urls import quote_anchor
from generator.site.view import QuoteGroup, StoryView


def quotes_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return quotes.md: quotes grouped by speaker, speakers that are entities under the entity's name;
    or the index of its parts."""
    parts = view.quote_parts
    everyone = [(g, f, q) for g in view.quote_groups for f, q in g.quotes]
    if parts is None:
        return _quotes(env, view, "quotes.md", everyone, None)
    path = "quotes.md"
    return parts_index(
        env,
        view.citer(path),
        path,
        "Quotes",
        parts,
        build=lambda p, here: _quotes(env, view, p.path, p.items, here),
        data_key="quotes",
        ident=lambda x: [x[1], x[2].id],
        span_of=_span,
        family="all quotes",
        intro="What each speaker said, with the outlet and the sentence it was taken from. There are too"
        " many for one page, so they are listed by speaker.",
        parts_heading="By speaker",
        noun="quote",
        nouns="quotes",
    )


def _span(items: list[tuple[QuoteGroup, str, Quote]]) -> str:
    """The speakers a part of the quotes runs between."""
    return names_span({g.name for g, _, _ in items})


def _quotes(
    env: jinja2.Environment,
    view: StoryView,
    path: str,
    items: list[tuple[QuoteGroup, str, Quote]],
    part: dict | None,
) -> Page:
    """One page of quotes, under a heading per speaker."""
    c = view.citer(path)
    rank = view.quote_rank
    in_order = sorted(((f, q) for _, f, q in items), key=lambda fq: rank[fq[0], fq[1].id])
    refs = {(f, q.id): c(f, q.cites) for f, q in in_order}  # footnotes numbered in file order
    groups: list[dict] = []
    for g, file, q in items:
        if not groups or groups[-1]["key"] != g.key:
            groups.append({"key": g.key, "name": g.name, "href": _speaker_href(view, c, g), "quotes": []})
        groups[-1]["quotes"].append(
            {
                "q": q,
                "outlet": view.outlet(file),
                "refs": refs[file, q.id],
                "anchor": quote_anchor(view.slugs.get(file, "source"), q.id),
            }
        )
    title = f"Quotes: {part['label']}" if part else "Quotes"
    return page(
        env,
        "quotes.md.j2",
        path,
        title,
        len(items),
        c,
        data={"quotes": [{"source": f, **q.model_dump(mode="json")} for f, q in in_order]},
        jsonld=linked_data(view, path, c.files, [quote_claim(view, path, f, q) for f, q in in_order]),
        groups=groups,
        heading=title,
        part=part,
    )


def _speaker_href(view: StoryView, c: Citer, g: QuoteGroup) -> str | None:
    """The link to the speaker's page, when the speaker is an entity with a page."""
    return c.link(view.pages[g.entity.id]) if g.entity is not None and g.entity.id in view.pages else None
