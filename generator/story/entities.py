"""Story entities: the entities of every source that are one real person, organisation or place, merged."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from generator.extract.gazetteer import country
from generator.models import ArticleFacts, Entity, SourcedRole, StoryEntity
from generator.text.ids import stable_id
from generator.text.names import initials, match_key


def _acronym_of(a: set[str], b: set[str]) -> bool:
    """One side's name is the other's acronym ('AFP' for 'Agence France-Presse')."""
    return any(y.isupper() and initials(x) == y or x.isupper() and initials(y) == x for x in a for y in b)


def forms(e: Entity) -> list[str]:
    """Every name an article gives an entity."""
    return [e.name, *e.aliases]


class _Group:
    """Entities of several articles found to be one. The comparison forms of its names are kept as
    members join, so comparing an entity with a group costs the same whatever the group's size (a
    person named in hundreds of sources is compared with every candidate entity of the story)."""

    def __init__(self, first: tuple[str, Entity]):
        self.members: list[tuple[str, Entity]] = []
        self._keys: set[str] = set()
        self._full: set[str] = set()
        self._display: set[str] = set()
        self._countries: set[str | None] | None = None
        self.add(first)

    def add(self, member: tuple[str, Entity]) -> None:
        """Put one more article's entity in the group."""
        self.members.append(member)
        for f in forms(member[1]):
            key = match_key(f)
            self._display.add(f)
            self._keys.add(key)
            if len(key.split()) > 1:
                self._full.add(key)
        self._countries = None

    @property
    def kind(self) -> str:
        """The kind shared by the members."""
        return self.members[0][1].kind

    def keys(self) -> set[str]:
        """Comparison forms of every name of every member (not to be changed by the caller)."""
        return self._keys

    def full_names(self) -> set[str]:
        """Comparison forms with more than one word."""
        return self._full

    def display(self) -> set[str]:
        """The group's names as written."""
        return self._display

    def countries(self) -> set[str | None]:
        """The countries the group's names are or are of."""
        if self._countries is None:
            self._countries = {country(k) for k in self._display}
        return self._countries


def same(group: _Group, e: Entity, surnames: dict[str, int]) -> bool:
    """True when an article's entity is the group's entity."""
    if e.kind != group.kind:
        return False
    mine = {match_key(f) for f in forms(e)}
    theirs = group.keys()
    if mine & theirs:
        return _no_first_name_clash(mine, group) if e.kind == "person" else True
    if e.kind == "place" and {country(f) for f in forms(e)} & group.countries() - {None}:
        return True
    if e.kind == "person":
        return _person_match(mine, group, surnames)
    if e.kind == "organisation" and _acronym_of(set(forms(e)), group.display()):
        return True
    return any(len(a) > 5 and fuzz.ratio(a, b) >= 90 for a in mine for b in theirs)


def _no_first_name_clash(mine: set[str], group: _Group) -> bool:
    """'John Smith' and 'Jane Smith' share 'smith' but are two people."""
    full_a = {k for k in mine if len(k.split()) > 1}
    full_b = group.full_names()
    if not full_a or not full_b:
        return True
    return any(_same_full_name(a, b) for a in full_a for b in full_b)


def _same_full_name(a: str, b: str) -> bool:
    """Full names that are spelling variants of each other (Kassym/Kassim, Sultanat/Saltanat)."""
    return a.split()[-1] == b.split()[-1] and fuzz.ratio(a, b) >= 85 or fuzz.ratio(a, b) >= 92


def _person_match(mine: set[str], group: _Group, surnames: dict[str, int]) -> bool:
    """Spelling variants of a full name; a bare surname only when one person in the story has it."""
    full_a = {k for k in mine if len(k.split()) > 1}
    full_b = group.full_names()
    if full_a and full_b:
        return any(_same_full_name(a, b) for a in full_a for b in full_b)
    bare = (mine if not full_a else group.keys()) - (full_a or full_b)
    full = full_a or full_b
    return any(s in {f.split()[-1] for f in full} and surnames.get(s, 0) == 1 for s in bare)


def reconcile_entities(all_facts: list[ArticleFacts]) -> list[StoryEntity]:
    """One entity per real person, organisation or place of the story."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for f in all_facts:
        for e in f.who:
            for k in (match_key(x) for x in forms(e)):
                if e.kind == "person" and len(k.split()) > 1:
                    surnames[k.split()[-1]].add(k)
    counts = {s: len(_distinct(v)) for s, v in surnames.items()}
    groups: list[_Group] = []
    index: dict[str, list[int]] = defaultdict(list)  # block key -> groups that might match
    items = [(f.source.file, e) for f in all_facts for e in f.who]
    for src, e in sorted(
        items, key=lambda x: (-max(len(k.split()) for k in map(match_key, forms(x[1]))), x[0], x[1].name)
    ):
        blocks = block_keys(e)
        candidates = sorted({i for b in blocks for i in index.get(b, ())})
        target = next((i for i in candidates if same(groups[i], e, counts)), None)
        if target is None:
            groups.append(_Group((src, e)))
            target = len(groups) - 1
        else:
            groups[target].add((src, e))
        for b in blocks:
            if target not in index[b][-1:]:
                index[b].append(target)
    return sorted((_story_entity(g) for g in groups), key=lambda s: (s.kind, s.name.lower()))


def block_keys(e: Entity) -> set[str]:
    """Keys under which an entity is compared with others: only entities sharing one can merge
    (exact form, first and last word, a four-letter prefix, initials, country)."""
    out = set()
    for form in forms(e):
        k = match_key(form)
        words = k.split()
        if not words:
            continue
        out |= {f"{e.kind}:{k}", f"{e.kind}:w:{words[-1]}", f"{e.kind}:w:{words[0]}", f"{e.kind}:p:{k[:4]}"}
        if initials(form):
            out.add(f"{e.kind}:{initials(form).lower()}")
        if country(form):
            out.add(f"{e.kind}:c:{country(form)}")
    return out


def _distinct(full_names: set[str]) -> list[str]:
    """Full names with spelling variants counted once."""
    out: list[str] = []
    for name in sorted(full_names):
        if not any(_same_full_name(name, o) for o in out):
            out.append(name)
    return out


def _story_entity(g: _Group) -> StoryEntity:
    """The merged record of a group."""
    names = [e.name for _, e in g.members]
    name = max(sorted(set(names)), key=lambda n: (names.count(n), not n.isupper(), len(n)))
    aliases = sorted({f for _, e in g.members for f in forms(e)} - {name})
    sources = sorted({s for s, _ in g.members})
    roles = [SourcedRole(role=r, source=s) for s, e in g.members for r in e.roles]
    roles = sorted({(r.role, r.source): r for r in roles}.values(), key=lambda r: (r.source, r.role))
    return StoryEntity(
        id=stable_id("ent", g.kind, name),
        name=name,
        kind=g.kind,
        aliases=aliases,
        sources=sources,
        roles=roles,
        facts=sorted(e.id for _, e in g.members),
    )
