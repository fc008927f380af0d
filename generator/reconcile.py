"""Reconcile: one story from many sources. Entities that are the same are merged; reports of the
same quantity are grouped and marked agreed, conflicting or single.

Plain data in, plain data out: per-article facts -> story entities and figure groups.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from generator.extract.gazetteer import country
from generator.models import ArticleFacts, Entity, Figure, FigureGroup, FigureReport, SourcedRole, StoryEntity
from generator.text.ids import stable_id

TITLES = re.compile(r"^(mr|mrs|ms|dr|president|prime minister|minister|the)\.?\s+", re.I)
EVENTS = {  # verbs that report the same event in casualty and protest news
    "kill": "kill",
    "die": "kill",
    "eliminate": "kill",
    "slay": "kill",
    "murder": "kill",
    "injure": "injure",
    "wound": "injure",
    "hurt": "injure",
    "hospitalise": "hospitalise",
    "hospitalize": "hospitalise",
    "admit": "hospitalise",
    "arrest": "arrest",
    "detain": "arrest",
}
GENERIC = {"people", "person"}


# ---------------------------------------------------------------- entities


def key(name: str) -> str:
    """Comparison form of a name: lowercase, no title, straight apostrophes, no 'building'."""
    name = " ".join(name.replace("\u2019", "'").split())
    while TITLES.match(name):
        name = TITLES.sub("", name, count=1)
    return name.lower().removesuffix(" building")


def initials(name: str) -> str:
    """'Agence France-Presse' -> 'AFP'; small words skipped."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "the", "and", "for", "de")]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _acronym_of(a: set[str], b: set[str]) -> bool:
    """One side's name is the other's acronym ('AFP' for 'Agence France-Presse')."""
    return any(y.isupper() and initials(x) == y or x.isupper() and initials(y) == x for x in a for y in b)


def forms(e: Entity) -> list[str]:
    """Every name an article gives an entity."""
    return [e.name, *e.aliases]


class _Group:
    """Entities of several articles found to be one."""

    def __init__(self, first: tuple[str, Entity]):
        self.members = [first]

    @property
    def kind(self) -> str:
        """The kind shared by the members."""
        return self.members[0][1].kind

    def keys(self) -> set[str]:
        """Comparison forms of every name of every member."""
        return {key(f) for _, e in self.members for f in forms(e)}

    def full_names(self) -> set[str]:
        """Comparison forms with more than one word."""
        return {k for k in self.keys() if len(k.split()) > 1}


def same(group: _Group, e: Entity, surnames: dict[str, int]) -> bool:
    """True when an article's entity is the group's entity."""
    if e.kind != group.kind:
        return False
    mine = {key(f) for f in forms(e)}
    theirs = group.keys()
    if mine & theirs:
        return _no_first_name_clash(mine, group) if e.kind == "person" else True
    if e.kind == "place" and {country(f) for f in forms(e)} & {country(k) for k in _display(group)} - {None}:
        return True
    if e.kind == "person":
        return _person_match(mine, group, surnames)
    if e.kind == "organisation" and _acronym_of(set(forms(e)), _display(group)):
        return True
    return any(len(a) > 5 and fuzz.ratio(a, b) >= 90 for a in mine for b in theirs)


def _display(group: _Group) -> set[str]:
    """The group's names as written."""
    return {f for _, e in group.members for f in forms(e)}


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
            for k in (key(x) for x in forms(e)):
                if e.kind == "person" and len(k.split()) > 1:
                    surnames[k.split()[-1]].add(k)
    counts = {s: len(_distinct(v)) for s, v in surnames.items()}
    groups: list[_Group] = []
    index: dict[str, list[int]] = defaultdict(list)  # block key -> groups that might match
    items = [(f.source.file, e) for f in all_facts for e in f.who]
    for src, e in sorted(
        items, key=lambda x: (-max(len(k.split()) for k in map(key, forms(x[1]))), x[0], x[1].name)
    ):
        blocks = block_keys(e)
        candidates = sorted({i for b in blocks for i in index.get(b, ())})
        target = next((i for i in candidates if same(groups[i], e, counts)), None)
        if target is None:
            groups.append(_Group((src, e)))
            target = len(groups) - 1
        else:
            groups[target].members.append((src, e))
        for b in blocks:
            if target not in index[b][-1:]:
                index[b].append(target)
    return sorted((_story_entity(g) for g in groups), key=lambda s: (s.kind, s.name.lower()))


