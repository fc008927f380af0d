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
