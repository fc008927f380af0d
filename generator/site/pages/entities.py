"""Entities: the index of each kind (people.md, organisations.md, places.md) and one page per entity."""

from __future__ import annotations

import jinja2

from generator.models import Cite, StoryEntity
from generator.site.citations import Citer, excerpt
from generator.site.jsonld import figure_claim, linked_data, quote_claim
from generator.site.page import Page, page, parts_index
from generator.site.pages.figures import report_row
from generator.site.parts import names_span
from generator.site.urls import group_anchor
from generator.site.view import KINDS, StoryView

KIND_TAGS = {"person": "Person", "organisation": "Organisation", "place": "Place"}  # Material tags


def entity_row(view: StoryView, c: Citer, e: StoryEntity) -> dict:
    """An entity as its kind's index lists it: name, roles, sources, one citation per source."""
    cites = view.first_cites(e)
    return {
        "e": e,
        "href": c.link(view.pages[e.id]) if e.id in view.pages else None,
        "roles": sorted({r.role for r in e.roles}, key=lambda r: (r.casefold(), r)),
        "n": view.sources_of(e.sources),
        "refs": "".join(c(f, [cite], (e.name, *e.aliases)) for f, cite in cites),
        "note": view.entity_note(e),
    }


def entities_page(env: jinja2.Environment, view: StoryView, kind: str) -> Page:
    """Return the index of one kind of entity: each links to its own page; a kind with more entities
    than fit one page gets an index of its parts, <folder>/index/<letters>.md (site/parts.py)."""
    path, _, heading = KINDS[kind]
    parts = view.entity_parts[kind]
    if parts is None:
        return _entities(env, view, path, [e for e in view.entities if e.kind == kind], heading, None)
    return parts_index(
        env,
        view.citer(path),
        path,
        heading,
        parts,
        build=lambda p, here: _entities(env, view, p.path, p.items, f"{heading}: {p.label}", here),
        data_key="entities",
        ident=lambda e: e.id,
        span_of=_span,
        family=f"all {heading.lower()}",
        intro=f"Every one of the {heading.lower()} the sources name, with roles and the sentence naming them."
        " There are too many for one page, so they are listed by name.",
        parts_heading="By name",
        noun=KIND_NOUNS[kind][0],
        nouns=KIND_NOUNS[kind][1],
    )


KIND_NOUNS = {"person": ("person", "people"), "organisation": ("organisation", "organisations"),
              "place": ("place", "places")}  # fmt: skip


def _span(entities: list[StoryEntity]) -> str:
    """The names a part of an index runs between."""
    return names_span(e.name for e in entities)


def _entities(
    env: jinja2.Environment,
    view: StoryView,
    path: str,
    mine: list[StoryEntity],
    heading: str,
    part: dict | None,
) -> Page:
    """One page of an index of entities."""
    c = view.citer(path)
    rows = [entity_row(view, c, e) for e in mine]
    n = sum(1 for r in rows if r["refs"])
    return page(
        env,
        "entities.md.j2",
        path,
        heading,
        n,
        c,
        data={"entities": [e.model_dump(mode="json") for e in mine]},
        jsonld=linked_data(view, path, c.files, []),
        entities=rows,
        kind=heading,
        part=part,
    )


def role_cite(view: StoryView, ent: StoryEntity, role: str, file: str) -> list[Cite]:
    """The sentence of a source that gives an entity a role: one naming the role, else the first."""
    cites = [c for f, e in view.members[ent.id] if f == file for c in e.cites]
    named = [c for c in cites if role.casefold() in c.quote.casefold()]
    return (named or cites)[:1]


def entity_page(env: jinja2.Environment, view: StoryView, ent: StoryEntity) -> Page:
    """Return one entity's page: names, roles by source, quotes, figures stated and every mention."""
    path = view.pages[ent.id]
    c = view.citer(path)
    names = (ent.name, *ent.aliases)
    roles = []
    for sr in ent.roles:
        cites = role_cite(view, ent, sr.role, sr.source)
        roles.append({"role": sr.role, "outlet": view.outlet(sr.source), "refs": c(sr.source, cites, names)})
    said = view.said_by.get(ent.id, [])
    quotes = [{"q": q, "outlet": view.outlet(f), "refs": c(f, q.cites)} for f, q in said]
    figures, stated = [], []
    for g, r in view.reports_by.get(ent.id, []):
        stated.append((g, r))
        x = report_row(view, c, r)
        x.counts, x.href = g.counts, c.link(view.figure_page(g.id)) + "#" + group_anchor(g.id)
        figures.append(x)
    mentions: list[dict] = []
    for file in sorted({f for f, _ in view.members[ent.id]}, key=lambda f: view.order.get(f, 0)):
        cites = sorted(
            {
                (cite.start, cite.end): cite for f, e in view.members[ent.id] if f == file for cite in e.cites
            }.values(),
            key=lambda cite: (cite.start, cite.end),
        )
        if cites:
            src = view.by_file[file].source
            mentions.append(
                {
                    "outlet": view.outlet(file),
                    "date": src.published,
                    "items": [
                        {"text": excerpt(cite.quote, names), "refs": c(file, [cite], names)} for cite in cites
                    ],
                }
            )
    _, _, heading = KINDS[ent.kind]
    n = len(roles) + len(quotes) + len(figures) + sum(len(m["items"]) for m in mentions)
    claims = [quote_claim(view, path, f, q) for f, q in said if f in view.by_file]
    claims += [figure_claim(view, path, r.source, r, g) for g, r in stated if r.source in view.by_file]
    return page(
        env,
        "entity.md.j2",
        path,
        ent.name,
        n,
        c,
        data={
            "entity": ent.model_dump(mode="json"),
            "in_sources": [{"source": f, **m.model_dump(mode="json")} for f, m in view.members[ent.id]],
            "quotes": [{"source": f, **q.model_dump(mode="json")} for f, q in said],
            "figures_stated": [{"group": g.id, **r.model_dump(mode="json")} for g, r in stated],
        },
        jsonld=linked_data(view, path, c.files, claims),
        tags=(KIND_TAGS[ent.kind],),
        e=ent,
        note=view.entity_note(ent),
        kind=ent.kind,
        index=c.link(KINDS[ent.kind][0]),
        heading=heading,
        n_sources=view.sources_of(ent.sources),
        roles=roles,
        quotes=quotes,
        figures=figures,
        mentions=mentions,
    )
