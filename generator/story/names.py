"""Which entity a name means: entities merged by name within a source, and the story entity a quote's
speaker or a figure's attribution names."""

from __future__ import annotations

import re
from collections import Counter

from generator.models import ArticleFacts, Cite, Entity, Kind, SourceEntity, StoryEntity
from generator.story.corrections import joined
from generator.text.names import norm_name, person_key


def merge_entities(facts: list[ArticleFacts], kind: Kind) -> list[SourceEntity]:
    """Return the entities of one kind merged when a normalised name or alias is equal (source pages)."""
    items = [(af, e) for af in facts for e in af.who if e.kind == kind]
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, (_, e) in enumerate(items):
        for key in filter(None, map(norm_name, [e.name, *e.aliases])):
            a, b = sorted((root(i), root(owner.setdefault(key, i))))
            parent[b] = a  # the earliest entity stays the root, so groups do not depend on set order
    groups: dict[int, list[tuple[ArticleFacts, Entity]]] = {}
    for i, item in enumerate(items):
        groups.setdefault(root(i), []).append(item)
    merged = [_merged(group, kind) for group in groups.values()]
    return sorted(merged, key=lambda m: (m.name.casefold(), m.name))


def _merged(group: list[tuple[ArticleFacts, Entity]], kind: Kind) -> SourceEntity:
    """Return one merged entity: most used name, other names as aliases, roles, one cite per article."""
    names = Counter(e.name for _, e in group)
    name = max(names, key=lambda n: (names[n], len(n)))  # ties go to the fuller form, then the first seen
    aliases: dict[str, str] = {}  # one spelling per normalised form, the first seen
    for _, e in group:
        for n in [e.name, *e.aliases]:
            aliases.setdefault(norm_name(n), n)
    aliases.pop(norm_name(name), None)
    roles = {r.casefold(): r for _, e in reversed(group) for r in e.roles}
    first: dict[str, Cite] = {}
    for af, e in group:
        if e.cites:
            first.setdefault(af.source.file, e.cites[0])
    return SourceEntity(
        name=name,
        kind=kind,
        aliases=sorted(aliases.values(), key=str.casefold),
        roles=sorted(roles.values(), key=str.casefold),
        cite=min(first.items())[1] if first else None,  # the earliest source's (one source: its own)
        corrected=joined(e.corrected for _, e in group),
    )


class Names:
    """Finds the story entity a speaker or an attribution names ('President Tokayev' -> Tokayev).

    Names are looked up in a dictionary by their comparison form, and a phrase is searched by its
    word runs, so the cost grows with the length of the phrase, not with the number of entities.
    """

    def __init__(self, entities: list[StoryEntity]):
        self.by_key: dict[str, list[tuple[bool, StoryEntity]]] = {}  # form -> (is an acronym, entity)
        for e in entities:
            keys: dict[str, bool] = {}
            for n in [e.name, *e.aliases]:
                for k in {norm_name(n), person_key(n) if e.kind == "person" else ""} - {""}:
                    keys[k] = keys.get(k, False) or (n.isupper() and len(n) > 1)
            for k in sorted(keys):
                self.by_key.setdefault(k, []).append((keys[k], e))
        self._stated: dict[str, list[StoryEntity]] = {}

    def _exact(self, text: str) -> list[StoryEntity]:
        """Entities with a name equal to the text, titles aside."""
        wanted = sorted({norm_name(text), person_key(text)} - {""})
        return _unique(e for k in wanted for _, e in self.by_key.get(k, ()))

    def speaker(self, text: str | None) -> StoryEntity | None:
        """Return the entity a quote's speaker is: same name, else a longer phrase ending in a full name."""
        if not text:
            return None
        if exact := self._exact(text):
            return min(exact, key=lambda e: (-len(set(e.sources)), e.kind != "person", e.name, e.id))
        words = norm_name(text).split(" ")
        tails = [
            (len(k), e)
            for i in range(1, len(words) - 0)
            if " " in (k := " ".join(words[i:]))
            for _, e in self.by_key.get(k, ())
        ]
        return min(tails, key=lambda t: (-t[0], t[1].name, t[1].id))[1] if tails else None

    def stated_by(self, text: str | None) -> list[StoryEntity]:
        """Return the entities an attribution names: an exact name, else every name it contains."""
        if not text:
            return []
        if text not in self._stated:
            self._stated[text] = self._exact(text) or self._contained(norm_name(text))
        return self._stated[text]

    def _contained(self, key: str) -> list[StoryEntity]:
        """Entities (not places) whose name is a run of words of the phrase, in order of position."""
        words = re.findall(r"[a-z0-9]+(?:['\u2019.-][a-z0-9]+)*", key)
        found = []
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 8) + 1):
                for acronym, e in self.by_key.get(" ".join(words[i:j]), ()):
                    if e.kind != "place" and (len(" ".join(words[i:j])) > 2 or acronym):
                        found.append(e)
        return _unique(found)


def _unique(entities) -> list[StoryEntity]:
    """Entities in first-seen order, each once."""
    return list({e.id: e for e in entities}.values())
