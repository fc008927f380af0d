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
