"""The generated files under docs/: written atomically, never over a hand-written file (one without the
generated-file marker), and the ones an earlier run made that this run did not are removed."""

from __future__ import annotations

from pathlib import Path

from generator.errors import RenderError
from generator.store.atomic import write_atomic
from generator.store.marker import is_generated

DATA_SUFFIXES = (".json", ".yaml", ".csv")  # the data files: each page's facts, facts.json, figures.csv
GENERATED_SUFFIXES = {".md", ".yml", ".css", *DATA_SUFFIXES}  # what an earlier run may have left behind


def write_docs(docs_dir: Path, files: dict[str, str], keep: list[str] = ()) -> list[Path]:
    """Write {path under docs_dir: content}, remove the stale generated files (but none under the
    folders `keep` names, "story/", whose files stay as they are); return the paths written that are
    not data files, sorted. RenderError, before any write, when a hand-written file is in the way."""
    _refuse_hand_written(docs_dir, files)
    try:
        for rel, content in sorted(files.items()):
            write_atomic(docs_dir / rel, content)
        _remove_stale(docs_dir, set(files), tuple(keep))
    except OSError as exc:
        raise RenderError(f"Cannot write the pages in {docs_dir}: {exc}; check that folder.") from exc
    return sorted(docs_dir / rel for rel in files if not rel.endswith(DATA_SUFFIXES))


def _refuse_hand_written(docs_dir: Path, pages: dict[str, str]) -> None:
    """Return None, or raise RenderError (before any write) if a page would replace a hand-written file."""
    mine = [
        str(docs_dir / rel)
        for rel in sorted(pages)
        if (docs_dir / rel).exists() and not is_generated(docs_dir / rel)
    ]
    if mine:
        raise RenderError(
            f"{', '.join(mine)} not written by factsheet (no generated-file marker) but "
            "factsheet generates that path; rename or move it, then rebuild."
        )


def _remove_stale(docs_dir: Path, current: set[str], keep: tuple[str, ...] = ()) -> None:
    """Delete generated files (pages, data files) left by an earlier run that this run did not produce
    (outside the `keep` folders), and emptied folders."""
    emptied = set()
    for path in sorted(p for p in docs_dir.rglob("*") if p.suffix in GENERATED_SUFFIXES and p.is_file()):
        rel = path.relative_to(docs_dir).as_posix()
        if rel not in current and not rel.startswith(keep) and is_generated(path):
            path.unlink()
            emptied.add(path.parent)
    for folder in sorted(emptied, key=lambda p: -len(p.parts)):
        while folder != docs_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
