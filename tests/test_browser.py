"""The built site in a real browser (Playwright driving Debian's chromium), served by `python -m http.server`
on 127.0.0.1: footnote tooltips, the jump to the cited sentence, the search box, hostile articles, and not
one request to any other host. Screenshots go to test-artifacts/ (gitignored) in the repository root.

Without chromium (or Playwright) the tests are skipped, unless FACTSHEET_REQUIRE_BROWSER=1 (CI): then
they fail.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.site.urls import group_anchor, quote_anchor
from generator.site.view import source_slugs
from generator.store.facts import read_all
from tests.conftest import FURNITURE_ARTICLE, FURNITURE_SHOWN, ROOT, build_project

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
HOSTILE_FILE = "hostile.txt"
HOSTILE_STRINGS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[link](javascript:alert(1))",
    "{{ 7*7 }}",
    "| cell | cell |",
]
HOSTILE_TEXT = f"""{HOSTILE_STRINGS[0]} Unrest in Almaty | day two

Police said 26 people were killed in Almaty on Wednesday, {HOSTILE_STRINGS[1]} officials said.
Mayor Jane Doe wrote {HOSTILE_STRINGS[2]} and {HOSTILE_STRINGS[3]} in a statement {HOSTILE_STRINGS[4]}
"We will restore order in Almaty," President Kassym-Jomart Tokayev said on Thursday.
More than 1,000 people were injured in the clashes, the health ministry said.
"""


def no_browser(why: str) -> None:
    """Skip the test, or fail it when the environment requires the browser tests to run."""
    if os.environ.get("FACTSHEET_REQUIRE_BROWSER") == "1":
        pytest.fail(f"FACTSHEET_REQUIRE_BROWSER=1 but {why}")
    pytest.skip(why)


def chromium() -> str | None:
    """Debian's chromium, if installed."""
    found = shutil.which("chromium")
    return found or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("the playwright package is not installed")
    exe = chromium()
    if exe is None:
        no_browser("no chromium on this machine (apt-get install chromium)")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        except Exception as exc:  # a chromium that does not start counts as no chromium
            no_browser(f"chromium does not start: {exc}")
        yield b
        b.close()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site with `python -m http.server` on 127.0.0.1; yield its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(base, timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"http.server did not answer on {base}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def site(real_project) -> Iterator[str]:
    """The base URL of the real seeds' site."""
    with serve(real_project / "site") as base:
        yield base


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Iterator[str]:
    """The base URL of a site built from one invented article that tries to inject script, HTML,
    Markdown, Jinja and table cells."""
    root = build_project(tmp_path_factory.mktemp("hostile") / "project", {HOSTILE_FILE: HOSTILE_TEXT})
    with serve(root / "site") as base:
        yield base


@dataclass
class Tab:
    """A page in its own browser context, with what it asked for and what went wrong in it."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def hosts(self) -> set[str]:
        """The host:port of every request (data: and blob: URLs make no request)."""
        return {
            urlsplit(u).netloc for u in self.requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
        }

    def goto(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")


@contextlib.contextmanager
def open_tab(browser, color_scheme: str = "light", viewport: dict | None = None) -> Iterator[Tab]:
    """A fresh browser context; every request is recorded, and any to another host than 127.0.0.1 is
    refused (recorded first, so a test sees it)."""
    context = browser.new_context(viewport=viewport or VIEWPORT, color_scheme=color_scheme)
    page = context.new_page()
    t = Tab(page)

    def route(r) -> None:
        t.requests.append(r.request.url)
        if urlsplit(r.request.url).hostname == "127.0.0.1" or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    context.on("request", lambda r: t.requests.append(r.url))  # also what the route does not see
    page.on("console", lambda m: t.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: t.errors.append(str(e)))
    page.on("dialog", lambda d: (t.dialogs.append(d.message), d.dismiss()))
    try:
        yield t
    finally:
        context.close()


@pytest.fixture
def tab(browser) -> Iterator[Tab]:
    """A page in a fresh light-scheme context (see open_tab)."""
    with open_tab(browser) as t:
        yield t


def shot(tab: Tab, name: str, *, full: bool = False) -> None:
    """Save a screenshot to test-artifacts/<name>.png (once the header's title has stopped fading)."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.wait_for_timeout(500)
    tab.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def heading(tab: Tab) -> str:
    """The page's h1 as a reader sees it (without the permalink sign)."""
    return tab.page.locator("article h1").inner_text().removesuffix("¶").strip()


def only_local(tab: Tab, base: str) -> None:
    """Assert that the tab asked nothing of any host but the test server, and logged no error."""
    assert tab.requests, "no request recorded"
    assert tab.hosts() == {urlsplit(base).netloc}, sorted(tab.hosts())
    assert tab.errors == []
    assert tab.dialogs == []


def test_home_page(tab, site, real_project):
    tab.goto(site)
    page = tab.page
    title = yaml.safe_load((real_project / "docs" / "index.md").read_text(encoding="utf-8").split("---")[1])
    assert heading(tab) == html.unescape(title["title"])
    text = page.locator("article").inner_text()
    assert "Newest source:" in text and "Key figures" in text and "Sources" in text
    assert page.locator(".fs-cards li").count() > 0
    assert page.locator(".fs-cards .fs-badge").count() == page.locator(".fs-cards li").count()
    shot(tab, "home")
    only_local(tab, site)


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_first_screen_says_what_where_when_how_many_and_who(browser, site, width, height, scheme):
    with open_tab(browser, scheme) as t:
        t.page.set_viewport_size({"width": width, "height": height})
        t.goto(site)
        page = t.page

        def on_first_screen(selector: str) -> bool:
            box = page.locator(selector).first.bounding_box()
            return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height

        dateline = page.locator(".fs-dateline").inner_text()
        assert "Where:" in dateline and "When:" in dateline and "Updated:" in dateline
        glance = page.locator(".fs-glance li").all_inner_texts()
        assert any("killed" in g for g in glance) and any("injured" in g for g in glance), glance
        assert all(" — " in g for g in glance)  # each latest value says who stated it
        for selector in (".fs-dateline", ".fs-glance", ".fs-lead .footnote-ref"):
            assert on_first_screen(selector), selector
        assert page.locator(".fs-glance .footnote-ref").count() >= len(glance)
        shot(t, f"home-first-screen-{scheme}-{width}")
        only_local(t, site)


def test_footnote_tooltip_quotes_the_sentence_and_its_link_highlights_it(tab, site):
    tab.goto(site + "figures/")
    page = tab.page
    ref = page.locator("a.footnote-ref").nth(1)
    label = ref.get_attribute("href").removeprefix("#")
    note = page.locator(f"li[id='{label}']").inner_text()
    quote = re.search(r"“(.*)”", note).group(1)
    # mid-screen, so the tooltip opens clear of the sticky header (which would take the pointer)
    ref.evaluate("e => e.scrollIntoView({block: 'center'})")
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    page.wait_for_timeout(400)  # the tooltip's opening transition, before the pointer moves onto it
    shown = tooltip.inner_text()
    assert quote in shown  # the sentence, with its outlet and date before it
    assert re.match(r"^.+, (\d{4}-\d{2}-\d{2}|undated) — ", shown), shown
    link = tooltip.get_by_role("link", name="Read in source")
    link.hover()
    link.click()
    page.wait_for_url("**/sources/**#s*")
    page.wait_for_load_state("networkidle")
    target = page.evaluate(
        """() => {
            const t = document.querySelector(':target');
            if (!t) return null;
            const r = t.getBoundingClientRect();
            return {id: t.id, text: t.innerText, top: r.top, bottom: r.bottom, height: innerHeight,
                    header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                    background: getComputedStyle(t).backgroundColor};
        }"""
    )
    assert target and re.fullmatch(r"s\d+", target["id"]), target
    segment = " ".join(target["text"].split())
    assert segment and " ".join(quote.split()).startswith(segment[:40]), (segment, quote)
    assert target["header"] <= target["top"] < target["bottom"] <= target["height"], target  # in view
    assert target["background"] not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    shot(tab, "source-target")
    only_local(tab, site)


def searchable_person(root: Path) -> tuple[str, str]:
    """(name, page URL path) of the person of the story named in most sources who has a page."""
    entities = yaml.safe_load((root / "facts" / "entities.yaml").read_text(encoding="utf-8"))
    people = sorted(
        (e for e in entities if e["kind"] == "person"), key=lambda e: (-len(e["sources"]), e["name"])
    )
    for person in people:
        slug = re.sub(r"[^a-z0-9]+", "-", person["name"].lower()).strip("-")
        if (root / "docs" / "people" / f"{slug}.md").is_file():
            return person["name"], f"people/{slug}/"
    pytest.fail("no person of the story has a page")


def search(tab: Tab, site: str, words: str) -> None:
    """Type words into the search box of the home page (results show as they are typed)."""
    tab.goto(site)
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words)


def follow_result(tab: Tab, link: str, url: str, screenshot: str | None = None) -> None:
    """Wait for the search result whose link matches the CSS selector `link`, click it and wait for the
    page at `url` (a glob) to load; with a screenshot of the results first when named."""
    result = tab.page.locator(f".md-search-result__item {link}").first
    result.wait_for(state="visible")
    if screenshot:
        shot(tab, screenshot)
    result.click()
    tab.page.wait_for_url(url)
    tab.page.wait_for_load_state("networkidle")


def test_search_finds_a_person_and_reaches_the_page(tab, site, real_project):
    name, path = searchable_person(real_project)
    search(tab, site, name)
    follow_result(tab, f"a[href*='{path}']", f"**/{path}**")
    assert heading(tab) == name
    shot(tab, "entity")
    only_local(tab, site)


def test_search_index_has_people_places_and_figures(real_project):
    docs = json.loads((real_project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    index = html.unescape(" ".join(f"{d['title']} {d['text']}" for d in docs["docs"]))
    entities = yaml.safe_load((real_project / "facts" / "entities.yaml").read_text(encoding="utf-8"))
    figures = yaml.safe_load((real_project / "facts" / "figures.yaml").read_text(encoding="utf-8"))
    for kind in ("person", "place", "organisation"):
        names = [e["name"] for e in entities if e["kind"] == kind]
        assert names and all(n in index for n in names), kind
    assert all(g["counts"] in index for g in figures)


def show_article(tab: Tab) -> None:
    """Scroll so that the article's heading and legend sit just below the sticky header."""
    tab.page.evaluate("document.getElementById('article-text').scrollIntoView()")
    tab.page.evaluate("window.scrollBy(0, -60)")


def test_source_page_shows_its_facts_highlighted(tab, browser, site, real_project):
    page = tab.page
    slug = sorted((real_project / "docs" / "sources").glob("002-*.md"))[0].stem
    tab.goto(site + f"sources/{slug}/")
    marks = page.locator(".fs-article mark.fs-hl")
    assert marks.count() > 10
    kinds = set(page.locator(".fs-article mark.fs-hl").evaluate_all("els => els.map(e => e.classList[1])"))
    assert {"fs-hl-figure", "fs-hl-person", "fs-hl-place", "fs-hl-quote"} <= kinds
    assert page.locator(".fs-legend mark").count() == 5
    # a highlighted figure links to its group on the figures page
    figure = page.locator(".fs-article mark.fs-hl-figure a[href*='figures/#g-']").first
    words = figure.inner_text()
    show_article(tab)
    shot(tab, "source-highlights")
    with open_tab(browser, "dark") as dark:
        dark.goto(site + f"sources/{slug}/")
        assert dark.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        show_article(dark)
        shot(dark, "source-highlights-dark")
        only_local(dark, site)
    figure.click()
    page.wait_for_url("**/figures/#g-*")
    group = page.evaluate("location.hash.slice(1)")
    heading = page.locator(f"[id='{group}']")
    assert heading.count() == 1
    assert words.casefold() in page.locator("article").inner_text().casefold()
    only_local(tab, site)


def test_disputed_page_draws_its_charts(tab, site):
    tab.goto(site + "disputed/")
    page = tab.page
    charts = page.locator("svg.fs-chart")
    assert charts.count() > 0
    assert charts.first.get_attribute("role") == "img" and charts.first.get_attribute("aria-label")
    assert charts.first.bounding_box()["width"] > 200
    shot(tab, "disputed")
    only_local(tab, site)


def test_timeline_chart_links_each_day(tab, site):
    tab.goto(site + "timeline/")
    page = tab.page
    chart = page.locator("svg.fs-timeline")
    assert chart.count() == 1 and chart.get_attribute("aria-label").startswith("Dated events per day")
    days = chart.locator("a")
    assert days.count() > 0
    shot(tab, "timeline")
    days.first.click()
    day = page.evaluate("location.hash")
    assert day.startswith("#day-") and page.locator(f"h2[id='{day[1:]}']").count() == 1
    only_local(tab, site)


def test_hostile_article_runs_nothing_and_reads_as_text(tab, hostile_site):
    page = tab.page
    for path in ["", "sources/hostile/", "figures/", "quotes/", "timeline/", "sources/", "places/"]:
        tab.goto(hostile_site + path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("a[href^='javascript'], img[src='x'], [onerror]").count() == 0, path
    tab.goto(hostile_site + "sources/hostile/")
    text = " ".join(page.locator(".fs-article").inner_text().split())
    for hostile in HOSTILE_STRINGS:
        assert hostile in text, hostile
    assert "49" not in text  # {{ 7*7 }} was not evaluated
    assert HOSTILE_STRINGS[0] in heading(tab)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(tab, "hostile")
    only_local(tab, hostile_site)


def index_sections(root: Path) -> list[dict]:
    """The sections of the built site's search index, title and text unescaped and casefolded."""
    docs = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return [
        {"location": d["location"], "words": html.unescape(f"{d['title']} {d['text']}").casefold()}
        for d in docs
    ]


# the words of six letters or more in lunr's English stop-word list, which Material's search drops
STOP_WORDS = {"across", "almost", "because", "cannot", "either", "however", "likely", "neither", "rather"}
STOP_WORDS.add("should")


def rare_word(texts: dict[str, str], sections: list[dict], page: str) -> tuple[str, str]:
    """(key, word): a word of six letters or more of one of the texts that, among the index sections of
    `page` ("figures/"), only that fact's section has, and that is in as few sections of the whole
    index as any such word (so the search shows every section having it)."""
    here = [x for x in sections if x["location"].startswith(page + "#")]
    found = []
    for key, text in sorted(texts.items()):
        for word in sorted(set(re.findall(r"\b[a-z]{6,}\b", text.casefold())) - STOP_WORDS):
            holders = [x for x in here if re.search(rf"\b{word}", x["words"])]
            if len(holders) == 1:
                found.append((sum(word in x["words"] for x in sections), word, key))
    assert found, f"no word of one fact only on {page}"
    _, word, key = min(found)
    return key, word


def test_search_for_a_word_of_a_figure_sentence_lands_on_its_group(tab, site, real_project):
    groups = yaml.safe_load((real_project / "facts" / "figures.yaml").read_text(encoding="utf-8"))
    sentences = {g["id"]: " ".join(c["quote"] for r in g["reports"] for c in r["cites"]) for g in groups}
    group, word = rare_word(sentences, index_sections(real_project), "figures/")
    anchor = group_anchor(group)
    search(tab, site, word)
    follow_result(tab, f"a[href*='figures/'][href$='#{anchor}']", f"**/figures/**#{anchor}", "search-figure")
    page = tab.page
    box = page.locator(f"[id='{anchor}']").bounding_box()
    assert box and 0 <= box["y"] < VIEWPORT["height"]  # the group's heading is on the screen
    section = page.evaluate(
        """(id) => {
            let text = '';
            for (let el = document.getElementById(id).nextElementSibling;
                 el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling)
              text += ' ' + el.innerText;
            return text;
        }""",
        anchor,
    )
    assert word in section.casefold()  # the sentence is shown under the figure, not only in a footnote
    only_local(tab, site)


def test_search_for_a_word_of_a_quote_lands_on_the_quote(tab, site, real_project):
    facts = read_all(real_project / "facts")
    slugs = source_slugs(facts)
    quotes = {quote_anchor(slugs[af.source.file], q.id): q.text for af in facts for q in af.quotes}
    anchor, word = rare_word(quotes, index_sections(real_project), "quotes/")
    search(tab, site, word)
    follow_result(tab, f"a[href*='quotes/'][href$='#{anchor}']", f"**/quotes/**#{anchor}", "search-quote")
    target = tab.page.locator(":target")
    assert target.get_attribute("id") == anchor and word in target.inner_text().casefold()
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    only_local(tab, site)


def test_footnote_text_is_not_indexed(real_project):
    sections = index_sections(real_project)
    words = " ".join(x["words"] for x in sections)
    assert "read in source" not in words and "back to the text" not in words  # a footnote's link texts
    assert "machine-readable" not in words
    # a kind index shows names and roles; the sentences it cites are in its footnotes only
    for kind in ("people", "organisations", "places"):
        page = (real_project / "site" / kind / "index.html").read_text(encoding="utf-8")
        notes = re.findall(r'<li id="fn:[^"]+"><p>.*?: “(.*)” <a href=', page)
        assert notes, kind
        mine = " ".join(x["words"] for x in sections if x["location"].split("#")[0] == f"{kind}/")
        assert mine and not [n for n in notes if html.unescape(n).casefold() in mine], kind


def test_figures_csv_downloads_and_parses(tab, site, real_project):
    tab.goto(site + "figures/")
    page = tab.page
    link = page.get_by_role("link", name="every report as CSV")
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    groups = yaml.safe_load((real_project / "facts" / "figures.yaml").read_text(encoding="utf-8"))
    assert len(rows) == sum(len(g["reports"]) for g in groups)
    seeds = {p.name: p.read_text(encoding="utf-8") for p in (real_project / "seeds").iterdir()}
    for row in rows:
        assert row["sentence"] in seeds[row["source_file"]] or row["sentence"].startswith("'")
        assert row["counts"] and row["value_text"] and row["source"]
    only_local(tab, site)


def test_phone_layout_keeps_sentences_readable_and_charts_legible(browser, site):
    for scheme in ("light", "dark"):
        with open_tab(browser, scheme, PHONE) as phone:
            page = phone.page
            for path in ("figures/", "disputed/", "quotes/", "timeline/", "sources/"):
                phone.goto(site + path)
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= PHONE["width"], (path, wide)  # no page wider than the phone
                for text in page.locator("svg.fs-chart text").all()[:20]:
                    assert text.bounding_box()["height"] >= 10, path  # chart labels stay legible
            phone.goto(site + "sources/")
            rights = page.locator("article table").evaluate_all(
                "ts => ts.map(t => t.getBoundingClientRect().right)"
            )
            assert rights and max(rights) <= PHONE["width"], rights  # every column of the table on screen
            phone.goto(site + "disputed/")
            cells = page.locator(".fs-reports td:last-child")  # the sentence column
            assert cells.count() > 0
            for cell in cells.all():
                box = cell.bounding_box()
                assert box["width"] >= 0.8 * (PHONE["width"] - 32), box  # about the screen's width
                assert box["x"] + box["width"] <= PHONE["width"], box  # and on it
            page.evaluate("document.querySelector('.fs-reports').scrollIntoView()")
            shot(phone, f"phone-disputed-{scheme}")
            only_local(phone, site)


def test_site_opened_from_disk_follows_its_links_and_says_to_serve_it(browser, real_project):
    context = browser.new_context(viewport=VIEWPORT)
    asked: list[str] = []
    context.on("request", lambda r: asked.append(r.url))
    page = context.new_page()
    try:
        page.goto((real_project / "site" / "index.html").as_uri())
        note = page.locator(".fs-file-note")
        assert "python3 -m http.server" in note.inner_text() and "factsheet serve" in note.inner_text()
        page.get_by_role("link", name="Figures", exact=True).first.click()  # in the site's navigation
        page.wait_for_load_state("load")
        assert page.url.endswith("/figures/index.html") and heading_of(page) == "Figures"
        page.locator("article :not(svg) > a[href*='sources/']").first.click()  # a link in the page's text
        page.wait_for_load_state("load")
        assert re.search(r"/sources/[^/]+/index\.html$", page.url), page.url
        page.locator("article a[href*='people/']").first.click()
        page.wait_for_load_state("load")
        assert re.search(r"/people/[^/]+/index\.html$", page.url), page.url
        page.screenshot(path=str(ARTIFACTS / "file-url.png"))
        assert {urlsplit(u).scheme for u in asked} == {"file"}
    finally:
        context.close()


def heading_of(page) -> str:
    """The h1 of a page as a reader sees it."""
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


# ---------------------------------------------------------------- sources named, page furniture dimmed

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")  # how the seeds' files are named
NAMED_PAGES = [
    "",
    "figures/",
    "disputed/",
    "people/",
    "organisations/",
    "places/",
    "quotes/",
    "timeline/",
    "sources/",
]
# invented articles, one publisher cue each (and page furniture); the file names are never shown
CUE_ARTICLES = {
    "a_suffix.txt": """Floods close the river port | Valley Daily News
Published: 09:15 AM, 3 Mar, 2023

Officials said 40 homes were flooded in Riverton on Tuesday.

The river rose by 2 metres overnight, the water board said.
""",
    "b_rewrite.txt": "Heavy rain that fell for three days left the port of Riverton under water on Tuesday, "
    """officials said.

Rescuers said 12 people were taken from rooftops by boat.

jd/mk (AFP, dpa)
""",
    "c_banner.txt": FURNITURE_ARTICLE,
    "d_bureau.txt": """Riverton counts the cost of the floods

Damage reached 5 million dollars, according to Coastline TV's Bureau Chief in Port Mara.

The valley council said it would meet on Friday. Read the full statement 👉 https://t.co/abc123
— Ann Lake (@annlake_mayor) March 2, 2023
""",
    "e_dateline.txt": """Riverton port reopens

RIVERTON, March 4, 2023 (Reuters) - The port of Riverton reopened on Saturday after 50 boats were cleared.
""",
    "f_none.txt": """Water recedes in Riverton

Officials said 38 homes were still flooded in Riverton on Thursday.
""",
    "g_state.txt": """Valley council approves flood aid

The council approved 2 million dollars in flood aid for Riverton on Friday.

Valley State News is a state news agency.
""",
    "sources.yaml": """a_suffix.txt:
  url: https://news.example.com/floods-close-the-port
  type: online
""",
}
CUE_ROWS = [  # (title shown, outlet shown, kind shown, published shown), in file order
    ("Floods close the river port", "Valley Daily News", "online outlet", "2023-03-03"),
    ("Source 2", "AFP, dpa", "rewrite of agency copy", "not stated"),
    ("Army sent to flooded Riverton", "Example Wire via Riverside 7 HD", "news agency", "not stated"),
    ("Riverton counts the cost of the floods", "Coastline TV", "broadcaster", "not stated"),
    ("Riverton port reopens", "Reuters", "news agency", "2023-03-04"),
    ("Water recedes in Riverton", "not named in the text", None, "not stated"),
    ("Valley council approves flood aid", "Valley State News", "state media", "not stated"),
]


@pytest.fixture(scope="module")
def cue_site(tmp_path_factory) -> Iterator[str]:
    """The base URL of a site built from the invented articles of CUE_ARTICLES."""
    root = build_project(tmp_path_factory.mktemp("cues") / "project", CUE_ARTICLES)
    with serve(root / "site") as base:
        yield base


def shown_without_small_print(tab: Tab) -> str:
    """The article's text as a reader sees it, without the small print and the 'File:' line, where a file
    name belongs; footnotes (the tooltips' text) and chart labels included."""
    return tab.page.evaluate(
        """() => {
            const a = document.querySelector('article').cloneNode(true);
            a.querySelectorAll('small.fs-file').forEach(e => e.remove());
            a.querySelectorAll('li').forEach(e => { if (e.innerText.startsWith('File:')) e.remove(); });
            const charts = [...a.querySelectorAll('svg text, svg title')].map(e => e.textContent).join(' ');
            return a.innerText + ' ' + charts + ' ' + document.title;
        }"""
    )


def test_no_file_name_where_an_outlet_or_a_title_belongs_on_the_seeds_site(tab, site, real_project):
    sources = sorted(p.stem for p in (real_project / "docs" / "sources").glob("0*.md"))
    people = sorted(p.stem for p in (real_project / "docs" / "people").glob("*.md"))[:3]
    for path in [*NAMED_PAGES, *(f"sources/{s}/" for s in sources), *(f"people/{p}/" for p in people)]:
        tab.goto(site + path)
        assert not SEED_FILE.search(shown_without_small_print(tab)), path
    tab.goto(site + "sources/")
    first = tab.page.locator("article table tbody tr").first
    assert first.locator("td").first.locator("a").first.inner_text() == "Source 1"  # the seed has no headline
    assert SEED_FILE.fullmatch(first.locator("small.fs-file").inner_text())  # its file, in small print
    assert "rewrite of agency copy" in first.inner_text()
    shot(tab, "sources-seeds")
    only_local(tab, site)


def test_every_publisher_cue_names_its_source(tab, cue_site):
    tab.goto(cue_site + "sources/")
    rows = tab.page.locator("article table tbody tr")
    assert rows.count() == len(CUE_ROWS)
    for i, (title, outlet, kind, published) in enumerate(CUE_ROWS):
        cells = rows.nth(i).locator("td")
        assert cells.nth(0).locator("a").first.inner_text() == title
        outlet_cell = cells.nth(1).inner_text().split("\n")
        assert outlet_cell[0] == outlet and (outlet_cell[1:] or [None])[0] == kind, outlet_cell
        assert cells.nth(2).inner_text().split("\n")[0] == published
    assert "on or after 2023-03-02" in rows.nth(3).locator("td").nth(2).inner_text()  # the signed post's date
    original = rows.nth(0).locator("a.fs-original")
    assert original.get_attribute("href") == "https://news.example.com/floods-close-the-port"
    shown = shown_without_small_print(tab)
    assert not re.search(r"[a-g]_\w+\.txt", shown), shown
    shot(tab, "sources-cues")
    with open_tab(tab.page.context.browser, "dark") as dark:
        dark.page.set_viewport_size({"width": 390, "height": 844})
        dark.goto(cue_site + "sources/")
        shot(dark, "sources-cues-390-dark")
        only_local(dark, cue_site)
    for path in ["figures/", "timeline/", "sources/b-rewrite/", "sources/f-none/"]:
        tab.goto(cue_site + path)
        assert not re.search(r"[a-g]_\w+\.txt", shown_without_small_print(tab)), path
    tab.goto(cue_site + "figures/")
    outlets = set(tab.page.locator(".footnote li strong").all_inner_texts())
    assert outlets and outlets <= {
        o if o != "not named in the text" else "Source 6" for _, o, _, _ in CUE_ROWS
    }
    tab.goto(cue_site + "sources/b-rewrite/")
    assert heading(tab) == "Source 2"
    only_local(tab, cue_site)


def test_page_furniture_is_dimmed_on_the_source_page_and_read_for_no_fact(tab, cue_site):
    tab.goto(cue_site + "sources/c-banner/")
    page = tab.page
    dimmed = page.locator(".fs-article .fs-furniture")
    texts = [" ".join(t.split()) for t in dimmed.all_inner_texts()]
    assert texts == FURNITURE_SHOWN
    assert all(float(o) < 1 for o in dimmed.evaluate_all("els => els.map(e => getComputedStyle(e).opacity)"))
    assert "Dimmed" in page.locator(".fs-legend").inner_text()
    # no figure, event or quote is highlighted in the furniture; the names a banner and a caption give are
    marked = page.locator(".fs-article .fs-furniture mark").evaluate_all(
        "els => els.map(e => [e.classList[1], e.innerText])"
    )
    assert sorted(marked) == [
        ["fs-hl-organisation", "Example Wire"],  # the caption's credit
        ["fs-hl-organisation", "Riverside 7 HD"],  # the banner's outlet
        ["fs-hl-person", "Jane Roe"],  # the photographer
    ]
    tab.page.evaluate("document.getElementById('article-text').scrollIntoView()")
    shot(tab, "source-furniture")
    tab.goto(cue_site + "organisations/")
    assert "Google" not in page.locator("article").inner_text()
    tab.goto(cue_site + "sources/d-bureau/")
    link = page.locator(".fs-article .fs-furniture")
    assert link.all_inner_texts() == ["Read the full statement 👉 https://t.co/abc123"]
    only_local(tab, cue_site)


def test_seed_furniture_is_dimmed_and_google_is_no_organisation(tab, site, real_project):
    slug = sorted((real_project / "docs" / "sources").glob("002-*.md"))[0].stem
    tab.goto(site + f"sources/{slug}/")
    texts = tab.page.locator(".fs-article .fs-furniture").all_inner_texts()
    assert "Get it on Google Play" in texts and any("24 News HD" in t for t in texts)
    tab.goto(site + "organisations/")
    text = tab.page.locator("article").inner_text()
    assert "Google" not in text and "24 News HD" in text
    only_local(tab, site)


def test_whats_new_speaks_to_people_and_its_lines_reach_their_facts(tab, site, real_project):
    tab.goto(site + "whats-new/")
    page = tab.page
    text = page.locator("article").inner_text()
    assert "Update 1" in text and "Added" not in text
    assert not re.search(r"\b\d{3}_[0-9a-f]{16}\.txt\b", text)  # outlets and titles, never file names
    links = page.locator("article li a[href*='#']")
    assert links.count() > 0
    href = links.first.get_attribute("href")
    links.first.click()
    page.wait_for_load_state("networkidle")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1, href
    only_local(tab, site)


@pytest.fixture(scope="module")
def stories_site(tmp_path_factory) -> Iterator[str]:
    """The base URL of a site of three invented stories, each a site of its own below the top site."""
    from generator import pipeline
    from tests.test_story_rebuild import project

    root = project(tmp_path_factory.mktemp("stories"))
    pipeline.build(pipeline.Config(root=root, jobs=2))
    with serve(root / "site") as base:
        yield base


def search_here(tab: Tab, words: str) -> None:
    """Type words into the search box of the page open in the tab."""
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words)


def test_stories_link_to_each_other_and_each_searches_its_own(tab, stories_site):
    page = tab.page
    tab.goto(stories_site)
    assert heading(tab) == "Stories"
    page.locator("article a[href='strike/']").click()
    page.wait_for_url(f"{stories_site}strike/")
    page.wait_for_load_state("networkidle")
    shot(tab, "stories-story-home")
    # the story's own search finds its people, figures and quotes
    search_here(tab, "Reyes")
    follow_result(tab, "a[href*='people/sam-reyes/']", "**/strike/people/sam-reyes/**")
    assert heading(tab) == "Sam Reyes"
    search_here(tab, "dockers")
    follow_result(tab, "a[href*='figures/']", "**/strike/figures/**")
    assert "dockers" in page.locator("article").inner_text()
    # and only its own: a person of another story is not in this story's index
    search_here(tab, "Jane Doe")
    page.locator(".md-search-result__meta").wait_for(state="visible")
    page.wait_for_timeout(300)
    assert page.locator(".md-search-result__item a[href*='jane-doe']").count() == 0
    page.keyboard.press("Escape")
    # the nav leads back to the stories, and What's new into another story's pages
    page.locator(".md-nav a", has_text="All stories").first.click()
    page.wait_for_url(stories_site)
    page.locator(".md-nav a", has_text="What's new").first.click()
    page.wait_for_url(f"{stories_site}whats-new/")
    link = page.locator("article a[href*='flood/sources/']").first
    link.click()
    page.wait_for_url("**/flood/sources/**")
    page.wait_for_load_state("networkidle")
    assert page.locator("#article-text").count() == 1
    # a quote of the flood story, found from that story's search, lands on its anchor
    search_here(tab, "doing all we can")
    follow_result(tab, "a[href*='quotes/'][href*='#']", "**/flood/quotes/**#*")
    target = tab.page.locator(":target")
    assert "doing all we can" in target.inner_text()
    only_local(tab, stories_site)
