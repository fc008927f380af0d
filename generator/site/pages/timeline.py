"""Timeline: timeline.md, the events by day with a chart of the dated ones; an event the sources tell
differently (another number, day or a denial) shows every version, each with its source and citation."""

from __future__ import annotations

import datetime
import re
from collections import Counter

import jinja2

from generator.site.charts import Day, timeline_chart
from generator.site.jsonld import linked_data
from generator.site.page import Page, page, parts_index
from generator.site.parts import by_key, by_name, span
from generator.site.urls import SitePage, day_anchor
from generator.site.view import StoryView
from generator.story.asof import PARTS
from generator.story.corrections import joined

# how the versions of a corrected event differ, as the words before them
CORRECTIONS = {
    "number": "Sources differ on the number",
    "date": "Sources differ on the day",
    "denial": "A source denies it",
}


def day_label(day: str) -> str:
    """'Wednesday 5 January 2022' for a timeline heading ('Undated' stays)."""
    try:
        d = datetime.date.fromisoformat(day)
    except ValueError:
        return day
    return f"{d:%A} {d.day} {d:%B %Y}"


def _short_day(day: str) -> str:
    """'Tue 4 Jan 2022'."""
    d = datetime.date.fromisoformat(day)
    return f"{d:%a} {d.day} {d:%b %Y}"


def _version_when(r) -> str:
    """The day a version gives, for a reader: 'Tue 4 Jan 2022', with '(inferred)', or its time words."""
    if not r.when:
        return r.when_text or "no day given"
    return _short_day(r.when) + (" (inferred)" if r.when_inferred else "")


TIMELINE_PER_PAGE = 120  # events on one page, at most; more are split by month (site/parts.py)
MONTH = re.compile(r"\d{4}-\d{2}")


def timeline_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return timeline.md: a chart of the dated events by day, the dated events by day, then undated ones
    in source order, each citing its reports; a story with more events than fit one page gets
    timeline.md as the index of its parts, timeline/<month>.md and timeline/undated.md."""
    path = "timeline.md"

    def first(ev) -> tuple:
        r = ev.reports[0]
        return view.order.get(r.source, len(view.order)), r.cites[0].start if r.cites else 0

    def order(ev) -> tuple:
        part = PARTS.get(ev.when_part or "", -1)  # a day's untimed events first, then by part of day
        return (ev.when is None, ev.when or "", part, first(ev), ev.id)

    events = sorted(view.story.events, key=order)
    if len(events) <= TIMELINE_PER_PAGE:
        return _timeline(env, view, path, events, None)
    # dated events by month; undated ones by the name of the source that tells them first, so that a
    # changed article moves the undated events of its own part only
    dated, undated = [], []
    for ev in events:
        (undated if _month(ev) == "undated" else dated).append(ev)
    parts = by_key("timeline", dated, _month, TIMELINE_PER_PAGE, force=True) or []
    for p in parts:
        p.name = _month_label(p.key)
    told = by_name("timeline/undated", undated, lambda ev: view.slugs.get(ev.reports[0].source, ""),
                   TIMELINE_PER_PAGE, force=True) or []  # fmt: skip
    for p in told:  # named by the sources that tell them: 'Undated: Source 3 to Source 9'
        files = [p.items[i].reports[0].source for i in (0, -1)]
        opener, closer = (view.labels[f].neutral if f in view.labels else "a source" for f in files)
        p.name = f"Undated: {opener}" if opener == closer else f"Undated: {opener} to {closer}"
    parts += told
    c = view.citer(path)
    days = [
        Day(day, n, SitePage(path).href(p.path, day_anchor(day)))  # raw HTML: the built URL
        for p in parts
        for day, n in Counter(ev.when for ev in p.items if ev.when).items()
    ]
    dated_n = sum(d.count for d in days)
    return parts_index(
        env,
        c,
        path,
        "Timeline",
        parts,
        build=lambda p, here: _timeline(env, view, p.path, p.items, here),
        data_key="events",
        ident=lambda ev: ev.id,
        span_of=_span,
        family="the timeline",
        searched=False,
        intro=INTRO + " There are too many for one page, so they are listed by month.",
        chart=timeline_chart("Dated events per day", days),
        caption=f"{dated_n} dated event{'s' if dated_n != 1 else ''} by day. Each column links to its day.",
        parts_heading="By month",
        noun="event",
        nouns="events",
    )


INTRO = (
    "Dated events by day and time of day, then undated ones in the order the sources tell them; an event"
    " told by several sources is one entry citing each. A day marked *inferred* is counted from a date the"
    " article states or from its story's latest article, not from a date of publication. Where sources"
    " tell an event differently — another number, another day, a denial — the entry leads with the latest"
    " source's version and lists every version with its source."
)


def _month(ev) -> str:
    """The part a dated event is listed in, its month ('2005-03'); or 'undated'."""
    return ev.when[:7] if ev.when and MONTH.match(ev.when) else "undated"


def _month_label(key: str) -> str:
    """'March 2005', 'March 2005 (2)' for a crowded month's second page (a key is YYYY-MM[-n])."""
    month, piece = key[:7], key[7:].lstrip("-")
    text = f"{datetime.date.fromisoformat(month + '-01'):%B %Y}"
    return f"{text} ({piece})" if piece else text


def _span(events) -> str:
    """The days a part of the timeline runs between."""
    dated = [ev.when for ev in events if ev.when]
    if not dated:
        return "the events no source gives a day for, in the order the sources tell them"
    return span(day_label(dated[0]), day_label(dated[-1]))


def _timeline(env: jinja2.Environment, view: StoryView, path: str, events: list, part: dict | None) -> Page:
    """One page of the timeline: a chart of its dated events, then its events by day."""
    c = view.citer(path)
    days: list[dict] = []
    for ev in events:
        day = ev.when or "Undated"
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "label": day_label(day), "anchor": day_anchor(day), "events": []})
        versions = [
            {
                "r": r,
                "outlet": view.outlet(r.source),
                "published": f"published {_short_day(r.published)}" if r.published else "undated",
                "when": _version_when(r),
                "refs": c(r.source, r.cites),
                "note": view.note(r.source, r.event),
            }
            for r in ev.reports
        ]
        days[-1]["events"].append(
            {
                "e": ev,
                "n": view.sources_of(r.source for r in ev.reports),
                "refs": "".join(v["refs"] for v in versions),
                "correction": CORRECTIONS.get(ev.difference or ""),
                "versions": versions if ev.difference else [],
                "note": joined(view.note(r.source, r.event) for r in ev.reports),
            }
        )
    dated = [Day(d["day"], len(d["events"]), "#" + d["anchor"]) for d in days if d["day"] != "Undated"]
    undated = sum(len(d["events"]) for d in days if d["day"] == "Undated")
    title = f"Timeline: {part['label']}" if part else "Timeline"
    return page(
        env,
        "timeline.md.j2",
        path,
        title,
        len(events),
        c,
        data={"events": [ev.model_dump(mode="json") for ev in events]},
        jsonld=linked_data(view, path, c.files, []),
        searched=False,  # every event is indexed in its source page's text
        days=days,
        chart=timeline_chart("Dated events per day", dated),
        n_dated=sum(d.count for d in dated),
        n_undated=undated,
        heading=title,
        part=part,
        intro=INTRO,
    )
