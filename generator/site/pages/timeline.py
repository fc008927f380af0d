"""Timeline: timeline.md, the events by day with a chart of the dated ones."""

from __future__ import annotations

import jinja2

from generator.site.charts import Day, timeline_chart
from generator.site.jsonld import linked_data
from generator.site.page import Page, page
from generator.site.urls import day_anchor
from generator.site.view import StoryView


def timeline_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return timeline.md: a chart of the dated events by day, the dated events by day, then undated ones
    in source order, each citing its reports."""
    path = "timeline.md"
    c = view.citer(path)

    def first(ev) -> tuple:
        r = ev.reports[0]
        return view.order.get(r.source, len(view.order)), r.cites[0].start if r.cites else 0

    events = sorted(view.story.events, key=lambda ev: (ev.when is None, ev.when or "", first(ev), ev.id))
    days: list[dict] = []
    for ev in events:
        day = ev.when or "Undated"
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "anchor": day_anchor(day), "events": []})
        days[-1]["events"].append(
            {
                "e": ev,
                "n": view.sources_of(r.source for r in ev.reports),
                "total": view.total,
                "refs": "".join(c(r.source, r.cites) for r in ev.reports),
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
