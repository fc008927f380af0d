"""The hostile-size algorithms (issue 17) against the plain ones they replace: on invented inputs,
the indexed, bisected and swept versions give exactly what the all-pairs scans gave."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from generator.models import ArticleFacts, Cite, Entity, Source, StoryEntity
from generator.site.highlight import MARK_KINDS, Mark, _Inside, _OpenMarks, resolve_marks
from generator.story import entities as ent
from generator.story.entities import reconcile_entities
from generator.text.names import match_key
from generator.text.nearmatch import NearIndex


def resolve_marks_all_pairs(marks: list[Mark], length: int) -> list[Mark]:
    """resolve_marks as it was: every mark compared with every kept one."""
    best: dict[tuple[int, int], Mark] = {}
    for m in sorted(marks, key=lambda m: (MARK_KINDS[m.kind][1], m.kind, m.href, m.title, m.start)):
        if 0 <= m.start < m.end <= length:
            best.setdefault((m.start, m.end), m)
    kept: list[Mark] = []
    for m in sorted(best.values(), key=lambda m: (m.start - m.end, MARK_KINDS[m.kind][1], m.start, m.kind)):
        if all(
            m.end <= k.start
            or k.end <= m.start
            or (k.start <= m.start and m.end <= k.end and k.href != m.href)
            for k in kept
        ):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.start - m.end))


marks_st = st.lists(
    st.builds(
        lambda a, n, kind, href: Mark(a, a + n, kind, f"#{href}", f"{kind} {a}"),
        st.integers(-3, 60),
        st.integers(-2, 40),
        st.sampled_from(list(MARK_KINDS)),
        st.integers(0, 3),
    ),
    max_size=60,
)


@settings(max_examples=600, deadline=None)
@given(marks=marks_st, length=st.integers(0, 70))
def test_resolve_marks_is_the_all_pairs_result(marks, length):
    assert resolve_marks(marks, length) == resolve_marks_all_pairs(marks, length)


def test_resolve_marks_deep_nesting_and_crossings():
    # a deep chain (quotes in quotes), names inside it, marks crossing it and one of the chain's links
    marks = [Mark(i, 400 - i, "quote", f"#q{i % 7}", "q") for i in range(0, 190, 3)]
    marks += [Mark(i, i + 2, "person", f"#p{i % 5}", "p") for i in range(1, 398, 4)]
    marks += [Mark(i, i + 50, "place", "#x", "x") for i in range(5, 350, 37)]
    assert resolve_marks(marks, 400) == resolve_marks_all_pairs(marks, 400)


@settings(max_examples=300, deadline=None)
@given(marks=marks_st, cuts=st.lists(st.integers(0, 70), max_size=12), length=st.integers(1, 70))
def test_open_marks_are_the_overlapping_marks(marks, cuts, length):
    kept = resolve_marks(marks, length)
    edges = sorted({0, length, *(c for c in cuts if c < length)})
    sweep = _OpenMarks(kept)
    for start, end in zip(edges, edges[1:], strict=False):
        assert sweep.over(start, end) == [m for m in kept if m.start < end and start < m.end]


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=15), at=st.integers(-2, 45))
def test_inside_is_strictly_inside_some_span(spans, at):
    assert _Inside(spans)(at) == any(a < at < b for a, b in spans)


near_words = st.text(alphabet=st.sampled_from(list("aab cdé")), max_size=24)


@settings(max_examples=400, deadline=None)
@given(
    keys=st.lists(near_words, max_size=30),
    queries=st.lists(near_words, min_size=1, max_size=8),
    threshold=st.sampled_from([0, 50, 70, 85, 90, 92, 100]),
)
def test_near_index_finds_exactly_the_keys_at_or_above_the_threshold(keys, queries, threshold):
    index = NearIndex(threshold)
    for k in keys:
        index.add(k)
    for q in queries:
        assert index.near(q) == {k for k in keys if fuzz.ratio(q, k) >= threshold}


def test_near_index_on_long_and_short_names():
    # spelling variants of invented names, some long enough to be compared rather than indexed
    names = ["ada bacodi", "ada bacodu", "ada bacodix", "kemi sotuvaze", "kemi sotuvazé", "x" * 30]
    names += ["international rowing federation", "internationl rowing federation", "ben corvin"]
    for threshold in (85, 90, 92):
        index = NearIndex(threshold)
        for n in names:
            index.add(n)
        for q in [*names, "ada bacod", "international rowing federations", "x" * 27]:
            assert index.near(q) == {n for n in names if fuzz.ratio(q, n) >= threshold}


def reconcile_entities_by_blocks(all_facts: list[ArticleFacts]) -> list[StoryEntity]:
    """reconcile_entities as it was: every group sharing a block key compared with `same`."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for f in all_facts:
        for e in f.who:
            for k in (match_key(x) for x in ent.forms(e)):
                if e.kind == "person" and len(k.split()) > 1:
                    surnames[k.split()[-1]].add(k)
    counts = {s: len(ent._distinct(v)) for s, v in surnames.items()}
    groups: list[ent._Group] = []
    index: dict[str, list[int]] = defaultdict(list)
    items = [(f.source.file, e) for f in all_facts for e in f.who]
    for src, e in sorted(
        items, key=lambda x: (-max(len(k.split()) for k in map(match_key, ent.forms(x[1]))), x[0], x[1].name)
    ):
        blocks = ent.block_keys(e)
        candidates = sorted({i for b in blocks for i in index.get(b, ())})
        target = next((i for i in candidates if ent.same(groups[i], e, counts)), None)
        if target is None:
            groups.append(ent._Group((src, e)))
            target = len(groups) - 1
        else:
            groups[target].add((src, e))
        for b in blocks:
            if target not in index[b][-1:]:
                index[b].append(target)
    return sorted((ent._story_entity(g) for g in groups), key=lambda s: (s.kind, s.name.lower()))


