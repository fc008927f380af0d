"""The README's quickstart says what `make site` prints on a fresh clone: the same summary lines."""

from __future__ import annotations

import re
import shutil

from tests.shared_data import REPO
from tests.test_cli import factsheet


def quickstart_lines() -> list[str]:
    """The lines the README's quickstart shows under `make site`."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ make site[^\n]*\n(.*?)\$ make test", text, re.S)
    assert block, "the README's quickstart block is gone"
    return block.group(1).strip().splitlines()


def test_the_quickstart_shows_what_a_build_of_the_seeds_prints(tmp_path):
    # a fresh clone: the committed seeds, fact files and mkdocs.yml, nothing built yet
    for name in ("seeds", "facts"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    done = factsheet(tmp_path, "build")  # as a user runs it
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == quickstart_lines()
