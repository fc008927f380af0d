"""Reconcile: merges and non-merges of entities, figure groups and their status, events."""

from __future__ import annotations

from generator.models import ArticleFacts, Cite, Entity, Event, Figure, Source
from generator.story.entities import reconcile_entities
from generator.story.events import reconcile_events
from generator.story.figures import reconcile_figures


def cite(text: str = "A sentence.") -> Cite:
    """A cite of a stand-in sentence."""
    return Cite(quote=text, start=0, end=len(text))


def article(name: str, who=(), figures=(), what=(), published: str | None = None) -> ArticleFacts:
    """A fact file of one article with the given facts."""
    return ArticleFacts(
        source=Source(file=name, sha256="0" * 64, published=published),
        who=list(who),
        figures=list(figures),
        what=list(what),
    )


def person(name: str, *aliases: str, roles=()) -> Entity:
    """A person entity as one article gives it."""
    return Entity(
        id=f"ent-{name}", name=name, kind="person", aliases=list(aliases), roles=list(roles), cites=[cite()]
    )


def org(name: str, *aliases: str) -> Entity:
    """An organisation entity as one article gives it."""
    return Entity(id=f"ent-{name}", name=name, kind="organisation", aliases=list(aliases), cites=[cite()])


def figure(value, value_text: str, qualifier: str = "exact", subject="officer", event="kill", **kw) -> Figure:
    """A count figure."""
    return Figure(
        id=f"fig-{value_text}-{kw.get('counts', subject)}",
        value=value,
        value_text=value_text,
        qualifier=qualifier,
        unit="people",
        counts=kw.pop("counts", f"{subject}s killed"),
        subject=subject,
        event=event,
        cites=[cite()],
        **kw,
    )


def names(entities) -> list[tuple[str, ...]]:
    """Each story entity's name and aliases, sorted."""
    return sorted(tuple(sorted([e.name, *e.aliases])) for e in entities)


def test_two_people_called_smith_stay_apart():
    story = [
        article("a.txt", [person("John Smith", "Smith")]),
        article("b.txt", [person("Jane Smith", "Smith")]),
    ]
    merged = reconcile_entities(story)
    assert len([e for e in merged if e.kind == "person"]) == 2


def test_one_person_under_three_spellings_is_one_entity():
    story = [
        article("a.txt", [person("Kassym-Jomart Tokayev", "Tokayev", roles=["President"])]),
        article("b.txt", [person("Kassim-Jomart Tokayev", "Mr Tokayev")]),
        article("c.txt", [person("Kassym Jomart Tokayev")]),
    ]
    merged = reconcile_entities(story)
    assert len(merged) == 1
    assert merged[0].sources == ["a.txt", "b.txt", "c.txt"]
    assert {"Kassim-Jomart Tokayev", "Kassym Jomart Tokayev"} <= set(merged[0].aliases) | {merged[0].name}
    assert [(r.role, r.source) for r in merged[0].roles] == [("President", "a.txt")]


def test_bare_surname_joins_the_only_person_with_that_surname():
    story = [article("a.txt", [person("Saltanat Azirbek")]), article("b.txt", [person("Azirbek")])]
    assert len(reconcile_entities(story)) == 1


def test_bare_surname_shared_by_two_people_joins_neither():
    story = [
        article("a.txt", [person("John Smith")]),
        article("b.txt", [person("Jane Smith")]),
        article("c.txt", [person("Smith")]),
    ]
    assert len(reconcile_entities(story)) == 3


def test_acronym_and_spelling_variants_of_an_organisation_merge():
    story = [
        article("a.txt", [org("Collective Security Treaty Organization", "CSTO")]),
        article("b.txt", [org("Collective Security Treaty Organisation")]),
        article("c.txt", [org("AFP")]),
        article("d.txt", [org("Agence France-Presse")]),
    ]
    assert names(reconcile_entities(story)) == [
        ("AFP", "Agence France-Presse"),
        ("CSTO", "Collective Security Treaty Organisation", "Collective Security Treaty Organization"),
    ]


def test_different_organisations_with_similar_names_stay_apart():
    story = [article("a.txt", [org("Interior Ministry")]), article("b.txt", [org("Defence Ministry")])]
    assert len(reconcile_entities(story)) == 2


def test_at_least_eight_agrees_with_eight_but_not_with_thirteen():
    story = [
        article("a.txt", figures=[figure(8, "at least eight", "at_least")], published="2022-01-06"),
        article("b.txt", figures=[figure(8, "eight")], published="2022-01-05"),
    ]
    (group,) = reconcile_figures(story)
    assert group.status == "agreed"
    assert [r.source for r in group.reports] == ["b.txt", "a.txt"]  # by publication time
    story.append(article("c.txt", figures=[figure(13, "13")], published="2022-01-07"))
    (group,) = reconcile_figures(story)
    assert group.status == "conflicting"


def test_more_than_300_and_more_than_1000_conflict():
    story = [
        article(
            "a.txt", figures=[figure(300, "more than 300", "more_than", subject="people", event="injure")]
        ),
        article(
            "b.txt", figures=[figure(1000, "more than 1,000", "more_than", subject="people", event="wound")]
        ),
    ]
    (group,) = reconcile_figures(story)
    assert group.status == "conflicting"


def test_different_things_counted_are_not_grouped():
    story = [
        article("a.txt", figures=[figure(13, "13", subject="officer", event="kill")]),
        article("b.txt", figures=[figure(300, "300", subject="officer", event="injure")]),
    ]
    groups = reconcile_figures(story)
    assert [g.status for g in groups] == ["single", "single"]


def percent(value: float, counts: str) -> Figure:
    """A share or change in percent, labelled `counts`."""
    return Figure(
        id=f"fig-{value}-{counts}",
        value=value,
        value_text=f"{value}%",
        qualifier="exact",
        kind="percent",
        unit="percent",
        counts=counts,
        cites=[cite()],
    )


def test_a_measure_named_without_what_it_measures_is_no_quantity_of_two_sources():
    # 'Acme holds a 9% share' and 'the fund bought a 24% share': whose share is not said, so not one
    # disputed quantity; a share that says of what still groups
    for bare in ("share", "change", "points", "rise"):
        story = [article("a.txt", figures=[percent(9, bare)]), article("b.txt", figures=[percent(24, bare)])]
        assert [g.status for g in reconcile_figures(story)] == ["single", "single"], bare
    story = [
        article("a.txt", figures=[percent(9, "market share of Acme")]),
        article("b.txt", figures=[percent(24, "market share of Acme")]),
    ]
    (group,) = reconcile_figures(story)
    assert group.status == "conflicting"


def test_one_source_alone_is_single():
    (group,) = reconcile_figures([article("a.txt", figures=[figure(5, "five")])])
    assert group.status == "single"


def test_same_event_from_two_sources_is_one_timeline_entry():
    story = [
        article(
            "a.txt",
            what=[Event(id="e1", statement="The government resigned", when="2022-01-05", cites=[cite()])],
        ),
        article(
            "b.txt",
            what=[
                Event(
                    id="e2",
                    statement="The government resigned in response to the unrest",
                    when="2022-01-05",
                    cites=[cite()],
                )
            ],
        ),
        article(
            "c.txt",
            what=[Event(id="e3", statement="Troops arrived in the city", when="2022-01-06", cites=[cite()])],
        ),
    ]
    events = reconcile_events(story)
    assert [len(e.reports) for e in events] == [2, 1]
    assert events[0].when == "2022-01-05"