# invented name parts: spelling variants, shared surnames, titles, acronyms, countries and their adjectives
_FIRSTS = ["Ada", "Adah", "Ben", "Benn", "Cara", "Kara", "Dev"]
_LASTS = ["Bakari", "Bakary", "Corvin", "Corvyn", "Sotuvaze", "Sotuvaza"]
_ORGS = ["Rowing Union", "Rowing Unions", "RU", "National Rowing Board", "NRB", "Board of Rowers", "Rowers"]
_PLACES = ["UK", "Britain", "United Kingdom", "US", "America", "Almaty", "Almaty Region", "Almatyy"]


@st.composite
def invented_entity(draw, n: int) -> Entity:
    kind = draw(st.sampled_from(["person", "person", "organisation", "place"]))
    if kind == "person":
        full = f"{draw(st.sampled_from(_FIRSTS))} {draw(st.sampled_from(_LASTS))}"
        name = draw(st.sampled_from([full, full.split()[-1], "Dr " + full, full.upper()]))
        aliases = draw(st.lists(st.sampled_from([full.split()[-1], full, full.split()[0]]), max_size=2))
    else:
        pool = _ORGS if kind == "organisation" else _PLACES
        name = draw(st.sampled_from(pool))
        aliases = draw(st.lists(st.sampled_from(pool), max_size=2))
    return Entity(
        id=f"ent-{n}",
        name=name,
        kind=kind,
        aliases=sorted(set(aliases) - {name}),
        cites=[Cite(quote="x", start=0, end=1)],
    )


@st.composite
def invented_story(draw) -> list[ArticleFacts]:
    out = []
    for a in range(draw(st.integers(1, 4))):
        who = [draw(invented_entity(a * 100 + n)) for n in range(draw(st.integers(0, 12)))]
        out.append(ArticleFacts(source=Source(file=f"s{a}.txt", sha256="0" * 64), who=who))
    return out


@settings(max_examples=300, deadline=None)
@given(story=invented_story())
def test_reconcile_entities_by_lookup_is_the_block_key_result(story):
    assert reconcile_entities(story) == reconcile_entities_by_blocks(story)


def test_reconcile_entities_on_many_distinct_names():
    # the hostile 'names' shape in small: hundreds of distinct invented people, a few spelling variants
    syllables = ["ba", "co", "di", "fu", "ga", "ke", "lo", "mi"]
    who = []
    for n in range(400):
        last = "".join(syllables[(n >> s) % 8] for s in (0, 3, 6)).capitalize()
        name = f"{_FIRSTS[n % 7]} {last}"
        who.append(Entity(id=f"ent-{n}", name=name, kind="person", cites=[Cite(quote="x", start=0, end=1)]))
    story = [
        ArticleFacts(source=Source(file="a.txt", sha256="0" * 64), who=who[:250]),
        ArticleFacts(source=Source(file="b.txt", sha256="0" * 64), who=who[150:]),
    ]
    assert reconcile_entities(story) == reconcile_entities_by_blocks(story)


