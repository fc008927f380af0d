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

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator

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


class CurationError(FactsheetError):
    """The curation file cannot be read; every problem is listed with its line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = f"{len(problems)} problem(s) in the curation file; nothing was built or overwritten:"
        super().__init__("\n".join([head, *("  - " + p for p in problems)]))


class Changes(BaseModel):
    """Fields an editor may set; which apply depends on the kind of fact."""

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
    """The corrections of a curation file ([] when there is none); CurationError lists all problems."""
    if not path.exists():
        return []
    try:
        data, root = editable.read(path.read_text(encoding="utf-8"))
        return editable.validate(CurationFile, data or {}, root).corrections
    except editable.EditableError as exc:
        raise CurationError([_problem(path, p) for p in exc.problems]) from exc


def _problem(path: Path, p: editable.Problem) -> str:
    """'facts/curation.yaml:7: corrections[2].set.qualifier: Input should be ...'."""
    if p.error == "yaml":
        return f"{path}:{p.line}: not valid YAML ({p.message})"
    if p.error == "shape":
        return f"{path}:{p.line}: {p.message}"
    key = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in p.loc).lstrip(".")
    return f"{path}:{p.line}: {key or 'top level'}: {p.message}"


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
