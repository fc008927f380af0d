"""The facts stage as one step that a kill cannot split: the fact files a build writes and removes, and
the facts/changes.yaml entry that records what changed, land together.

The whole stage is first written to a journal (facts/.journal.json: the text of each fact file that
changes, the files to remove, the history entry), durably; then it is applied and the journal removed.
A build killed after the journal was written leaves it, and the next build applies it again before
anything else (writing a file twice gives the same file, and an entry is never recorded twice), so
facts/ and the history end as an uninterrupted build leaves them; its own diff then starts from there.
A build killed before the journal was whole changed nothing in facts/ (every file is written aside and
renamed into place), and the next build does the work again. Temporary files of a killed write are
removed.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.store import changes, facts
from generator.store.atomic import write_atomic

JOURNAL = ".journal.json"


def commit(facts_dir: Path, writes: dict[str, str], removes: list[str], entry: changes.ChangeEntry):
    """Journal, then write and remove the fact files ({path under facts_dir: text}, [path]) and record
    the entry; returns the history, newest first."""
    if not writes and not removes:  # only the history changes, if at all: one atomic write
        return changes.record(facts_dir, entry)
    path = facts_dir / JOURNAL
    record = {"writes": writes, "removes": removes, "entry": entry.model_dump(mode="json")}
    write_atomic(path, json.dumps(record, ensure_ascii=False, sort_keys=True), durable=True)
    history = _apply(facts_dir, record)
    path.unlink()
    return history


def recover(facts_dir: Path) -> list[str]:
    """Finish the facts stage a killed build began, and drop the temporary files of killed writes;
    returns what was done, as warnings."""
    for folder in (facts_dir, facts_dir / "articles"):
        for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
            tmp.unlink(missing_ok=True)
    path = facts_dir / JOURNAL
    if not path.is_file():
        return []
    _apply(facts_dir, json.loads(path.read_text(encoding="utf-8")))
    path.unlink()
    return [f"{facts_dir}/: the fact files and history of an interrupted build were completed"]


def _apply(facts_dir: Path, record: dict) -> list[changes.ChangeEntry]:
    """Write and remove the journalled fact files, then record the entry."""
    facts.apply(facts_dir, record["writes"], record["removes"])
    return changes.record(facts_dir, changes.ChangeEntry.model_validate(record["entry"]))
