"""Hostile inputs: no input may silently drop an article or crash a build.

Story folders named like the files factsheet writes, control characters in names, unreadable or
non-regular seed files, an unreadable curation file, a read-only facts/ or a full disk: each gives a
message naming the file and what to do (never a traceback, never a hang), and leaves the previous
facts/, docs/ and site/ as they were. Bad seed files are skipped with a warning each and the rest is
built; a strict build stops before writing anything, listing every one.
"""

from __future__ import annotations

import errno
import json
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
from generator.errors import FactsheetError, IngestError, WriteError
from generator.ingest.seeds import read_seeds
from generator.site import render
from generator.store import atomic
from generator.store.cache import CACHE_DIR
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


@pytest.mark.parametrize(
    "name", ["curation.yaml", "changes.yaml", "events.yaml", "figures.yaml", "Entities.yaml", "articles"]
)
def test_a_story_folder_named_like_a_file_in_facts_is_refused_naming_it(tmp_path, name):
    seeds = seeds_of(tmp_path, {f"{name}/a.txt": text(200), "other/b.txt": text(300), "c.txt": text(400)})
    with pytest.raises(IngestError) as err:
        read_seeds(seeds)
    message = str(err.value)
    assert message.startswith(f"seeds/{name}/: a story folder may not be called '{name}' (facts/")
    assert "rename the folder" in message


def test_every_refused_story_folder_and_bad_file_is_listed_at_once(tmp_path):
    files = {
        "changes.yaml/a.txt": text(1),
        "curation.yaml/b.txt": text(2),
        "empty.txt": "",
        "ok.txt": text(3),
    }
    with pytest.raises(IngestError) as err:
        read_seeds(seeds_of(tmp_path, files))
    lines = str(err.value).splitlines()
    assert lines[0] == "3 problem(s) in seeds/; nothing was built or overwritten. Fix them:"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "  - seeds/changes.yaml/",
        "  - seeds/curation.yaml/",
        "  - seeds/empty.txt",
    ]


@pytest.mark.slow
def test_a_story_folder_named_curation_yaml_breaks_no_build(copy):
    """It used to be written as facts/curation.yaml/, and every later build died (IsADirectoryError)."""
    before = snapshot(copy)
    seeds_of(copy, {"curation.yaml/c.txt": text(400)})
    for _ in range(2):
        with pytest.raises(IngestError, match=r"^seeds/curation\.yaml/: a story folder may not be called"):
            pipeline.build(pipeline.Config(root=copy))
    assert snapshot(copy) == before and not (copy / "facts" / "curation.yaml").exists()
    (copy / "seeds" / "curation.yaml").rename(copy / "seeds" / "corrections")
    pipeline.build(pipeline.Config(root=copy, build_site=False))
    assert (copy / "facts" / "corrections" / "figures.yaml").is_file()


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


def test_a_control_character_or_a_byte_not_utf8_in_a_name_skips_it_with_a_warning(tmp_path):
    seeds = seeds_of(tmp_path, {"ok.txt": text(1), "a\nb.txt": text(2), "c\x1b[31m.txt": text(3)})
    seeds_of(tmp_path, {"tab\tstory/d.txt": text(4)})
    with open(os.fsencode(seeds) + b"/x\xffy.txt", "wb") as out:  # a name Python cannot decode
        out.write(text(5).encode())
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["ok.txt"]
    reason = ": skipped (its name holds a control character or a byte that is not UTF-8); rename it"
    assert sorted(warnings) == sorted(
        f"{label}{reason}"
        for label in ("seeds/a\\nb.txt", "seeds/c\\x1b[31m.txt", "seeds/tab\\tstory", "seeds/x\\xffy.txt")
    )
    assert all(w.isprintable() for w in warnings)


@pytest.mark.slow
def test_a_newline_in_a_seed_name_breaks_neither_build_nor_check(tmp_path):
    """It used to break the header line of its fact file, and `check` blamed the fact file."""
    root = project(tmp_path, {"ok.txt": text(1), "a\nb.txt": text(2)})
    report = pipeline.build(pipeline.Config(root=root, build_site=False))
    assert report.articles == 1 and report.warnings[0].startswith("seeds/a\\nb.txt: skipped (")
    assert pipeline.check_project(pipeline.Config(root=root)) > 0


# --- 13. unreadable and non-regular files, a read-only facts/, a full disk, file modes --------------


