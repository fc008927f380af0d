"""Story: the facts of a story's sources reasoned into one story. entities, figures and events reconcile
what several sources report; corrections apply the editors' curation file; links find which entity a
speaker or an attribution names; names holds the name matching those links use."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.models import ArticleFacts, FigureGroup, Story
from generator.story.corrections import Correction, Outcome, apply_to_entities
from generator.story.entities import reconcile_entities
from generator.story.events import reconcile_events
from generator.story.figures import reconcile_figures
from generator.story.links import link_story


def make_story(
    slug: str,
    facts: list[ArticleFacts],
    texts: dict[str, str],
    corrections: Sequence[Correction] = (),
    outcome: Outcome | None = None,
    figures: Callable[[], list[FigureGroup]] | None = None,
) -> Story:
    """Reconcile one story's facts (already corrected), apply the corrections to its entities (when an
    `outcome` is given to record them in), and link it. `figures` gives the story's figure groups
    when another process reconciles them (reconcile_figures reads the facts and texts only), called
    once the entities and events are reconciled here."""
    entities = reconcile_entities(facts)
    events = reconcile_events(facts, entities, texts)
    groups = figures() if figures is not None else reconcile_figures(facts, texts)
    story = Story(slug=slug, facts=facts, texts=texts, entities=entities, figures=groups, events=events)
    if outcome is not None:
        story.entities = apply_to_entities(story.entities, list(corrections), outcome)
    return link_story(story)
