"""Timeline: timeline.md, the events by day with a chart of the dated ones; an event the sources tell
differently (another number, day or a denial) shows every version, each with its source and citation."""

from __future__ import annotations

import datetime

import jinja2

from generator.site.charts import Day, timeline_chart
from generator.site.jsonld import linked_data
from generator.site.page import Page, page
from generator.site.urls import day_anchor
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


def timeline_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return timeline.md: a chart of the dated events by day, the dated events by day, then undated ones
    in source order, each citing its reports."""
    path = "timeline.md"
    c = view.citer(path)

    def first(ev) -> tuple:
        r = ev.reports[0]
        return view.order.get(r.source, len(view.order)), r.cites[0].start if r.cites else 0

    def order(ev) -> tuple:
        part = PARTS.get(ev.when_part or "", -1)  # a day's untimed events first, then by part of day
        return (ev.when is None, ev.when or "", part, first(ev), ev.id)

    events = sorted(view.story.events, key=order)
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
                "total": view.total,
                "refs": "".join(v["refs"] for v in versions),
                "correction": CORRECTIONS.get(ev.difference or ""),
                "versions": versions if ev.difference else [],
                "note": joined(view.note(r.source, r.event) for r in ev.reports),
            }
        )
    dated = [Day(d["day"], len(d["events"]), "#" + d["anchor"]) for d in days if d["day"] != "Undated"]
    undated = sum(len(d["events"]) for d in days if d["day"] == "Undated")
    return page(
        env,
        "timeline.md.j2",
        path,
        "Timeline",
        len(events),
        c,
        data={"events": [ev.model_dump(mode="json") for ev in events]},
        jsonld=linked_data(view, path, c.files, []),
        searched=False,  # every event is indexed in its source page's text
        days=days,
        chart=timeline_chart("Dated events per day", dated),
        n_dated=sum(d.count for d in dated),
        n_undated=undated,
    )
