"""What's new: whats-new.md, the facts each regeneration added, changed or removed."""

from __future__ import annotations

from generator.site.datafiles import FACTS_JSON, data_path
from generator.site.escape import md_text
from generator.site.page import Page
from generator.store.marker import MARKER

WHATS_NEW = "whats-new.md"
SECTION_NAMES = {"figures": "figure", "quotes": "quote", "who": "entity", "what": "event"}


def whats_new_page(history: list) -> Page:
    """Return the What's new page: the facts each regeneration added, changed or removed, newest first."""
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
        "What each regeneration of the fact sheet added, changed or removed, newest first, with the "
        "source article of each fact; the facts themselves, cited, are on the story's pages.",
    ]
    if not history:
        lines += ["", "Nothing has changed since the fact sheet was first built."]
    for entry in history:
        when = f", newest source {entry.newest_source}" if entry.newest_source else ""
        n = entry.counts or {k: len(getattr(entry, k)) for k in ("added", "changed", "removed")}
        counts = f"{n['added']} added, {n['changed']} changed, {n['removed']} removed"
        lines += ["", f"## Sources {md_text(entry.seeds)}{md_text(when)}", "", f"{counts}.", ""]
        for verb, items in (("Added", entry.added), ("Changed", entry.changed), ("Removed", entry.removed)):
            for c in items[:200]:
                was = f" (was: {md_text(c.was)})" if c.was else ""
                lines.append(
                    f"- **{verb}** {SECTION_NAMES.get(c.section, c.section)} in "
                    f"{md_text(c.source)}: {md_text(c.text)}{was}"
                )
            if len(items) > 200:
                lines.append(f"- … and {len(items) - 200} more {verb.lower()} facts (see facts/changes.yaml)")
    lines += [
        "",
        '<div class="fs-data" markdown>',
        "",
        f"**Machine-readable:** these changes as [YAML]({data_path(WHATS_NEW, '.yaml')}) and "
        f"[JSON]({data_path(WHATS_NEW, '.json')}); every fact in [facts.json]({FACTS_JSON}).",
        "",
        "</div>",
    ]
    data = {"changes": [e.model_dump(mode="json") for e in history]}
    return Page(md="\n".join(lines) + "\n", data=data)
