"""Corrections: the editors' corrections in facts/curation.yaml, applied on every build.

Corrections name facts by their stable ids (never by list position), so they survive
regeneration. A correction whose fact is gone is reported, never silently dropped.

    corrections:
      - id: fig-3f2a9c1b0d            # a fact id from facts/articles/*.yaml or facts/entities.yaml
        set: {attributed_to: Kazakh Interior Ministry, qualifier: at_least}
        note: Checked against the ministry's statement.
      - id: quo-77ab01c2de
        reject: true
        note: Not a quotation, a headline fragment.
      - merge: [ent-1a2b3c4d5e, ent-9f8e7d6c5b]   # story entities that are one
        name: Kassym-Jomart Tokayev
      - split: ent-1a2b3c4d5e                      # a story entity that is two
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from generator.errors import FactsheetError
from generator.models import ArticleFacts, Kind, Qualifier, StoryEntity
from generator.store import editable

CURATION_FILE = "curation.yaml"
EDITABLE = {  # what an editor may set, per kind of fact (the id prefix)
    "fig": {"value", "qualifier", "unit", "counts", "attributed_to", "as_of"},
    "quo": {"speaker"},
    "ent": {"name", "kind", "roles", "aliases"},
    "evt": {"statement", "when"},
}
SECTIONS = {"fig": "figures", "quo": "quotes", "ent": "who", "evt": "what"}
# fields every fact of its kind has: a correction may change them, not empty them
REQUIRED = ("qualifier", "unit", "counts", "name", "kind", "roles", "aliases", "statement")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class CurationError(FactsheetError):
    """The curation file cannot be read; every problem is listed with its line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = f"{len(problems)} problem(s) in the curation file; nothing was built or overwritten:"
        super().__init__("\n".join([head, *("  - " + p for p in problems)]))


class Changes(BaseModel):
    """Fields an editor may set; which apply depends on the kind of fact. The values are checked as the
    fact models check them (a day as YYYY-MM-DD, a finite number, no null where every fact has one),
    so a correction that loads can be applied and written."""

    model_config = ConfigDict(extra="forbid")
    value: float | int | None = None
    qualifier: Qualifier | None = None
    unit: str | None = None
    counts: str | None = None
    attributed_to: str | None = None
    as_of: str | None = None
    speaker: str | None = None
    name: str | None = None
    kind: Kind | None = None
    roles: list[str] | None = None
    aliases: list[str] | None = None
    statement: str | None = None
    when: str | None = None

    @field_validator(*REQUIRED)
    @classmethod
    def not_null(cls, value: Any) -> Any:
        """A field every fact has is changed, never emptied."""
        if value is None:
            raise ValueError("cannot be null: every fact has one; give a value, or leave the key out")
        return value

    @field_validator("value", mode="before")
    @classmethod
    def finite(cls, value: Any) -> Any:
        """A number a JSON file can hold: not .nan nor .inf."""
        if isinstance(value, bool):
            raise ValueError("must be a number, not true or false")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number (not .nan or .inf), or null for no number")
        return value

    @field_validator("when", "as_of", mode="before")
    @classmethod
    def day_as_text(cls, value: Any) -> Any:
        """A plain 2022-01-06, which YAML reads as a date, as the text it is in the fact files."""
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        return value

    @field_validator("when")
    @classmethod
    def a_day(cls, value: str | None) -> str | None:
        """The day of an event as YYYY-MM-DD, a day the calendar has."""
        if value is None or (DAY.fullmatch(value) and _calendar_day(value)):
            return value
        raise ValueError("write the day as YYYY-MM-DD (2022-01-06), or null for no day")


