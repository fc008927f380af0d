"""A page: front matter, the generated-file marker, a template's body, the links to its data files and
its footnotes; the Jinja environment the templates (package data in site/templates/) render in."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import jinja2

from generator.publish.passthrough import END, START, UNINDEXED
from generator.site.citations import Citer
from generator.site.datafiles import FACTS_JSON, data_path
from generator.site.escape import html_text, md_text, safe_url, script_json
from generator.site.parts import Part, index_rows, where
from generator.store import yaml
from generator.store.compiled import keep_compiled
from generator.store.marker import MARKER

T = TypeVar("T")


@dataclass
class Page:
    """One rendered page: its Markdown, and the facts it shows as data (for its YAML and JSON files);
    a family's index also carries its parts, {path: page} (site/parts.py)."""

    md: str
    data: dict = field(default_factory=dict)
    parts: dict[str, Page] = field(default_factory=dict)


MACROS = {"m": "_macros.md.j2", "parts": "_part.md.j2"}  # name in every template: its macros
_COMPILED: list[Path | None] = [None]  # where the environment keeps its compiled templates (compile_in)


def compile_in(folder: Path | None) -> None:
    """Keep the templates' compiled code in folder from now on (store/compiled.py), so that a build
    compiles only the templates that changed since the last; None: compile them in memory only."""
    if _COMPILED[0] != folder:
        _COMPILED[0] = folder
        environment.cache_clear()


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Return the Jinja environment: no autoescape (Markdown output), `md`/`html`/`url` filters instead.

    One per process: its templates are compiled once (package data, never edited while it runs; a
    forked renderer inherits them), and the macro templates are modules made once and given to every
    template as globals, where an `{% import %}` in each template would make them again per render."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    keep_compiled(env, _COMPILED[0])
    env.filters.update(md=md_text, html=html_text, url=safe_url)
    # around a raw HTML block (publish/passthrough.py); html_unindexed starts one that search does not index
    env.globals.update(html_start=START, html_unindexed=UNINDEXED, html_end=END)
    for name, template in MACROS.items():
        env.globals[name] = env.get_template(template).module
    return env


def page(
    env: jinja2.Environment,
    template: str,
    path: str,
    title: str,
    n_facts: int,
    citer: Citer | None,
    *,
    data: dict,
    jsonld: dict | None = None,
    tags: tuple[str, ...] = (),
    searched: bool = True,
    **context: object,
) -> Page:
    """Return one page: front matter, marker, the template's body, the links to its data files and the
    footnote definitions; with the facts it shows as data.

    `searched=False` leaves the page out of the search index: for pages that only gather sentences
    indexed on their source pages already (quotes, timeline, disputed figures), which would double
    the index a reader's browser downloads and MkDocs' indexing time."""
    # Material prints page.meta.title without escaping, so the title is stored HTML-escaped
    meta: dict = {"title": html_text(" ".join(title.split())), "factsheet_facts": n_facts}
    if tags:
        meta["tags"] = list(tags)
    if not searched:
        meta["search"] = {"exclude": True}
    if jsonld:  # the theme override (generator/publish/theme/main.html) writes it into <head>
        meta["factsheet_jsonld"] = script_json(jsonld)
    front = yaml.dump(meta)
    here = posixpath.dirname(path) or "."
    links = {
        "yaml": posixpath.relpath(data_path(path, ".yaml"), here),
        "json": posixpath.relpath(data_path(path, ".json"), here),
        "all": posixpath.relpath(FACTS_JSON, here),
    }
    notes = citer.notes if citer else []
    text = env.get_template(template).render(
        front_matter=front,
        marker=MARKER,
        title=title,
        notes=notes,
        data_links=links,
        **context,
    )
    # md_text never emits a newline, so no content changes
    return Page(re.sub(r"\n{3,}", "\n\n", text), {"title": title, **data})


def parts_index(
    env: jinja2.Environment,
    citer: Citer,
    path: str,
    title: str,
    parts: Sequence[Part[T]],
    *,
    build: Callable[[Part[T], dict], Page],
    data_key: str,
    ident: Callable[[T], object],
    span_of: Callable[[list[T]], str],
    family: str,
    searched: bool = True,
    **context: object,
) -> Page:
    """Return the index of a family split into parts (site/parts.py), carrying every part's page, made
    by `build(part, where)`: one line per part with its span, the data naming each part's entries
    (`data_key`: [ident(entry)]). `context` fills the rest of parts.md.j2 (intro, lead, chart...)."""
    context = {
        "download": None, "chart": None, "caption": "", "lead": [], "lead_total": None, "lead_heading": "",
        **context,
    }  # fmt: skip
    out = page(
        env,
        "parts.md.j2",
        path,
        title,
        0,
        citer,
        data={"parts": [{"page": p.path, data_key: [ident(x) for x in p.items]} for p in parts]},
        searched=searched,
        parts=index_rows(parts, citer.here.href, span_of),
        **context,
    )
    for i, p in enumerate(parts):
        out.parts[p.path] = build(p, where(parts, i, family, path, span_of(p.items)))
    return out
