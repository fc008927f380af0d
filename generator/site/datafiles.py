"""Data files: the facts each page shows as YAML and JSON beside it, and every fact of a story in
facts.json, each behind the generated-file notice."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from generator.models import ArticleFacts
from generator.store.marker import NOTICE

if TYPE_CHECKING:
    from generator.site.page import Page
    from generator.site.view import StoryView

FACTS_JSON = "facts.json"  # every fact of the story, in the story's folder
DATA_DIR = "data"  # one YAML and one JSON file per page: the facts the page shows


def data_path(page: str, suffix: str) -> str:
    """Return the data file of a page: "people/x.md" -> "data/people/x.json"."""
    return f"{DATA_DIR}/{page.removesuffix('.md')}{suffix}"


def json_text(data: dict) -> str:
    """Return a data file as compact JSON (C-encoded: a large site has thousands), the generated-file
    notice first."""
    return json.dumps({"comment": NOTICE, **data}, ensure_ascii=False, separators=(",", ":")) + "\n"


def yaml_text(data: dict) -> str:
    """Return a data file as YAML, behind the generated-file notice: written in YAML's JSON-compatible
    flow style, which every YAML reader loads and which costs a fraction of block style to write
    (a site of thousands of pages has thousands of these)."""
    body = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    return f"# {NOTICE}\n{body}\n"


def source_data(af: ArticleFacts) -> dict:
    """An article's metadata as the data files give it."""
    return af.source.model_dump(mode="json")


def story_facts(view: StoryView) -> dict:
    """Every fact of one story: its articles' fact files, its entities, figure groups and events."""
    return {
        "title": view.title,
        "slug": view.story.slug,
        "articles": [af.model_dump(mode="json") for af in view.facts],
        "entities": [e.model_dump(mode="json") for e in view.entities],
        "figure_groups": [g.model_dump(mode="json") for g in view.story.figures],
        "events": [ev.model_dump(mode="json") for ev in view.story.events],
    }


def page_files(pages: dict[str, Page], prefix: str) -> dict[str, str]:
    """Return {path under docs/: content} of the pages and of each page's YAML and JSON data files, for
    pages laid out under the folder `prefix` ("" or "story/")."""
    files = {}
    for path, p in pages.items():
        files[prefix + path] = p.md
        data = {"page": prefix + path, **p.data}
        files[prefix + data_path(path, ".json")] = json_text(data)
        files[prefix + data_path(path, ".yaml")] = yaml_text(data)
    return files
