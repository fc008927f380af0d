"""Figures: figures.md (every figure group) and disputed.md (the conflicting ones, with a bar chart)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import jinja2

from generator.models import FigureGroup, FigureReport
from generator.site.charts import Bar, Mark, bar_chart, history_chart, number
from generator.site.citations import Citer
from generator.site.datafiles import FIGURES_CSV
from generator.site.escape import html_text
from generator.site.jsonld import figure_claim, linked_data
from generator.site.page import Page, page, parts_index
from generator.site.parts import by_name, names_span
from generator.site.urls import group_anchor
from generator.site.view import StoryView
from generator.story import briefing
from generator.story.differences import history

# why a conflicting group's values differ, as its heading on the pages
DIFFERENCES = {
    "revision": "Revised: a later report of the same count",
    "scope": "Different scopes: not the same people or places",
    "rounding": "Rounding: the same estimate, within a few percent",
    "dispute": "Disputed: same count, same time, different values",
}
SHORT_SCOPES = {"security forces": "security", "everyone": "all"}  # a bar label has 18 characters
QUALIFIERS = {"more_than": "more than ", "at_least": "at least ", "nearly": "nearly ", "about": "about ",
              "up_to": "up to ", "less_than": "less than "}  # fmt: skip

BADGES = {"conflicting": "disputed", "agreed": "agreed", "single": "one source"}  # status: its badge
NOT_CHARTED = {"year", "date", "rank"}  # a bar from zero means nothing for these


@dataclass
class ReportRow:
    """A figure report as the templates show it, with its footnotes and its source."""

    report: FigureReport
    outlet: str
    source_href: str | None  # the source's page
    date: str | None
    by_href: str | None  # the page of the entity that stated it
    refs: str  # footnote references
    counts: str = ""  # on an entity's page: what the figure counts
    href: str = ""  # on an entity's page: the group on the figures page
    scope_from: str | None = None  # the outlet whose report of the same statement says whose count it is
    corrected: str | None = None  # the editors' note on the figure (facts/curation.yaml)


@dataclass
class ValueRow:
    """One way the sources write a group's value, with the footnotes of every report writing it so."""

    text: str
    refs: str = ""


@dataclass
class GroupRow:
    """A figure group as the templates show it: its reports, status and how many sources report it."""

    group: FigureGroup
    anchor: str
    badge: str
    n: int  # sources reporting it
    reports: list[ReportRow]
    values: list[ValueRow]
    chart: str | None = None  # on the disputed page: the bar chart
    difference: str | None = None  # why the values differ (DIFFERENCES)
    history: str | None = None  # '8 (Interior Ministry, Thu) → 13 (officials, as of midday Thu)'
    history_chart: str | None = None  # the values against time, inline SVG
    latest: str | None = None  # the latest report's time and speaker: 'as of midday Thu 6 Jan, officials'
    href: str = ""  # the group on the figures page, from the page it is shown on


def figure_link(view: StoryView, c: Citer, group_id: str) -> str:
    """The Markdown link from the citer's page to a figure group on the figures page (or its part)."""
    return c.link(view.figure_page(group_id)) + "#" + group_anchor(group_id)


def report_row(view: StoryView, c: Citer, r: FigureReport) -> ReportRow:
    """A figure report as the templates show it, with its footnotes and its source."""
    stated = view.stated_by(r.attributed_to)
    by = next((e for e in stated if e.id in view.pages), None)
    return ReportRow(
        report=r,
        outlet=view.outlet(r.source),
        source_href=c.link(f"sources/{view.slugs[r.source]}.md") if r.source in view.slugs else None,
        date=when(r),
        by_href=c.link(view.pages[by.id]) if by and by.id in view.pages else None,
        refs=c(r.source, r.cites, (r.value_text,)),
        scope_from=view.outlet(r.scope_from) if r.scope_from else None,
        corrected=view.note(r.source, r.figure, *r.restated),
    )


def group_row(view: StoryView, c: Citer, g: FigureGroup) -> GroupRow:
    """A figure group as the templates show it: its reports, status and how many sources report it."""
    reports = [report_row(view, c, r) for r in g.reports]
    values: dict[str, ValueRow] = {}  # one entry per way of writing the value, with every report's refs
    for x in reports:
        entry = values.setdefault(
            " ".join(x.report.value_text.casefold().split()), ValueRow(x.report.value_text)
        )
        entry.refs += x.refs
    # a history where the value moved: not for agreeing reports, nor a scope comparison (two quantities)
    steps = history(g.reports) if g.status == "conflicting" and not g.compares else []
    return GroupRow(
        group=g,
        anchor=group_anchor(g.id),
        href=figure_link(view, c, g.id),
        badge=BADGES[g.status],
        n=view.sources_of(r.source for r in g.reports),
        reports=reports,
        values=list(values.values()),
        difference=DIFFERENCES.get(g.difference or ""),
        history=" → ".join(_step(view, rs) for _, rs in steps) or None,
        history_chart=_history_chart(view, c, g, steps) if steps else None,
        latest=None if g.compares else _latest(view, g),  # a comparison has two latest reports
    )


