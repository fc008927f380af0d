"""site/parts.py and the split aggregate pages: a family too long for one page is cut into parts by the
names (or months) of its entries, every entry is on exactly one part, an entry's part does not move when
others come and go, and every link to a split page's entries still lands (footnotes, anchors, JSON-LD)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from generator import pipeline
from generator.check import check_pages
from generator.ingest.seeds import read_seeds
from generator.publish.build import build_site
from generator.publish.linkcheck import check_site
from generator.site import view as view_module
from generator.site.page import environment
from generator.site.pages import figures as figures_module
from generator.site.pages import home as home_module
from generator.site.pages import timeline as timeline_module
from generator.site.parts import by_key, by_name, fold
from generator.site.render import render_stories, story_views
from generator.site.urls import group_anchor, quote_anchor
from generator.store.facts import read_all
from tests.conftest import ROOT, make_stories

NAMES = [
    "people killed", "people injured", "people evacuated", "pounds raised", "per cent of voters",
    "homes flooded", "hours of rain", "metres of river bank", "miles of road", "tonnes of sand",
    "teachers on strike", "pupils sent home", "police officers", "ponies rescued", "Éclairs sold",
    "£ spent", "2004 season",
]  # fmt: skip


def parts_of(names: list[str], limit: int) -> dict[str, list[str]]:
    parts = by_name("figures", names, lambda n: n, limit)
    assert parts is not None
    return {p.path: p.items for p in parts}


def test_a_family_that_fits_one_page_is_not_split():
    assert by_name("figures", NAMES, lambda n: n, len(NAMES)) is None
    assert by_key("timeline", ["2005-03"] * 4, lambda k: k, 4) is None


def test_every_entry_is_on_exactly_one_part_of_at_most_limit_entries():
    for limit in (1, 2, 3, 5, 8):
        parts = parts_of(NAMES, limit)
        placed = [n for items in parts.values() for n in items]
        assert sorted(placed) == sorted(NAMES), limit
        assert all(1 <= len(items) <= limit for items in parts.values()), limit


def test_parts_are_cut_by_first_letters_then_more_letters_where_crowded():
    parts = parts_of(NAMES, 3)
    # five names start with "p": too many for one part, so they are cut by two letters, "pe" by three
    assert parts["figures/po.md"] == ["pounds raised", "police officers", "ponies rescued"]
    assert parts["figures/pu.md"] == ["pupils sent home"]
    assert sorted(parts["figures/peo.md"]) == ["people evacuated", "people injured", "people killed"]
    assert parts["figures/per.md"] == ["per cent of voters"]
    assert parts["figures/h.md"] == ["homes flooded", "hours of rain"]  # fits: one letter
    # a name is folded to ASCII letters and digits; one with none goes under "0"
    assert parts["figures/e.md"] == ["Éclairs sold"]
    assert "£ spent" in parts["figures/s.md"]
    assert parts["figures/2.md"] == ["2004 season"]
    assert fold("£ spent") == "spent" and fold("…") == ""


def test_names_that_share_every_letter_are_cut_into_pieces():
    names = [f"people killed in {town}" for town in ("Arden", "Brill", "Cope", "Dent", "Eske")]
    parts = parts_of(names, 2)
    assert list(parts) == ["figures/peo.md", "figures/peo-2.md", "figures/peo-3.md"]
    assert [len(items) for items in parts.values()] == [2, 2, 1]


def test_an_entry_keeps_its_part_when_others_come_and_go():
    before = parts_of(NAMES, 3)
    after = parts_of([*NAMES, "metres of flood wall", "votes cast"], 3)
    where = {n: path for path, items in before.items() for n in items}
    moved = {n for path, items in after.items() for n in items if n in where and where[n] != path}
    assert moved == set()
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"figures/m.md", "figures/v.md"}  # the parts of the two new names only


def test_keyed_entries_are_cut_by_key_and_a_crowded_key_into_pieces():
    keys = ["2005-02", "2005-03", "2005-03", "2005-03", "undated", "undated"]
    parts = by_key("timeline", keys, lambda k: k, 2)
    assert parts is not None
    assert [(p.path, len(p.items)) for p in parts] == [
        ("timeline/2005-02.md", 1),
        ("timeline/2005-03.md", 2),
        ("timeline/2005-03-2.md", 1),
        ("timeline/undated.md", 2),
    ]


@pytest.fixture
def tiny_pages(monkeypatch):
    """Every split family's limit set so low that the invented stories are split."""
    monkeypatch.setattr(view_module, "FIGURES_PER_PAGE", 2)
    monkeypatch.setattr(view_module, "QUOTES_PER_PAGE", 1)
    monkeypatch.setattr(view_module, "ENTITIES_PER_PAGE", 2)
    monkeypatch.setattr(view_module, "SOURCES_PER_PAGE", 2)
    monkeypatch.setattr(figures_module, "DISPUTED_PER_PAGE", 1)
    monkeypatch.setattr(timeline_module, "TIMELINE_PER_PAGE", 2)
    monkeypatch.setattr(home_module, "HOME_SOURCES", 1)


def seeds_story() -> list:
    """The repository's seeds as one story, from its committed fact files."""
    articles, _ = read_seeds(ROOT / "seeds")
    return pipeline.stories_of(articles, read_all(ROOT / "facts"))


