"""MkDocs processes started ahead of their builds (publish/waiting.py): a site built by one is the site a
fresh `python -m mkdocs` builds, a process no build took is stopped, and a dead one is replaced."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from generator.errors import SiteError
from generator.publish.build import build_site, ready
from tests.shared_data import REPO

PAGES = {
    "index.md": "# Harbour fire\n\nMore than 40 boats burned.[^1]\n\n[^1]: The port authority.\n",
    "sources/one.md": "# Source one\n\nSee [the fact sheet](../index.md).\n",
}


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for rel, text in PAGES.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    return tmp_path


def same_tree(one: Path, two: Path) -> bool:
    cmp = filecmp.dircmp(one, two)
    stack = [cmp]
    while stack:
        here = stack.pop()
        _, mismatch, errors = filecmp.cmpfiles(here.left, here.right, here.common_files, shallow=False)
        if here.left_only or here.right_only or mismatch or errors:
            return False
        stack.extend(here.subdirs.values())
    return True


def test_a_site_built_by_a_waiting_process_is_the_site_a_fresh_mkdocs_builds(project):
    build_site(project, docs_dir=project / "docs", site_dir=project / "fresh")
    with ready(project, 1) as started:
        (waiting,) = started.waiting
        build_site(project, docs_dir=project / "docs", site_dir=project / "ahead", started=started)
        assert started.waiting == [] and waiting.returncode == 0  # it ran the build, and ended
    assert (project / "ahead" / "index.html").is_file()
    assert same_tree(project / "fresh", project / "ahead")


def test_waiting_processes_no_build_took_are_stopped(project):
    with ready(project, 2) as started:
        left = list(started.waiting)
    assert all(proc.returncode is not None for proc in left)


def test_a_waiting_process_that_died_is_replaced_by_a_new_one(project):
    with ready(project, 1) as started:
        started.waiting[0].kill()
        started.waiting[0].wait()
        build_site(project, docs_dir=project / "docs", site_dir=project / "site", started=started)
    assert (project / "site" / "index.html").is_file()


def test_a_failed_build_in_a_waiting_process_reports_mkdocs_problems(project):
    (project / "docs" / "sources" / "one.md").write_text("[gone](../missing.md)\n", encoding="utf-8")
    with ready(project, 1) as started, pytest.raises(SiteError, match="missing.md"):
        build_site(project, docs_dir=project / "docs", site_dir=project / "site", started=started)