def _latest(view: StoryView, g: FigureGroup) -> str | None:
    """The latest report of a group: its value, time and who stated it, for the home page's cards."""
    r = briefing.latest(g)
    if r is None:
        return None
    return f"{r.value_text}, {when(r) or 'undated'}, {r.attributed_to or view.outlet(r.source)}"


def when(r: FigureReport) -> str | None:
    """A report's time for a reader: 'as of midday Thu 6 Jan', 'Thu 6 Jan (article date)'."""
    if not r.as_of_date:
        return r.published
    d = datetime.date.fromisoformat(r.as_of_date)
    day = f"{d:%a} {d.day} {d:%b}"
    if r.as_of_inferred:
        return f"{day} (article date, inferred)" if not r.published else f"{day} (article date)"
    return f"as of {r.as_of_part} {day}" if r.as_of_part else day


def _short_when(r: FigureReport) -> str:
    """'Thu', 'as of midday Thu': the time of a history step."""
    if not r.as_of_date:
        return "undated"
    day = datetime.date.fromisoformat(r.as_of_date).strftime("%a")
    return f"as of {r.as_of_part} {day}" if r.as_of_part and not r.as_of_inferred else day


def _value(r: FigureReport) -> str:
    """'at least 8': a report's value in figures, as written when it has none."""
    if r.value is None:
        return r.value_text
    return QUALIFIERS.get(r.qualifier, "") + number(r.value)


def _step(view: StoryView, reports: list[FigureReport]) -> str:
    """One time of a history: '8 (Interior Ministry, Thu)', every differing value of that time."""
    seen: dict[str, list[str]] = {}
    for r in reports:
        seen.setdefault(_value(r), []).append(r.attributed_to or view.outlet(r.source))
    return " / ".join(
        f"{v} ({' & '.join(dict.fromkeys(w))}, {_short_when(reports[0])})" for v, w in seen.items()
    )


def _history_chart(view: StoryView, c: Citer, g: FigureGroup, steps) -> str | None:
    """The inline SVG history of a group, each mark linked to the sentence of its report."""
    marks = [
        Mark(
            slot=i,
            value=r.value,
            qualifier=r.qualifier,
            words=f"{_value(r)} ({r.attributed_to or view.outlet(r.source)}, {_short_when(r)})",
            href=c.here.href(f"sources/{view.slugs[r.source]}.md", f"s{r.cites[0].start}"),
        )
        for i, (_, rs) in enumerate(steps)
        for r in rs
        if r.value is not None and r.source in view.slugs
    ]
    times = [_short_when(rs[0]) for _, rs in steps]
    return history_chart(f"{g.counts}: the value reported over time", times, marks)


def group_claims(view: StoryView, path: str, groups: list[FigureGroup]) -> list[dict]:
    """Every report of the groups as a Claim."""
    return [
        figure_claim(view, path, r.source, r, g)
        for g in groups
        for r in g.reports
        if r.source in view.by_file
    ]


