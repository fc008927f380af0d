"""`factsheet watch`: one long-lived process that builds the project, then builds it again each time an
input changes (a seed file, a story.yaml, mkdocs.yml, facts/curation.yaml), until Ctrl-C.

A one-shot `factsheet build` of one changed article pays, before any real work, for importing spaCy and
loading the model (about 1.3 s) and for MkDocs' imports. Here they are paid once: between builds the
process keeps the model loaded and dateparser warm, and starts the next build's MkDocs processes
(publish/waiting.py), so a rebuild is the build's own work. Each rebuild is `pipeline.build`, the same
call `factsheet build` makes, so its facts, pages and site are those of a cold build of the same input.

Changes are seen with watchdog (inotify on Linux, polling where the system gives no events): only writes,
creations, removals and moves of the inputs count, so the build's own reads and its writes to facts/,
docs/ and site/ never start another build. A burst of changes (an editor saving, a folder of articles
copied in) is one rebuild: the build starts once nothing has changed for QUIET seconds. A build that
fails (a broken curation file, an unreadable mkdocs.yml) prints its error and leaves the last good
facts/, docs/ and site/ in place; the next change builds again.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from generator import pipeline
from generator.errors import FactsheetError
from generator.publish.build import Ready
from generator.store import cache
from generator.story import corrections as curate

QUIET = 0.2  # seconds without a change before a rebuild starts
TICK = 0.5  # the longest wait between checks of Ctrl-C while idle
FOLDERS = (("seeds", True), ("", False), ("facts", False))  # watched: (folder, with sub-folders)
INPUTS = f"seeds/, mkdocs.yml and facts/{curate.CURATION_FILE}"  # as the watch names them
COUNTED = {"created", "modified", "deleted", "moved", "closed"}  # writes, not reads ("opened", ...)


class WatchError(FactsheetError):
    """The project cannot be watched (no seeds/ folder)."""


def is_input(root: Path, path: str | Path) -> bool:
    """Whether a change to `path` can change the build: a file under seeds/ (hidden ones aside, which
    the build skips), mkdocs.yml, or facts/curation.yaml."""
    path, root = Path(path).absolute(), root.absolute()
    if path in (root / "mkdocs.yml", root / "facts" / curate.CURATION_FILE):
        return True
    try:
        rel = path.relative_to(root / "seeds")
    except ValueError:
        return False
    return not any(part.startswith(".") for part in rel.parts)


class Changes(FileSystemEventHandler):
    """The input paths changed since the last `wait` returned (filled by watchdog's thread)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.paths: set[str] = set()
        self.last = 0.0  # time.monotonic() of the newest change
        self.cond = threading.Condition()

    def dispatch(self, event: FileSystemEvent) -> None:
        """watchdog's callback: note the event's paths that are inputs, if it is a write."""
        if event.event_type not in COUNTED or (event.is_directory and event.event_type == "modified"):
            return
        paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        inputs = [p for p in paths if is_input(self.root, p)]
        if inputs:
            self.add(inputs)

    def add(self, paths: list[str]) -> None:
        with self.cond:
            self.paths.update(paths)
            self.last = time.monotonic()
            self.cond.notify_all()

    def wait(self, quiet: float = QUIET) -> list[str]:
        """Block until something changed and then nothing for `quiet` seconds; the changed paths,
        sorted. Wakes at least every TICK seconds, so that Ctrl-C is seen."""
        with self.cond:
            while True:
                if self.paths:
                    left = self.last + quiet - time.monotonic()
                    if left <= 0:
                        paths, self.paths = sorted(self.paths), set()
                        return paths
                    self.cond.wait(min(left, TICK))
                else:
                    self.cond.wait(TICK)


class Observing:
    """watchdog watching the inputs: seeds/ whole, the project folder and facts/ for their one file
    each; a polling observer where the system's notifications cannot be used (inotify used up)."""

    def __init__(self, root: Path, changes: Changes) -> None:
        self.root, self.changes = root, changes
        self.watches: dict[Path, tuple[ObservedWatch, int]] = {}  # folder: (its watch, its inode then)
        self.observer: BaseObserver = Observer()
        self.observer.start()
        self.follow()

    def follow(self) -> None:
        """Watch each input folder that exists, again when it was removed and made anew (facts/ is
        made by the first build; a folder put back is another inode, which the old watch misses)."""
        try:
            self._follow()
        except OSError:  # no more inotify watches or instances: poll instead
            self.stop()
            self.observer, self.watches = PollingObserver(), {}
            self.observer.start()
            self._follow()

    def _follow(self) -> None:
        for folder, recursive in ((self.root / name, deep) for name, deep in FOLDERS):
            try:
                inode = folder.stat().st_ino
            except OSError:
                continue
            old = self.watches.get(folder)
            if old is not None and old[1] == inode:
                continue
            if old is not None:
                with contextlib.suppress(KeyError, OSError):
                    self.observer.unschedule(old[0])
            watch = self.observer.schedule(self.changes, str(folder), recursive=recursive)
            self.watches[folder] = (watch, inode)

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join()


def warm(config: pipeline.Config, several: bool) -> Ready:
    """Between builds: the model loaded, dateparser's first call made (the forked reconcile workers
    inherit both), cyclic garbage collected, the cache's files read (store/cache.py read_ahead), and
    the next build's MkDocs processes started."""
    from generator.errors import ExtractError
    from generator.extract.parse import load_model
    from generator.story import asof

    started = Ready(config.root, pipeline.mkdocs_processes(config, several))  # they import meanwhile
    try:
        with contextlib.suppress(ExtractError):  # the build that needs the model reports a missing one
            load_model()
        asof.parse_day("5 January 2004", None)
        gc.collect()
        cache.read_ahead(config.facts)
    except BaseException:
        started.close()
        raise
    return started


def watch(
    config: pipeline.Config,
    report: Callable[[pipeline.Report], None],
    error: Callable[[FactsheetError], None],
    quiet: float = QUIET,
) -> None:
    """Build, then build again after each change of an input, giving each build's report to `report`
    and each failed build's error to `error`, until Ctrl-C: between builds it returns; during a build it
    stops the build, which raises KeyboardInterrupt as `factsheet build` does."""
    if not config.seeds.is_dir():
        raise WatchError(f"no seeds/ folder in {config.root}; put the articles in seeds/ and watch again")
    changes = Changes(config.root)
    observing = Observing(config.root, changes)
    started: Ready | None = None
    building = True
    try:
        several = _build(config, report, error, None)
        while True:
            building = False
            started = warm(config, several)
            observing.follow()
            print(f"factsheet: watching {INPUTS}; Ctrl-C stops", flush=True)
            paths = changes.wait(quiet)
            shown = ", ".join(_shown(config.root, p) for p in paths[:3])
            more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
            print(f"factsheet: {shown}{more} changed; building", flush=True)
            building = True
            several = _build(config, report, error, started, several)
    except KeyboardInterrupt:
        if building:
            raise
        print("factsheet: stopped watching", flush=True)
    finally:
        if started is not None:
            started.close()  # the processes no build took (closing twice is nothing)
        observing.stop()


def _build(
    config: pipeline.Config,
    report: Callable[[pipeline.Report], None],
    error: Callable[[FactsheetError], None],
    started: Ready | None,
    several: bool = False,
) -> bool:
    """One build; whether the project has several stories (as the last build found, when it failed)."""
    try:
        done = pipeline.build(config, started=started)
    except FactsheetError as exc:
        error(exc)
        print("factsheet: the last good facts/, docs/ and site/ are kept; fix the input to build again")
        return several
    report(done)
    return len(done.stories) > 1


def _shown(root: Path, path: str) -> str:
    try:
        return str(Path(path).relative_to(root.absolute()))
    except ValueError:
        return path