@pytest.mark.slow
def test_split_pages_are_linked_and_every_link_to_an_entry_lands(tiny_pages, tmp_path):
    stories = [*seeds_story(), *make_stories()]
    root = tmp_path / "site-project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    docs = root / "docs"
    render_stories(stories, docs)
    views = dict((v.story.slug, (folder, v)) for folder, v in story_views(stories))
    folder, view = views[""]  # the seeds: every family is split
    for family in (
        "figures",
        "quotes",
        "timeline",
        "disputed",
        "people/index",
        "places/index",
        "sources/index",
    ):
        assert list((docs / folder / family).glob("*.md")), family
    index = (docs / folder / "figures.md").read_text(encoding="utf-8")
    # the parts listed as raw HTML, linked for directory URLs (figures/ -> figures/age/: "age/")
    listed = re.findall(r'^<li><a href="([a-z0-9-]+)/">', index, re.M)
    assert listed == [p.path.removeprefix("figures/").removesuffix(".md") for p in view.figure_parts]
    home = (docs / folder / "index.md").read_text(encoding="utf-8")
    assert "[every source](sources/index.md)" in home  # the home page lists the newest source only
    # the sources table in parts by title, each row linking its source's page from the part's folder
    rows = [r for p in view.source_parts for r in p.items]
    assert sorted(r["source"].file for r in rows) == sorted(view.by_file)
    part = view.source_parts[0]
    text = (docs / folder / part.path).read_text(encoding="utf-8")
    assert f"(../{part.items[0]['slug']}.md)" in text and "Part 1 of" in text
    for folder, view in views.values():
        story = docs / folder
        # each figure group's and each quote's anchor is on the part the view names for it
        for g in view.story.figures:
            page = (story / view.figure_page(g.id)).read_text(encoding="utf-8")
            assert f"#{group_anchor(g.id)} }}" in page, g.counts
        for file, q in view.quotes():
            page = (story / view.quote_page(file, q.id)).read_text(encoding="utf-8")
            assert f'id="{quote_anchor(view.slugs[file], q.id)}"' in page
    assert check_pages(docs) == []  # footnotes: counts and links to source sentences
    build_site(root)  # mkdocs build --strict
    report = check_site(root / "site")
    assert report.broken == []
    main = views[""][0]
    parts = {str(p.relative_to(root / "site")) for p in (root / "site").glob(f"{main}/figures/*/index.html")}
    assert parts == {f"{main}/{p.path.removesuffix('.md')}/index.html" for p in views[""][1].figure_parts}


def test_a_part_holds_entries_up_to_a_weight_and_a_heavy_entry_alone():
    """A figure group with many reports is a long entry: parts are cut by weight, not by count."""
    weights = {"people killed": 9, "people injured": 1, "people evacuated": 1, "police officers": 1}
    parts = by_name("figures", list(weights), lambda n: n, 4, weight=weights.get)
    assert parts is not None
    for p in parts:
        assert sum(weights[n] for n in p.items) <= 4 or len(p.items) == 1, p.items
    assert ["people killed"] in [p.items for p in parts]
    assert by_name("figures", list(weights), lambda n: n, 12, weight=weights.get) is None  # 12 fits


def test_the_home_page_gives_as_data_only_the_sources_it_lists_or_cites(monkeypatch):
    """A story of many sources lists its newest on the home page: its JSON-LD names those, and the
    sources its key figures appear in, not every source of the story."""
    monkeypatch.setattr(home_module, "HOME_SOURCES", 1)
    [story] = seeds_story()
    view = view_module.StoryView(story)

    def sources_named() -> tuple[set[str], set[str], set[str]]:
        """(the NewsArticles of the home page's JSON-LD, the sources it lists, those its claims are in)"""
        page = home_module.home(environment(), view)
        graph = json.loads(yaml.safe_load(page.md.split("---\n")[1])["factsheet_jsonld"])["@graph"]
        articles = {g["@id"] for g in graph if g["@type"] == "NewsArticle"}
        listed = {f"sources/{row['slug']}/" for row in home_module.newest_rows(view)}
        return articles, listed, {g["appearance"]["@id"] for g in graph if g["@type"] == "Claim"}

    articles, listed, appear = sources_named()
    assert len(listed) == 1 and articles == listed | appear
    monkeypatch.setattr(home_module, "key_groups", lambda view: [])  # no key figures: no claims
    articles, listed, appear = sources_named()
    assert articles == listed and not appear and view.total == 5


def test_the_figures_index_leads_with_the_first_disputed_figures_and_links_the_others(
    tiny_pages, monkeypatch
):
    monkeypatch.setattr(figures_module, "LEAD_LIMIT", 2)
    ((_, view),) = story_views(seeds_story())
    disputed = [g for g in view.story.figures if g.status == "conflicting"]
    assert len(disputed) > 2 and view.figure_parts
    index = figures_module.figures_page(environment(), view).md
    assert f"## Disputed ({len(disputed)})" in index
    led = re.findall(r"^- \[(.+?)\]\(figures/[a-z0-9-]+\.md#(g-[a-z0-9-]+)\)", index, re.M)
    assert [anchor for _, anchor in led] == [group_anchor(g.id) for g in disputed[:2]]
    assert f"- [and {len(disputed) - 2} more](disputed.md)" in index