def test_story_view_members_are_each_source_entities_in_file_order():
    # invented sources naming people in several orders, one id in two sources, one name as two kinds
    from generator.site.view import StoryView
    from generator.story import make_story

    def who(n: int, name: str, kind: str = "person") -> Entity:
        return Entity(id=f"ent-{name}-{kind}", name=name, kind=kind, cites=[Cite(quote="x", start=0, end=1)])

    facts = [
        ArticleFacts(
            source=Source(file=f"{c}.txt", sha256="0" * 64),
            who=[who(n, x, k) for n, (x, k) in enumerate(people)],
        )
        for c, people in [
            ("c", [("Ada Bakari", "person"), ("Ben Corvin", "person"), ("Jordan", "place")]),
            ("a", [("Ben Corvin", "person"), ("Jordan", "person"), ("Ada Bakari", "person")]),
            ("b", [("Jordan", "place"), ("Cara Dovi", "person"), ("Ada Bakari", "person")]),
        ]
    ]
    view = StoryView(make_story("", facts, {f.source.file: "x" for f in facts}))
    for e in view.entities:
        ids = set(e.facts)
        files = sorted((f for f in set(e.sources) if f in view.by_file), key=view.order.get)
        scanned = [(f, m) for f in files for m in view.by_file[f].who if m.id in ids and m.kind == e.kind]
        assert view.members[e.id] == scanned
        assert scanned


class _P:
    """A stand-in quoted passage: its span only."""

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


@settings(max_examples=500, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12), st.booleans()), max_size=25),
    in_order=st.booleans(),
    probes=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=4),
)
def test_found_passages_answer_as_the_scans_did(spans, in_order, probes):
    from generator.extract.quotes import _enclosing, _Found

    if in_order:
        spans = sorted(spans, key=lambda s: s[0])
    items = [(_P(a, a + n), [], "X" if said else None) for a, n, said in spans]
    found = _Found(len(items))
    for item in items:
        for p in [item[0], *(_P(a, a + n) for a, n in probes)]:
            assert found.enclosing(p) is _enclosing(p, found)
            assert found.covers(p.start) == any(f[0].start <= p.start < f[0].end for f in found)
        want = next((f for f in reversed(found) if f[2] and not _enclosing(f[0], found[:-1] or [])), None)
        assert found.last_outer_speaker() is want
        found.append(item)
        want = next((f for f in reversed(found) if f[2] and not _enclosing(f[0], found[:-1] or [])), None)
        assert found.last_outer_speaker() is want
    for upto in range(len(found) + 1):
        for item in items:
            assert found.enclosing(item[0], upto) is _enclosing(item[0], found[:upto])


@settings(max_examples=500, deadline=None)
@given(
    spans=st.lists(
        st.tuples(st.integers(0, 30), st.integers(-2, 30), st.sampled_from([None, "", "Ada", "Ben"])),
        max_size=15,
    ),
    offsets=st.lists(st.integers(-2, 35), max_size=10),
)
def test_speaker_at_is_the_first_quote_around_an_offset(spans, offsets):
    from generator.extract.figures import SpeakerAt

    speakers = [(a, a + n, who) for a, n, who in spans]
    at = SpeakerAt(speakers)
    for pos in offsets:
        want = next((who for start, end, who in speakers if start <= pos < end and who), None)
        assert at(pos) == want


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list('id="s12 <>x')), max_size=60),
    anchor=st.text(alphabet=st.sampled_from(list('s12"x ')), max_size=5),
)
def test_anchors_are_what_the_text_search_finds(text, anchor):
    from generator.check import Anchors

    assert Anchors({"p.md": text}).has("p.md", anchor) == (f'id="{anchor}"' in text)


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(
        st.tuples(
            st.sampled_from(["a", "ab", "b"]), st.text(alphabet=st.sampled_from(list("xyz")), max_size=4)
        ),
        max_size=20,
    )
)
def test_listed_items_give_the_same_passage_as_a_plain_dict(keys):
    from generator.extract.quotes import Listed, same_passage

    plain: dict = {}
    listed = Listed()
    for n, key in enumerate(keys):
        assert same_passage(listed, key) == same_passage(plain, key)
        k = same_passage(plain, key)
        plain[k] = listed[k] = n
    assert list(listed) == list(plain)