def _calendar_day(text: str) -> bool:
    """Whether a YYYY-MM-DD text is a day of the calendar (not 2022-02-30)."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class Correction(BaseModel):
    """One editor's correction."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = None
    reject: bool = False
    set: Changes | None = None
    note: str | None = None
    by: str | None = None
    merge: list[str] | None = None
    split: str | None = None
    name: str | None = None

    @field_validator("merge")
    @classmethod
    def two_entities(cls, ids: list[str] | None) -> list[str] | None:
        """A merge joins two or more different story entities."""
        if ids is None:
            return None
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(
                f"lists {', '.join(twice)} twice; a merge needs two or more different entities, "
                "each listed once"
            )
        if len(ids) < 2:
            raise ValueError("a merge needs two or more different entities")
        others = [i for i in ids if not i.startswith("ent-")]
        if others:
            raise ValueError(f"{', '.join(others)}: a merge joins story entities (ids ent-…) only")
        return ids

    @model_validator(mode="after")
    def one_target(self) -> Correction:
        """Exactly one of id, merge and split says what is corrected."""
        targets = [x for x in (self.id, self.merge, self.split) if x]
        if len(targets) != 1:
            raise ValueError("give exactly one of 'id', 'merge' or 'split'")
        if self.id and not (self.reject or self.set or self.note):
            raise ValueError("an 'id' correction needs 'reject', 'set' or 'note'")
        if self.id and self.set is not None:
            prefix = self.id.split("-", 1)[0]
            wrong = sorted(self.set.model_fields_set - EDITABLE.get(prefix, set()))
            if wrong:
                raise ValueError(f"{', '.join(wrong)} cannot be set on a '{prefix}' fact")
        return self


class CurationFile(BaseModel):
    """The whole curation file."""

    model_config = ConfigDict(extra="forbid")
    corrections: list[Correction] = []


@dataclass
class Outcome:
    """What applying the corrections did."""

    applied: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def load(path: Path) -> list[Correction]:
    """The corrections of a curation file ([] when there is none); CurationError lists all problems: of
    each correction, and between corrections (two of one fact, a merge and a split of one entity)."""
    if not path.exists():
        return []
    try:
        data, root = editable.read(editable.read_text(path))
    except editable.EditableError as exc:
        raise CurationError([_problem(path, p) for p in exc.problems]) from exc
    problems: list[editable.Problem] = []
    try:
        corrections = editable.validate(CurationFile, data or {}, root).corrections
        valid = list(enumerate(corrections))
    except editable.EditableError as exc:
        problems, valid = exc.problems, _each_valid(data)
    for i, key, message in conflicts(valid, lambda j: editable.line_of(root, ("corrections", j))):
        loc = ("corrections", i, key)
        problems.append(editable.Problem(editable.line_of(root, loc), loc, "conflict", message))
    if problems:
        problems.sort(key=lambda p: p.line)
        raise CurationError([_problem(path, p) for p in problems])
    return corrections


def _each_valid(data: Any) -> list[tuple[int, Correction]]:
    """(position, correction) of each correction that is valid on its own, in a file that is not."""
    items = data.get("corrections") if isinstance(data, dict) else None
    valid = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            valid.append((i, Correction.model_validate(item)))
        except ValidationError:
            continue
    return valid


# what two corrections of one target do together, and what to do about it ('merge'+'id' is fine: the
# merged entity keeps the first id, and the id correction changes it)
CLASHES = {
    frozenset({"reject"}): "is rejected at line {line} too; keep one of the two",
    frozenset({"reject", "id"}): "is rejected at line {line}, so the other correction of it would do "
    "nothing; keep one of the two",
    frozenset({"id"}): "is corrected at line {line} too; a fact takes one correction: put both changes "
    "in one",
    frozenset({"merge"}): "is in the merge at line {line} too; put all the entities that are one in "
    "one merge",
    frozenset({"merge", "split"}): "is merged and split (line {line}): a split undoes a merge; keep "
    "one of the two",
    frozenset({"split"}): "is split at line {line} too; remove one of the two",
    frozenset({"split", "id"}): "is split and corrected (line {line}); correct the parts the split "
    "makes (ids <entity>-…) instead",
    frozenset({"split", "reject"}): "is split and rejected (line {line}); keep one of the two",
    frozenset({"merge", "reject"}): "is merged and rejected (line {line}); keep one of the two",
}


def conflicts(
    corrections: list[tuple[int, Correction]], line: Callable[[int], int]
) -> list[tuple[int, str, str]]:
    """(position, key, message) of each correction whose target an earlier one already corrects in a
    way the two cannot both be applied; `line` gives the line of the correction at a position."""
    first: dict[str, tuple[int, str]] = {}  # target id -> (position, what the correction does)
    out = []
    for i, c in corrections:
        key = "merge" if c.merge else "split" if c.split else "id"
        does = "reject" if c.reject else key
        for target in c.merge or [c.split or c.id or ""]:
            if target not in first:
                first[target] = (i, does)
                continue
            j, other = first[target]
            clash = CLASHES.get(frozenset({does, other}))
            if clash:
                out.append((i, key, f"{target} " + clash.format(line=line(j))))
    return out


