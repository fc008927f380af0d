"""Hostile inputs: no input may silently drop an article or crash a build.

Story folders named like the files factsheet writes, control characters in names, unreadable or
non-regular seed files, an unreadable curation file, a read-only facts/ or a full disk: each gives a
message naming the file and what to do (never a traceback, never a hang), and leaves the previous
facts/, docs/ and site/ as they were. Bad seed files are skipped with a warning each and the rest is
built; a strict build stops before writing anything, listing every one.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import pipeline
from generator.errors import FactsheetError, WriteError
from generator.site import render
from generator.store import atomic
from generator.story import corrections as curate
from tests.shared_data import REPO

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_READS_ALL = "root reads and writes a file whatever its mode; the simulated test covers this"


def text(n: int) -> str:
    """A small article with one figure."""
    return f"Flood hits town\n\nMore than {n} homes were flooded, police said on Monday.\n"


def seeds_of(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write the seed files under root/seeds and return that folder."""
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return seeds


def project(root: Path, files: dict[str, str | bytes]) -> Path:
    """A project: the seed files and the repository's mkdocs.yml."""
    seeds_of(root, files)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """{path: bytes} of every file in facts/, docs/ and site/."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("facts", "docs", "site")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def isolated(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run Python code in a child process that is killed after 120 s (a read that waits for ever fails
    the test instead of holding it)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, cwd=REPO
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project of two articles built once (site included) under umask 022; tests build copies of it."""
    root = project(tmp_path_factory.mktemp("hostile") / "project", {"a.txt": text(200), "b.txt": text(300)})
    old = os.umask(0o022)
    try:
        assert pipeline.build(pipeline.Config(root=root)).site_built
    finally:
        os.umask(old)
    return root


@pytest.fixture
def copy(built, tmp_path) -> Path:
    """A copy of the built project, free to change."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    return root


# --- 12. story folders named like what factsheet writes; control characters in names ----------------


def test_story_folders_named_like_site_pages_get_folders_of_their_own():
    slugs = ["", "whats-new", "search", "assets", "data", "index", "sources", "kazakhstan"]
    folders = render.story_folders([SimpleNamespace(slug=s) for s in slugs])
    assert folders["kazakhstan"] == "kazakhstan" and folders[""] == render.FLAT_STORY
    assert len(set(folders.values())) == len(slugs)
    assert not set(folders.values()) & {"whats-new", "search", "assets", "data", "index", "sources"}


@pytest.mark.slow
def test_a_story_called_whats_new_leaves_the_whats_new_page_alone(tmp_path):
    """docs/whats-new/ and docs/whats-new.md were both served as site/whats-new/: one page was lost."""
    root = project(tmp_path, {"whats-new/a.txt": text(200), "other/b.txt": text(300)})
    pipeline.build(pipeline.Config(root=root))
    assert not (root / "docs" / "whats-new").exists()
    assert (root / "docs" / "whats-new-2" / "index.md").is_file()
    page = (root / "site" / "whats-new" / "index.html").read_text(encoding="utf-8")
    assert "<title>What&#39;s new" in page
    assert (root / "site" / "whats-new-2" / "index.html").is_file()


# --- 13. unreadable and non-regular files, a read-only facts/, a full disk, file modes --------------


LOAD_CURATION = """
import sys
from pathlib import Path
from generator.story import corrections
try:
    corrections.load(Path(sys.argv[1]))
except corrections.CurationError as exc:
    print(exc)
