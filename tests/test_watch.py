"""`factsheet watch`: which changes start a build, how a burst of them is one build, and a session of
rebuilds (an article saved the way editors save, a broken curation file, then a good one) that ends
byte for byte where a cold build of the same inputs does."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from generator import cli, pipeline
from generator.watch import Changes, is_input
from tests.shared_data import REPO
from tests.test_story_rebuild import STORIES, differences, history_only, project

WAIT = 300  # seconds a build under watch may take on a busy machine before the test gives up


# ------------------------------------------------------------------------------ what counts as a change


@pytest.mark.parametrize(
    ("rel", "counts"),
    [
        ("seeds/a.txt", True),
        ("seeds/flood/herald.txt", True),
        ("seeds/flood/story.yaml", True),
        ("seeds/flood", True),  # a story folder made, removed or renamed
        ("mkdocs.yml", True),
        ("facts/curation.yaml", True),
        ("seeds/.a.txt.swp", False),  # an editor's file, skipped by the build as hidden
        ("seeds/.git/index", False),
        ("facts/flood/who.yaml", False),  # the build's own output
        ("facts/articles/a.yaml", False),
        ("docs/index.md", False),
        ("site/index.html", False),
        ("notes.txt", False),
        ("seedsx/a.txt", False),
    ],
)
def test_only_the_inputs_count(tmp_path, rel, counts):
    assert is_input(tmp_path, tmp_path / rel) is counts


def test_outside_the_project_nothing_counts(tmp_path):
    assert not is_input(tmp_path / "p", tmp_path / "seeds" / "a.txt")
    assert not is_input(tmp_path / "p", tmp_path / "mkdocs.yml")


def test_writes_count_and_reads_do_not(tmp_path):
    changes = Changes(tmp_path)
    seed = str(tmp_path / "seeds" / "a.txt")
    for event in (
        FileOpenedEvent(seed),
        FileClosedNoWriteEvent(seed),
        DirModifiedEvent(str(tmp_path / "seeds")),
    ):
        changes.dispatch(event)
    changes.dispatch(FileModifiedEvent(str(tmp_path / "docs" / "index.md")))  # written by the build
    assert changes.paths == set()
    for event in (
        FileCreatedEvent(seed),
        FileModifiedEvent(seed),
        FileClosedEvent(seed),
        FileDeletedEvent(seed),
    ):
        changes.dispatch(event)
    # an editor's save: a hidden temporary file renamed over the article, which is what changed
    changes.dispatch(
        FileMovedEvent(str(tmp_path / "seeds" / ".a.txt.tmp"), str(tmp_path / "seeds" / "b.txt"))
    )
    assert changes.paths == {seed, str(tmp_path / "seeds" / "b.txt")}


def test_a_burst_of_changes_is_one_build_started_once_they_stop(tmp_path):
    changes = Changes(tmp_path)
    names = [str(tmp_path / "seeds" / f"{i}.txt") for i in range(5)]
    last: list[float] = []

    def save_one_by_one() -> None:
        for name in names:
            changes.dispatch(FileModifiedEvent(name))
            last[:] = [time.monotonic()]
            time.sleep(0.05)

    quiet = 0.3
    writer = threading.Thread(target=save_one_by_one)
    writer.start()
    time.sleep(0.01)  # the first change is in
    got = changes.wait(quiet)
    returned = time.monotonic()
    writer.join()
    assert got == sorted(names)  # all of them, in one build
    assert returned >= last[0] + quiet  # not before the burst had been quiet for `quiet` seconds
    assert changes.paths == set()  # and the next wait starts from nothing


def test_watching_a_folder_without_seeds_says_what_to_do(tmp_path, capsys):
    assert cli.main(["--root", str(tmp_path), "watch"]) == 1
    err = capsys.readouterr().err
    assert "no seeds/ folder" in err and "put the articles in seeds/" in err
    assert not (tmp_path / "facts").exists() and not (tmp_path / "site").exists()


# ------------------------------------------------------------------------------ a session of rebuilds


class Watcher:
    """`factsheet watch` in a process of its own, its output lines read as they come."""

    def __init__(self, root: Path) -> None:
        env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
        env.pop("FACTSHEET_BUILDING", None)
        self.err = (root.parent / "watch-stderr.txt").open("w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "watch", "--jobs", "2"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self.err,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, marker: str) -> list[str]:
        """The lines printed up to and with the first one holding `marker`."""
        got: list[str] = []
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            got.append(line)
            self.seen.append(line)
            if marker in line:
                return got
        self.stop()
        raise AssertionError(f"no {marker!r} in {got}; stderr: {self.stderr()[-2000:]}")

    def stderr(self) -> str:
        self.err.flush()
        self.err.seek(0)
        return self.err.read()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """{file: (inode, mtime)} of a folder: what a build that wrote nothing leaves as it was."""
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A watched project taken through three changes; (its root, what each step printed, stderr, the
    exit status, the site before and after the broken curation file, a cold build's root and report)."""
    root = project(tmp_path_factory.mktemp("watched") / "p")
    watcher = Watcher(root)
    steps: dict[str, list[str]] = {}
    try:
        steps["first"] = watcher.until("factsheet: watching")
        time.sleep(1)  # room for a build its own writes would start (there must be none)
        # 1. an article saved as editors save: a hidden temporary file renamed over it
        post = root / "seeds" / "strike" / "post.txt"
        tmp = post.with_name(".post.txt.tmp")
        tmp.write_text(
            STORIES["strike"]["post.txt"] + "\nThe union said 40 ships were waiting.\n", encoding="utf-8"
        )
        os.replace(tmp, post)
        steps["article"] = watcher.until("factsheet: watching")
        time.sleep(1)
        # 2. a curation file that cannot be read: the error is printed, the site stays as it was
        before = tree(root / "site")
        (root / "facts" / "curation.yaml").write_text("corrections: [\n", encoding="utf-8")
        steps["broken"] = watcher.until("factsheet: watching")
        broken_site = tree(root / "site")
        time.sleep(1)
        # 3. the curation file mended
        (root / "facts" / "curation.yaml").write_text("corrections: []\n", encoding="utf-8")
        steps["mended"] = watcher.until("factsheet: watching")
        time.sleep(1)
    finally:
        status = watcher.stop()
    steps["end"] = list(watcher.lines.queue)
    cold = project(tmp_path_factory.mktemp("cold") / "p")
    shutil.copy(post, cold / "seeds" / "strike" / "post.txt")
    (cold / "facts").mkdir()
    shutil.copy(root / "facts" / "curation.yaml", cold / "facts" / "curation.yaml")
    report = pipeline.build(pipeline.Config(root=cold, jobs=2))
    return root, steps, watcher.stderr(), status, before, broken_site, cold, report, watcher.seen


