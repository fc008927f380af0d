"""Quotes: quotes.md, the quotes grouped by speaker."""

from __future__ import annotations

from collections import Counter, defaultdict

import jinja2

from generator.site.jsonld import linked_data, quote_claim
from generator.site.page import Page, page
from generator.site.urls import quote_anchor
from generator.site.view import StoryView
from generator.text.names import norm_name


def quotes_page(env: jinja2.Environment, view: StoryView) -> Page:
    """Return quotes.md: quotes grouped by speaker, speakers that are entities under the entity's name."""
    path = "quotes.md"
    c = view.citer(path)
    groups: dict[str, dict] = {}
    spellings: dict[str, Counter] = defaultdict(Counter)
    for file, q in view.quotes():
        ent = view.speaker(q.speaker)
        raw = " ".join((q.speaker or "").split())
        key = f"e:{ent.id}" if ent else (f"s:{norm_name(raw)}" if norm_name(raw) else "~")
        spellings[key][raw] += 1
        group = groups.setdefault(key, {"entity": ent, "quotes": []})
        group["quotes"].append(
            {
                "q": q,
                "outlet": view.outlet(file),
                "refs": c(file, q.cites),
                "anchor": quote_anchor(view.slugs.get(file, "source"), q.id),
            }
        )
    for key, group in groups.items():
        ent = group["entity"]
        if ent is not None:
            group["name"] = ent.name
            group["href"] = c.link(view.pages[ent.id]) if ent.id in view.pages else None
        else:
            names = spellings[key]
            group["name"] = max(sorted(names), key=lambda n: names[n]) or "Unattributed"
            group["href"] = None
    order = sorted(groups, key=lambda k: (k == "~", groups[k]["name"].casefold(), groups[k]["name"], k))
    ordered = [groups[k] for k in order]
    n = sum(len(g["quotes"]) for g in ordered)
    return page(
        env,
        "quotes.md.j2",
        path,
        "Quotes",
        n,
        c,
        data={"quotes": [{"source": f, **q.model_dump(mode="json")} for f, q in view.quotes()]},
        jsonld=linked_data(view, path, c.files, [quote_claim(view, path, f, q) for f, q in view.quotes()]),
        groups=ordered,
    )
