"""Story files: each story's cross-source files (entities.yaml, figures.yaml, events.yaml) in facts/ for a
flat seeds/, else in facts/<story>/; written whole, and removed when their story is gone."""

from __future__ import annotations

from pathlib import Path

from generator import forked
from generator.errors import FactsError
from generator.forked import forked_pool
from generator.models import Story
from generator.store import yaml
from generator.store.atomic import write_atomic
from generator.store.changes import CHANGES_FILE
from generator.store.facts import plain
from generator.store.marker import FACTS_PREFIX

STORY_HEADER = FACTS_PREFIX + " from facts/articles/: {what}. Do not edit by hand.\n"
STORY_FILES = ("entities.yaml", "figures.yaml", "events.yaml")
# what facts/ holds beside the story folders, and so what a story folder may not be called (compared
# case-blind: macOS and Windows would make one of 'Articles' and 'articles')
FACTS_NAMES = {
    "articles": "facts/articles/ holds the per-article fact files",
    "curation.yaml": "facts/curation.yaml is the editors' corrections",
    CHANGES_FILE: f"facts/{CHANGES_FILE} is the change log",
    **{
        name: f"facts/{name} is the cross-source file of the articles right in seeds/" for name in STORY_FILES
    },
}


def write_story(facts_dir: Path, entities: list, groups: list, events: list = ()) -> None:
    """Write facts/entities.yaml, figures.yaml and events.yaml, the cross-source files."""
    files = {
        "events.yaml": ("the timeline", events),
        "entities.yaml": ("one entry per real entity", entities),
        "figures.yaml": ("reports of one quantity", groups),
    }
    for name, (what, items) in files.items():
        body = yaml.dump([plain(x) for x in items])
        write_atomic(facts_dir / name, STORY_HEADER.format(what=what) + body, durable=True)


def refused_story_name(story: str) -> str | None:
    """Why a seeds/ sub-folder may not be called story (its facts/<story>/ would take the place of a file
    factsheet writes), or None."""
    taken = next((why for name, why in FACTS_NAMES.items() if name.casefold() == story.casefold()), None)
    if taken is None:
        return None
    return (
        f"seeds/{story}/: a story folder may not be called '{story}' ({taken}, and a story's "
        "files go in facts/<story>/); rename the folder, then rebuild."
    )


def story_facts_dir(facts_dir: Path, story: str) -> Path:
    """Where a story's cross-source files go: facts/ for a flat seeds/, else facts/<story>/ (FactsError
    for a name that facts/ holds already: ingest refuses such folders before anything is written)."""
    refused = refused_story_name(story)
    if refused:
        raise FactsError(refused)
    return facts_dir / story if story else facts_dir


def remove_stale_story_files(facts_dir: Path, stories: list[Story]) -> None:
    """Delete the generated cross-source files of stories that are gone (folder renamed, seeds/ made flat)."""
    current = {story_facts_dir(facts_dir, s.slug) for s in stories}
    folders = [facts_dir, *(p for p in sorted(facts_dir.iterdir()) if p.is_dir() and p.name != "articles")]
    for folder in folders:
        if folder in current:
            continue
        for name in STORY_FILES:
            path = folder / name
            if path.is_file() and path.read_text(encoding="utf-8").startswith(FACTS_PREFIX):
                path.unlink()
        if folder != facts_dir and not any(folder.iterdir()):
            folder.rmdir()


def write_stories(facts_dir: Path, stories: list[Story], only: set[str] | None = None, jobs: int = 1) -> None:
    """Write the cross-source files of every story (or of those `only` names: the others' are as they
    were written), `jobs` stories at a time in forked processes, and remove those of stories that are
    gone."""
    todo = [
        story
        for story in stories
        if only is None
        or story.slug in only
        or not (story_facts_dir(facts_dir, story.slug) / STORY_FILES[0]).is_file()
    ]
    with forked_pool(jobs, len(todo), shared=(facts_dir, todo)) as pool:
        list(pool.map(_write, range(len(todo))) if pool else map(_write, range(len(todo))))
    remove_stale_story_files(facts_dir, stories)


def _write(i: int) -> None:
    """Write the cross-source files of the i-th story to write (forked.shared(): facts/ and those)."""
    facts_dir, todo = forked.shared()
    story = todo[i]
    write_story(story_facts_dir(facts_dir, story.slug), story.entities, story.figures, story.events)
