"""The view model: one story as its pages see it, with the slugs, rows and lookups they share."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from generator.errors import RenderError
from generator.models import (
    ArticleFacts,
    Cite,
    Entity,
    Event,
    Figure,
    FigureGroup,
    FigureReport,
    Quote,
    Story,
    StoryEntity,
)
from generator.site.citations import Citer
from generator.site.labels import source_labels
from generator.site.parts import Part, by_name
from generator.story.corrections import joined
from generator.text.names import norm_name
from generator.text.slugs import unique_slugs

KINDS = {  # kind: (index page, folder of the entity pages, heading)
    "person": ("people.md", "people", "People"),
    "organisation": ("organisations.md", "organisations", "Organisations"),
    "place": ("places.md", "places", "Places"),
}
LARGE_STORY = 50  # sources; above this, only entities named by two or more sources get their own page
# what one page of an aggregate holds, at most; a family with more is split into parts (site/parts.py).
# Weighed in lines, since an entry's length varies: a figure group is its heading, badge and one line
# per report; an entity on its kind's index one line and a footnote per source naming it.
FIGURES_PER_PAGE = 200  # lines: 3 per figure group and 1 per report
QUOTES_PER_PAGE = 60  # quotes
ENTITIES_PER_PAGE = 200  # lines on a kind's index (people.md...): 1 per entity and 1 per source naming it
SOURCES_PER_PAGE = 100  # rows of the sources table (sources/index.md)


def source_slugs(facts: list[ArticleFacts]) -> dict[str, str]:
    """Return {source.file: slug}, unique, with "-2", "-3"... for collisions in file order."""
    files = sorted(af.source.file for af in facts)
    stems = [PurePosixPath(f).stem for f in files]
    return dict(zip(files, unique_slugs(stems, {"index"}, "article"), strict=True))  # not sources/index


@dataclass
class QuoteGroup:
    """The quotes of one speaker: a story entity, a name as the articles write it, or no one ("~")."""

    key: str
    entity: StoryEntity | None
    quotes: list[tuple[str, Quote]] = field(default_factory=list)
    name: str = ""


def _name(e: StoryEntity) -> str:
    return e.name


def _counts(g: FigureGroup) -> str:
    return g.counts


def figure_lines(g: FigureGroup) -> int:
    """The length of a figure group on a page, in lines: its heading, badge and one line per report."""
    return 3 + len(g.reports)


def _entity_lines(e: StoryEntity) -> int:
    """The length of an entity on its kind's index, in lines: its row and a footnote per source."""
    return 1 + len(set(e.sources))


