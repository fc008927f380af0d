"""A cache of MkDocs' Markdown-to-HTML step, so that a page whose Markdown did not change is not converted
again when its story's site is rebuilt.

MkDocs converts every page on every build (`Page.render`: Python-Markdown with the configured extensions, then
MkDocs' own passes that rewrite the links and collect the anchors); on the pages factsheet writes that is
about two thirds of a build. What `render` gives depends on the page's Markdown (without its front matter,
which MkDocs has taken off by then: a page whose citations name a source's new text hash in its front matter
is not converted again), its place in the site, the other files of the site (a link is rewritten or reported
by whether its target exists), the Markdown extensions and their settings, and the versions of MkDocs and
Python-Markdown. The cache key hashes all of these (of the site's files, whether each file a Markdown link of
the page names is there: a page added elsewhere in the story does not change the pages that do not link to
it), so an entry is used only where MkDocs would compute the same thing: the page's HTML, its table of
contents, its title, the anchors it holds and the links to anchors it makes (which MkDocs validates after
every page is rendered, as for a page it converted).

Material's search plugin then parses every page's HTML again to index it, a third of what is left; its
entries for a page are cached the same way, keyed by what they are made from (the page's HTML, table of
contents, URL, title and front matter, but for the front matter factsheet writes for its own templates).

The factsheet plugin's own steps after the conversion (its raw HTML blocks put back, those search does
not index held out of its way and put back once it has, the blocks' anchors: publish/passthrough.py) are
kept with the conversion too (`remember`), so that a cached page skips them; the key is then made from
the page's whole Markdown, its blocks in it.

Last, each page's HTML file is made from the theme's templates; for a page whose content, table of contents,
front matter, URL, neighbours and navigation are unchanged, in a site of the same configuration and theme
files, that file is the same, and it is cached too.

`publish/build.py` turns it on for the site parts it builds, by naming the cache file in
FACTSHEET_RENDER_CACHE; a plain `mkdocs build` converts every page as usual. A build keeps only the
entries of its own pages, so the file does not grow; losing it only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import posixpath
import re
import types
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

from generator.collector import paused_gc

PAGE_TEMPLATE = "main.html"  # the template MkDocs renders a page with (no page of factsheet's names another)
# front matter that factsheet writes for its own templates (a page's structured data, its count of facts):
# no search index reads it, so a page whose other front matter, HTML and place are the same keeps its entries
UNSEARCHED_META = ("factsheet_jsonld", "factsheet_facts")
CACHE_ENV = "FACTSHEET_RENDER_CACHE"  # the cache file of this MkDocs run, set by publish/build.py


def versions() -> str:
    """The versions of what converts the pages."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return " ".join(found)


