"""The cache beside facts/ (.factsheet-cache/): the parsed fact files, so an unchanged one is not parsed
again; each story as reconciled, so a story none of whose inputs changed is not reconciled again; and
the stamp of the last complete build, so a build with nothing new does nothing. Losing it only costs
time."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

from generator.collector import paused_gc
from generator.errors import FactsError, FactsheetError
from generator.models import ArticleFacts
from generator.store.atomic import write_atomic
from generator.store.facts import digest_of, fact_file_name, hand_edited, read_article_facts
from generator.store.seedbytes import CACHE_DIR  # beside facts/ (named in the light module cli.py reads)

INFERRED = "inferred.pickle"  # the metadata inferred from each article's text (ingest/seeds.py)


def _name(story: str) -> str:
    """A file name for a story's cache entries (story names may hold any character)."""
    return hashlib.sha256(story.encode()).hexdigest()[:16]


def _pickle_path(facts_dir: Path, story: str) -> Path:
    """Where the parsed fact files of a story are kept between builds (one file per story, so a change
    in one story rewrites only its own)."""
    return facts_dir.parent / CACHE_DIR / "facts" / f"{_name(story)}.pickle"


def cached_facts(facts_dir: Path, parsed: set[str] | None = None) -> dict[str, ArticleFacts]:
    """{seed file: its facts} for every readable fact file (unreadable ones are just not cached). A
    file whose recorded hash matches the parsed copy kept from the last build is not parsed again;
    a hand-edited file no longer matches its own hash, so it is always read. The seed files whose
    fact files were parsed are added to `parsed`."""
    kept: dict = {}
    for path in sorted((facts_dir.parent / CACHE_DIR / "facts").glob("*.pickle")):
        kept.update(_load_pickle(path))
    out = {}
    for path in sorted((facts_dir / "articles").glob("*.yaml")):
        digest = digest_of(path)
        facts = (
            kept.get(path.name, (None, None))[1]
            if digest and kept.get(path.name, (None,))[0] == digest and not hand_edited(path)
            else None
        )
        if facts is None:
            try:
                facts = read_article_facts(path)
            except FactsError:
                continue
            if parsed is not None:
                parsed.add(facts.source.file)
        out[facts.source.file] = facts
    return out


# {pickle file: (its stat then, its first line or None, what it held)}, read between two builds of
# `factsheet watch` (read_ahead) for the next build's first read of each file; see _load_pickle
_AHEAD: dict[Path, tuple[tuple[int, ...], bytes | None, dict]] = {}