def figures_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return figures.md: one entry per figure group, disputed ones first; a story with more groups
    than fit one page gets figures.md as the index of its parts, figures/<letters>.md (site/parts.py)."""
    parts = view.figure_parts
    if parts is None:
        return _figures(env, view, "figures.md", view.story.figures, None)
    path = "figures.md"
    c = view.citer(path)
    disputed = [g for g in view.story.figures if g.status == "conflicting"]
    lead = [
        {"text": g.counts, "href": c.link(view.figure_page(g.id)) + "#" + group_anchor(g.id),
         "note": f"{len(g.reports)} reports"}
        for g in disputed[:LEAD_LIMIT]
    ]  # fmt: skip
    if len(disputed) > LEAD_LIMIT:  # the others one click away (a page of hundreds of links builds slowly)
        more = {"text": f"and {len(disputed) - LEAD_LIMIT} more", "href": c.link("disputed.md"), "note": None}
        lead.append(more)
    return parts_index(
        env,
        c,
        path,
        "Figures",
        parts,
        build=lambda p, here: _figures(env, view, p.path, p.items, here),
        data_key="figure_groups",
        ident=lambda g: g.id,
        span_of=_span,
        family="all figures",
        intro=INTRO.format(disputed=c.link("disputed.md"))
        + " There are too many for one page, so they are listed by what they count.",
        download=_download(c, view),
        lead=lead,
        lead_heading="Disputed",
        lead_total=len(disputed),
        parts_heading="By what they count",
        noun="figure",
        nouns="figures",
    )


LEAD_LIMIT = 25  # disputed figures listed at the head of the figures index; the others are on disputed.md

INTRO = (
    "Each quantity once, with every source's report of it and the sentence it was taken from. Where the"
    " sources disagree, [Disputed figures]({disputed}) puts their reports side by side."
)


def _span(groups: list[FigureGroup]) -> str:
    """The labels a part of the figures runs between."""
    return names_span(g.counts for g in groups)


def _download(c: Citer, view: StoryView) -> str:
    """The line that offers every report as CSV."""
    name = f"{view.story.slug}-figures.csv" if view.story.slug else "figures.csv"
    return (
        f'<p class="fs-download" markdown="span">**Download:** [every report as CSV]({c.link(FIGURES_CSV)})'
        f'{{: download="{html_text(name)}" }} — one row per report, with its source, as of, who stated it and'
        " the sentence — for a spreadsheet.</p>"
    )


def _figures(
    env: jinja2.Environment, view: StoryView, path: str, groups: list[FigureGroup], part: dict | None
) -> Page:
    """One page of figure groups, in sections by status (disputed first)."""
    c = view.citer(path)
    sections: list[dict] = []
    shown: list[FigureGroup] = []
    for status, heading in (("conflicting", "Disputed"), ("agreed", "Agreed"), ("single", "One source")):
        mine = [g for g in groups if g.status == status]
        shown += mine
        if mine:
            sections.append({"heading": heading, "groups": [group_row(view, c, g) for g in mine]})
    n = sum(len(g.reports) for s in sections for g in s["groups"])
    title = f"Figures: {part['label']}" if part else "Figures"
    return page(
        env,
        "figures.md.j2",
        path,
        title,
        n,
        c,
        data={"figure_groups": [g.model_dump(mode="json") for g in shown]},
        jsonld=linked_data(view, path, c.files, group_claims(view, path, shown)),
        sections=sections,
        intro=INTRO.format(disputed=c.link("disputed.md")),
        download=_download(c, view),
        heading=title,
        part=part,
    )


def chart(x: GroupRow, scopes: dict[str, str] | None = None) -> str | None:
    """Return the inline SVG bar chart of a group's reports, or None when no value can be drawn; `scopes`
    (figure id -> scope) labels the bars of a scope comparison with whose count each is."""
    g = x.group
    if g.unit in NOT_CHARTED:
        return None
    bars, seen = [], set()
    for rep in x.reports:
        r = rep.report
        drawn = r.value is not None and r.qualifier != "vague"
        scope = (scopes or {}).get(r.figure)
        key = (rep.outlet, _value(r), scope)
        if key in seen:
            continue  # one bar per source and value: restatements were merged, agreeing reports repeat
        seen.add(key)
        bars.append(
            Bar(
                label=f"{SHORT_SCOPES.get(scope, scope)}: {rep.outlet}"
                if scope
                else f"{rep.outlet}, {_short_when(r)}",
                value=r.value if drawn else None,
                text=_value(r),
                approximate=r.qualifier != "exact",
            )
        )
    if not any(b.value is not None for b in bars):
        return None
    return bar_chart(f"{g.counts}: the value each source reports", bars, narrow=True)


DISPUTED_PER_PAGE = 100  # lines on one page of disputed.md: 6 per group (chart, table head), 2 per report
DISPUTED_INTRO = (
    "The quantities that the sources report differently. Each table puts the reports side by side; the"
    " chart draws the numbers each source gives (words such as “dozens” are listed, not drawn; lighter bars"
    " are approximate or bounds such as “more than”)."
)


def _disputed_lines(g: FigureGroup) -> int:
    """The length of a conflicting group on the disputed page, in lines."""
    return 6 + 2 * len(g.reports)


def disputed_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return disputed.md: every conflicting group, its reports side by side and a bar chart; a story
    with more than fit one page gets disputed.md as the index of its parts, disputed/<letters>.md."""
    path = "disputed.md"
    mine = [g for g in view.story.figures if g.status == "conflicting"]
    parts = by_name("disputed", mine, lambda g: g.counts, DISPUTED_PER_PAGE, weight=_disputed_lines)
    if parts is None:
        return _disputed(env, view, path, mine, None)
    return parts_index(
        env,
        view.citer(path),
        path,
        "Disputed figures",
        parts,
        build=lambda p, here: _disputed(env, view, p.path, p.items, here),
        data_key="figure_groups",
        ident=lambda g: g.id,
        span_of=_span,
        family="all disputed figures",
        searched=False,
        intro=DISPUTED_INTRO + " There are too many for one page, so they are listed by what they count.",
        parts_heading="By what they count",
        noun="disputed figure",
        nouns="disputed figures",
    )


def _disputed(
    env: jinja2.Environment, view: StoryView, path: str, mine: list[FigureGroup], part: dict | None
) -> Page:
    """One page of conflicting groups, each with its reports side by side and a bar chart."""
    c = view.citer(path)
    groups = [group_row(view, c, g) for g in mine]
    by_id = {g.id: g for g in view.story.figures}
    for x in groups:
        compared = [by_id[i] for i in x.group.compares if i in by_id]
        x.chart = chart(x, {r.figure: q.scope for q in compared for r in q.reports if q.scope})
    n = sum(len(g.reports) for g in groups)
    return page(
        env,
        "disputed.md.j2",
        path,
        f"Disputed figures: {part['label']}" if part else "Disputed figures",
        n,
        c,
        data={"figure_groups": [g.model_dump(mode="json") for g in mine]},
        jsonld=linked_data(view, path, c.files, group_claims(view, path, mine)),
        searched=False,  # the same groups are indexed on figures.md
        groups=groups,
        total=view.total,
        heading=f"Disputed figures: {part['label']}" if part else "Disputed figures",
        intro=DISPUTED_INTRO,
        part=part,
    )
