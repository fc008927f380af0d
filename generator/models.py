"""Typed models shared by every stage: the article read from disk and the facts taken from it.

The fact models are the YAML contract (see docs/fact-format.md): `ArticleFacts` is one file
under facts/articles/. Every fact carries `cites`, each an exact slice of the article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Kind = Literal["person", "organisation", "place"]
Qualifier = Literal["exact", "more_than", "at_least", "nearly", "about", "up_to", "less_than", "vague"]
Span = tuple[int, int]
# what kind of outlet a source is, where its text or a person says so
SourceType = Literal["agency", "agency copy", "broadcaster", "newspaper", "magazine", "online", "state media"]
# page furniture in an article's text: shown dimmed on its source page, kept out of its facts
FurnitureKind = Literal[
    "app banner", "store badge", "gallery heading", "repeat", "caption", "link", "social", "advert"
]
# furniture whose names are facts all the same: the outlet an app banner names, the photographer and
# agency a caption credits. It is read for names only, never for figures, events or quotes.
NAMES_READ: frozenset[str] = frozenset({"app banner", "caption"})


@dataclass
class Article:
    """One seed article as read from disk: its exact text and what is known about it."""

    file: str  # path relative to seeds/, with forward slashes ("story/a.txt" or "a.txt")
    text: str  # decoded, newlines normalised to \n, nothing else changed
    sha256: str  # of the file's bytes
    story: str = ""  # sub-folder of seeds/ ("" for a flat seeds/)
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    byline: str | None = None
    type: SourceType | None = None  # what kind of outlet the publisher is
    via: str | None = None  # the outlet whose page carried another publisher's text (an app banner)
    not_before: str | None = None  # YYYY-MM-DD: an undated article quotes a post signed with this date
    furniture: list[Furniture] = field(default_factory=list)  # page furniture, in text order
    # spans of metadata lines (stamps, credits, bylines, captions) that hold names but no other facts
    skip_spans: list[Span] = field(default_factory=list)
    unread: list[Span] = field(default_factory=list)  # spans of page furniture no fact is read from
    warnings: list[str] = field(default_factory=list)
    also_as: list[str] = field(default_factory=list)  # other seed files with byte-identical text


@dataclass
class Story:
    """One story of the site: its articles' facts and what reconciling them gave."""

    slug: str  # "" when seeds/ is flat, else the seeds/ sub-folder
    facts: list[ArticleFacts]
    texts: dict[str, str]  # source file -> article text
    entities: list[StoryEntity] = field(default_factory=list)
    figures: list[FigureGroup] = field(default_factory=list)
    events: list[StoryEvent] = field(default_factory=list)
    # the links story/links.py computes once, after reconciling and curating, for the pages to read
    speakers: dict[str, str] = field(default_factory=dict)  # a quote's speaker as written -> entity id
    stated: dict[str, list[str]] = field(default_factory=dict)  # an attribution as written -> entity ids
    source_entities: dict[str, list[SourceEntity]] = field(default_factory=dict)  # source file -> its own
    linked: bool = False
    title: str | None = None  # set in seeds/<story>/story.yaml, else inferred by the site
    summary: str | None = None


class Strict(BaseModel):
    """Base of the fact models: unknown keys are an error, field order is the YAML order."""

    model_config = ConfigDict(extra="forbid")


class Cite(Strict):
    """Where a fact comes from: article_text[start:end] == quote."""

    quote: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Furniture(Strict):
    """A stretch of page furniture in an article (an app banner, a repeated caption): text[start:end]."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: FurnitureKind


class Source(Strict):
    """Metadata of the article a fact file was made from."""

    file: str
    sha256: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = None
    byline: str | None = None
    story: str = ""
    also_as: list[str] = []
    type: SourceType | None = None
    via: str | None = None
    not_before: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    furniture: list[Furniture] = []


def source_fields(article: Article) -> dict:
    """The fields of an article's `Source`: what its fact file records about it."""
    return {
        "file": article.file,
        "sha256": article.sha256,
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published,
        "url": article.url,
        "byline": article.byline,
        "story": article.story,
        "also_as": article.also_as,
        "type": article.type,
        "via": article.via,
        "not_before": article.not_before,
        "furniture": [f.model_dump() for f in article.furniture],
    }


class Entity(Strict):
    """A named person, organisation or place, with the forms and roles the article gives it."""

    id: str
    name: str
    kind: Kind
    aliases: list[str] = []
    roles: list[str] = []
    mentions: list[Span] = []
    cites: list[Cite]
    corrected: str | None = None  # an editor's note, from facts/curation.yaml


