"""Messy input goes through the whole pipeline: nothing crashes, every page still cites, and what
cannot be used is said."""

from __future__ import annotations

import shutil

import pytest

from generator import check, pipeline
from generator.errors import IngestError
from tests.shared_data import REPO

pytestmark = pytest.mark.slow


def project(tmp_path, files: dict[str, bytes | str]):
    """A project with the given seed files."""
    seeds = tmp_path / "seeds"
    for name, content in files.items():
        path = seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_awkward_names_and_empty_articles_build_and_cite(tmp_path):
    root = project(
        tmp_path,
        {
            "a report with spaces.txt": "Flood hits town\n\nMore than 200 homes were flooded, police said.\n",
            "résumé ünïcode.txt": "Flood hits town!\n\nThe mayor said 12 roads were closed.\n",
            "report..v2...txt": "No sentence here just words and more words without an end",
            "no numbers.txt": "Quiet day\n\nnothing happened in the town today.\n",
            "same title.txt": "Flood hits town\n\nRescue teams arrived.\n",
        },
    )
    report = pipeline.build(pipeline.Config(root=root))
    assert report.site_built and report.articles == 5
    names = sorted(p.name for p in (root / "facts" / "articles").glob("*.yaml"))
    assert len(names) == 5 and all("/" not in n and not n.startswith(".") for n in names)
    sources = sorted(p.name for p in (root / "docs" / "sources").glob("*.md") if p.name != "index.md")
    assert len(sources) == 5 and len(set(sources)) == 5  # titles and names that slugify alike stay apart
    assert check.check_pages(root / "docs") == []


def test_a_20_mb_file_is_skipped_with_a_warning_and_the_rest_builds(tmp_path):
    root = project(
        tmp_path,
        {
            "ok.txt": "Storm passes\n\nThe storm passed without damage, forecasters said.\n",
            "dump.txt": "All work and no play. " * 950_000,  # about 20 MB
        },
    )
    report = pipeline.build(pipeline.Config(root=root, build_site=False))
    assert report.articles == 1
    assert any("dump.txt: skipped (20.9 MB" in w for w in report.warnings)


@pytest.mark.parametrize("content", ["", "   \n\t \n", b"\x00\x01\x02binary\x00"])
def test_an_empty_whitespace_or_binary_file_is_skipped_with_its_name(tmp_path, content):
    """Skipped with a warning naming it, and the rest built; a strict build stops before writing."""
    root = project(tmp_path, {"ok.txt": "Storm passes\n\nThe storm passed.\n", "bad.txt": content})
    with pytest.raises(IngestError, match="bad.txt"):
        pipeline.build(pipeline.Config(root=root, build_site=False, warnings_fatal=True))
    assert not (root / "facts").exists() and not (root / "docs").exists()
    report = pipeline.build(pipeline.Config(root=root, build_site=False))
    assert report.articles == 1 and any(w.startswith("seeds/bad.txt: skipped (") for w in report.warnings)
    assert [p.name for p in (root / "facts" / "articles").glob("*.yaml")] == ["ok.yaml"]


def test_seeds_whose_names_look_alike_each_keep_their_fact_file(tmp_path):
    """update.txt and update.md, a#b and a%b, names in other scripts: every article reaches facts/,
    and a second build changes nothing (no bogus change-log entry)."""
    texts = {
        "update.txt": "Dam opens\n\nThe dam opened on Monday, officials said.\n",
        "update.md": "Bridge closes\n\nThe bridge closed on Tuesday, police said.\n",
        "a#b.txt": "Port reopens\n\nThe port reopened after 3 days.\n",
        "a%b.txt": "Road shut\n\nThe road was shut for 2 weeks.\n",
        "Касым.txt": "Storm hits\n\nA storm hit the coast, forecasters said.\n",
        "Токаев.txt": "Rain falls\n\nHeavy rain fell in the north.\n",
    }
    root = project(tmp_path, texts)
    pipeline.build(pipeline.Config(root=root, build_site=False))
    written = sorted((root / "facts" / "articles").glob("*.yaml"))
    assert len(written) == len(texts)
    changes = (root / "facts" / "changes.yaml").read_bytes()
    pipeline.build(pipeline.Config(root=root, build_site=False))
    assert sorted((root / "facts" / "articles").glob("*.yaml")) == written
    assert (root / "facts" / "changes.yaml").read_bytes() == changes


def test_a_second_build_waits_for_the_first(tmp_path):
    """Two builds at once would share the staging paths: the second waits for the lock, says so,
    and then builds."""
    import subprocess
    import sys

    from generator.store.lock import build_lock

    root = project(tmp_path, {"a.txt": "Dam opens\n\nThe dam opened on Monday, officials said.\n"})
    with build_lock(root):
        second = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "build", "--no-site"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        line = second.stderr.readline()
        assert "waiting for the build already running" in line
        assert not (root / "docs").exists()  # nothing written while the first build holds the lock
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert (root / "docs" / "index.md").exists()
