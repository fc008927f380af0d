"""Link check of a built site: every internal link resolves to a file and an id, external ones are listed.

Every HTML file under site/ is parsed; each `href` (a, link, and SVG a) and `src` (script, img, iframe,
source) is resolved against the page's own URL. A relative link or a #fragment must name an existing
file (a folder means its index.html) and, when it has a fragment, an element of that file with that id.
Links with a host (http, https or protocol-relative) are external: reported, never fetched. Any other
scheme (javascript:, mailto:, ...) is a problem: the site should have none.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {  # tag: attributes holding a URL the browser follows or loads
    "a": ("href", "xlink:href"),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "source": ("src",),
}
INERT_SCHEMES = {"data"}  # inline content, no request and nothing to resolve
ROOTED = {"404.html"}  # served for any missing path, so MkDocs links it from the site root ("/...")


@dataclass
class Link:
    """One link of a page: the page (path under site/), the attribute's value and its tag."""

    page: str
    url: str
    tag: str


@dataclass
class LinkReport:
    """What the check found: pages and links seen, broken internal links, external links."""

    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)  # "page: url: why"
    external: list[Link] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken


class _Parser(HTMLParser):
    """Collects the ids of a document and the URLs of its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for attr in LINK_ATTRS.get(tag, ()):
            if values.get(attr) is not None:
                self.urls.append((tag, values[attr] or ""))

    handle_startendtag = handle_starttag


def parse(path: Path) -> _Parser:
    """Return the parsed HTML file (its ids and link URLs)."""
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def target_file(site: Path, path: str) -> Path:
    """Return the file a URL path (relative to the site root) serves: a folder serves its index.html."""
    file = site / unquote(path)
    if path == "" or path.endswith("/") or file.is_dir():
        return file / "index.html"
    return file


def check_site(site: Path) -> LinkReport:
    """Return the report of every link of every HTML page under site/."""
    report = LinkReport()
    parsed: dict[Path, _Parser] = {}

    def load(file: Path) -> _Parser:
        if file not in parsed:
            parsed[file] = parse(file)
        return parsed[file]

    pages = sorted(site.rglob("*.html"))
    report.pages = len(pages)
    for file in pages:
        page = file.relative_to(site).as_posix()
        for tag, url in load(file).urls:
            report.links += 1
            problem = _problem(site, page, tag, url, load, report)
            if problem:
                report.broken.append(f"{page}: {url}: {problem}")
    return report


def _problem(site: Path, page: str, tag: str, url: str, load, report: LinkReport) -> str | None:
    """What is wrong with one link of a page (None when it resolves); external links are recorded."""
    raw = url.strip()
    parts = urlsplit(raw)
    if parts.scheme in INERT_SCHEMES:
        return None
    if parts.netloc:
        if parts.scheme in ("http", "https", ""):
            report.external.append(Link(page, raw, tag))
            return None
        return f"{parts.scheme}: link"
    if parts.scheme:
        return f"{parts.scheme}: link, which the site should not have"
    if parts.path.startswith("/") and page not in ROOTED:
        return "absolute path: breaks when the site is served below a domain's root"
    path = page if not parts.path else posixpath.join(posixpath.dirname(page), parts.path)
    if parts.path.startswith("/"):
        path = parts.path.lstrip("/") or "."
    norm = posixpath.normpath(path)
    if norm == ".." or norm.startswith("../"):
        return "points above the site root"
    target = target_file(site, "" if norm == "." else norm + ("/" if parts.path.endswith("/") else ""))
    if not target.is_file():
        return f"no file {target.relative_to(site).as_posix()}"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in load(target).ids:
        return f"{target.relative_to(site).as_posix()} has no id {fragment!r}"
    return None
