"""Write aside, then swap: docs/ and site/ are replaced whole, never left half-written.

A build renders into a staging copy of docs/ and builds the site into a staging folder; only
when every step succeeded are the staged folders swapped in (two renames each). A part that stays as
it was (a story of several whose pages or site part did not change) is not staged at all: the swap
moves its folder from the old tree into the new one just before the new one goes in, and notes the
moves in a journal first. A build killed at any moment leaves the previous folders whole, and the next
build recovers from whatever a killed build left behind (putting back the folders the journal names),
with no manual clean-up.
"""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.store.atomic import write_atomic

PREFIX = ".factsheet-tmp"


def staging(root: Path, name: str) -> Path:
    """The staging folder of root/name (a fresh, empty one)."""
    path = root / f"{PREFIX}-{name}-new"
    shutil.rmtree(path, ignore_errors=True)
    return path


def stage_copy(root: Path, name: str, leave: tuple[str, ...] = ()) -> Path:
    """A staging copy of root/name (hard links where possible, so it costs little), without the
    folders of root/name that `leave` names (the ones swap() is to carry over)."""
    path = staging(root, name)
    source = root / name
    if source.is_dir():

        def left(folder: str, names: list[str]) -> list[str]:
            return [n for n in names if n in leave] if folder == os.fspath(source) else []

        shutil.copytree(source, path, copy_function=_link_or_copy, symlinks=True, ignore=left)
    else:
        path.mkdir(parents=True)
    return path


def _link_or_copy(src: str, dst: str) -> None:
    """Hard-link a file (staged files are replaced, never written in place), else copy it."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def swap(root: Path, name: str, new: Path, *, remove: bool = True, carry: tuple[str, ...] = ()) -> Path:
    """Put the staged folder in place of root/name: old -> aside, new -> in, aside -> gone (or, without
    `remove`, left for the caller to remove: the path it was set aside at is returned; a build killed
    before it is gone leaves it to recover, which removes it).

    `carry` names folders of root/name (one level down) that move into the new one first, renamed, not
    copied; the journal of those moves lets recover() put them back when the build is killed before
    the new folder is in."""
    target, old = root / name, root / f"{PREFIX}-{name}-old"
    shutil.rmtree(old, ignore_errors=True)
    moves = [folder for folder in carry if (target / folder).is_dir()]
    if moves:
        clashes = [folder for folder in moves if (new / folder).exists()]
        if clashes:  # the build staged what it also carries over: a bug, so stop before any move
            raise RuntimeError(f"{new} already holds {', '.join(clashes)}, which the swap was to carry over")
        write_atomic(_journal(root, name), json.dumps(moves))
        for folder in moves:
            os.replace(target / folder, new / folder)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    _journal(root, name).unlink(missing_ok=True)
    if remove:
        shutil.rmtree(old, ignore_errors=True)
    return old


def _journal(root: Path, name: str) -> Path:
    """The journal of the folders a swap of root/name is carrying over (a JSON list of their names)."""
    return root / f"{PREFIX}-{name}-carried.json"


def _carried(journal: Path) -> list[str]:
    """The folder names a journal lists ([] when it is unreadable: written atomically, it is whole or
    absent, so only a hand-edited file is unreadable)."""
    try:
        names = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [n for n in names if isinstance(n, str) and n and "/" not in n and n not in (".", "..")]


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
        journal = _journal(root, name)
        if journal.exists():  # killed while the swap was carrying folders over, or before the new one was in
            back = [f for f in _carried(journal) if (new / f).is_dir() and not (target / f).exists()]
            for folder in back:
                target.mkdir(exist_ok=True)
                os.replace(new / folder, target / folder)
            if back:
                notes.append(f"{name}/: {', '.join(back)} put back from an interrupted build")
            journal.unlink()
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(new, ignore_errors=True)
        shutil.rmtree(new.with_name(new.name + "-top"), ignore_errors=True)  # publish/build.py's top site
    for stray in root.glob(f"{PREFIX}-*.yml"):
        stray.unlink()
    return notes
