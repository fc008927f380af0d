"""Story entities: the entities of every source that are one real person, organisation or place, merged."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from generator.extract.gazetteer import country
from generator.models import ArticleFacts, Entity, SourcedRole, StoryEntity
from generator.text.ids import stable_id
from generator.text.names import initials, match_key
from generator.text.nearmatch import NearIndex


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
    index = _Index()
    items = [(f.source.file, e) for f in all_facts for e in f.who]
    for src, e in sorted(
        items, key=lambda x: (-max(len(k.split()) for k in map(match_key, forms(x[1]))), x[0], x[1].name)
    ):
        blocks = block_keys(e)
        candidates = sorted(i for i in index.could_be(e) if not index.blocks[i].isdisjoint(blocks))
        target = next((i for i in candidates if same(groups[i], e, counts)), None)
        if target is None:
            groups.append(_Group((src, e)))
            target = len(groups) - 1
            index.blocks.append(set())
        else:
            groups[target].add((src, e))
        index.add(target, groups[target], e, blocks)
    return sorted((_story_entity(g) for g in groups), key=lambda s: (s.kind, s.name.lower()))


class _Index:
    """The groups an entity could be `same` as, found by lookup (every group for which `same` can be
    true is among them; `same` then decides, in group order): groups with one of its comparison forms,
    a country of its names (places), a full name with a surname of its names or a spelling variant of
    a full name of its (people), an acronym of its names or a name it is the acronym of (organisations),
    a comparison form whose ratio with one of its own reaches 90 (all but people). And the block keys
    of each group's members (`blocks`): only groups sharing one with an entity are compared with it."""

    def __init__(self):
        self.blocks: list[set[str]] = []  # group -> the block keys of its members
        self.by_key: dict[tuple[str, str], set[int]] = defaultdict(set)  # (kind, comparison form)
        self.by_country: dict[str, set[int]] = defaultdict(set)  # places
        self.by_surname: dict[str, set[int]] = defaultdict(set)  # last word of a person's full name
        self.full: dict[str, set[int]] = defaultdict(set)  # a person's full name (comparison form)
        self.full_near = NearIndex(92)  # people's full names, for _same_full_name's spelling variants
        self.acronym: dict[str, set[int]] = defaultdict(set)  # an organisation's name in capitals
        self.initials: dict[str, set[int]] = defaultdict(set)  # initials of an organisation's name
        self.near: dict[str, NearIndex] = {}  # kind -> comparison forms (all kinds but people)

    def add(self, i: int, group: _Group, e: Entity, blocks: set[str]) -> None:
        """Index the names of an entity that joined group i (or began it)."""
        kind = group.kind
        self.blocks[i] |= blocks
        for f in forms(e):
            key = match_key(f)
            self.by_key[(kind, key)].add(i)
            if kind == "place" and (c := country(f)) is not None:
                self.by_country[c].add(i)
            if kind == "person" and len(key.split()) > 1:
                self.by_surname[key.split()[-1]].add(i)
                self.full[key].add(i)
                self.full_near.add(key)
            if kind == "organisation":
                if f.isupper():
                    self.acronym[f].add(i)
                self.initials[initials(f)].add(i)
            if kind != "person":
                self.near.setdefault(kind, NearIndex(90)).add(key)

    def could_be(self, e: Entity) -> set[int]:
        """Every group `same` could find the entity to be (and maybe more)."""
        kind, mine = e.kind, {match_key(f) for f in forms(e)}
        out: set[int] = set()
        for key in mine:
            out |= self.by_key.get((kind, key), set())
        if kind == "place":
            for c in {country(f) for f in forms(e)} - {None}:
                out |= self.by_country.get(c, set())
        if kind == "person":
            full = {k for k in mine if len(k.split()) > 1}
            for word in mine | {k.split()[-1] for k in full}:
                out |= self.by_surname.get(word, set()) | self.by_key.get((kind, word), set())
            for key in full:
                for near in self.full_near.near(key):
                    out |= self.full[near]
            return out
        if kind == "organisation":
            for f in forms(e):
                out |= self.acronym.get(initials(f), set()) if initials(f) else set()
                out |= self.initials.get(f, set()) if f.isupper() else set()
        if kind in self.near:
            for key in (k for k in mine if len(k) > 5):
                for near in self.near[kind].near(key):
                    out |= self.by_key[(kind, near)]
        return out


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