def deny_reading(monkeypatch, name: str) -> None:
    """Reading the file called name raises PermissionError, as chmod 000 does for a user (not for root)."""
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


LOCKED = (
    "seeds/locked.txt: skipped (cannot be read: permission denied); make it readable (chmod a+r) or remove it"
)


def test_an_unreadable_seed_is_skipped_naming_it(tmp_path, monkeypatch):
    seeds = seeds_of(tmp_path, {"ok.txt": text(1), "locked.txt": text(2)})
    deny_reading(monkeypatch, "locked.txt")
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["ok.txt"] and warnings == [LOCKED]


@pytest.mark.skipif(AS_ROOT, reason=ROOT_READS_ALL)
def test_a_chmod_000_seed_is_skipped_naming_it(tmp_path):
    seeds = seeds_of(tmp_path, {"ok.txt": text(1), "locked.txt": text(2)})
    (seeds / "locked.txt").chmod(0)
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["ok.txt"] and warnings == [LOCKED]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    """A story folder is skipped with a warning; seeds/ itself is an error."""
    seeds = seeds_of(tmp_path, {"ok.txt": text(1), "locked/a.txt": text(2)})
    real = Path.iterdir
    closed = {seeds / "locked"}

    def iterdir(self):
        if self in closed:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["ok.txt"]
    assert warnings == [
        "seeds/locked/: skipped (cannot be read: permission denied); make it readable (chmod a+rx)"
    ]
    closed.add(seeds)
    with pytest.raises(IngestError, match=r"^seeds/: cannot be read \(permission denied\); make it readable"):
        read_seeds(seeds)


READ_SEEDS = """
import json, sys
from generator.errors import FactsheetError
from generator.ingest.seeds import read_seeds
from generator.ingest.storyfile import read_story_files
try:
    articles, warnings = read_seeds(sys.argv[1])
    read_story_files(sys.argv[1])
    print(json.dumps([[a.file for a in articles], warnings]))
except FactsheetError as exc:
    print(json.dumps(str(exc)))
"""


def test_a_named_pipe_in_seeds_is_skipped_not_waited_for(tmp_path):
    """Reading a FIFO waits for a writer: the build used to hang for ever."""
    seeds = seeds_of(tmp_path, {"ok.txt": text(1), "story/b.txt": text(2)})
    os.mkfifo(seeds / "pipe.txt")
    os.mkfifo(seeds / "story" / "pipe.md")
    done = isolated(READ_SEEDS, str(seeds))
    assert done.returncode == 0, done.stderr
    files, warnings = json.loads(done.stdout)
    assert files == ["ok.txt", "story/b.txt"]
    fix = "remove it: only regular files are read"
    assert warnings == [
        f"seeds/pipe.txt: skipped (a named pipe (FIFO), not a file); {fix}",
        f"seeds/story/pipe.md: skipped (a named pipe (FIFO), not a file); {fix}",
    ]


@pytest.mark.parametrize("name", ["sources.yaml", "story.yaml", "story/sources.yaml", "story/story.yaml"])
@pytest.mark.parametrize("kind", ["a named pipe (FIFO)", "a folder"])
def test_an_edited_seeds_file_that_is_a_pipe_or_a_folder_is_named(tmp_path, name, kind):
    seeds = seeds_of(tmp_path, {"ok.txt": text(1), "story/b.txt": text(2)})
    os.mkfifo(seeds / name) if kind.endswith("(FIFO)") else (seeds / name).mkdir()
    done = isolated(READ_SEEDS, str(seeds))
    assert done.returncode == 0, done.stderr
    message = json.loads(done.stdout)
    assert isinstance(message, str) and f"seeds/{name}: " in message and kind in message


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
    """Every file write after the first `after` raises ENOSPC, as on a full disk. Writes to the cache
    (.factsheet-cache/, whose loss only costs time: a full disk there is passed over) are not counted."""
    real, done = atomic._write, []

    def write(fd, data, durable):
        if CACHE_DIR in os.readlink(f"/proc/self/fd/{fd}"):
            real(fd, data, durable)
            return
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


# --- 14. every bad seed file named in one run; --strict ---------------------------------------------

BAD = {
    "empty.txt": b"",
    "blank.md": b"  \r\n\t\n",
    "binary.txt": b"GIF89a\x00\x01\x00",
    "utf16.txt": b"\xff\xfe\x00\xd8",  # a lone surrogate
    "blank.html": b"<html><head><title>x</title></head><body></body></html>",
    "story/locked.txt": text(9).encode(),
}