"""


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (
            lambda p: p.write_bytes(b"corrections: []\n# caf\xe9\n"),
            ":2: not UTF-8 text (byte 0xE9); re-save it",
        ),
        (Path.mkdir, ": is a folder, not a file; move it away (the file is optional)"),
        (os.mkfifo, ": is a named pipe (FIFO), not a file; move it away"),
    ],
    ids=["latin-1", "folder", "fifo"],
)
def test_a_curation_file_that_cannot_be_read_is_one_clear_error(tmp_path, make, problem):
    path = tmp_path / "facts" / curate.CURATION_FILE
    path.parent.mkdir()
    make(path)
    done = isolated(LOAD_CURATION, str(path))  # a pipe is read in a child process: a hang fails the test
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "1 problem(s) in the curation file; nothing was built or overwritten:"
    assert len(lines) == 2 and lines[1].startswith(f"  - {path}{problem}")


@pytest.mark.slow
@pytest.mark.parametrize("make", [lambda p: p.write_bytes(b"corrections:\n- id: caf\xe9\n"), Path.mkdir])
def test_a_bad_curation_file_leaves_facts_docs_and_site_as_they_were(copy, make):
    before = snapshot(copy)
    make(copy / "facts" / curate.CURATION_FILE)
    with pytest.raises(curate.CurationError, match=r"facts/curation\.yaml"):
        pipeline.build(pipeline.Config(root=copy))
    assert {k: v for k, v in snapshot(copy).items() if k != "facts/curation.yaml"} == before


def refuse_writing_in(monkeypatch, folder: Path, error: int) -> None:
    """Creating a file in folder (or below) raises OSError(error), as a read-only folder does."""
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).is_relative_to(folder):
            raise OSError(error, os.strerror(error), str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)


@pytest.mark.slow
def test_a_read_only_facts_folder_is_one_clear_error_and_changes_nothing(copy, monkeypatch):
    before = snapshot(copy)
    seeds_of(copy, {"c.txt": text(400)})
    refuse_writing_in(monkeypatch, copy / "facts", errno.EACCES)
    with pytest.raises(WriteError) as err:
        pipeline.build(pipeline.Config(root=copy))
    message = str(err.value)
    assert (
        message.startswith(f"{copy}/facts/") and "permission denied" in message and "chmod -R u+w" in message
    )
    assert snapshot(copy) == before


@pytest.mark.slow
@pytest.mark.skipif(AS_ROOT, reason=ROOT_READS_ALL)
def test_a_chmod_555_facts_folder_is_one_clear_error_and_changes_nothing(copy):
    before = snapshot(copy)
    seeds_of(copy, {"c.txt": text(400)})
    folders = [copy / "facts", copy / "facts" / "articles"]
    for folder in folders:
        folder.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="permission denied"):
            pipeline.build(pipeline.Config(root=copy))
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert snapshot(copy) == before


def fill_the_disk(monkeypatch, after: int) -> None:
    """Every file write after the first `after` raises ENOSPC, as on a full disk."""
    real, done = atomic._write, []

    def write(fd, data, durable):
        done.append(1)
        if len(done) > after:
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data, durable)

    monkeypatch.setattr(atomic, "_write", write)


@pytest.mark.slow
def test_a_full_disk_while_writing_facts_is_one_clear_error_and_changes_nothing(copy, monkeypatch):
    before = snapshot(copy)
    seeds_of(copy, {"c.txt": text(400)})
    fill_the_disk(monkeypatch, after=0)
    with pytest.raises(WriteError) as err:
        pipeline.build(pipeline.Config(root=copy))
    assert str(err.value).startswith(f"{copy}/facts/") and "the disk is full; free some space" in str(
        err.value
    )
    assert snapshot(copy) == before
    assert not [p for p in copy.rglob("*.tmp")]  # no temporary file left behind


@pytest.mark.slow
def test_a_disk_full_half_way_through_the_facts_is_completed_by_the_next_build(
    copy, built, tmp_path, monkeypatch
):
    seeds_of(copy, {"c.txt": text(400)})
    fill_the_disk(monkeypatch, after=1)  # the journal is written, then the disk is full
    with pytest.raises(WriteError, match="the disk is full"):
        pipeline.build(pipeline.Config(root=copy))
    monkeypatch.undo()
    report = pipeline.build(pipeline.Config(root=copy))
    assert any("interrupted build were completed" in w for w in report.warnings)
    uninterrupted = tmp_path / "uninterrupted"
    shutil.copytree(built, uninterrupted, symlinks=True)
    seeds_of(uninterrupted, {"c.txt": text(400)})
    pipeline.build(pipeline.Config(root=uninterrupted))
    assert snapshot(copy) == snapshot(uninterrupted)


def test_a_folder_or_a_file_in_the_way_of_a_write_is_named(tmp_path):
    (tmp_path / "page.md").mkdir()
    with pytest.raises(WriteError, match=r"page\.md: is a folder, where factsheet writes a file; move"):
        atomic.write_atomic(tmp_path / "page.md", "text")
    (tmp_path / "data").write_text("x")
    with pytest.raises(WriteError, match=r"/data: is a file, where factsheet needs a folder"):
        atomic.write_atomic(tmp_path / "data" / "a.json", "{}")


@pytest.mark.slow
def test_generated_files_get_the_mode_of_the_umask_not_0600(built):
    modes = {
        p.relative_to(built).as_posix(): stat.S_IMODE(p.stat().st_mode)
        for folder in ("facts", "docs", "site")
        for p in (built / folder).rglob("*")
    }
    assert modes and {m for p, m in modes.items() if (built / p).is_file()} == {0o644}
    assert {m for p, m in modes.items() if (built / p).is_dir()} == {0o755}


def test_a_build_that_cannot_write_its_lock_says_so(tmp_path, monkeypatch):
    """The first file a build writes is its lock, in .factsheet-cache/."""
    project(tmp_path, {"ok.txt": text(1)})
    (tmp_path / ".factsheet-cache").write_text("in the way")
    with pytest.raises(FactsheetError, match=r"\.factsheet-cache: is a file, where factsheet needs a folder"):
        pipeline.build(pipeline.Config(root=tmp_path))
