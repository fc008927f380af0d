"""Render: the stories' fact files -> Markdown pages under docs/ for MkDocs, and the navigation.

One story renders at the docs/ root; several render each into docs/<story>/ below a top index.md that
lists them. The pages themselves are built by the page families in site/registry.py; this module lays the
stories out, writes docs/.nav.yml for the factsheet MkDocs plugin (generator/publish/plugin.py), and
hands the files to store/docs.py, which writes them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from generator.errors import RenderError
from generator.models import ArticleFacts, Story
from generator.progress import progress as progress_bar
from generator.site.datafiles import (
    DATA_DIR,
    FACTS_JSON,
    FIGURES_CSV,
    figures_csv,
    json_text,
    page_files,
    story_facts,
)
from generator.site.escape import html_text
from generator.site.page import environment
from generator.site.pages.stories import stories_index
from generator.site.pages.whats_new import WHATS_NEW, whats_new_page
from generator.site.registry import STORY_NAV, story_pages
from generator.site.view import StoryView
from generator.store import yaml
from generator.store.docs import write_docs
from generator.store.marker import YAML_LINE
from generator.story import make_story
from generator.text.slugs import unique_slugs

NAV_FILE = ".nav.yml"  # read by the MkDocs plugin; a dot file, so MkDocs leaves it out of the site
CSS_ASSET = "assets/factsheet.css"
# top-level names a story folder must not take: the site's own pages and folders (What's new is served as
# whats-new/, MkDocs' search plugin writes search/)
RESERVED = {"assets", "index", "sources", DATA_DIR, WHATS_NEW.removesuffix(".md"), "search"}
FLAT_STORY = "main"  # the folder of the articles directly in seeds/ when there are sub-folders too


def story_folders(stories: list[Story]) -> dict[str, str]:
    """Return {story slug: folder under docs/}: "" for a lone story, else a unique slug per story."""
    slugs = sorted(s.slug for s in stories)
    if len(set(slugs)) != len(slugs):
        raise RenderError("Two stories have the same name; give each seeds/ sub-folder its own name.")
    if len(slugs) == 1:
        return {slugs[0]: ""}
    folders = unique_slugs([slug or FLAT_STORY for slug in slugs], set(RESERVED), "story")
    return dict(zip(slugs, folders, strict=True))


def nav(views: list[tuple[str, StoryView]]) -> list:
    """Return the MkDocs nav: the pages of a lone story, else a section per story under the top index;
    What's new last."""

    def items(folder: str) -> list[dict[str, str]]:
        return [{title: f"{folder}/{path}" if folder else path} for title, path in STORY_NAV]

    new = [{"What's new": WHATS_NEW}]
    if len(views) == 1:
        return items(views[0][0]) + new
    # Material prints nav titles as they are, so an article-derived title is HTML-escaped
    return [{"Stories": "index.md"}, *({html_text(v.title): items(folder)} for folder, v in views), *new]


def nav_file(views: list[tuple[str, StoryView]]) -> str:
    """Return the text of docs/.nav.yml: a marker comment, then the nav as YAML."""
    body = yaml.dump(nav(views))
    return YAML_LINE + body


def all_pages(
    stories: list[Story],
    titles: dict[str, str] | None = None,
    history: list = (),
    show: bool | None = False,
    jobs: int = 1,
) -> dict[str, str]:
    """Return {path under docs/: content} of every generated file of the site (with a progress bar of
    the pages when `show`, or on a terminal when None), the stories rendered by `jobs` processes."""
    env = environment()
    folders = story_folders(stories)
    views = [
        (folders[s.slug], StoryView(s, (titles or {}).get(s.slug)))
        for s in sorted(stories, key=lambda s: folders[s.slug])
    ]
    seen = [v.title for _, v in views]
    for _, view in views:
        if seen.count(view.title) > 1:  # two stories about the same place: tell them apart
            view.title = f"{view.title} ({view.story.slug or FLAT_STORY})"
    pages: dict[str, str] = {}
    facts_of: list[dict] = []
    total = sum(len(STORY_NAV) + len(v.pages) + len(v.facts) for _, v in views)
    _VIEWS[:] = views
    try:
        with _workers(jobs, len(views)) as pool:
            # the workers are forked before the progress bar starts its thread
            done = [pool.submit(_story, i) for i in range(len(views))] if pool else None
            with progress_bar(total, show, "rendering") as advance:
                for i, (_, view) in enumerate(views):
                    if done is None:
                        files, data = _story(i, advance)
                    else:
                        files, data = done[i].result()
                        advance(len(STORY_NAV) + len(view.pages) + len(view.facts))
                    pages.update(files)
                    facts_of.append(data)
    finally:
        _VIEWS.clear()
    if len(views) > 1:
        pages.update(page_files({"index.md": stories_index(env, views)}, ""))
        pages[FACTS_JSON] = json_text({"stories": facts_of})
    pages.update(page_files({WHATS_NEW: whats_new_page(list(history), views)}, ""))
    assert env.loader is not None  # a PackageLoader, see environment()
    pages[CSS_ASSET] = env.loader.get_source(env, "factsheet.css")[0]
    pages[NAV_FILE] = nav_file(views)
    return pages


_VIEWS: list[tuple[str, StoryView]] = []  # the stories a forked rendering worker reads (not pickled)


def _story(i: int, advance=lambda n: None) -> tuple[dict[str, str], dict]:
    """({path under docs/: content}, every fact) of the i-th story in _VIEWS."""
    folder, view = _VIEWS[i]
    prefix = f"{folder}/" if folder else ""
    files = page_files(story_pages(environment(), view, advance), prefix)
    data = story_facts(view)
    files[prefix + FACTS_JSON] = json_text({"stories": [data]})
    files[prefix + FIGURES_CSV] = figures_csv(view)
    return files, data


@contextmanager
def _workers(jobs: int, stories: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of forked processes rendering a story each (forking hands them _VIEWS without pickling
    it), or None: one story, one job, or a platform that cannot fork."""
    if jobs < 2 or stories < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, stories), mp_context=context) as pool:
        yield pool


def render_stories(
    stories: list[Story],
    docs_dir: Path,
    *,
    titles: dict[str, str] | None = None,
    history: list = (),
    progress: bool | None = False,
    jobs: int = 1,
) -> list[Path]:
    """Write the pages of every story, their data files, the CSS and the nav under docs_dir; return the
    paths of the pages, the CSS and the nav (not of the data files), sorted.

    `titles` may name a story ({story slug: title}); otherwise its title comes from its facts.
    `progress`: a progress bar of the pages (None: when stderr is a terminal); `jobs`: processes
    rendering the stories (a story each at a time).
    """
    if not stories:
        raise RenderError("No story to render: seeds/ gave no articles.")
    return write_docs(docs_dir, all_pages(stories, titles, history, progress, jobs))


def render_pages(
    facts: list[ArticleFacts], texts: dict[str, str], docs_dir: Path, *, story_title: str | None = None
) -> list[Path]:
    """Reconcile the articles as one story and render it at the docs_dir root (see render_stories)."""
    story = make_story("", facts, texts)
    return render_stories([story], docs_dir, titles={"": story_title} if story_title else None)