class StoryView:
    """One story's facts in file order, with the slugs, rows and lookups its pages share."""

    @cached_property
    def said_by(self) -> dict[str, list[tuple[str, Quote]]]:
        """{entity id: [(source file, quote)]} of the quotes each entity said (story/links.py)."""
        quotes = {(f, q.id): q for f, q in self.quotes()}
        return {
            e.id: [(r.source, quotes[r.source, r.quote]) for r in e.said if (r.source, r.quote) in quotes]
            for e in self.entities
            if e.said
        }

    @cached_property
    def reports_by(self) -> dict[str, list[tuple[FigureGroup, FigureReport]]]:
        """{entity id: [(figure group, report)]} of the figures each entity stated (story/links.py)."""
        out: dict[str, list] = defaultdict(list)
        for g in self.story.figures:
            for r in g.reports:
                for entity_id in r.stated_by:
                    out[entity_id].append((g, r))
        return out

    def speaker(self, text: str | None) -> StoryEntity | None:
        """The story entity a quote's speaker is, if any."""
        return self.by_id.get(self.story.speakers.get(text or "", ""))

    def stated_by(self, text: str | None) -> list[StoryEntity]:
        """The story entities a figure's attribution names."""
        return [self.by_id[i] for i in self.story.stated.get(text or "", []) if i in self.by_id]

    def __init__(self, story: Story, title: str | None = None):
        if not story.linked:
            raise RenderError("The story's links are not computed; make it with generator.story.make_story.")
        self.story = story
        self.facts = sorted(story.facts, key=lambda f: f.source.file)
        self.by_file = {af.source.file: af for af in self.facts}
        if len(self.by_file) != len(self.facts):
            raise RenderError("Two fact files name the same source file; remove the duplicate from facts/.")
        self.texts, self.slugs = story.texts, source_slugs(self.facts)
        self.order = {af.source.file: i for i, af in enumerate(self.facts)}
        self.total = len(self.facts)
        self.labels = source_labels(self.facts)
        self.rows = [
            {
                "outlet": self.labels[af.source.file].outlet,
                "label": self.labels[af.source.file],
                "source": af.source,
                "slug": self.slugs[af.source.file],
            }
            for af in self.facts
        ]
        self.entities = sorted(story.entities, key=lambda e: (e.kind, e.name.casefold(), e.name, e.id))
        self._who_by_id: dict[str, list[tuple[str, int, Entity]]] = defaultdict(list)  # per-article entities
        for af in self.facts:
            for n, e in enumerate(af.who):
                self._who_by_id[e.id].append((af.source.file, n, e))
        self.members = {e.id: self._members(e) for e in self.entities}
        self.by_id = {e.id: e for e in self.entities}
        self.pages = self._entity_pages()
        self.title = title or story.title or story_title(self)
        self.dates = sorted(af.source.published for af in self.facts if af.source.published)
        # what a per-article fact became: {(source file, fact id): figure group / story entity}
        self.group_of = {(r.source, r.figure): g for g in story.figures for r in g.reports}
        self.entity_of = {(f, m.id): e for e in self.entities for f, m in self.members[e.id]}
        # an editor's note on a per-article fact (facts/curation.yaml): {(source file, fact id): note}
        self.notes: dict[tuple[str, str], str] = {}
        for af in self.facts:
            facts: list[Entity | Event | Figure | Quote] = [*af.who, *af.what, *af.figures, *af.quotes]
            self.notes.update({(af.source.file, x.id): x.corrected for x in facts if x.corrected})

    def _members(self, ent: StoryEntity) -> list[tuple[str, Entity]]:
        """The per-article entities merged into a story entity, as (source file, entity), in file order."""
        files = sorted((f for f in set(ent.sources) if f in self.by_file), key=self.order.get)
        rank = {f: i for i, f in enumerate(files)}
        found = {
            (rank[f], n): e
            for i in set(ent.facts)
            for f, n, e in self._who_by_id.get(i, ())
            if f in rank and e.kind == ent.kind
        }
        return [(files[r], found[r, n]) for r, n in sorted(found)]

    def _entity_pages(self) -> dict[str, str]:
        """{entity id: page path} of the entities worth a page of their own, slugs unique per kind.

        A page is worth it when two sources name the entity, or it has a role, a quote or a figure
        it stated; an entity named once in passing is listed (and cited) on its kind's index only,
        which keeps large sites from drowning in near-empty pages."""
        pages = {}
        for kind, (_, folder, _) in KINDS.items():
            cited = [
                e
                for e in self.entities
                if e.kind == kind and any(m.cites for _, m in self.members[e.id]) and self._worth_a_page(e)
            ]
            slugs = unique_slugs([e.name for e in cited], {"index"}, "entity")
            pages.update({e.id: f"{folder}/{s}.md" for e, s in zip(cited, slugs, strict=True)})
        return pages

    def _worth_a_page(self, e: StoryEntity) -> bool:
        """True for an entity with more to show than one passing mention.

        In a story of more than LARGE_STORY sources only entities named by two or more sources get a
        page: a page for one source's entity repeats its row on the kind's index (name, roles, cited)
        and its highlights on the source page, and at archive scale those pages are most of the site."""
        if len(set(e.sources)) > 1:
            return True
        if self.total > LARGE_STORY:
            return False
        return bool(e.roles) or e.id in self.said_by or e.id in self.reports_by

    def note(self, file: str, *ids: str) -> str | None:
        """The editors' notes on the facts of a source file with these ids, or None (not corrected)."""
        return joined(self.notes.get((file, i)) for i in ids)

    def entity_note(self, ent: StoryEntity) -> str | None:
        """The editors' notes on a story entity and on the per-article entities it is made of."""
        return joined([ent.corrected, *(self.note(f, m.id) for f, m in self.members[ent.id])])

    @cached_property
    def figure_parts(self) -> list[Part[FigureGroup]] | None:
        """The pages of the figures, by what they count (None: one page, figures.md)."""
        return by_name("figures", self.story.figures, _counts, FIGURES_PER_PAGE, weight=figure_lines)

    @cached_property
    def _figure_at(self) -> dict[str, str]:
        return {g.id: p.path for p in self.figure_parts or [] for g in p.items}

    def figure_page(self, group_id: str) -> str:
        """The page a figure group is shown on (its heading carries urls.group_anchor)."""
        return self._figure_at.get(group_id, "figures.md")

    @cached_property
    def entity_parts(self) -> dict[str, list[Part[StoryEntity]] | None]:
        """{kind: the pages of its index, by name (None: one page, people.md...)}; under the kind's
        folder's `index/`, which no entity page can be (an entity's slug is never "index")."""
        return {
            kind: by_name(
                f"{folder}/index",
                [e for e in self.entities if e.kind == kind],
                _name,
                ENTITIES_PER_PAGE,
                weight=_entity_lines,
            )
            for kind, (_, folder, _) in KINDS.items()
        }

    @cached_property
    def _listed_at(self) -> dict[str, str]:
        return {e.id: p.path for parts in self.entity_parts.values() for p in parts or [] for e in p.items}

    def entity_link(self, ent: StoryEntity) -> str:
        """The page an entity links to: its own, else the page of its kind's index that lists it."""
        return self.pages.get(ent.id) or self._listed_at.get(ent.id) or KINDS[ent.kind][0]

    @cached_property
    def quote_groups(self) -> list[QuoteGroup]:
        """The quotes by speaker, a speaker that is a story entity under the entity's name, in name
        order (unattributed last); each group's quotes in file order."""
        groups: dict[str, QuoteGroup] = {}
        spellings: dict[str, Counter] = defaultdict(Counter)
        for file, q in self.quotes():
            ent = self.speaker(q.speaker)
            raw = " ".join((q.speaker or "").split())
            key = f"e:{ent.id}" if ent else (f"s:{norm_name(raw)}" if norm_name(raw) else "~")
            spellings[key][raw] += 1
            groups.setdefault(key, QuoteGroup(key, ent)).quotes.append((file, q))
        for key, group in groups.items():
            names = spellings[key]
            group.name = group.entity.name if group.entity else max(sorted(names), key=lambda n: names[n])
            group.name = group.name or "Unattributed"
        order = sorted(groups, key=lambda k: (k == "~", groups[k].name.casefold(), groups[k].name, k))
        return [groups[k] for k in order]

    @cached_property
    def quote_rank(self) -> dict[tuple[str, str], int]:
        """{(source file, quote id): its place in file order}."""
        return {(f, q.id): i for i, (f, q) in enumerate(self.quotes())}

    @cached_property
    def source_parts(self) -> list[Part[dict]] | None:
        """The pages of the sources table, by title (None: one page, sources/index.md); under
        `sources/index/`, which no source page can be (a source's slug is never "index")."""
        return by_name("sources/index", self.rows, lambda r: r["label"].title, SOURCES_PER_PAGE)

    @cached_property
    def quote_parts(self) -> list[Part[tuple[QuoteGroup, str, Quote]]] | None:
        """The pages of the quotes, by speaker (None: one page, quotes.md); entries are (group, source
        file, quote), unattributed quotes under "Unattributed"."""
        flat = [(g, f, q) for g in self.quote_groups for f, q in g.quotes]
        return by_name("quotes", flat, lambda x: x[0].name, QUOTES_PER_PAGE)

    @cached_property
    def _quote_at(self) -> dict[tuple[str, str], str]:
        return {(f, q.id): p.path for p in self.quote_parts or [] for _, f, q in p.items}

    def quote_page(self, file: str, quote_id: str) -> str:
        """The page a quote is shown on (its entry carries urls.quote_anchor)."""
        return self._quote_at.get((file, quote_id), "quotes.md")

    def citer(self, page: str) -> Citer:
        """Return a fresh footnote numbering for one page."""
        return Citer(page, self.labels, self.slugs)

    def outlet(self, file: str) -> str:
        """The name shown for a source: its outlet, else 'Source 3' (never its file name)."""
        return self.labels[file].outlet if file in self.labels else "Unknown source"

    def sources_of(self, files) -> int:
        """How many distinct sources the files are."""
        return len(set(files))

    def first_cites(self, ent: StoryEntity) -> list[tuple[str, Cite]]:
        """One cite per source of an entity: its first sentence in that source."""
        first: dict[str, Cite] = {}
        for file, e in self.members[ent.id]:
            if e.cites:
                first.setdefault(file, e.cites[0])
        return sorted(first.items(), key=lambda p: self.order.get(p[0], 0))

    def quotes(self) -> list[tuple[str, Quote]]:
        """Every quote as (source file, quote), in file order."""
        return [(af.source.file, q) for af in self.facts for q in af.quotes]


def story_title(view: StoryView) -> str:
    """Return the place or organisation named in most sources (then most often), else the first title."""
    candidates = [e for e in view.entities if e.kind in ("place", "organisation")]
    most = max((len(set(e.sources)) for e in candidates), default=0)
    score = {}  # texts are searched only for the entities named in most sources: linear, not quadratic
    for e in candidates:
        if len(set(e.sources)) == most:
            uses = sum(t.count(n) for t in view.texts.values() for n in {e.name, *e.aliases})
            score[e.name] = (-uses, e.name.casefold(), e.name)
    if score:
        return min(score, key=score.__getitem__)
    titled = [af.source.title for af in view.facts if af.source.title]
    return titled[0] if titled else "Fact sheet"