class Event(Strict):
    """Something that happened, with its day when the article states or implies one."""

    id: str
    statement: str
    when: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    when_text: str | None = None
    cites: list[Cite]
    corrected: str | None = None  # an editor's note, from facts/curation.yaml


class Figure(Strict):
    """A number: its value, how it was written, what it counts and who stated it."""

    id: str
    value: float | int | None
    value_text: str
    qualifier: Qualifier
    unit: str
    counts: str
    attributed_to: str | None = None
    as_of: str | None = None
    # what `counts` is made of, for grouping reports across sources: the kind of number, the
    # counted thing (lemma; `subject_guess` when borrowed from a figure before it) and the event
    kind: str = "count"
    subject: str | None = None
    subject_guess: bool = False
    event: str | None = None
    cites: list[Cite]
    corrected: str | None = None  # an editor's note, from facts/curation.yaml


class Quote(Strict):
    """A passage in quotation marks and who said it."""

    id: str
    speaker: str | None
    text: str
    cites: list[Cite]
    corrected: str | None = None  # an editor's note, from facts/curation.yaml


class ArticleFacts(Strict):
    """Everything taken from one article: the content of facts/articles/<name>.yaml."""

    source: Source
    who: list[Entity] = []
    what: list[Event] = []
    figures: list[Figure] = []
    quotes: list[Quote] = []
    extractor: str = ""
    # what extraction noticed (a sentence cut short), told by the build that extracts the article; not
    # part of the fact file
    _warnings: list[str] = PrivateAttr(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """The extraction's warnings about this article (none once it is read back from its file)."""
        return self._warnings


class SourcedRole(Strict):
    """A role an entity is given, and the source that gives it."""

    role: str
    source: str


class StoryEntity(Strict):
    """One real person, organisation or place across all the sources of a story."""

    id: str
    name: str
    kind: Kind
    aliases: list[str] = []
    sources: list[str] = []
    roles: list[SourcedRole] = []
    facts: list[str] = []  # ids of the per-article entities merged here
    corrected: str | None = None
    said: list[QuoteRef] = []  # the quotes whose speaker is this entity, in source order


class FigureReport(Strict):
    """One source's report of a quantity."""

    source: str
    figure: str  # id of the figure in the source's fact file
    value: float | int | None
    value_text: str
    qualifier: Qualifier
    attributed_to: str | None = None
    as_of: str | None = None
    # the day the figure was true (story/asof.py), its part of day, and whether the day is only the
    # article's own (or, for an undated article, one inferred) rather than read from the sentence
    as_of_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    as_of_part: str | None = None
    as_of_inferred: bool = True
    published: str | None = None
    cites: list[Cite]
    restated: list[str] = []  # ids of the same source's figures that restate this one (headline, caption)
    stated_by: list[str] = []  # ids of the story entities the attribution names
    # a report counting 'people' that another source's report of the same value, qualifier and speaker
    # narrows to a scope ('300 people injured' / '300 police injured', both per the ministry): that source
    scope_from: str | None = None


class FigureGroup(Strict):
    """The reports of one quantity across sources, and whether they agree."""

    id: str
    counts: str
    unit: str
    status: Literal["agreed", "conflicting", "single"]
    scope: str | None = None  # whose count it is: 'security forces', 'civilians', 'everyone'
    # why the values of a conflicting group differ
    difference: Literal["revision", "scope", "rounding", "dispute"] | None = None
    compares: list[str] = []  # a scope comparison: the ids of the groups (one per scope) it sets side by side
    reports: list[FigureReport]


class EventReport(Strict):
    """One source's account of an event."""

    source: str
    event: str  # id of the event in the source's fact file
    statement: str
    when: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")  # the day this source gives
    when_text: str | None = None
    when_inferred: bool = False  # the day counted from an article date that is itself inferred
    published: str | None = None
    cites: list[Cite]


class StoryEvent(Strict):
    """One event of the story, told by one or more sources; where a later source tells it with another
    number, day or a denial, `difference` says which and the leading statement is the latest version."""

    id: str
    statement: str
    when: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    when_part: str | None = None  # 'early', 'midday', 'overnight': for the order within a day
    when_inferred: bool = False
    when_text: str | None = None
    difference: Literal["number", "date", "denial"] | None = None
    reports: list[EventReport]


class QuoteRef(Strict):
    """A quote of one source, by the id it has in that source's fact file."""

    source: str
    quote: str


class SourceEntity(Strict):
    """The entities of one kind that one source names, merged where their names are the same (the list of
    facts on a source page)."""

    name: str
    kind: Kind
    aliases: list[str] = []
    roles: list[str] = []
    cite: Cite | None = None  # the first sentence naming it
    corrected: str | None = None  # the editors' notes on the entities merged here (facts/curation.yaml)