def test_the_first_build_is_a_whole_build(session):
    steps = session[1]
    assert steps["first"][0].startswith("articles: 5 added, 0 changed, 0 removed")
    assert any("site/ built" in line for line in steps["first"])
    assert (
        steps["first"][-1] == "factsheet: watching seeds/, mkdocs.yml and facts/curation.yaml; Ctrl-C stops"
    )


def test_a_saved_article_rebuilds_only_its_story(session):
    article = session[1]["article"]
    assert article[0] == "factsheet: seeds/strike/post.txt changed; building"
    assert article[1].startswith("articles: 0 added, 1 changed, 0 removed, 4 reused")
    assert any("reconciled strike; pages rendered for strike; site built for strike" in x for x in article)


def test_a_broken_curation_file_is_reported_and_the_site_kept(session):
    _, steps, stderr, _, before, broken_site, *_ = session
    assert steps["broken"][0] == "factsheet: facts/curation.yaml changed; building"
    assert any("the last good facts/, docs/ and site/ are kept" in x for x in steps["broken"])
    assert "factsheet: error:" in stderr and "curation.yaml" in stderr
    assert broken_site == before  # not a file of the site written, moved or removed


def test_the_mended_curation_file_builds_again(session):
    mended = session[1]["mended"]
    assert mended[0] == "factsheet: facts/curation.yaml changed; building"
    assert any("site/ built" in x for x in mended)


def test_each_change_is_one_build_and_the_builds_start_none(session):
    seen = session[-1]
    # the three changes, each built once: no build started by a build's own reads and writes
    assert sum(x.endswith("changed; building") for x in seen) == 3
    assert sum(x.startswith("factsheet: watching") for x in seen) == 4


def test_ctrl_c_between_builds_stops_cleanly(session):
    _, steps, _, status, *_ = session
    assert status == 0
    assert steps["end"] == ["factsheet: stopped watching"]


def test_the_watched_project_ends_as_a_cold_build_of_its_inputs(session):
    root, *_, cold, report, _ = session
    assert report.site_built
    for folder in ("facts", "docs", "site"):
        found = differences(root / folder, cold / folder)
        # only the record of what each build brought differs: the cold build has one regeneration
        assert history_only(found), (folder, found)
