"""Render: the stories' fact files -> Markdown pages under docs/ for MkDocs, and the navigation.

One story renders at the docs/ root; several render each into docs/<story>/ below a top index.md that
lists them. The pages themselves are built by the page families in site/registry.py; this module lays the
stories out, writes docs/.nav.yml for the factsheet MkDocs plugin (generator/publish/plugin.py), and
hands the files to store/docs.py, which writes them.
"""

from __future__ import annotations

from pathlib import Path

from generator import forked
from generator.errors import RenderError
from generator.forked import forked_pool
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
from generator.site.urls import SitePage
from generator.site.view import StoryView
from generator.store import yaml
from generator.store.docs import write_docs
from generator.store.marker import YAML_LINE
from generator.story import make_story
from generator.text.slugs import unique_slugs

NAV_FILE = ".nav.yml"  # read by the MkDocs plugin; a dot file, so MkDocs leaves it out of the site
TOP_NAV_FILE = ".nav-top.yml"  # the nav of the top site when each story is a site of its own
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


def story_nav() -> list:
    """The nav of one story's own site (docs/<story>/.nav.yml): the way back to the stories, the
    story's pages, then What's new, which lives in the top site (links for directory URLs)."""
    whats_new = SitePage(WHATS_NEW).url
    return [{"All stories": "../"}, *({t: p} for t, p in STORY_NAV), {"What's new": f"../{whats_new}"}]


def top_nav(views: list[tuple[str, StoryView]]) -> list:
    """The nav of the top site (the stories index and What's new), each story a link to its own site."""
    return [
        {"Stories": "index.md"},
        *({html_text(v.title): f"{f}/"} for f, v in views),
        {"What's new": WHATS_NEW},
    ]


def nav_file(nav_: list) -> str:
    """Return the text of a nav file: a marker comment, then the nav as YAML."""
    return YAML_LINE + yaml.dump(nav_)