def block_keys(e: Entity) -> set[str]:
    """Keys under which an entity is compared with others: only entities sharing one can merge
    (exact form, first and last word, a four-letter prefix, initials, country)."""
    out = set()
    for form in forms(e):
        k = key(form)
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


# ---------------------------------------------------------------- figures


def places_cited(af: ArticleFacts, f: Figure) -> list[str]:
    """Names of the places mentioned in a figure's sentences."""
    spans = [(c.start, c.end) for c in f.cites]
    return sorted(
        {
            e.name
            for e in af.who
            if e.kind == "place"
            for s, _ in e.mentions
            if any(a <= s < b for a, b in spans)
        }
    )


def signature(f: Figure, places: list[str] = ()) -> list[tuple]:
    """Grouping keys of a figure: reports with a key in common count the same thing."""
    label = " ".join(f.counts.lower().split())
    if f.kind == "vague" and places:
        # 'thousands stormed City Hall in Almaty' / 'thousands took to the streets in Almaty'
        near = [("vague", f.value_text.lower(), _subject(f.subject), p) for p in places]
        return near + signature(f)
    if f.kind in ("year", "date"):
        return [(f.kind, f.value_text.lower(), n) for n in _names(f.counts)]
    if f.kind == "age" or label.startswith("population of"):
        return [(f.kind, label)]
    if f.event and f.kind in ("count", "vague"):
        event = EVENTS.get(f.event, f.event)
        keys = [(f.kind, event, _subject(f.subject))]
        if f.subject_guess:
            keys.append((f.kind, event, "people"))
        return keys
    if label in GENERIC or not label.split():
        return [("alone", f.id)]  # 'people' alone says nothing to group on
    return [(f.kind, f.unit, label)]


def _names(label: str) -> list[str]:
    """Capitalised words of a label: the people and places a date is about."""
    return [w for w in re.findall(r"\b[A-Z][\w-]+", label)]


def _subject(subject: str | None) -> str:
    """Counted thing, generic words folded into 'people'."""
    return "people" if not subject or subject in GENERIC else subject


def _merge_similar_subjects(keys: dict[tuple, list]) -> dict[tuple, list]:
    """Fold keys whose counted things are spelling variants ('offices' typed for 'officers')."""
    out: dict[tuple, list] = {}
    for k in sorted(keys, key=lambda k: (-len(keys[k]), k)):
        twin = next(
            (
                o
                for o in out
                if len(o) == 3
                and len(k) == 3
                and o[:2] == k[:2]
                and o[0] in ("count", "vague")
                and fuzz.ratio(str(o[2]), str(k[2])) >= 85
            ),
            None,
        )
        out.setdefault(twin or k, []).extend(keys[k])
    return out


def differ(a: FigureReport, b: FigureReport) -> bool:
    """Two reports state different quantities (qualifiers aside: 'at least 8' and '8' agree)."""
    if a.value is None or b.value is None:
        return _vague_word(a) != _vague_word(b)
    if a.qualifier in ("nearly", "about") and b.qualifier in ("nearly", "about"):
        return abs(a.value - b.value) > 0.05 * max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) > 1e-6 * max(1.0, abs(a.value))


def _vague_word(r: FigureReport) -> str:
    """'dozens', 'thousands': the word of a vague report."""
    return r.value_text.lower().split()[-1]


def status_of(reports: list[FigureReport]) -> str:
    """agreed, conflicting or single."""
    if len({r.source for r in reports}) < 2:
        return "single"
    conflict = any(a.source != b.source and differ(a, b) for a in reports for b in reports)
    return "conflicting" if conflict else "agreed"


def _report(af: ArticleFacts, f: Figure) -> FigureReport:
    """A figure as one source's report."""
    return FigureReport(
        source=af.source.file,
        figure=f.id,
        value=f.value,
        value_text=f.value_text,
        qualifier=f.qualifier,
        attributed_to=f.attributed_to,
        as_of=f.as_of,
        published=af.source.published,
        cites=f.cites,
    )