def _stat_key(path: Path) -> tuple[int, ...] | None:
    """What tells a file from the one written in its place (the cache writes aside, then renames)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size


def read_ahead(facts_dir: Path) -> None:
    """Unpickle the cache's files now, while nothing else runs (`factsheet watch` between builds): the
    next build takes each from memory instead of disk, when the file is still the one read (same inode,
    times and size; a build writes a new file in its place, so a rewritten one is read again). Each
    copy is given to one read only, so no two builds share an object: the build is as from disk."""
    _AHEAD.clear()
    base = facts_dir.parent / CACHE_DIR
    files = [(p, False) for p in sorted((base / "facts").glob("*.pickle"))]
    files += [(p, True) for p in sorted((base / "stories").glob("*.pickle"))]
    files.append((base / INFERRED, False))
    for path, headed in files:
        key = _stat_key(path)
        if key is None:
            continue
        try:
            with path.open("rb") as fh, paused_gc():
                first = fh.readline() if headed else None
                data = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            continue
        if isinstance(data, dict) and _stat_key(path) == key:
            _AHEAD[path] = (key, first, data)


def drop_read_ahead() -> None:
    """Forget what read_ahead read and no build took (at the end of a build)."""
    _AHEAD.clear()


def _load_pickle(path: Path, header: bytes | None = None) -> dict:
    """The dict kept in a pickle file, or {} when there is none, it cannot be read, or the file does not
    begin with the `header` line asked for (then nothing is unpickled); taken from read_ahead's copy
    when the file is still the one it read.

    The garbage collector waits while a pickle is read: unpickling makes objects by the million, none
    of them garbage, and each collection it would set off walks every object of the build so far (in a
    late build step, most of the time the load took)."""
    ahead = _AHEAD.pop(path, None)
    if ahead is not None and ahead[0] == _stat_key(path) and (ahead[1] is None) == (header is None):
        return ahead[2] if ahead[1] == header else {}
    try:
        with path.open("rb") as fh, paused_gc():
            if header is not None and fh.readline() != header:
                return {}
            data = pickle.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return {}


def keep_parsed(facts_dir: Path, all_facts: list[ArticleFacts], changed: set[str] | None = None) -> None:
    """Keep the parsed fact files for the next build (a cache: losing it only costs time): those of the
    `changed` stories (None: of every story), and of any story not kept yet."""
    stories = {f.source.story for f in all_facts}
    for story in sorted(stories):
        target = _pickle_path(facts_dir, story)
        if changed is not None and story not in changed and target.exists():
            continue
        data = {}
        for f in (f for f in all_facts if f.source.story == story):
            path = facts_dir / "articles" / fact_file_name(f.source.file)
            digest = digest_of(path) if path.exists() else None
            if digest:
                data[path.name] = (digest, f)
        write_atomic(target, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    for path in (facts_dir.parent / CACHE_DIR / "facts").glob("*.pickle"):
        if path.stem not in {_name(s) for s in stories}:
            path.unlink()


def _story_path(facts_dir: Path, story: str) -> Path:
    """Where a reconciled story is kept between builds."""
    return facts_dir.parent / CACHE_DIR / "stories" / f"{_name(story)}.pickle"


def _pending_path(facts_dir: Path, story: str) -> Path:
    """Where a story reconciled by this build waits until its cross-source files are written
    (settle_stories): a build stopped before that reconciles the story again."""
    return _story_path(facts_dir, story).with_suffix(".pending")


def cached_story(facts_dir: Path, story: str, key: str, pending: bool = False):
    """(the reconciled Story, the corrections it applied) kept for `story` under `key`, or None (with
    `pending`: the story this build reconciled, not settled yet). The key is the file's first line, so
    a story kept under another key is not unpickled at all."""
    path = _pending_path(facts_dir, story) if pending else _story_path(facts_dir, story)
    data = _load_pickle(path, _key_line(key))
    return (data["story"], data["applied"]) if {"story", "applied"} <= data.keys() else None


def story_kept(facts_dir: Path, story: str, key: str) -> bool:
    """Whether a reconciled story is kept under `key` (its file's first line; nothing is unpickled)."""
    try:
        with _story_path(facts_dir, story).open("rb") as fh:
            return fh.readline() == _key_line(key)
    except OSError:
        return False


def _key_line(key: str) -> bytes:
    """The first line of a kept story's file: the key of its inputs."""
    return key.encode() + b"\n"


def keep_story(facts_dir: Path, key: str, story, applied: list[str]) -> None:
    """Keep a reconciled story (and the corrections it applied) under the key of its inputs, pending:
    it counts as kept once settle_stories has found its cross-source files written."""
    data = {"story": story, "applied": applied}
    body = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomic(_pending_path(facts_dir, story.slug), _key_line(key) + body)


def settle_stories(facts_dir: Path, stories: list[str]) -> None:
    """The pending stories of this build (keep_story) kept for the next, their cross-source files written."""
    for story in stories:
        pending = _pending_path(facts_dir, story)
        if pending.is_file():
            pending.replace(_story_path(facts_dir, story))


def forget_stories(facts_dir: Path, current: set[str]) -> None:
    """Drop the kept stories (and pending ones) that are gone."""
    for path in (facts_dir.parent / CACHE_DIR / "stories").glob("*"):
        if path.suffix in (".pickle", ".pending") and path.stem not in {_name(s) for s in current}:
            path.unlink()


def render_cache_dir(root: Path) -> Path:
    """Where MkDocs' conversions of each story's pages are kept (publish/rendercache.py)."""
    return root / CACHE_DIR / "mkdocs"


def templates_cache_dir(root: Path) -> Path:
    """Where the compiled code of Jinja templates is kept, the generator's and the MkDocs theme's
    (store/compiled.py)."""
    return root / CACHE_DIR / "templates"


def stamp_file(root: Path) -> Path:
    """Where the stamp of the last complete build is kept."""
    return root / CACHE_DIR / "build-stamp"


def read_stamp(root: Path) -> dict | None:
    """The record of the last complete build (its stamp and what it found), or None."""
    try:
        last = json.loads(stamp_file(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return last if isinstance(last, dict) else None


def write_stamp(root: Path, record: dict) -> None:
    """Keep the record of a complete build."""
    write_atomic(stamp_file(root), json.dumps(record))


def cached_inferred(root: Path) -> dict:
    """{digest of an article's text and of the ingest code: what ingest/metadata.py inferred from it},
    as the last reading of seeds/ left it (see ingest/seeds.py)."""
    return _load_pickle(root / CACHE_DIR / INFERRED)


def keep_inferred(root: Path, inferred: dict) -> None:
    """Keep what was inferred from the articles of this reading of seeds/ for the next one; a project
    whose cache cannot be written is read all the same."""
    try:
        write_atomic(root / CACHE_DIR / INFERRED, pickle.dumps(inferred, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, FactsheetError):
        pass
