"""What's new: whats-new.md, what each regeneration brought, told for people ("2 new sources; people
killed revised 8 → 13; 3 new quotes by …"), each line linking to the fact. The per-fact machine log
stays in facts/changes.yaml (and this page's YAML and JSON)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.site.datafiles import FACTS_JSON, data_path
from generator.site.escape import md_text
from generator.site.page import Page
from generator.site.pages.home import plural
from generator.site.urls import SitePage, group_anchor, quote_anchor
from generator.site.view import StoryView
from generator.store.changes import ChangeEntry, SourceChange
from generator.store.marker import MARKER
from generator.story.differences import history

WHATS_NEW = "whats-new.md"
SHOWN = 6  # names listed on one line before "and N more"
SOURCES_SHOWN = 25  # sources named on an update's line: the first build of an archive adds thousands


@dataclass
class _Story:
    """A story of the site as What's new links into it: its folder under docs/ and its view."""

    prefix: str
    view: StoryView

    def link(self, text: str, page: str, anchor: str = "") -> str:
        """A link from What's new to a page of the story (its path in the story's folder), `text` being
        Markdown. A story of several is a site of its own (publish/build.py), which MkDocs cannot see
        from the top site, so that link is raw HTML, written for directory URLs."""
        if not self.prefix:
            return f"[{text}]({page}{'#' + anchor if anchor else ''})"
        return f'<a href="{SitePage(WHATS_NEW).href(self.prefix + page, anchor)}">{text}</a>'


@dataclass
class _Lines:
    """The people's lines of one entry, gathered over the stories."""

    revised: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    quotes: Counter = field(default_factory=Counter)
    quote_links: dict[str, str] = field(default_factory=dict)
    named: list[str] = field(default_factory=list)
    events: int = 0


def whats_new_page(history_: list[ChangeEntry], views: list[tuple[str, StoryView]] = ()) -> Page:
    """Return the What's new page: one section per regeneration, newest first, in words for people."""
    stories = [_Story(f"{folder}/" if folder else "", view) for folder, view in views]
    lines = [
        "---",
        "title: What&#39;s new",
        "factsheet_facts: 0",
        "search:",  # out of site search: each line names a fact indexed, with its anchor, on its own page
        "  exclude: true",
        "---",
        MARKER,
        "",
        "# What's new",
        "",
        "What each regeneration of the fact sheet brought, newest first. Each line links to the facts, "
        "which are cited on the story's pages.",
    ]
    if not history_:
        lines += ["", "Nothing has changed since the fact sheet was first built."]
    for n, entry in enumerate(history_):
        when = f" — newest source {md_text(entry.newest_source)}" if entry.newest_source else ""
        lines += ["", f"## Update {len(history_) - n}{when}", "", *_entry_lines(entry, stories)]
    lines += [
        "",
        '<div class="fs-data" markdown>',
        "",
        f"**Every fact that changed**, one by one, is in facts/changes.yaml, and here as "
        f"[YAML]({data_path(WHATS_NEW, '.yaml')}) and [JSON]({data_path(WHATS_NEW, '.json')}); "
        f"every fact in [facts.json]({FACTS_JSON}).",
        "",
        "</div>",
    ]
    data = {"changes": [e.model_dump(mode="json") for e in history_]}
    return Page(md="\n".join(lines) + "\n", data=data)


def _entry_lines(entry: ChangeEntry, stories: list[_Story]) -> list[str]:
    """The bullet lines of one regeneration."""
    out = []
    added, removed = entry.sources_added, entry.sources_removed
    if added:
        out.append(f"- **{plural(len(added), 'new source')}:** {_sources(added, stories)}")
    if removed:
        out.append(f"- **{plural(len(removed), 'source')} removed:** {_sources(removed, [])}")
    got = _Lines()
    for story in stories:
        _gather(entry, story, got)
    for line in got.revised:
        out.append(f"- **Revised:** {line}")
    if got.figures:
        out.append(f"- **{plural(len(got.figures), 'new figure')}:** {_some(got.figures)}")
    if got.quotes:
        by = [f"{k} by {got.quote_links[s]}" for s, k in got.quotes.most_common()]
        out.append(f"- **{plural(sum(got.quotes.values()), 'new quote')}:** {_some(by)}")
    if got.named:
        out.append(f"- **Newly named:** {_some(got.named)}")
    if got.events:
        where = (
            f" on the {stories[0].link('timeline', 'timeline.md')}"
            if len(stories) == 1
            else " on the timelines"
        )
        out.append(f"- **{plural(got.events, 'new event')}**{where}.")
    counts = entry.counts or {k: len(getattr(entry, k)) for k in ("added", "changed", "removed")}
    if counts.get("changed") or counts.get("removed"):
        out.append(
            f"- **Re-read:** {plural(counts.get('changed', 0), 'fact')} changed (a label, a role or who said "
            f"it), {counts.get('removed', 0)} no longer found."
        )
    return out or ["- Nothing a reader would see: only the generated files' bookkeeping changed."]