def test_every_bad_seed_file_is_named_in_one_run_and_the_rest_is_read(tmp_path, monkeypatch):
    seeds = seeds_of(tmp_path, {**BAD, "ok.txt": text(1), "story/ok.txt": text(2)})
    deny_reading(monkeypatch, "locked.txt")
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["ok.txt", "story/ok.txt"]
    assert sorted(w.partition(": skipped (")[0] for w in warnings) == sorted(f"seeds/{n}" for n in BAD)
    with pytest.raises(IngestError) as err:
        read_seeds(seeds, strict=True)
    lines = str(err.value).splitlines()
    assert lines[0] == (
        f"{len(BAD)} warning(s) about seeds/, fatal in a strict build; nothing was built or overwritten. "
        "Fix them:"
    )
    assert lines[1:-1] == [f"  - {w}" for w in warnings]


def test_when_every_seed_file_is_bad_the_build_stops_listing_them_all(tmp_path, monkeypatch):
    deny_reading(monkeypatch, "locked.txt")
    with pytest.raises(IngestError) as err:
        read_seeds(seeds_of(tmp_path, {**BAD, "photo.jpg": b"\xff\xd8"}))
    lines = str(err.value).splitlines()
    assert lines[0].startswith("no articles in seeds/: put .txt, .md or .html news articles there; 7 files")
    assert sorted(line.partition(": skipped (")[0] for line in lines[1:]) == sorted(
        f"  - seeds/{n}" for n in [*BAD, "photo.jpg"]
    )


def test_the_problems_of_every_edited_file_are_listed_at_once(tmp_path):
    files = {
        "a.md": "---\ntitle: [unclosed\n---\n" + text(1),
        "b.md": "---\ntitle: 12\n---\n" + text(2),
        "story/sources.yaml": "x.txt:\n  titel: Oops\n",
        "story/x.txt": text(3),
        "empty.txt": "",
    }
    with pytest.raises(IngestError) as err:
        read_seeds(seeds_of(tmp_path, files))
    message = str(err.value)
    assert message.startswith("4 problem(s) in seeds/; nothing was built or overwritten. Fix them:")
    for expected in (
        "seeds/a.md: line 3: malformed YAML",
        "seeds/b.md: line 2: front matter: title",
        "seeds/story/sources.yaml: line 2: x.txt: titel: unknown key",
        "seeds/empty.txt: empty file",
    ):
        assert expected in message


def factsheet(*args: str) -> subprocess.CompletedProcess:
    """Run the command line in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=600, cwd=REPO
    )


@pytest.mark.slow
def test_build_skips_bad_seed_files_with_a_warning_and_strict_stops_before_writing(tmp_path):
    root = project(tmp_path, {"ok.txt": text(1), "empty.txt": "", "binary.txt": b"\x00\x01"})
    strict = factsheet("--root", str(root), "build", "--strict", "--no-site")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert strict.stderr.startswith("factsheet: error: 2 warning(s) about seeds/, fatal in a strict build")
    assert "seeds/empty.txt: skipped (empty file)" in strict.stderr
    assert "seeds/binary.txt: skipped (looks binary, not text)" in strict.stderr
    assert not (root / "facts").exists() and not (root / "docs").exists()
    lax = factsheet("--root", str(root), "build", "--no-site")
    assert lax.returncode == 0, lax.stderr
    assert "warning: seeds/empty.txt: skipped (empty file); remove it or add the article text" in lax.stderr
    assert "warning: seeds/binary.txt: skipped (looks binary, not text)" in lax.stderr
    assert [p.name for p in (root / "facts" / "articles").iterdir()] == ["ok.yaml"]


def test_build_help_tells_the_policy_and_strict_excludes_no_strict():
    shown = factsheet("build", "--help")
    assert "is skipped with a warning" in shown.stdout and "--strict" in shown.stdout
    both = factsheet("build", "--strict", "--no-strict")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def test_a_build_that_cannot_write_its_lock_says_so(tmp_path, monkeypatch):
    """The first file a build writes is its lock, in .factsheet-cache/."""
    project(tmp_path, {"ok.txt": text(1)})
    (tmp_path / ".factsheet-cache").write_text("in the way")
    with pytest.raises(FactsheetError, match=r"\.factsheet-cache: is a file, where factsheet needs a folder"):
        pipeline.build(pipeline.Config(root=tmp_path))
