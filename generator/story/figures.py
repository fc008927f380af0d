"""Figure groups: the reports of one quantity by several sources, grouped and marked agreed, conflicting
or single."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from generator.models import ArticleFacts, Figure, FigureGroup, FigureReport
from generator.story.asof import Reference, reference_day, resolve
from generator.story.differences import borrow_times, compare_scopes, difference_of, merge_restatements
from generator.story.spans import join_end_dates
from generator.text.ids import stable_id
from generator.text.names import same_speaker
from generator.text.words import BARE_MEASURES, EVENTS, EVERYONE, GENERIC, NOUNS, SCOPES


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
        # a date naming no one ('date extended') is still a figure of the story: a group of its own
        return [(f.kind, f.value_text.lower(), n) for n in _names(f.counts)] or [("alone", f.id)]
    if f.kind == "rank":
        # 'ninth largest country': the superlative and the thing ranked, whatever else the label says
        most = next((w for w in label.split() if w.endswith("est") and len(w) > 4), None)
        if most and label.split()[-1] != most:
            return [(f.kind, most, _subject(label.split()[-1]))]
    if f.kind == "age" or label.startswith("population of"):
        return [(f.kind, label)]
    if f.event and f.kind in ("count", "vague"):
        event = EVENTS.get(f.event, f.event)
        scope = scope_of(f)
        if scope:
            return [(f.kind, event, scope)]  # killed / eliminated / died of one scope: one quantity
        keys = [(f.kind, event, _subject(f.subject))]
        if f.subject_guess:
            keys.append((f.kind, event, "people"))
        return keys
    if label in GENERIC or label in BARE_MEASURES or not label.split():
        return [("alone", f.id)]  # 'people' or 'share' alone says nothing to group on
    return [(f.kind, f.unit, label)]


def scope_of(f: Figure) -> str | None:
    """Whose count a figure is ('security forces', 'civilians', 'everyone'), None for things not people."""
    words = [f.subject or "", *re.findall(r"[a-z]+", f.counts.lower())]
    for w in words:
        if w in SCOPES:
            return SCOPES[w]
    return "everyone" if not f.subject or f.subject in EVERYONE or f.subject in GENERIC else None


def _counts_people(f: Figure) -> bool:
    """A casualty count of 'people' (or of no one named): a count whose scope another report may narrow."""
    return (
        f.kind == "count"
        and bool(f.event)
        and f.value is not None
        and (not f.subject or f.subject in GENERIC)
        and scope_of(f) == "everyone"
    )


def narrowed(all_facts: list[ArticleFacts]) -> dict[tuple[str, str], tuple[ArticleFacts, Figure]]:
    """Counts of 'people' that another source narrows: (source, figure id) -> the other source's report.

    Two outlets relaying one statement ('the ministry said more than 300 people were injured' and 'the
    ministry said more than 300 police were injured') are one report, the narrower one saying whose
    count it is: the same event, value, qualifier and speaker, in another source, with a scope. A count
    with no speaker is not narrowed (a shared number alone is no evidence), nor one whose candidates
    name two scopes."""
    scoped = [
        (af, f)
        for af in all_facts
        for f in af.figures
        if f.kind == "count" and f.event and f.value is not None and scope_of(f) not in (None, "everyone")
    ]
    out = {}
    for af in all_facts:
        for f in filter(_counts_people, af.figures):
            twins = [
                (bf, g)
                for bf, g in scoped
                if bf.source.file != af.source.file
                and EVENTS.get(g.event, g.event) == EVENTS.get(f.event, f.event)
                and (g.value, g.qualifier) == (f.value, f.qualifier)
                and same_speaker(f.attributed_to, g.attributed_to)
            ]
            if len({scope_of(g) for _, g in twins}) == 1:
                out[(af.source.file, f.id)] = twins[0]
    return out


def _names(label: str) -> list[str]:
    """Capitalised words of a label: the people and places a date is about."""
    return [w for w in re.findall(r"\b[A-Z][\w-]+", label)]


def _subject(subject: str | None) -> str:
    """Counted thing, generic words folded into 'people'."""
    if not subject or subject in GENERIC:
        return "people"
    return NOUNS.get(subject, subject)


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


def _report(af: ArticleFacts, f: Figure, ref: Reference, scope_from: str | None = None) -> FigureReport:
    """A figure as one source's report, with the day it was true (and the source that names its scope,
    when another source's report narrows it)."""
    when = resolve(f.as_of, " ".join(c.quote for c in f.cites), *ref)
    return FigureReport(
        source=af.source.file,
        figure=f.id,
        value=f.value,
        value_text=f.value_text,
        qualifier=f.qualifier,
        attributed_to=f.attributed_to,
        as_of=f.as_of,
        as_of_date=when.day,
        as_of_part=when.part,
        as_of_inferred=when.inferred,
        published=af.source.published,
        cites=f.cites,
        scope_from=scope_from,
    )


def reconcile_figures(all_facts: list[ArticleFacts], texts: dict | None = None) -> list[FigureGroup]:
    """Figure groups: every figure in at least one group, groups ordered by how many sources; `texts`
    (source file -> article text) lets an undated article date itself from a date it states."""
    texts = texts or {}
    story_day = max((af.source.published for af in all_facts if af.source.published), default=None)
    refs = {
        af.source.file: reference_day(af.source.published, texts.get(af.source.file, ""), story_day)
        for af in all_facts
    }
    keyed: dict[tuple, list] = defaultdict(list)
    narrow = narrowed(all_facts)
    scope_from = {k: bf.source.file for k, (bf, _) in narrow.items()}
    for af in all_facts:
        for f in af.figures:
            bf, g = narrow.get((af.source.file, f.id), (af, f))  # grouped as the report that names its scope
            for k in signature(g, places_cited(bf, g)):
                keyed[k].append((af, f))
    groups, seen, events = [], set(), {}
    for k, members in _merge_similar_subjects(keyed).items():
        ids = frozenset(f.id for _, f in members)
        if ids in seen:
            continue  # the same reports found under another key (a year shared by two names)
        seen.add(ids)
        reports = sorted(
            {
                (af.source.file, f.id): _report(
                    af, f, refs[af.source.file], scope_from.get((af.source.file, f.id))
                )
                for af, f in members
            }.values(),
            key=lambda r: (r.published or "9999", r.source, r.cites[0].start),
        )
        reports = borrow_times(merge_restatements(reports, differ), differ)
        first = _labelled_by(members)
        status = status_of(reports)
        gid = stable_id("grp", *map(str, k))
        events[gid] = str(k[1])
        groups.append(
            FigureGroup(
                id=gid,
                counts=first.counts,
                unit=first.unit,
                status=status,
                scope=k[2] if len(k) == 3 and k[0] in ("count", "vague") and k[2] in _SCOPE_NAMES else None,
                difference=difference_of(reports, differ) if status == "conflicting" else None,
                reports=reports,
            )
        )
    groups = join_end_dates(_without_subsets(groups))
    groups += compare_scopes(groups, events, differ)
    rank = {"conflicting": 0, "agreed": 1, "single": 2}
    return sorted(groups, key=lambda g: (rank[g.status], -len({r.source for r in g.reports}), g.counts, g.id))


_SCOPE_NAMES = {*SCOPES.values(), "everyone"}


def _labelled_by(members: list) -> Figure:
    """The report whose label the group takes: the label most reports share, else one whose counted
    thing most reports share (one source's typo, 'security offices', does not name the group), else
    the first."""
    labels = Counter(" ".join(f.counts.casefold().split()) for _, f in members)
    subjects = Counter(f.subject for _, f in members if f.subject)
    return max(
        (f for _, f in members),
        key=lambda f: (
            labels[" ".join(f.counts.casefold().split())],
            subjects[f.subject] if f.subject else 0,
        ),
    )


def _without_subsets(groups: list[FigureGroup]) -> list[FigureGroup]:
    """Drop groups whose reports all sit in a larger group."""
    # every figure a group holds, restatements too: merging picks each group's leading report itself
    sets = [frozenset(f for r in g.reports for f in (r.figure, *r.restated)) for g in groups]
    return [g for g, s in zip(groups, sets, strict=True) if not any(s < o for o in sets)]
