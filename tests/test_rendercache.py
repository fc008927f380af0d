"""The render cache's keys: which files a page's Markdown links name, what of the theme counts, what
a page's conversion is made from (publish/rendercache.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.publish.rendercache import link_targets
from tests.shared_data import REPO


def test_link_targets_are_every_relative_markdown_link_without_anchors():
    markdown = (
        'See [the figures](figures.md#g-1), ![a chart](img/chart.png "Chart") and '
        "[a person](<../people/jane doe.md>).\n"
        "[a site](https://example.org/a), [mail](mailto:desk@example.org), [here](#top), [root](/abs.md)\n"
        "[ref]: sources/a.md\n"
        "   [spaced]: <sources/b c.md>\n"
    )
    assert link_targets(markdown) == {
        "figures.md",
        "img/chart.png",
        "../people/jane doe.md",
        "sources/a.md",
        "sources/b c.md",
    }


def test_raw_html_and_plain_text_name_no_target():
    assert link_targets('<a href="../figures/">figures</a> and (parentheses) [brackets] here') == set()


def test_the_theme_fingerprint_walks_only_the_folders_no_version_stands_for(tmp_path, monkeypatch):
    import pathlib

    import material

    from generator.publish.rendercache import theme_fingerprint

    mine = tmp_path / "overrides"
    (mine / "partials").mkdir(parents=True)
    page = mine / "partials" / "footer.html"
    page.write_text("<footer>one</footer>", encoding="utf-8")
    packaged = str(Path(material.__file__).parent / "templates")
    first = theme_fingerprint([str(mine), packaged])
    assert theme_fingerprint([str(mine), packaged]) == first
    page.write_text("<footer>two, longer</footer>", encoding="utf-8")
    assert theme_fingerprint([str(mine), packaged]) != first  # a file of one's own theme folder counts
    walked = []
    rglob = pathlib.Path.rglob
    monkeypatch.setattr(
        pathlib.Path, "rglob", lambda self, pattern: walked.append(self) or rglob(self, pattern)
    )
    theme_fingerprint([str(mine), packaged])
    assert walked == [mine]  # Material's own folder is known by Material's version


def test_a_page_whose_front_matter_alone_changed_reuses_its_conversion(tmp_path):
    """MkDocs strips the front matter before it converts a page, so a page whose Markdown is the same
    under other front matter keeps its cached conversion; its HTML file, made with the front matter,
    is still what a build without the cache gives."""
    from generator.publish.build import build_story_sites

    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    pages = {
        "index.md": "# Stories\n",
        "s/index.md": "# Story\n\nSee [the page](page.md).\n",
        "s/page.md": "---\ndescription: {}\n---\n# A page\n\nSome text.[^1]\n\n[^1]: A note.\n",
    }

    def site(docs: str, description: str, cache: Path | None) -> tuple[str, tuple[int, int]]:
        for rel, text in pages.items():
            (tmp_path / docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / docs / rel).write_text(text.replace("{}", description), encoding="utf-8")
        out = tmp_path / f"site-{docs}-{description}"
        counts = build_story_sites(
            tmp_path,
            strict=True,
            docs_dir=tmp_path / docs,
            site_dir=out,
            top_date=None,
            stories=[("s", None)],
            folders=["s"],
            cache_dir=cache,
        )
        return (out / "s" / "page" / "index.html").read_text(encoding="utf-8"), counts

    cache = tmp_path / "cache"
    cache.mkdir()
    site("docs", "first words", cache)
    html, (hits, total) = site("docs", "other words", cache)
    assert hits == total == 2  # both pages of the story: neither one's Markdown changed
    assert 'content="other words"' in html
    assert site("plain", "other words", None)[0] == html


def test_search_entries_are_reused_unless_front_matter_a_search_index_reads_changed(tmp_path):
    from types import SimpleNamespace

    from generator.publish.rendercache import RenderCache

    class Index:
        """A search index as the cache sees one: entries, and a page's indexing (counted)."""

        def __init__(self) -> None:
            self.entries: list[dict] = []
            self.indexed = 0

        def add_entry_from_context(self, page) -> None:
            self.indexed += 1
            self.entries.append({"location": page.url, "title": str(page.meta.get("title")), "text": "x"})

    def build(meta: dict) -> Index:
        index = Index()
        settings = {"markdown_extensions": [], "mdx_configs": {}, "use_directory_urls": True}
        plugins = {"search": SimpleNamespace(search_index=index, config={})}
        cache = RenderCache(tmp_path / "part.pickle", {**settings, "validation": {}, "plugins": plugins}, [])
        page = SimpleNamespace(
            meta=meta, url="a/", title="A", toc=SimpleNamespace(items=[]), content="<p>x</p>"
        )
        index.add_entry_from_context(page)
        cache.save()
        return index

    first = build({"title": "A", "factsheet_jsonld": "{...1}", "factsheet_facts": 2})
    again = build({"title": "A", "factsheet_jsonld": "{...2}", "factsheet_facts": 3})  # factsheet's own
    assert (first.indexed, again.indexed) == (1, 0) and again.entries == first.entries
    assert build({"title": "B", "factsheet_jsonld": "{...2}", "factsheet_facts": 3}).indexed == 1
    assert build({"title": "B", "factsheet_jsonld": "{...2}", "tags": ["flood"]}).indexed == 1


def test_a_cached_page_skips_the_pass_through_and_gives_the_same_files(tmp_path, monkeypatch):
    """A page whose conversion is cached also takes what the plugin made of it next from the cache (its raw
    HTML blocks put back, what search was given, the blocks' anchors): its HTML file and search entries are
    those of the build that converted it; a changed page goes through the pass-through again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.publish import plugin
    from tests.test_passthrough import page

    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    docs = tmp_path / "docs"
    (docs / "sources").mkdir(parents=True)
    (docs / "index.md").write_text("# Bridges\n\nSee [the mayor](sources/herald.md#s0).\n", encoding="utf-8")
    (docs / "sources" / "herald.md").write_text(page(), encoding="utf-8")
    (docs / "sources" / "courier.md").write_text(page(indexed=False), encoding="utf-8")
    monkeypatch.setenv("FACTSHEET_BUILDING", "1")
    monkeypatch.setenv("FACTSHEET_RENDER_CACHE", str(tmp_path / "cache.pickle"))

    def site(name: str) -> dict[str, bytes]:
        out = tmp_path / name
        build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(out), strict=True))
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first = site("first")
    hidden = []
    real_hide = plugin.passthrough.hide

    def counted(markdown: str):
        hidden.append(markdown)
        return real_hide(markdown)

    monkeypatch.setattr(plugin.passthrough, "hide", counted)
    for step in ("restore", "put_back"):
        monkeypatch.setattr(plugin.passthrough, step, lambda *a, **k: pytest.fail("the page was converted"))
    assert site("second") == first and hidden == []
    assert b"fs-article" in first["sources/herald/index.html"]
    monkeypatch.undo()
    monkeypatch.setenv("FACTSHEET_BUILDING", "1")
    monkeypatch.setenv("FACTSHEET_RENDER_CACHE", str(tmp_path / "cache.pickle"))
    monkeypatch.setattr(plugin.passthrough, "hide", counted)
    (docs / "sources" / "courier.md").write_text(page(indexed=False) + "\nOne more line.\n", encoding="utf-8")
    third = site("third")
    assert len(hidden) == 1 and b"One more line." in third["sources/courier/index.html"]
    assert third["sources/herald/index.html"] == first["sources/herald/index.html"]
