"""Who: the entity facts of one article, from its named mentions (aliases, roles, cites)."""

from __future__ import annotations

import re
from collections import defaultdict

from generator.extract import clusters, entities, kinds, roles, things
from generator.extract.whowords import HONORIFICS
from generator.models import Article, Entity
from generator.text.ids import stable_id


def named_mentions(article: Article, sentences, warnings: list[str] | None = None) -> list:
    """The article's named mentions, kinds fixed: the outlet it names as publisher is an organisation.
    A sentence naming more than entities.MAX_PER_SENTENCE gives its first ones, and a line in
    `warnings` says so."""
    text = article.text
    crowded: list[int] = []
    found = entities.mentions_of(sentences, text, crowded)
    if crowded and warnings is not None:
        most = entities.MAX_PER_SENTENCE
        warnings.append(
            f"seeds/{article.file}: {len(crowded)} sentence(s) name more than {most} people, organisations "
            f"or places each (a list, not prose?); the first {most} of each were read"
        )
    mentions = things.not_names(found, sentences, entities.acronyms(text))
    common = entities.common_acronyms(text)
    mentions = [m for m in mentions if m.text not in common]
    outlets = " | ".join(filter(None, (article.publisher, article.via)))
    for m in mentions:
        if m.text in outlets:
            m.kind = "organisation"  # the outlet the article names as its publisher, or whose page it was
    mentions += _outlet_mentions(article, sentences, mentions)
    entities.fix_kinds(mentions)
    kinds.fix_kinds(mentions, sentences, entities.acronyms(text))
    return mentions


def _outlet_mentions(article: Article, sentences, mentions) -> list:
    """The outlets the metadata names (publisher, the site that carried it), as organisations where the
    model read no name: "Stay tuned with Example News HD Android App" names the site."""
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for name in dict.fromkeys(
        re.split(r"\s*,\s*|\s+and\s+", f"{article.publisher or ''},{article.via or ''}")
    ):
        if len(name) < 2 or any(m.text == name for m in mentions):
            continue
        for sent in sentences:
            hit = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", article.text[sent.start : sent.end])
            at = sent.start + hit.start() if hit else -1
            if hit and not any(a < at + len(name) and at < b for a, b in taken):
                out.append(entities.Mention(name, "organisation", at, at + len(name), sent.index))
                break
    return out


def who_of(article: Article, sentences, mentions) -> list[Entity]:
    """Entities of the article with aliases, roles and the sentences that cite them."""
    acr = entities.acronyms(article.text)
    surnames = entities.surname_mentions(mentions, article.text, sentences)
    # a surname in page furniture ("In pictures: Smith in Paris") is no mention: no sentence holds it
    mentions = mentions + [m for m in surnames if not any(a <= m.start < b for a, b in article.unread)]
    roles.add_roles(mentions, sentences)
    out = []
    pairs = list(acr.items())
    by_name: dict[str, list[int]] = defaultdict(list)  # a name -> the acronym pairs that hold it
    for i, (short, long) in enumerate(pairs):
        by_name[long].append(i)
        if short != long:
            by_name[short].append(i)
    for cl in clusters.cluster(mentions, acr):
        out.append(_entity(article, sentences, cl, [pairs[i] for i in by_name.get(cl.name, ())]))
    return out


def _entity(article: Article, sentences, cl, acr: list[tuple[str, str]]) -> Entity:
    """One Entity from a cluster of mentions (`acr`: the acronym pairs, short and long, naming it)."""
    name = cl.name
    aliases = [f for f in cl.forms if f != name]
    for short, long in acr:
        if long == name and short not in aliases:
            aliases.append(short)
        if short == name and long not in aliases:
            aliases.insert(0, long)
    titled = {f"{m.title} {m.text}" for m in cl.mentions if m.title and f"{m.title} {m.text}" != name}
    aliases += sorted(t for t in titled if _in_text(t, cl.mentions, article.text) and t not in aliases)
    roles = list(
        dict.fromkeys(r for m in cl.mentions for r in m.roles if r.lower().strip(".") not in HONORIFICS)
    )
    if cl.kind != "person":
        roles = []  # a role read while the name still looked like a person's
    cited = sorted({m.sentence for m in cl.mentions if m.roles} | {min(m.sentence for m in cl.mentions)})
    cites = [sentences[i].cite(article.text) for i in cited[:5]]
    spans = sorted({(m.start, m.end) for m in cl.mentions})
    return Entity(
        id=stable_id("ent", cl.kind, name),
        name=name,
        kind=cl.kind,
        aliases=aliases,
        roles=roles,
        mentions=spans,
        cites=cites,
    )


def _in_text(titled: str, mentions, text: str) -> bool:
    """True when 'Mr Smith' stands in the text: right before one of the mentions (looked at where it
    is, the usual case), else anywhere (a search of the whole text, done once per title and name)."""
    return any(text.endswith(titled, 0, m.end) for m in mentions) or titled in text
