"""Write aside, then swap: docs/ and site/ are replaced whole, never left half-written.

A build renders into a staging copy of docs/ and builds the site into a staging folder; only
when every step succeeded are the staged folders swapped in (two renames each). A build killed
at any moment leaves the previous folders whole, and the next build recovers from whatever a
killed build left behind, with no manual clean-up.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PREFIX = ".factsheet-tmp"


def staging(root: Path, name: str) -> Path:
    """The staging folder of root/name (a fresh, empty one)."""
    path = root / f"{PREFIX}-{name}-new"
    shutil.rmtree(path, ignore_errors=True)
    return path


def stage_copy(root: Path, name: str) -> Path:
    """A staging copy of root/name (hard links where possible, so it costs little)."""
    path = staging(root, name)
    source = root / name
    if source.is_dir():
        shutil.copytree(source, path, copy_function=_link_or_copy, symlinks=True)
    else:
        path.mkdir(parents=True)
    return path


def copy_tree(source: Path, target: Path) -> None:
    """Copy a folder (hard links where possible): a part of the last site that stays as it was."""
    shutil.copytree(source, target, copy_function=_link_or_copy, symlinks=True)


def _link_or_copy(src: str, dst: str) -> None:
    """Hard-link a file (staged files are replaced, never written in place), else copy it."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def swap(root: Path, name: str, new: Path, *, remove: bool = True) -> Path:
    """Put the staged folder in place of root/name: old -> aside, new -> in, aside -> gone (or, without
    `remove`, left for the caller to remove: the path it was set aside at is returned; a build killed
    before it is gone leaves it to recover, which removes it)."""
    target, old = root / name, root / f"{PREFIX}-{name}-old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if remove:
        shutil.rmtree(old, ignore_errors=True)
    return old


def remove_all(folders: list[Path]) -> None:
    """Remove folders (the old docs/ and site/ a swap set aside) side by side: most of the time is
    spent in the file system, which two threads keep busier than one."""
    with ThreadPoolExecutor(max(1, len(folders))) as pool:
        list(pool.map(lambda folder: shutil.rmtree(folder, ignore_errors=True), folders))


def recover(root: Path, names: tuple[str, ...] = ("docs", "site")) -> list[str]:
    """Undo what a killed build left: restore a folder set aside, drop staging folders."""
    notes = []
    for name in names:
        target, old, new = root / name, root / f"{PREFIX}-{name}-old", root / f"{PREFIX}-{name}-new"
        if old.exists() and not target.exists():
            os.replace(old, target)  # killed between the two renames of a swap
            notes.append(f"{name}/ restored from an interrupted build")
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(new, ignore_errors=True)
        shutil.rmtree(new.with_name(new.name + "-top"), ignore_errors=True)  # publish/build.py's top site
    for stray in root.glob(f"{PREFIX}-*.yml"):
        stray.unlink()
    return notes
