"""The whole pipeline on the repository's real seeds/: a site whose every fact links to its sentence,
and the same bytes from the same seeds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from generator import pipeline
from generator.store import facts

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted(p for p in (REPO / "seeds").iterdir() if p.is_file() and not p.name.startswith("."))
_HREF = re.compile(r'href="([^"]*#s\d+)"')
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def copy_project(root: Path) -> Path:
    """A project at root holding a copy of the repository's seeds/ and mkdocs.yml; returns root."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """{relative path: bytes} of every file under folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def html_of(site: Path, page: str) -> Path:
    """The HTML file MkDocs writes for a docs/ page (directory URLs: a.md -> a/index.html)."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / stem / "index.html"


def fact_pages(docs: Path) -> list[str]:
    """docs/ pages whose front matter says they show at least one fact."""
    out = []
    for path in sorted(docs.rglob("*.md")):
        match = _FRONT.match(path.read_text(encoding="utf-8"))
        if match and (yaml.safe_load(match.group(1)) or {}).get("factsheet_facts", 0) > 0:
            out.append(path.relative_to(docs).as_posix())
    return out


def target_of(site: Path, page_html: Path, href: str) -> tuple[Path, str]:
    """(HTML file, anchor id) a link on a page points at."""
    base = "http://site/" + page_html.relative_to(site).as_posix()
    url = urlparse(urljoin(base, href))
    path = url.path.lstrip("/")
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    return file, url.fragment


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, pipeline.Report]:
    """The repository's seeds built into a throw-away project, site included."""
    root = copy_project(tmp_path_factory.mktemp("pipeline") / "project")
    return root, pipeline.build(pipeline.Config(root=root))


def test_build_reports_what_it_made(built):
    root, report = built
    assert report.articles == len(SEEDS)
    assert report.site_built
    assert report.pages > 0
    assert all(report.facts[s] > 0 for s in ("who", "what", "figures", "quotes")), report.facts
    assert (root / "site" / "index.html").is_file()


def test_one_fact_file_per_seed(built):
    root, _ = built
    names = sorted(p.name for p in (root / "facts" / "articles").glob("*.yaml"))
    assert names == sorted(facts.fact_file_name(p.name) for p in SEEDS)
    read = facts.read_all(root / "facts")
    assert sorted(f.source.file for f in read) == [p.name for p in SEEDS]


def test_every_fact_page_links_to_existing_sentence_anchors(built):
    root, _ = built
    site = root / "site"
    pages = fact_pages(root / "docs")
    assert "index.md" in pages and "figures.md" in pages
    anchors: dict[Path, set[str]] = {}
    for page in pages:
        page_html = html_of(site, page)
        assert page_html.is_file(), page
        hrefs = _HREF.findall(page_html.read_text(encoding="utf-8"))
        assert hrefs, f"{page_html} shows facts but has no link to a source sentence"
        for href in hrefs:
            file, anchor = target_of(site, page_html, href)
            assert file.is_file(), f"{page_html}: {href} -> missing {file}"
            assert file.relative_to(site).parts[0] == "sources", f"{page_html}: {href} is not a source page"
            if file not in anchors:
                anchors[file] = set(re.findall(r'id="(s\d+)"', file.read_text(encoding="utf-8")))
            assert anchor in anchors[file], f"{page_html}: {href} -> no id={anchor!r} in {file}"


def test_footnotes_of_fact_pages_cite_source_sentences(built):
    root, _ = built
    site = root / "site"
    for page in fact_pages(root / "docs"):
        text = html_of(site, page).read_text(encoding="utf-8")
        assert 'class="footnote"' in text, page
        footnotes = text[text.index('class="footnote"') :]
        assert _HREF.search(footnotes), f"{page}: its footnotes link to no source sentence"


def test_check_command_passes(built):
    root, _ = built
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("check: ")


def test_same_seeds_give_byte_identical_facts_docs_and_site(built, tmp_path):
    # the second build runs in another process with another string-hash seed, so an output that
    # follows set or dict-of-set order would differ
    first, _ = built
    second = copy_project(tmp_path / "second")
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=second,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for folder in ("facts", "docs", "site"):  # site/: SOURCE_DATE_EPOCH fixes MkDocs' sitemap dates
        one, two = tree(first / folder), tree(second / folder)
        assert one, folder
        assert one.keys() == two.keys(), folder
        for name in one:
            assert one[name] == two[name], f"{folder}/{name} differs between builds"


def test_rebuild_in_process_changes_nothing(built):
    root, _ = built
    before = tree(root / "facts"), tree(root / "docs")
    pipeline.build(pipeline.Config(root=root, build_site=False))
    assert (tree(root / "facts"), tree(root / "docs")) == before


def test_story_file_sets_the_title_and_summary_and_an_edit_of_it_rebuilds(built, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built[0], root, ignore=shutil.ignore_patterns("site"))
    config = pipeline.Config(root=root, build_site=False)
    (root / "seeds" / "story.yaml").write_text(
        "title: Unrest in the steppe\nsummary: An invented summary for this test.\n", encoding="utf-8"
    )
    report = pipeline.build(config)
    assert not report.up_to_date
    assert not any("story.yaml" in w for w in report.warnings)
    home = (root / "docs" / "index.md").read_text(encoding="utf-8")
    assert "# Unrest in the steppe" in home and "An invented summary for this test" in home
    (root / "seeds" / "story.yaml").write_text("title: Another title\n", encoding="utf-8")
    assert not pipeline.build(config).up_to_date
    assert "# Another title" in (root / "docs" / "index.md").read_text(encoding="utf-8")