def _gather(entry: ChangeEntry, story: _Story, got: _Lines) -> None:
    """What the entry's added facts are in one story: revised and new figures, quotes, names, events."""
    view = story.view
    added = {(c.source, c.id): c for c in entry.added if c.source in view.by_file}
    seen_groups: set[str] = set()
    for (source, fact_id), c in added.items():
        if c.section == "figures":
            g = view.group_of.get((source, fact_id))
            if g is None or g.id in seen_groups:
                continue
            seen_groups.add(g.id)
            link = story.link(md_text(g.counts), view.figure_page(g.id), group_anchor(g.id))
            step = _revision(g, source, fact_id, added)
            if step:
                got.revised.append(f"{link}: {step}")
            elif all((r.source, r.figure) in added for r in g.reports):
                got.figures.append(link)
        elif c.section == "quotes" and source in view.slugs:
            quote = next((q for q in view.by_file[source].quotes if q.id == fact_id), None)
            if quote is None:
                continue
            speaker = view.by_id.get(view.story.speakers.get(quote.speaker or "", ""))
            who = speaker.name if speaker is not None else quote.speaker or "unattributed speakers"
            got.quotes[who] += 1
            anchor = quote_anchor(view.slugs[source], fact_id)
            got.quote_links.setdefault(
                who, story.link(md_text(who), view.quote_page(source, fact_id), anchor)
            )
        elif c.section == "who":
            e = view.entity_of.get((source, fact_id))
            if e is None or any((f, m.id) not in added for f, m in view.members[e.id]):
                continue  # named before this regeneration
            link = story.link(md_text(e.name), view.entity_link(e))
            if link not in got.named:
                got.named.append(link)
        elif c.section == "what":
            got.events += 1


def _revision(g, source: str, fact_id: str, added: dict) -> str | None:
    """'8 → 13 (officials)' when the added report moved on a quantity reported before this
    regeneration, else None."""
    if g.difference != "revision":
        return None
    steps = history(g.reports)
    for i, (_, reports) in enumerate(steps):
        if i and any((r.source, r.figure) == (source, fact_id) for r in reports):
            earlier = [r for r in steps[i - 1][1] if (r.source, r.figure) not in added]
            if not earlier:
                return None  # both values came in this regeneration: a new quantity with a history
            before, now = earlier[0], next(r for r in reports if r.figure == fact_id)
            who = now.attributed_to or ""
            return f"{md_text(before.value_text)} → {md_text(now.value_text)}" + (
                f" ({md_text(who)})" if who else ""
            )
    return None


def _sources(changes: list[SourceChange], stories: list[_Story]) -> str:
    """'Agence France-Presse — Russia-led troops sent …', linked to the source page when it is there;
    the first SOURCES_SHOWN, then how many more and where they are listed."""
    out = []
    for c in changes[:SOURCES_SHOWN]:
        name = md_text(" — ".join(x for x in (c.publisher, c.title) if x) or "a source without a name")
        story = next((s for s in stories if c.file in s.view.slugs), None)
        out.append(story.link(name, f"sources/{story.view.slugs[c.file]}.md") if story else name)
    more = len(changes) - SOURCES_SHOWN
    if more > 0:
        where = ""
        if len(stories) == 1:
            where = f", listed with the others on {stories[0].link('Sources', 'sources/index.md')}"
        elif stories:
            where = ", listed with the others on each story's Sources page"
        out.append(f"and {more} more{where}")
    return "; ".join(out)


def _some(items: list[str]) -> str:
    """The first SHOWN items, then 'and N more'."""
    shown = ", ".join(items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")
