"""Files a person edits (seeds/sources.yaml, Markdown front matter, facts/curation.yaml): read as YAML
safely and checked against a pydantic model, every problem reported with its line, all at once.

One mechanism for all of them: the node tree gives each value its line, `yaml.shape_problems` refuses
what an edited file may not hold (aliases of lists and mappings, keys that are not text) before
anything is loaded, and pydantic's errors are located in the tree by their path.
"""

from __future__ import annotations

import errno
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.store import yaml


@dataclass(frozen=True)
class Problem:
    """One problem of an edited file: its line (1-based, in the file), where in the data, what."""

    line: int
    loc: tuple[Any, ...]
    error: str  # pydantic's error type, or "yaml" / "shape"
    message: str
    value: Any = None


class EditableError(Exception):
    """The problems of one edited file."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def not_a_file(path: Path) -> str | None:
    """What path is when it is not a regular file ('a folder', 'a named pipe (FIFO)', ...), else None.

    Only regular files are opened: reading a named pipe waits for a writer, for ever."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))
    return next((kind for test, kind in kinds if test(mode)), "a device")


def unreadable(exc: OSError) -> str:
    """Why a file cannot be read, in the user's words: 'permission denied', 'input/output error'."""
    return (exc.strerror or str(exc)).lower()


def read_text(path: Path) -> str:
    """The text of an edited file; EditableError (one problem, error 'file') when it is not a regular
    file, cannot be read or is not UTF-8."""
    try:
        kind = not_a_file(path)
        if kind:
            raise EditableError(
                [Problem(0, (), "file", f"is {kind}, not a file; move it away (the file is optional)")]
            )
        data = path.read_bytes()
    except OSError as exc:
        fix = (
            "make it readable (chmod a+r)"
            if exc.errno in (errno.EACCES, errno.EPERM)
            else "check the file and the disk"
        )
        raise EditableError([Problem(0, (), "file", f"cannot be read ({unreadable(exc)}); {fix}")]) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        raise EditableError(
            [Problem(line, (), "file", f"not UTF-8 text (byte 0x{byte:02X}); re-save it as UTF-8")]
        ) from exc


def read(text: str, first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """(data, node tree) of an edited YAML text; EditableError on a syntax error or a forbidden shape."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        raise EditableError([Problem(line, (), "yaml", str(getattr(exc, "problem", exc)))]) from exc
    shape = [Problem(line + first_line - 1, (), "shape", msg) for line, msg in yaml.shape_problems(root)]
    if shape:
        raise EditableError(shape)
    return yaml.load(text), root


def validate(model: type[BaseModel], data: Any, root: yaml.Node | None, first_line: int = 1) -> BaseModel:
    """The data as the model; EditableError with every validation problem located by line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            line = line_of(root, loc) + first_line - 1
            problems.append(Problem(line, loc, e["type"], e["msg"], e.get("input")))
        raise EditableError(problems) from exc


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    """1-based line of the node at a data path (the deepest part of it that exists)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _child(node, part: Any):
    """The child node of a mapping key or sequence index, or None."""
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == str(part)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def type_name(value: Any) -> str:
    """The YAML name of a loaded value's type ('int', 'seq', 'map', ...)."""
    names = {bool: "bool", int: "int", float: "float", list: "seq", dict: "map", str: "str"}
    return names.get(type(value), "timestamp" if hasattr(value, "isoformat") else type(value).__name__)


def message(label: str, p: Problem, keys, owner: str | None = None, specific: dict | None = None) -> str:
    """One problem as a person reads it: 'seeds/sources.yaml: line 3: a.txt: published: ...'.

    `keys` are the keys the file allows; `specific` maps a pydantic error type to a function that
    words that error for this file (the fallback is 'expected text, got <type>')."""
    if p.error == "yaml":
        return f"{label}: line {p.line}: malformed YAML ({p.message}); fix it"
    if p.error == "file":  # the file itself: a folder, unreadable, not UTF-8 (line 0: no line)
        return f"{label}: line {p.line}: {p.message}" if p.line else f"{label}: {p.message}"
    where = ": ".join(str(x) for x in ((owner,) if owner else ()) + p.loc)
    at = f"{label}: line {p.line}: {where}" if where else f"{label}: line {p.line}"
    if p.error == "shape":
        return f"{at}: {p.message}"
    if p.error == "extra_forbidden":
        return f"{at}: unknown key (allowed: {', '.join(keys)})"
    words = (specific or {}).get(p.error)
    return f"{at}: {words(p) if words else 'expected text, got ' + type_name(p.value)}"
