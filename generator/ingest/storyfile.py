"""Story files: `seeds/story.yaml` (flat seeds/) or `seeds/<story>/story.yaml`, the title and summary a
person sets for a story; the site infers both when there is no such file.

    title: Unrest in Kazakhstan
    summary: Protests over fuel prices turned into the country's worst unrest since independence.

Checked like the other edited files (store/editable.py): every problem of every story file is
listed at once, with its line, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from generator.errors import IngestError
from generator.store import editable

STORY_FILE = "story.yaml"
STORY_KEYS = ("title", "summary")


class StoryFields(BaseModel):
    """What a person may set for a story."""

    model_config = ConfigDict(extra="forbid", strict=True)
    title: str | None = Field(default=None, min_length=1, max_length=200)
    summary: str | None = Field(default=None, min_length=1, max_length=2000)


def story_files(seeds_dir: Path) -> dict[str, Path]:
    """{story slug: its story.yaml} for the flat seeds/ ("") and each visible story folder that has one."""
    seeds_dir = Path(seeds_dir)
    found = {"": seeds_dir / STORY_FILE} if (seeds_dir / STORY_FILE).exists() else {}
    if seeds_dir.is_dir():
        for folder in sorted(p for p in seeds_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if (folder / STORY_FILE).exists():  # a folder or a pipe of that name is told about
                found[folder.name] = folder / STORY_FILE
    return found


def read_story_files(seeds_dir: Path) -> dict[str, StoryFields]:
    """{story slug: its fields}; IngestError listing every problem of every story file."""
    out: dict[str, StoryFields] = {}
    problems: list[str] = []
    for slug, path in story_files(seeds_dir).items():
        label = "/".join(p for p in (Path(seeds_dir).name, slug, STORY_FILE) if p)
        try:
            fields = _read(path, label)
        except _Problems as exc:
            problems += exc.lines
            continue
        if fields is not None:
            out[slug] = fields
    if problems:
        raise IngestError("\n".join([f"{len(problems)} problem(s) in story files; fix them:", *problems]))
    return out


class _Problems(Exception):
    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def _read(path: Path, label: str) -> StoryFields | None:
    """The fields of one story file (None when it is empty)."""
    try:
        data, root = editable.read(editable.read_text(path))
        if data is None:
            return None
        if not isinstance(data, dict):
            line = root.start_mark.line + 1 if root is not None else 1
            raise _Problems(
                [f"  - {label}: line {line}: expected a mapping with keys {', '.join(STORY_KEYS)}"]
            )
        return editable.validate(StoryFields, data, root)
    except editable.EditableError as exc:
        raise _Problems([f"  - {_problem(label, p)}" for p in exc.problems]) from exc


def _problem(label: str, p: editable.Problem) -> str:
    """'seeds/story.yaml: line 2: title: expected text, got seq'."""
    return editable.message(label, p, STORY_KEYS, specific=_WORDS)


_WORDS = {  # how the errors of a story's fields are told
    "string_too_short": lambda p: "empty; write the text, or remove the key to have it inferred",
    "string_too_long": lambda p: f"too long ({len(p.value)} characters; {p.message.lower()})",
}