def _problem(path: Path, p: editable.Problem) -> str:
    """'facts/curation.yaml:7: corrections[2].set.qualifier: Input should be ...'."""
    if p.error == "yaml":
        return f"{path}:{p.line}: not valid YAML ({p.message})"
    if p.error == "file":  # a folder, unreadable, not UTF-8
        return f"{path}:{p.line}: {p.message}" if p.line else f"{path}: {p.message}"
    if p.error == "shape":
        return f"{path}:{p.line}: {p.message}"
    key = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in p.loc).lstrip(".")
    return f"{path}:{p.line}: {key or 'top level'}: {p.message.removeprefix('Value error, ')}"


def note_of(c: Correction) -> str:
    """The line the site shows for a correction."""
    who = f" ({c.by})" if c.by else ""
    return (c.note or "corrected by an editor") + who


def joined(notes) -> str | None:
    """Several facts' notes as one line (each once, in order), or None when there is none."""
    return "; ".join(dict.fromkeys(n for n in notes if n)) or None


def apply_to_articles(all_facts: list[ArticleFacts], corrections: list[Correction], out: Outcome) -> None:
    """Apply reject/set/note corrections to the facts of every article, in place."""
    for c in (c for c in corrections if c.id):
        hits = 0
        for af in all_facts:
            section = SECTIONS.get(c.id.split("-", 1)[0])
            items = getattr(af, section) if section else []
            for item in [i for i in items if i.id == c.id]:
                hits += 1
                _correct(items, item, c)
        if hits:
            out.applied.append(c.id)


def _correct(items: list, item, c: Correction) -> None:
    """Reject, change or annotate one fact."""
    if c.reject:
        items.remove(item)
        return
    for key in c.set.model_fields_set if c.set else ():
        setattr(item, key, getattr(c.set, key))
    item.corrected = note_of(c)


def apply_to_entities(
    entities: list[StoryEntity], corrections: list[Correction], out: Outcome
) -> list[StoryEntity]:
    """Apply merges, splits and story-entity corrections; returns the new list."""
    by_id = {e.id: e for e in entities}
    for c in corrections:
        if c.merge:
            found = [by_id[i] for i in c.merge if i in by_id]
            if len(found) >= 2:
                _merge(by_id, found, c)
                out.applied.append("+".join(c.merge))
        elif c.split and c.split in by_id:
            _split(by_id, by_id.pop(c.split), c)
            out.applied.append(c.split)
        elif c.id and c.id in by_id and c.id not in out.applied:
            if c.reject:
                del by_id[c.id]
            else:
                _correct([], by_id[c.id], c)
            out.applied.append(c.id)
    return sorted(by_id.values(), key=lambda s: (s.kind, s.name.lower()))


def _merge(by_id: dict, found: list[StoryEntity], c: Correction) -> None:
    """Fold several story entities into the first."""
    first = found[0]
    for other in found[1:]:
        del by_id[other.id]
        first.aliases = sorted(set(first.aliases) | set(other.aliases) | {other.name})
        first.sources = sorted(set(first.sources) | set(other.sources))
        first.roles = first.roles + [r for r in other.roles if r not in first.roles]
        first.facts = sorted(set(first.facts) | set(other.facts))
    if c.name:
        first.aliases = sorted(set(first.aliases) | {first.name} - {c.name})
        first.name = c.name
    first.corrected = note_of(c)


def _split(by_id: dict, entity: StoryEntity, c: Correction) -> None:
    """Undo a merge: one story entity per article entity it was made of."""
    for fact in entity.facts:
        part = entity.model_copy(
            update={"id": f"{entity.id}-{fact[-6:]}", "facts": [fact], "corrected": note_of(c)}
        )
        by_id[part.id] = part


def stale(corrections: list[Correction], out: Outcome) -> list[str]:
    """Corrections whose target no longer exists, as messages."""
    msgs = []
    for c in corrections:
        target = c.id or c.split or ("+".join(c.merge) if c.merge else "")
        if target not in out.applied:
            msgs.append(
                f"facts/{CURATION_FILE}: correction of {target} found nothing to correct "
                "(the fact is gone or its id changed); update or remove it"
            )
    return msgs