def all_pages(
    stories: list[Story],
    titles: dict[str, str] | None = None,
    history: list = (),
    show: bool | None = False,
    jobs: int = 1,
    kept: dict[str, str] | None = None,
    views: list[tuple[str, StoryView]] | None = None,
) -> dict[str, str]:
    """Return {path under docs/: content} of every generated file of the site (with a progress bar of
    the pages when `show`, or on a terminal when None), the stories rendered by `jobs` processes.

    `kept` ({story slug: its facts.json text}) names stories whose pages under docs/<folder>/ are
    already written and stay as they are: none of their files is in the result, and their facts
    come from that text (the pages of several stories are rendered story by story, pipeline.py)."""
    kept = kept or {}
    env = environment()
    views = views or story_views(stories, titles)
    pages: dict[str, str] = {}
    facts_of: list[str] = []  # each story's facts, as JSON text
    todo = [i for i, (_, v) in enumerate(views) if v.story.slug not in kept]
    total = sum(len(STORY_NAV) + len(views[i][1].pages) + len(views[i][1].facts) for i in todo)
    # fewer stories to render than processes: each story's pages are shared among several, in shares
    # small enough (two per process, less the one of the story's own data files) to even out the work
    shards = 2 * (jobs // len(todo)) - 1 if todo and jobs >= 2 * len(todo) else 1
    shares = list(range(-1, shards)) if shards > 1 else [0]  # -1: the story's own data files
    tasks = [(i, k) for i in todo for k in shares]
    with forked_pool(jobs, len(tasks), shared=views) as pool:
        # the workers are forked before the progress bar starts its thread
        done = {(i, k): pool.submit(_story, i, shard=k, shards=shards) for i, k in tasks} if pool else None
        with progress_bar(total, show, "rendering") as advance:
            for i, (folder, view) in enumerate(views):
                if view.story.slug in kept:
                    facts_of.append(kept[view.story.slug])
                    continue
                if done is None:
                    files = _story(i, advance)
                else:
                    files = {}
                    for k in shares:
                        files.update(done[(i, k)].result())
                    advance(len(STORY_NAV) + len(view.pages) + len(view.facts))
                pages.update(files)
                facts_of.append(json_body(files[f"{folder}/{FACTS_JSON}" if folder else FACTS_JSON]))
    if len(views) > 1:
        pages.update(page_files({"index.md": stories_index(env, views)}, ""))
        pages[FACTS_JSON] = joined_json(facts_of)
        pages[TOP_NAV_FILE] = nav_file(top_nav(views))
    pages.update(page_files({WHATS_NEW: whats_new_page(list(history), views)}, ""))
    assert env.loader is not None  # a PackageLoader, see environment()
    pages[CSS_ASSET] = env.loader.get_source(env, "factsheet.css")[0]
    pages[NAV_FILE] = nav_file(nav(views))
    return pages


_HEAD, _TAIL = json_text({"stories": []}).split("[]")  # a facts.json around its list of stories


def json_body(text: str) -> str:
    """The one story of a story's facts.json, as JSON text (the file is written by json_text)."""
    return text.removeprefix(_HEAD + "[").removesuffix("]" + _TAIL)


def joined_json(stories: list[str]) -> str:
    """The top facts.json of the stories' JSON texts: byte for byte json_text({"stories": [...]})."""
    return _HEAD + "[" + ",".join(stories) + "]" + _TAIL


def story_views(stories: list[Story], titles: dict[str, str] | None = None) -> list[tuple[str, StoryView]]:
    """[(folder, view)] of the stories in folder order, each with its title as the site shows it."""
    folders = story_folders(stories)
    views = [
        (folders[s.slug], StoryView(s, (titles or {}).get(s.slug)))
        for s in sorted(stories, key=lambda s: folders[s.slug])
    ]
    seen = [v.title for _, v in views]
    for _, view in views:
        if seen.count(view.title) > 1:  # two stories about the same place: tell them apart
            view.title = f"{view.title} ({view.story.slug or FLAT_STORY})"
    return views


def _story(i: int, advance=lambda n: None, shard: int = 0, shards: int = 1) -> dict[str, str]:
    """{path under docs/: content} of the i-th story of the views being rendered (forked.shared()): its
    pages and its own files (data files, nav, stylesheet); with several `shards`, only its pages in the
    `shard`-th share (registry.story_pages), or only its own files for shard -1."""
    folder, view = forked.shared()[i]
    prefix = f"{folder}/" if folder else ""
    env = environment()
    files = {} if shard < 0 else page_files(story_pages(env, view, advance, shard, shards), prefix)
    if shards > 1 and shard >= 0:
        return files
    files[prefix + FACTS_JSON] = json_text({"stories": [story_facts(view)]})
    files[prefix + FIGURES_CSV] = figures_csv(view)
    if folder:  # a story of several: its own site, with its own nav and a copy of the stylesheet
        files[prefix + NAV_FILE] = nav_file(story_nav())
        assert env.loader is not None
        files[prefix + CSS_ASSET] = env.loader.get_source(env, "factsheet.css")[0]
    return files


def render_stories(
    stories: list[Story],
    docs_dir: Path,
    *,
    titles: dict[str, str] | None = None,
    history: list = (),
    progress: bool | None = False,
    jobs: int = 1,
    kept: dict[str, str] | None = None,
    views: list[tuple[str, StoryView]] | None = None,
) -> list[Path]:
    """Write the pages of every story, their data files, the CSS and the nav under docs_dir; return the
    paths of the pages, the CSS and the nav (not of the data files), sorted.

    `titles` may name a story ({story slug: title}); otherwise its title comes from its facts.
    `progress`: a progress bar of the pages (None: when stderr is a terminal); `jobs`: processes
    rendering the stories (a story each at a time); `kept`: stories whose pages stay as written
    (see all_pages), their folders left alone; `views`: the stories' views, when made already
    (story_views).
    """
    if not stories:
        raise RenderError("No story to render: seeds/ gave no articles.")
    folders = story_folders(stories)
    keep = [folders[slug] + "/" for slug in kept or {} if folders[slug]]
    return write_docs(docs_dir, all_pages(stories, titles, history, progress, jobs, kept, views), keep)


def render_pages(
    facts: list[ArticleFacts], texts: dict[str, str], docs_dir: Path, *, story_title: str | None = None
) -> list[Path]:
    """Reconcile the articles as one story and render it at the docs_dir root (see render_stories)."""
    story = make_story("", facts, texts)
    return render_stories([story], docs_dir, titles={"": story_title} if story_title else None)
