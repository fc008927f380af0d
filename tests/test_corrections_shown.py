"""An editor's correction is shown on every page where the corrected fact appears, marked
"Corrected: <note>", the note escaped like every other article-derived or edited text."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path

from generator.site.render import render_stories
from generator.story import corrections as curate
from generator.story import make_story
from tests.conftest import make_story as fixture_story
from tests.conftest import markdown_to_html, parse_html, visible_text

AFP_PAGE = "sources/002-7de7c1baf47c190f.md"
TOKAYEV_PAGE = "people/kassym-jomart-tokayev.md"
# notes written like hostile input: markup, Markdown and Jinja must stay text
FIG_NOTE = "Checked with the <b>ministry</b> *statement*"
QUOTE_NOTE = "Speaker confirmed [here](javascript:alert(1))"
EVENT_NOTE = "Day checked {{ 7*7 }}"
ENTITY_NOTE = "Full name `checked`"
MERGE_NOTE = "One place, two names"

CURATION = f"""
corrections:
  - id: fig-in000001
    set: {{qualifier: at_least}}
    note: "{FIG_NOTE}"
    by: Desk
  - id: quo-pk000001
    set: {{speaker: CSTO}}
    note: "{QUOTE_NOTE}"
  - id: evt-tr000001
    note: "{EVENT_NOTE}"
  - id: ent-tk000001
    set: {{roles: [President]}}
    note: "{ENTITY_NOTE}"
  - merge: [ALMATY, KAZAKHSTAN]
    note: "{MERGE_NOTE}"
"""


def build(tmp_path: Path) -> dict[str, str]:
    """Render the fixture story with the corrections applied; {page: HTML} of every Markdown page."""
    facts, texts = fixture_story()
    ids = {e.name: e.id for e in make_story("", facts, texts).entities}  # the story entities' ids
    curation = CURATION.replace("ALMATY", ids["Almaty"]).replace("KAZAKHSTAN", ids["Kazakhstan"])
    (tmp_path / "curation.yaml").write_text(curation, encoding="utf-8")
    corrections = curate.load(tmp_path / "curation.yaml")
    curated, out = copy.deepcopy(facts), curate.Outcome()
    curate.apply_to_articles(curated, corrections, out)
    story = make_story("", curated, texts, corrections, out)
    assert curate.stale(corrections, out) == []
    docs = tmp_path / "docs"
    paths = render_stories([story], docs)
    return {
        p.relative_to(docs).as_posix(): markdown_to_html(p.read_text(encoding="utf-8"))
        for p in paths
        if p.suffix == ".md"
    }


def test_every_page_showing_a_corrected_fact_shows_its_note(tmp_path):
    pages = build(tmp_path)
    text = {name: visible_text(html) for name, html in pages.items()}
    fig = f"Corrected: {FIG_NOTE} (Desk)"
    expected = {
        fig: ["figures.md", AFP_PAGE],
        f"Corrected: {QUOTE_NOTE}": ["quotes.md", AFP_PAGE],
        f"Corrected: {EVENT_NOTE}": ["timeline.md", AFP_PAGE],
        f"Corrected: {ENTITY_NOTE}": [TOKAYEV_PAGE, "people.md", AFP_PAGE],
    }
    for note, names in expected.items():
        for name in names:
            assert text[name].count(note) == 1, (note, name)
    # the merged story entity: its own page and its kind's index say so
    merged = [n for n in text if n.startswith("places/") and f"Corrected: {MERGE_NOTE}" in text[n]]
    assert merged == ["places/almaty.md"]
    assert text["places.md"].count(f"Corrected: {MERGE_NOTE}") == 1
    # a page without a corrected fact says nothing of corrections
    assert "Corrected:" not in text["sources/001-hostile-page.md"]


def test_a_note_is_text_not_markup(tmp_path):
    pages = build(tmp_path)
    for name, html in pages.items():
        parsed = parse_html(html)
        assert not {tag for tag, _ in parsed.tags} & {"b", "code"}, name
        hrefs = [a.get("href") or "" for _, a in parsed.tags]
        assert not [h for h in hrefs if "javascript" in h], name
    # the Markdown of the notes comes out as the characters the editor typed
    assert FIG_NOTE in visible_text(pages["figures.md"])
    assert ENTITY_NOTE in visible_text(pages[TOKAYEV_PAGE])
    assert QUOTE_NOTE in visible_text(pages["quotes.md"])
    assert "{{ 7*7 }}" in visible_text(pages["timeline.md"])


class _Spans(HTMLParser):
    """The text inside each element of class fs-corrected."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.spans: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if self._depth:
            self._depth += 1
        elif "fs-corrected" in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.spans.append("")

    def handle_endtag(self, tag):
        self._depth = max(0, self._depth - 1)

    def handle_data(self, data):
        if self._depth:
            self.spans[-1] += data


def test_a_note_is_one_marked_element(tmp_path):
    pages = build(tmp_path)
    spans = _Spans()
    spans.feed(pages["figures.md"])
    assert spans.spans == [f"Corrected: {FIG_NOTE} (Desk)"]
