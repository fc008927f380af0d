"""Data files: the facts each page shows as YAML and JSON beside it, every fact of a story in
facts.json, each behind the generated-file notice, and the figures of a story as CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING

from generator.models import ArticleFacts
from generator.site.urls import SitePage
from generator.store.marker import CSV_MARK, NOTICE

if TYPE_CHECKING:
    from generator.site.page import Page
    from generator.site.view import StoryView

FACTS_JSON = "facts.json"  # every fact of the story, in the story's folder
DATA_DIR = "data"  # one YAML and one JSON file per page: the facts the page shows
FIGURES_CSV = f"{DATA_DIR}/figures.csv"  # every figure report of the story, one row each


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


# The figures as CSV: one row per report. The first column names the file as factsheet's (CSV has no
# comments to carry the notice in; store/marker.py reads the header row instead).
CSV_COLUMNS = (
    CSV_MARK,  # the figure group: one quantity, every source's report of it
    "counts",  # what is counted
    "unit",
    "scope",  # whose count: security forces, civilians, everyone
    "status",  # agreed, conflicting or single (one source)
    "difference",  # why a conflicting group's values differ: revision, scope, rounding, dispute
    "value",  # the number, when the text gives one
    "value_text",  # the value as written
    "qualifier",  # exact, more_than, about, vague...
    "as_of_date",  # the day the figure was true
    "as_of_part",  # its part of the day
    "as_of_inferred",  # true: the day is only the article's own date (or an inferred one)
    "as_of",  # the time as the sentence writes it
    "stated_by",  # who the sentence says stated it
    "source",  # the outlet, as the site names it
    "source_title",
    "source_published",
    "source_url",
    "source_file",
    "sentence",  # the sentence the report was taken from, exactly as in the article
    "sentence_page",  # where the site shows that sentence, relative to the story's home page
    "restated",  # how many more times the same source restates it (a headline, a caption)
    "figure_id",  # the figure in the source's fact file (facts/articles/)
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def csv_cell(value: object) -> str:
    """Return one CSV cell as text a spreadsheet shows and never evaluates: a cell beginning like a
    formula (=, +, -, @, a tab or carriage return, after any spaces) gets a leading apostrophe,
    unless it is a plain number such as -3; None is empty, booleans are true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.lstrip(" ").startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows: list[dict], columns: tuple[str, ...] = CSV_COLUMNS) -> str:
    """Return rows ({column: value}) as CSV (RFC 4180: commas, quotes doubled, CRLF between rows) with
    a header row and a UTF-8 byte order mark, which spreadsheets need to read non-Latin text as UTF-8."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return "\ufeff" + buf.getvalue()


def figures_csv(view: StoryView) -> str:
    """Return every figure report of a story as CSV: one row per report, with its group, source, time,
    speaker and the sentence it was taken from."""
    home = SitePage("index.md")
    rows = []
    for g in view.story.figures:
        for r in g.reports:
            af = view.by_file.get(r.source)
            first = r.cites[0] if r.cites else None
            rows.append(
                {
                    CSV_MARK: g.id,
                    "counts": g.counts,
                    "unit": g.unit,
                    "scope": g.scope,
                    "status": g.status,
                    "difference": g.difference,
                    "value": r.value,
                    "value_text": r.value_text,
                    "qualifier": r.qualifier,
                    "as_of_date": r.as_of_date,
                    "as_of_part": r.as_of_part,
                    "as_of_inferred": r.as_of_inferred,
                    "as_of": r.as_of,
                    "stated_by": r.attributed_to,
                    "source": view.outlet(r.source),
                    "source_title": af.source.title if af else None,
                    "source_published": af.source.published if af else r.published,
                    "source_url": af.source.url if af else None,
                    "source_file": r.source,
                    "sentence": first.quote if first else None,
                    "sentence_page": home.href(f"sources/{view.slugs[r.source]}.md", f"s{first.start}")
                    if first and r.source in view.slugs
                    else None,
                    "restated": max(len(r.cites) - 1, 0),
                    "figure_id": r.figure,
                }
            )
    return csv_text(rows)
