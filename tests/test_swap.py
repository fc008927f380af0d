"""The swap of docs/ and site/: a staged folder goes in whole, the parts that stay as they were are carried
over by renames, and a build killed at any step leaves the old tree or the new one, never a mix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish import swap


def tree(folder: Path) -> dict[str, str]:
    """{relative path: content} of every file under a folder."""
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def write(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder


OLD = {
    "index.html": "old top",
    "flood/index.html": "flood",
    "strike/index.html": "old strike",
    "vote/a.html": "v",
}
NEW = {"index.html": "new top", "strike/index.html": "new strike"}
AFTER = {**OLD, **NEW}  # the new top and strike, flood and vote carried over


@pytest.fixture
def staged(tmp_path):
    """A project with a site/ and a staged new site that lacks the two stories it carries over."""
    write(tmp_path / "site", OLD)
    return tmp_path, write(swap.staging(tmp_path, "site"), NEW)


def test_a_swap_carries_the_parts_over_by_renaming_them(staged):
    root, new = staged
    kept = {name: (root / "site" / name).stat().st_ino for name in ("flood", "vote")}
    old = swap.swap(root, "site", new, remove=False, carry=("flood", "vote", "gone"))
    assert tree(root / "site") == AFTER
    assert {name: (root / "site" / name).stat().st_ino for name in kept} == kept  # moved, not copied
    assert tree(old) == {"index.html": "old top", "strike/index.html": "old strike"}  # left to remove
    assert not list(root.glob("*carried*"))  # the journal is gone once the new tree is in


def test_a_part_both_staged_and_carried_stops_the_swap_before_anything_moves(staged):
    root, new = staged
    with pytest.raises(RuntimeError, match="strike"):
        swap.swap(root, "site", new, carry=("flood", "strike"))
    assert tree(root / "site") == OLD and tree(new) == NEW


def test_the_staging_copy_leaves_out_the_folders_to_carry(tmp_path):
    write(
        tmp_path / "docs",
        {"index.md": "top", "flood/index.md": "f", "strike/index.md": "s", "x/flood/a": "1"},
    )
    staged = swap.stage_copy(tmp_path, "docs", leave=("flood",))
    assert tree(staged) == {"index.md": "top", "strike/index.md": "s", "x/flood/a": "1"}  # one level only
    assert (staged / "index.md").stat().st_ino == (tmp_path / "docs" / "index.md").stat().st_ino


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs (no except clause catches it)."""


@pytest.mark.parametrize("after", range(6))  # the journal's rename, two moves, two swap renames
def test_a_swap_killed_at_any_rename_is_recovered_to_the_old_tree_or_the_new(staged, monkeypatch, after):
    root, new = staged
    real, calls = os.replace, []

    def replace(src, dst):
        if len(calls) == after:
            raise Killed
        calls.append((src, dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    try:
        swap.swap(root, "site", new, carry=("flood", "vote"))
        finished = True
    except Killed:
        finished = False
    monkeypatch.setattr(os, "replace", real)
    notes = swap.recover(root)
    # killed before the new tree is in (the 5th rename): the old one, carried parts put back
    assert tree(root / "site") == (AFTER if after == 5 else OLD) and finished == (after == 5)
    assert not list(root.glob(".factsheet-tmp*"))  # nothing left to clean up by hand
    if 2 <= after <= 4:  # a part had moved: the note says what was put back
        assert any("flood" in note and "put back" in note for note in notes), notes


def test_recovery_ignores_a_journal_that_names_no_folder_of_its_own(staged):
    root, new = staged
    (root / ".factsheet-tmp-site-carried.json").write_text('["../../etc", "", 3, "flood"]')
    swap.recover(root)
    assert tree(root / "site") == OLD and not new.exists()