class RenderCache:
    """The cached conversions of one site part: read when the build starts, written when it ends."""

    def __init__(self, path: Path, config: Any, files: Any) -> None:
        self.path = path
        self.old = _load(path)
        self.new: dict[str, dict] = {}
        self.files = {f.src_uri for f in files}
        settings = json.dumps(
            [
                config["markdown_extensions"],
                config["mdx_configs"],
                config["use_directory_urls"],
                config["validation"],
            ],
            sort_keys=True,
            default=repr,
        )
        self.base = hashlib.sha256(f"{versions()}\0{settings}".encode()).digest()
        self.hits = 0
        self.keys: dict[str, str] = {}  # page -> the key of its conversion in this build
        self.index_old: dict[str, list] = self.old.pop("search entries", {})
        self.index_new: dict[str, list] = {}
        self.html_old: dict[str, str] = self.old.pop("html files", {})
        self.html_new: dict[str, str] = {}
        for plugin in config["plugins"].values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "add_entry_from_context") and hasattr(index, "entries"):
                self.wrap_index(index, json.dumps(dict(plugin.config), sort_keys=True, default=repr))

    def key(self, page: Any, markdown: str) -> str:
        """The key of a page's conversion: the site's settings, the page's path and Markdown (the front
        matter, not converted, is not in it), and which of the files its links name are in the site."""
        digest = hashlib.sha256(self.base)
        digest.update(f"\0{page.file.src_uri}\0{page.file.url}\0{markdown}".encode())
        here = posixpath.dirname(page.file.src_uri)
        for target in sorted({posixpath.normpath(posixpath.join(here, t)) for t in link_targets(markdown)}):
            digest.update(f"\0{target}={target in self.files}".encode())
        return digest.hexdigest()

    def attach(self, page: Any, markdown: str, files: Any) -> dict | None:
        """Make `page.render` take its result from the cache, or convert and remember it; return what the
        factsheet plugin made of the cached conversion next (`remember`), None when it is not cached.
        `markdown` is the page's Markdown as the plugin got it, before it took its raw HTML blocks out."""
        key = self.key(page, markdown)
        entry = self.old.get(key)
        if entry is not None and "final" not in entry.get("after", {}):
            entry = None  # converted, but the plugin's own steps after it were not all kept: convert again
        self.keys[page.file.src_uri] = key
        convert = page.render

        def render(this: Any, config: Any, files_: Any) -> None:
            if entry is not None:
                _restore(this, entry, files)
                self.hits += 1
                self.new[key] = entry
                return
            convert(config, files_)
            self.new[key] = _capture(this)

        page.render = types.MethodType(render, page)
        return entry["after"] if entry is not None else None

    def remember(self, page: Any, **after: Any) -> None:
        """Keep, with a page's conversion, what the factsheet plugin made of it next (the HTML with its
        raw HTML blocks back, what it held out of search's way, the blocks' anchors, the page as put back),
        so that a page whose conversion is cached skips those steps too (attach returns it)."""
        key = self.keys.get(page.file.src_uri)
        if key is not None and key in self.new:
            kept = self.new[key].setdefault("after", {})
            kept.update(after)
            if "final" in kept and kept.get("html") == kept["final"]:
                del kept["html"]  # nothing was put back: the page is its HTML as restored, kept once

    def wrap_index(self, index: Any, settings: str) -> None:
        """Make the search plugin's indexing of a page take its entries from the cache, or index the
        page and remember them."""
        add = index.add_entry_from_context
        base = hashlib.sha256(f"{self.base.hex()}\0{settings}".encode()).digest()

        def indexed(page: Any) -> None:
            digest = hashlib.sha256(base)
            searched = {k: v for k, v in page.meta.items() if k not in UNSEARCHED_META}
            meta = json.dumps(searched, sort_keys=True, default=repr)
            toc = json.dumps(_tokens(page.toc.items))
            digest.update(f"\0{page.url}\0{page.title}\0{meta}\0{toc}\0{page.content}".encode())
            key = digest.hexdigest()
            entries = self.index_old.get(key)
            if entries is None:
                before = len(index.entries)
                add(page)
                entries = index.entries[before:]
            else:
                index.entries.extend(dict(e) for e in entries)
            self.index_new[key] = [dict(e) for e in entries]

        index.add_entry_from_context = indexed

    def wrap_env(self, env: Any, config: Any, nav: Any) -> None:
        """Make the page template take a page's HTML file from the cache, or render it and remember it."""
        get_template = env.get_template
        theme = theme_fingerprint(getattr(config["theme"], "dirs", []))
        texts = [Path(config.config_file_path).read_text(encoding="utf-8")] if config.config_file_path else []
        inherited = Path(config.config_file_path).parent / "mkdocs.yml" if config.config_file_path else None
        if inherited is not None and inherited.is_file():
            texts.append(inherited.read_text(encoding="utf-8"))
        base = hashlib.sha256(
            json.dumps([self.base.hex(), theme, texts, _nav(nav.items)], default=repr).encode()
        ).digest()
        cache = self

        class Template:
            """The template of a page, its output cached; everything else is the template's own."""

            def __init__(self, template: Any, name: str) -> None:
                self.template, self.name = template, name

            def __getattr__(self, attr: str) -> Any:
                return getattr(self.template, attr)

            def render(self, context: Any) -> str:
                page = context.get("page")
                if page is None:
                    return self.template.render(context)
                key = cache.page_key(base, self.name, page, context)
                output = cache.html_old.get(key)
                if output is None:
                    output = self.template.render(context)
                cache.html_new[key] = output
                return output

        def wrapped(name: Any, *args: Any, **kwargs: Any) -> Any:
            template = get_template(name, *args, **kwargs)
            return Template(template, name) if name == PAGE_TEMPLATE else template

        env.get_template = wrapped

    def page_key(self, base: bytes, name: str, page: Any, context: Any) -> str:
        """The key of a page's HTML file: what the page template reads of the page and its context."""
        near = [(p.url, p.title) if p is not None else None for p in (page.previous_page, page.next_page)]
        data = [
            name,
            page.url,
            page.title,
            page.canonical_url,
            page.edit_url,
            page.is_homepage,
            hashlib.sha256(page.content.encode()).hexdigest(),
            _tokens(page.toc.items),
            page.meta,
            near,
            context.get("base_url"),
            context.get("extra_css"),
            context.get("extra_javascript"),
            str(context.get("build_date_utc")),
        ]
        return hashlib.sha256(base + json.dumps(data, sort_keys=True, default=repr).encode()).hexdigest()

    def save(self) -> None:
        """Keep this build's conversions for the next one (atomically: a killed build keeps the old)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        data = {**self.new, "search entries": self.index_new, "html files": self.html_new}
        part.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(part, self.path)


PACKAGED = ("mkdocs", "material")  # packages whose files versions() identifies (mkdocs, mkdocs-material)


def theme_fingerprint(folders: list[str]) -> str:
    """A digest of the theme's template folders: each file's path, size and mtime, but for the folders
    inside a package versions() names, which its version stands for (Material's holds ~14,500 files,
    its icons among them: walking them took 0.4 s of every site part's build)."""
    packaged = [Path(p).resolve() for name in PACKAGED for p in _package_folders(name)]
    theme = hashlib.sha256()
    for folder in folders:
        if any(Path(folder).resolve().is_relative_to(root) for root in packaged):
            theme.update(f"{folder}\0packaged\n".encode())
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                st = path.stat()
                theme.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return theme.hexdigest()


def _package_folders(name: str) -> list[str]:
    """The folders of an installed package (none when it is not installed)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    return list(spec.submodule_search_locations or []) if spec is not None else []


# a Markdown link's target: an inline link or image "](target", or a reference definition "[x]: target"
LINK = re.compile(
    r"\]\(\s*(?:<([^>\n]+)>|([^)\s]+))|^[ ]{0,3}\[[^\]\n]+\]:\s*(?:<([^>\n]+)>|(\S+))", re.MULTILINE
)


def link_targets(markdown: str) -> set[str]:
    """The relative paths the Markdown links of a page name (more than MkDocs rewrites, never fewer:
    any "](x" counts), without #anchors and ?queries."""
    out = set()
    for m in LINK.finditer(markdown):
        target = re.split(r"[#?]", next(g for g in m.groups() if g), maxsplit=1)[0]
        if target and "://" not in target and not target.startswith(("/", "mailto:")):
            out.add(target)
    return out


def _load(path: Path) -> dict:
    """The cached conversions, or none when there is no readable cache."""
    try:
        with paused_gc():  # unpickling makes no garbage (generator/collector.py)
            data = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _capture(page: Any) -> dict:
    """What `Page.render` set on a page, in a form that outlives this build."""
    return {
        "content": page.content,
        "toc": _tokens(page.toc.items),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {f.src_uri: dict(links) for f, links in (page.links_to_anchors or {}).items()},
    }


def _nav(items: list) -> list:
    """The navigation as data: each item's title, URL and children."""
    return [[i.title, getattr(i, "url", None), _nav(getattr(i, "children", None) or [])] for i in items]


def _tokens(items: list) -> list[dict]:
    """The table of contents as the toc tokens it was made from."""
    return [{"name": i.title, "id": i.id, "level": i.level, "children": _tokens(i.children)} for i in items]


def _restore(page: Any, entry: dict, files: Any) -> None:
    """Set on a page what `Page.render` would have set."""
    page.content = entry["content"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    links = {}
    for src, anchors in entry["links"].items():
        target = files.get_file_from_path(src)
        if target is not None:
            links[target] = dict(anchors)
    page.links_to_anchors = links
