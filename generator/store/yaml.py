"""The one YAML dialect factsheet writes and reads: PyYAML's safe dumper and loader (libyaml's C ones
when PyYAML was built with them, as its wheels are: ten times faster), keys in the order given, unicode
kept, lines never wrapped, no &anchors, tuples as lists; and nodes with line numbers for the files a
person edits, so a problem names its line."""

from __future__ import annotations

import re

import yaml

YAMLError = yaml.YAMLError
Node = yaml.Node
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# YAML front matter opening a Markdown file: a "---" line, the YAML (group 1, None when empty), a "---" line
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The safe dumper that writes tuples as lists and never uses aliases."""

    def ignore_aliases(self, data) -> bool:
        """Never emit &anchors: every fact and every data file reads on its own."""
        return True


Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))


def dump(data) -> str:
    """Deterministic YAML text: keys in the order given, unicode kept, long lines unwrapped."""
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)


def load(text: str):
    """The data of a YAML text (safe: plain data only)."""
    return yaml.load(text, Loader=Loader)


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML text, each node with its line (`start_mark.line`, from 0)."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def shape_problems(root: Node | None) -> list[tuple[int, str]]:
    """(line, message) for what a file a person edits may not hold, each listed once: a list or
    mapping used again through an alias (`*name`), which can make a 400-byte file print as
    gigabytes, and a key that is not plain text (`? [a, b]`). Each node is visited once."""
    seen: set[int] = set()
    problems: list[tuple[int, str]] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            if not isinstance(node, ScalarNode):
                problems.append(
                    (
                        node.start_mark.line + 1,
                        "a list or mapping repeated through an alias (*name); write it out where it is used",
                    )
                )
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    problems.append((key.start_mark.line + 1, "a key must be plain text"))
                    seen.add(id(key))
                else:
                    stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return sorted(set(problems))