def reconcile_figures(all_facts: list[ArticleFacts]) -> list[FigureGroup]:
    """Figure groups: every figure in at least one group, groups ordered by how many sources."""
    keyed: dict[tuple, list] = defaultdict(list)
    for af in all_facts:
        for f in af.figures:
            for k in signature(f, places_cited(af, f)):
                keyed[k].append((af, f))
    groups, seen = [], set()
    for k, members in _merge_similar_subjects(keyed).items():
        ids = frozenset(f.id for _, f in members)
        if ids in seen:
            continue  # the same reports found under another key (a year shared by two names)
        seen.add(ids)
        reports = sorted(
            {(af.source.file, f.id): _report(af, f) for af, f in members}.values(),
            key=lambda r: (r.published or "9999", r.source, r.cites[0].start),
        )
        first = members[0][1]
        groups.append(
            FigureGroup(
                id=stable_id("grp", *map(str, k)),
                counts=first.counts,
                unit=first.unit,
                status=status_of(reports),
                reports=reports,
            )
        )
    groups = _without_subsets(groups)
    rank = {"conflicting": 0, "agreed": 1, "single": 2}
    return sorted(groups, key=lambda g: (rank[g.status], -len({r.source for r in g.reports}), g.counts, g.id))


def _without_subsets(groups: list[FigureGroup]) -> list[FigureGroup]:
    """Drop groups whose reports all sit in a larger group."""
    sets = [frozenset(r.figure for r in g.reports) for g in groups]
    return [g for g, s in zip(groups, sets, strict=True) if not any(s < o for o in sets)]


# ---------------------------------------------------------------- events

STOP = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "and",
    "for",
    "by",
    "with",
    "at",
    "from",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "said",
    "also",
    "its",
    "their",
    "his",
    "her",
}


def _words(text: str) -> set[str]:
    """Content words of a statement, crudely stemmed; names marked with a leading '^'."""
    words = re.findall(r"[A-Za-z0-9]+", text.replace("\u2019", "'"))
    out = set()
    for w in words:
        low = w.lower()
        if low not in STOP and len(low) > 2:
            out.add(("^" if w[0].isupper() else "") + low[:6])
    return out


def _same_event(a: set[str], b: set[str], when_a: str | None, when_b: str | None) -> bool:
    """Statements that share most content words, an action word among them, and one day."""
    if when_a and when_b and when_a != when_b:
        return False
    plain = lambda s: {w.lstrip("^") for w in s}  # noqa: E731
    shared = plain(a) & plain(b)
    actions = {w for w in a & b if not w.startswith("^")}
    return bool(a and b and actions) and len(shared) >= 2 and len(shared) / min(len(a), len(b)) >= 0.6


def reconcile_events(all_facts: list[ArticleFacts]) -> list:
    """Timeline entries: the same event told by several sources becomes one entry citing all."""
    from generator.models import EventReport, StoryEvent

    groups: list[list] = []
    index: dict[str, list[int]] = defaultdict(list)  # action word -> groups that use it
    for af in all_facts:
        for ev in af.what:
            words = _words(ev.statement)
            actions = sorted(w for w in words if not w.startswith("^"))
            candidates = sorted({i for w in actions for i in index.get(w, ())})
            target = next(
                (
                    i
                    for i in candidates
                    if af.source.file not in {m[0].source.file for m in groups[i]}
                    and _same_event(words, groups[i][0][2], ev.when, groups[i][0][1].when)
                ),
                None,
            )
            if target is None:
                groups.append([])
                target = len(groups) - 1
                for w in actions:
                    index[w].append(target)
            groups[target].append((af, ev, words))
    out = []
    for g in groups:
        first = g[0][1]
        when = next((ev.when for _, ev, _ in g if ev.when), None)
        reports = [
            EventReport(
                source=af.source.file,
                event=ev.id,
                statement=ev.statement,
                when_text=ev.when_text,
                cites=ev.cites,
            )
            for af, ev, _ in g
        ]
        out.append(
            StoryEvent(
                id=stable_id("evt", first.id),
                statement=first.statement,
                when=when,
                when_text=first.when_text,
                reports=reports,
            )
        )
    return sorted(out, key=lambda e: (e.when is None, e.when or "", -len(e.reports), e.statement))
