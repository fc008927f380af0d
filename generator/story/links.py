"""Links: which story entity a quote's speaker or a figure's attribution names, and each source's own
entities merged by name; computed once, after reconciling and curating, and stored on the models, so
the pages only read them and the data files (figures.yaml, entities.yaml, facts.json) carry them."""

from __future__ import annotations

from collections import defaultdict

from generator.models import Kind, QuoteRef, Story
from generator.story.names import Names, merge_entities

KINDS: tuple[Kind, ...] = ("person", "organisation", "place")  # the order of a source page's entity lists


def link_story(story: Story) -> Story:
    """Return the story with its links filled in: speakers, attributions, each entity's quotes, each
    figure report's stating entities and each source's merged entities."""
    names = Names(story.entities)
    facts = sorted(story.facts, key=lambda f: f.source.file)
    said: dict[str, list[QuoteRef]] = defaultdict(list)
    for af in facts:
        for q in af.quotes:
            ent = names.speaker(q.speaker)
            if ent is not None:
                story.speakers[q.speaker or ""] = ent.id
                said[ent.id].append(QuoteRef(source=af.source.file, quote=q.id))
    attributions = [f.attributed_to for af in facts for f in af.figures]
    attributions += [r.attributed_to for g in story.figures for r in g.reports]
    for text in attributions:
        if text and text not in story.stated:
            story.stated[text] = [e.id for e in names.stated_by(text)]
    for g in story.figures:
        for r in g.reports:
            r.stated_by = list(story.stated.get(r.attributed_to or "", []))
    for e in story.entities:
        e.said = said.get(e.id, [])
    story.source_entities = {
        af.source.file: [m for kind in KINDS for m in merge_entities([af], kind)] for af in facts
    }
    story.linked = True
    return story
