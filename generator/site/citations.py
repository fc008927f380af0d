"""Citations: the footnotes a page cites its facts with, written (`Citer`) and read back (`footnotes`,
`footnote_refs`, `front_matter`), so that `check` reads pages with the same rules they were written by.

Both are the HTML that Python-Markdown's footnotes extension makes: `footnote-ref` links to
`fn:<label>` list items, which Material's footnote tooltips read.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.models import Cite
from generator.site.labels import SourceLabel
from generator.site.urls import SitePage
from generator.store import yaml

_REF = re.compile(r'<a class="footnote-ref" href="#fn:([^"]+)">')
_DEF = re.compile(r'^<li id="fn:([^"]+)">(.*)</li>$', re.MULTILINE)
_LINK = re.compile(r'<a href="([^"]+)">')
# raw HTML of article text (a source page's article, a page's JSON-LD): escaped, so it holds no
# footnote; left out all the same
NOTE_CHARS = 400  # a footnote quotes a longer sentence in part, around the fact; the link shows it all
_RAW = re.compile(
    r'^<div class="fs-article" markdown="0">$.*?^</div>$|^<script\b[^>]*>.*?</script>$',
    re.MULTILINE | re.DOTALL,
)


class Citer:
    """Footnotes of one page: `cite(file, cites)` returns the references, `notes` the definitions.

    Both are written as raw HTML, not as `[^label]` Markdown: a large page cites thousands of sentences,
    and raw HTML passes through Markdown at a fraction of the cost of footnote syntax (half the
    conversion time of a figures page)."""

    def __init__(self, page: str, labels: dict[str, SourceLabel], slugs: dict[str, str]):
        self.page, self.sources, self.slugs = page, labels, slugs
        self.here = SitePage(page)
        self.labels: dict[tuple[str, int, int], str] = {}
        self.uses: Counter[str] = Counter()
        self.notes: list[dict] = []
        self.files: list[str] = []  # the sources cited, in order of first citation

    def __call__(self, file: str, cites: list[Cite], near: tuple[str, ...] = ()) -> str:
        """Return footnote references for the cites, defining each sentence's footnote once per page.

        A sentence longer than NOTE_CHARS is quoted in part, around the first of `near` (the words of
        the fact) it holds, so that a page's size does not grow with the length of its sentences."""
        return "".join(self._ref(self._label(file, c, near)) for c in cites)

    def _ref(self, label: str) -> str:
        """Return one reference to a footnote; later references to it get ids of their own."""
        self.uses[label] += 1
        n = self.uses[label]
        ref_id = f"fnref:{label}" if n == 1 else f"fnref{n}:{label}"
        number = label.removeprefix("c")
        # the number says nothing to site search (data-search-exclude: Material's search skips it)
        link = f'<a class="footnote-ref" href="#fn:{label}">{number}</a>'
        return f'<sup id="{ref_id}" data-search-exclude>{link}</sup>'

    def link(self, target: str) -> str:
        """Return the relative link from this page to another page of the story."""
        return self.here.link(target)

    def _label(self, file: str, cite: Cite, near: tuple[str, ...] = ()) -> str:
        """Return the label of this cite, numbered in order of first use so pages are deterministic."""
        key = (file, cite.start, cite.end)
        if key not in self.labels:
            self.labels[key] = f"c{len(self.labels) + 1}"
            if file not in self.files:
                self.files.append(file)
            source = self.sources[file]
            self.notes.append(
                {
                    "label": self.labels[key],
                    "outlet": source.outlet,
                    # one line (raw HTML has no blank line); a neutral name is said once, as the outlet
                    "title": source.title if source.source.title or source.named else "untitled",
                    "date": source.source.published,
                    "quote": excerpt(" ".join(cite.quote.split()), near),
                    "href": self.here.href(f"sources/{self.slugs[file]}.md", f"s{cite.start}"),
                }
            )
        return self.labels[key]


def excerpt(sentence: str, near: tuple[str, ...] = (), limit: int = NOTE_CHARS) -> str:
    """Return the sentence, or when it is longer than `limit` characters, about `limit` of them around
    the first of `near` found in it (else its start), cut at spaces and marked with "…" where cut."""
    if len(sentence) <= limit:
        return sentence
    at = next((i for i in (sentence.find(n) for n in near if n) if i >= 0), 0)
    start = max(0, min(at - limit // 3, len(sentence) - limit))
    end = start + limit
    if start > 0:
        space = sentence.find(" ", start, at if at > start else end)
        start = space + 1 if space >= 0 else start
    if end < len(sentence):
        space = sentence.rfind(" ", max(start, at + 1), end)
        end = space if space > start else end
    return ("…" if start > 0 else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def front_matter(text: str) -> dict:
    """Return the page's YAML front matter as a dict ({} when absent or unreadable)."""
    match = yaml.FRONT_MATTER.match(text)
    try:
        data = yaml.load(match.group(1) or "") if match else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def footnote_refs(text: str) -> list[str]:
    """Return the labels of the page's footnote references, in order, outside front matter and raw HTML."""
    return _REF.findall(_RAW.sub("", yaml.FRONT_MATTER.sub("", text, count=1)))


def footnotes(text: str) -> dict[str, str]:
    """Return {label: definition} of the page's footnotes."""
    return {m.group(1): m.group(2) for m in _DEF.finditer(text)}


def note_links(note: str) -> list[str]:
    """Return the links of one footnote definition."""
    return _LINK.findall(note)
