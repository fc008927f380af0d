"""What changed: the per-fact differences of each regeneration, kept in facts/changes.yaml.

Each build that adds, changes or removes facts prepends one entry; a build that changes nothing
adds nothing, so two builds of the same input leave the file byte-identical. Entries carry no
clock time (builds must be reproducible): they are identified by the seed set they were built from.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.models import ArticleFacts, Strict
from generator.store import yaml
from generator.store.atomic import write_atomic
from generator.store.marker import FACTS_PREFIX

CHANGES_FILE = "changes.yaml"
KEEP = 50  # entries kept; older ones are dropped
LISTED = 500  # facts listed per kind of change in one entry; the counts cover the rest


class FactChange(Strict):
    """One fact that appeared, changed or disappeared."""

    id: str
    source: str
    section: str
    text: str
    was: str | None = None


class SourceChange(Strict):
    """A source that came or went, named as the site names it."""

    file: str
    publisher: str | None = None
    title: str | None = None


class ChangeEntry(Strict):
    """What one regeneration changed."""

    seeds: str  # hash of the seed files the build read
    newest_source: str | None = None
    sources_added: list[SourceChange] = []
    sources_removed: list[SourceChange] = []
    counts: dict[str, int] = {}  # added / changed / removed, all of them (the lists stop at LISTED)
    added: list[FactChange] = []
    changed: list[FactChange] = []
    removed: list[FactChange] = []


def summary(section: str, item) -> str:
    """A one-line description of a fact."""
    if section == "figures":
        return f"{item.value_text} {item.counts}" + (
            f" (stated by {item.attributed_to})" if item.attributed_to else ""
        )
    if section == "quotes":
        return f"{item.speaker or 'unattributed'}: \u201c{item.text}\u201d"
    if section == "who":
        return f"{item.name} ({item.kind})" + (f", {'; '.join(item.roles)}" if item.roles else "")
    return item.statement + (f" ({item.when})" if item.when else "")


def _facts_by_id(all_facts) -> dict[tuple[str, str], tuple[str, str, str]]:
    """{(source, id): (section, summary, content)} of every fact."""
    out = {}
    for af in all_facts:
        for section in ("who", "what", "figures", "quotes"):
            for item in getattr(af, section):
                content = item.model_dump_json(exclude={"cites", "mentions"})
                out[(af.source.file, item.id)] = (section, summary(section, item), content)
    return out


def diff(before: list[ArticleFacts], after: list[ArticleFacts]) -> ChangeEntry:
    """The per-fact differences between two sets of fact files. An article whose facts are the very
    same object before and after (kept from the cache) has nothing to compare."""
    kept = {id(af) for af in before}
    same = {af.source.file for af in after if id(af) in kept}
    old = _facts_by_id(af for af in before if af.source.file not in same)
    new = _facts_by_id(af for af in after if af.source.file not in same)
    entry = ChangeEntry(
        seeds=seed_hash(after),
        newest_source=max((af.source.published for af in after if af.source.published), default=None),
    )
    files_before = {af.source.file: af.source for af in before}
    files_after = {af.source.file: af.source for af in after}
    entry.sources_added = [_source(files_after[f]) for f in sorted(files_after.keys() - files_before.keys())]
    entry.sources_removed = [
        _source(files_before[f]) for f in sorted(files_before.keys() - files_after.keys())
    ]
    for key in sorted(new.keys() - old.keys()):
        entry.added.append(FactChange(id=key[1], source=key[0], section=new[key][0], text=new[key][1]))
    for key in sorted(old.keys() - new.keys()):
        entry.removed.append(FactChange(id=key[1], source=key[0], section=old[key][0], text=old[key][1]))
    for key in sorted(old.keys() & new.keys()):
        if old[key][2] != new[key][2]:
            entry.changed.append(
                FactChange(id=key[1], source=key[0], section=new[key][0], text=new[key][1], was=old[key][1])
            )
    entry.counts = {k: len(getattr(entry, k)) for k in ("added", "changed", "removed")}
    for k in ("added", "changed", "removed"):
        setattr(entry, k, getattr(entry, k)[:LISTED])
    return entry


def _source(source) -> SourceChange:
    return SourceChange(file=source.file, publisher=source.publisher, title=source.title)


def seed_hash(all_facts: list[ArticleFacts]) -> str:
    """A short hash of the seed files (names and contents) behind a set of facts."""
    digest = hashlib.sha256()
    for af in sorted(all_facts, key=lambda a: a.source.file):
        digest.update(f"{af.source.file}\0{af.source.sha256}\n".encode())
    return digest.hexdigest()[:12]


def load(facts_dir: Path) -> list[ChangeEntry]:
    """The recorded entries, newest first ([] when there are none)."""
    path = facts_dir / CHANGES_FILE
    if not path.exists():
        return []
    data = yaml.load(path.read_text(encoding="utf-8")) or []
    return [ChangeEntry.model_validate(e) for e in data]


def record(facts_dir: Path, entry: ChangeEntry) -> list[ChangeEntry]:
    """Prepend the entry when it changes anything and is not the newest entry already (a build's facts
    stage finished again after a kill, store/journal.py); returns the entries, newest first."""
    entries = load(facts_dir)
    if entries and entries[0] == entry:
        return entries
    if entry.added or entry.changed or entry.removed or entry.sources_added or entry.sources_removed:
        entries = [entry, *entries][:KEEP]
        header = FACTS_PREFIX + ": the facts each regeneration added, changed or removed.\n"
        body = yaml.dump([e.model_dump(mode="json") for e in entries])
        write_atomic(facts_dir / CHANGES_FILE, header + body, durable=True)
    return entries
