"""The command line, run as a user runs it (`python -m generator` in a subprocess) in throw-away projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import __version__

REPO = Path(__file__).resolve().parents[1]
# An invented article, small enough to build in seconds.
ARTICLE = """Fire guts warehouse in Port Selwyn

A fire destroyed a warehouse in the harbour of Port Selwyn on Tuesday, officials said.

More than 40 firefighters fought the blaze for six hours, the fire service said.

"The building could not be saved," fire chief Nadia Brennan told reporters.
"""
ARTICLE_FILE = "harbour-fire.txt"
FACT_FILE = "facts/articles/harbour-fire.yaml"


def factsheet(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m generator *args` in cwd and return the finished process (text output)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def assert_one_line_error(done: subprocess.CompletedProcess) -> str:
    """Assert exit 1 with one 'factsheet: error:' line and no traceback; return that line."""
    assert done.returncode == 1, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("factsheet: error: ")
    assert "Traceback" not in done.stderr + done.stdout
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project with one invented article, built once with `build --no-site` (tests copy it)."""
    root = tmp_path_factory.mktemp("built")
    (root / "seeds").mkdir()
    (root / "seeds" / ARTICLE_FILE).write_text(ARTICLE, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    done = factsheet(root, "build", "--no-site")
    assert done.returncode == 0, done.stderr
    assert "1 articles -> " in done.stdout and "1 added, 0 changed, 0 removed, 0 reused" in done.stdout
    assert not (root / "site").exists()
    return root


@pytest.fixture
def tmp_project(built, tmp_path) -> Path:
    """A fresh copy of the built project that a test may damage."""
    root = tmp_path / "project"
    shutil.copytree(built, root)
    return root


def test_version():
    done = factsheet(REPO, "--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"factsheet {__version__}"


def test_no_seeds_folder_is_one_clear_error(tmp_path):
    line = assert_one_line_error(factsheet(tmp_path, "build"))
    assert "seeds" in line
    assert not (tmp_path / "facts").exists()


def test_root_option_points_at_the_project(tmp_path):
    line = assert_one_line_error(factsheet(REPO, "--root", str(tmp_path), "check"))
    assert str(tmp_path / "seeds") in line


def test_empty_seed_file_is_named(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "blank.txt").write_text("", encoding="utf-8")
    line = assert_one_line_error(factsheet(tmp_path, "build"))
    assert "seeds/blank.txt" in line
    assert "empty" in line


def test_debug_shows_the_traceback(tmp_path):
    done = factsheet(tmp_path, "--debug", "build")
    assert done.returncode != 0
    assert "Traceback (most recent call last)" in done.stderr
    assert "IngestError" in done.stderr
    assert "factsheet: error:" not in done.stderr


def test_usage_error_exits_2(tmp_path):
    done = factsheet(tmp_path, "frobnicate")
    assert done.returncode == 2
    assert "usage: factsheet" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_passes_after_build(tmp_project):
    done = factsheet(tmp_project, "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("check: ")
    assert (tmp_project / FACT_FILE).is_file()
    assert (tmp_project / "docs" / "index.md").is_file()


def test_check_names_the_tampered_fact_and_file(tmp_project):
    path = tmp_project / FACT_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fact = next(f for f in data["figures"] if "40 firefighters" in f["cites"][0]["quote"])
    cite = fact["cites"][0]
    cite["quote"] = cite["quote"].replace("40 firefighters", "400 firefighters")
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    done = factsheet(tmp_project, "check")
    assert done.returncode == 1, done
    assert done.stderr.startswith("factsheet: error: ")
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if fact["id"] in line]
    assert len(problems) == 1, done.stderr
    assert FACT_FILE in problems[0]
    assert "figures" in problems[0]


def test_check_names_a_broken_fact_file(tmp_project):
    path = tmp_project / FACT_FILE
    text = path.read_text(encoding="utf-8")
    assert "qualifier: more_than" in text
    path.write_text(text.replace("qualifier: more_than", "qualifier: lots"), encoding="utf-8")
    line = assert_one_line_error(factsheet(tmp_project, "check"))
    assert "harbour-fire.yaml" in line
    assert "qualifier" in line


def test_timings_name_each_stage_that_ran(tmp_project):
    (tmp_project / "seeds" / ARTICLE_FILE).write_text(
        ARTICLE + "\nIt was the 3rd fire this year.\n", encoding="utf-8"
    )
    done = factsheet(tmp_project, "build", "--no-site", "--timings")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("timings: "))
    stages = [part.rsplit(" ", 2)[0] for part in line.removeprefix("timings: ").split(", ")]
    assert stages == ["read", "extract", "write facts", "reconcile", "render", "check", "swap"]
    assert "mkdocs" not in line  # --no-site: MkDocs did not run


def test_progress_bars_on_a_terminal_and_silence_otherwise(tmp_project):
    import pty
    import threading

    (tmp_project / "seeds" / "second.txt").write_text(ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")
    (tmp_project / "seeds" / "third.txt").write_text(ARTICLE.replace("40", "45"), encoding="utf-8")
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the terminal closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--no-site"],
        cwd=tmp_project,
        stdout=subprocess.PIPE,
        stderr=slave,
        timeout=300,
        check=False,
    )
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    assert done.returncode == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "extracting" in shown and "rendering" in shown
    # the same build without a terminal prints no bar
    (tmp_project / "seeds" / "third.txt").write_text(ARTICLE.replace("40", "46"), encoding="utf-8")
    quiet = factsheet(tmp_project, "build", "--no-site")
    assert quiet.returncode == 0 and "extracting" not in quiet.stderr and "rendering" not in quiet.stderr


def test_the_cli_starts_without_importing_spacy():
    # a build with nothing to extract (no change, an article removed) never pays spaCy's import
    code = (
        "import sys, generator.cli, generator.pipeline; "
        "print(sorted(m for m in sys.modules if m.startswith(('spacy', 'thinc'))))"
    )
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_build_leaves_nothing_running_for_the_interpreter_to_wait_for(tmp_project):
    # the command line ends its process at once after main() (cli.entry): a build must have closed
    # every worker process and thread by then, so that no work of its is cut short
    import multiprocessing
    import threading

    from generator.cli import main

    (tmp_project / "seeds" / "second.txt").write_text(ARTICLE.replace("40", "45"), encoding="utf-8")
    assert main(["--root", str(tmp_project), "build", "--jobs", "2"]) == 0
    assert (tmp_project / "site" / "index.html").is_file()
    assert multiprocessing.active_children() == []
    assert [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon] == []


def test_the_command_line_exits_with_mains_status_and_its_output_whole(tmp_project):
    done = factsheet(tmp_project, "build", "--no-site")  # through cli.entry, output to a pipe
    assert done.returncode == 0 and done.stdout.rstrip().endswith(
        "nothing changed: pages and site are up to date"
    )
    failed = factsheet(tmp_project, "--root", "missing", "build")
    assert failed.returncode == 1 and failed.stderr.startswith("factsheet: error: ")
