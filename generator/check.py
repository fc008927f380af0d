"""Check the citations: every cite is an exact slice of its article, every generated page cites its facts.

`check_cites` looks at the facts, `check_pages` at the Markdown that site/render.py wrote, read through
site/citations.py (the rules the footnotes were written by), so a page edited or rendered wrongly is
caught before the site is published: the build runs the check while MkDocs builds the staged site,
and a failed check stops MkDocs, so nothing is swapped in.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from generator.errors import CheckError
from generator.models import ArticleFacts, Cite
from generator.site.citations import footnote_refs, footnotes, front_matter, note_links
from generator.site.urls import SitePage
from generator.store.facts import fact_file_name
from generator.store.marker import has_marker

SECTIONS = ("who", "what", "figures", "quotes")  # the fact-file keys, named as such in problems


def fact_file_label(source_file: str) -> str:
    """Return the name of the fact file made from a source file, as the writer names it."""
    return f"facts/articles/{fact_file_name(source_file)}"


def cite_problem(cite: Cite, text: str | None) -> str | None:
    """Return what is wrong with one cite against its article text, or None when it holds."""
    if text is None:
        return "article text missing (the source file is not in seeds/); restore it or re-run ingest"
    if not cite.quote:
        return "empty quote"
    if not 0 <= cite.start < cite.end <= len(text):
        return f"span [{cite.start}:{cite.end}] out of range (the article has {len(text)} characters)"
    found = text[cite.start : cite.end]
    if found != cite.quote:
        return f"text[{cite.start}:{cite.end}] != quote: article has {found!r}, quote is {cite.quote!r}"
    return None


def check_cites(
    facts: list[ArticleFacts], texts: dict[str, str], *, labels: dict[str, str] | None = None
) -> list[str]:
    """Return one problem per bad cite and per fact without cites, naming fact file, section and fact id."""
    problems = []
    for af in facts:
        label = (labels or {}).get(af.source.file) or fact_file_label(af.source.file)
        text = texts.get(af.source.file)
        for section in SECTIONS:
            for fact in getattr(af, section):
                where = f"{label}: {section} {fact.id}"
                if not fact.cites:
                    problems.append(f"{where}: no cites; give the sentence the fact comes from")
                for n, cite in enumerate(fact.cites, 1):
                    if problem := cite_problem(cite, text):
                        problems.append(f"{where}: cite {n}: {problem}")
    return problems


def generated_pages(docs_dir: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Return {path relative to docs_dir: text} of the Markdown pages carrying factsheet's marker (none
    under the folders `skip` names, "story/")."""
    pages = {}
    for path in sorted(docs_dir.rglob("*.md")):
        if skip and path.relative_to(docs_dir).as_posix().startswith(skip):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if has_marker(text):
            pages[path.relative_to(docs_dir).as_posix()] = text
    return pages


def count_problems(text: str) -> list[str]:
    """Return problems with the page's footnote count against the facts its front matter says it shows."""
    shown = front_matter(text).get("factsheet_facts")
    if not isinstance(shown, int) or shown < 0:
        return ["front matter lacks a valid factsheet_facts count; re-render the pages"]
    refs = footnote_refs(text)
    if shown and not refs:
        return [f"shows {shown} fact(s) but has no footnote citation"]
    if len(refs) < shown:
        return [f"shows {shown} fact(s) but has only {len(refs)} footnote reference(s)"]
    undefined = sorted(set(refs) - set(footnotes(text)))
    return [f"footnote {label} is used but never defined" for label in undefined]


def is_source_page(path: str) -> bool:
    """Return True for the path of an article's page: sources/<slug>.md, or <story>/sources/<slug>.md."""
    folder, name = posixpath.split(path)
    return posixpath.basename(folder) == "sources" and name != "index.md" and name.endswith(".md")


_ANCHOR = re.compile(r'(?=id="([^"]*)")')  # every id="…" of a page, overlapping ones too


class Anchors:
    """The ids of each page (what `id="<anchor>"` finds in its text), read once per page, not per link."""

    def __init__(self, pages: dict[str, str]):
        self.pages = pages
        self.ids: dict[str, set[str]] = {}

    def has(self, page: str, anchor: str) -> bool:
        """True when the page's text holds `id="<anchor>"`."""
        if '"' in anchor:  # not an id's value: look for the text itself
            return f'id="{anchor}"' in self.pages[page]
        if page not in self.ids:
            self.ids[page] = {m.group(1) for m in _ANCHOR.finditer(self.pages[page])}
        return anchor in self.ids[page]


def link_problems(page: str, text: str, pages: dict[str, str], anchors: Anchors | None = None) -> list[str]:
    """Return problems with the footnotes' links to source sentences (`[<story>/]sources/<slug>/#sN`)."""
    anchors = anchors or Anchors(pages)
    problems = []
    here = SitePage(page)
    for label, note in footnotes(text).items():
        links = [link for link in note_links(note) if re.search(r"#s\d+$", link)]
        if not links:
            problems.append(f"footnote {label} links to no source sentence")
        for link in links:
            url, _, anchor = link.partition("#")
            target = here.resolve(url)
            if not is_source_page(target) or target not in pages:
                problems.append(f"footnote {label} links to {link}, which is not a generated source page")
            elif not anchors.has(target, anchor):
                problems.append(f"footnote {label} links to {link}, but {target} has no anchor {anchor}")
    return problems


def check_pages(docs_dir: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Return the problems of every generated page under docs_dir (but those under the `skip` folders,
    whose footnotes link only within their own story), each naming the page."""
    pages = generated_pages(docs_dir, skip)
    anchors = Anchors(pages)
    problems = []
    for page, text in pages.items():
        found = count_problems(text) + link_problems(page, text, pages, anchors)
        problems += [f"{docs_dir.name}/{page}: {problem}" for problem in found]
    return problems


def run_check(
    facts: list[ArticleFacts],
    texts: dict[str, str],
    docs_dir: Path,
    *,
    labels: dict[str, str] | None = None,
    skip: tuple[str, ...] = (),
) -> None:
    """Return None when every cite and page holds (the pages under the `skip` folders are not read);
    raise CheckError listing every problem otherwise."""
    problems = check_cites(facts, texts, labels=labels) + check_pages(docs_dir, skip)
    if problems:
        raise CheckError(problems)
