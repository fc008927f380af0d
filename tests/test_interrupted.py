"""A build killed at any moment leaves the previous docs/, site/ and fact files whole, and the next
build recovers without manual clean-up."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from generator.store import facts
from tests.shared_data import REPO

pytestmark = pytest.mark.slow

ARTICLE = "Fire at the harbour\n\nMore than 40 boats burned overnight, the port authority said.\n"


def snapshot(folder) -> dict[str, str]:
    """{relative path: sha256} of every file under a folder."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def factsheet(root, *args) -> subprocess.Popen:
    """`factsheet build` of a project, started in the background."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), "build", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


@pytest.fixture
def project(tmp_path):
    """A built project with one invented article."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert factsheet(tmp_path).wait(timeout=300) == 0
    return tmp_path


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0, 4.5, 6.0])
def test_sigkill_at_any_stage_leaves_the_previous_output_whole(project, delay):
    before = {name: snapshot(project / name) for name in ("docs", "site")}
    (project / "seeds" / "bridge.txt").write_text(
        "Bridge closed\n\nThe Lune bridge was closed on Monday after engineers found two cracks.\n",
        encoding="utf-8",
    )
    proc = factsheet(project)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    killed = {name: snapshot(project / name) for name in ("docs", "site")}
    for path in (project / "facts" / "articles").glob("*.yaml"):
        facts.read_article_facts(path)  # every fact file there is whole and valid
    assert factsheet(project).wait(timeout=300) == 0  # the next build recovers by itself
    assert not list(project.glob(".factsheet-tmp*"))
    for name in ("docs", "site"):  # what the kill left was the old output or the new, never a mix
        assert killed[name] in (before[name], snapshot(project / name)), f"{name}/ was left half-written"
    assert (project / "facts" / "articles" / "bridge.yaml").exists()
    assert (project / "site" / "index.html").exists()


# ---------------------------------------------------------------- a kill while the fact files are written

# runs `factsheet build`, killing itself (SIGKILL) right after the Nth call of os.<name>: with
# --no-site the first durable writes (os.fsync) and renames (os.replace) are those of the facts stage
KILLER = """
import os, signal, sys
name, after = sys.argv[1], int(sys.argv[2])
real, calls = getattr(os, name), [0]
def killing(*args, **kwargs):
    out = real(*args, **kwargs)
    calls[0] += 1
    if calls[0] == after:
        os.kill(os.getpid(), signal.SIGKILL)
    return out
setattr(os, name, killing)
from generator.cli import main
sys.exit(main(["--root", sys.argv[3], "build", "--no-site"]))
"""
EDITS = {
    "harbour.txt": ARTICLE.replace("40", "45"),
    "bridge.txt": "Bridge closed\n\nThe Lune bridge was closed on Monday after engineers found two cracks.\n",
    "pier.txt": "Pier reopens\n\nThe pier reopened on Friday after 3 months of repairs, the council said.\n",
}


def small_project(root):
    """A project of one article, built (its first history entry)."""
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    assert factsheet(root, "--no-site").wait(timeout=300) == 0
    for name, text in EDITS.items():  # one article changed, two added
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """facts/ and What's new after the edits built twice without a kill."""
    root = small_project(tmp_path_factory.mktemp("whole"))
    for _ in range(2):
        assert factsheet(root, "--no-site").wait(timeout=300) == 0
    return snapshot(root / "facts"), (root / "docs" / "whats-new.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("call", ["fsync", "replace"])
@pytest.mark.parametrize("after", [1, 2, 3, 4])
def test_a_kill_while_facts_are_written_loses_no_history(tmp_path, uninterrupted, call, after):
    root = small_project(tmp_path / "project")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, call, str(after), str(root)], env=env, capture_output=True, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert factsheet(root, "--no-site").wait(timeout=300) == 0  # the next build, as after any kill
    facts_after, whats_new = uninterrupted
    assert snapshot(root / "facts") == facts_after  # changes.yaml among them
    assert (root / "docs" / "whats-new.md").read_text(encoding="utf-8") == whats_new
