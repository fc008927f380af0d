"""Who: the entity facts of one article, from its named mentions (aliases, roles, cites)."""

from __future__ import annotations

import re

from generator.extract import clusters, entities, kinds, roles, things
from generator.extract.whowords import HONORIFICS
from generator.models import Article, Entity
from generator.text.ids import stable_id


def named_mentions(article: Article, sentences) -> list:
    """The article's named mentions, kinds fixed: the outlet it names as publisher is an organisation."""
    text = article.text
    mentions = things.not_names(entities.mentions_of(sentences, text), sentences, entities.acronyms(text))
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
    for cl in clusters.cluster(mentions, acr):
        out.append(_entity(article, sentences, cl, acr))
    return out


def _entity(article: Article, sentences, cl, acr) -> Entity:
    """One Entity from a cluster of mentions."""
    name = cl.name
    aliases = [f for f in cl.forms if f != name]
    for short, long in acr.items():
        if long == name and short not in aliases:
            aliases.append(short)
        if short == name and long not in aliases:
            aliases.insert(0, long)
    titled = {f"{m.title} {m.text}" for m in cl.mentions if m.title and f"{m.title} {m.text}" != name}
    aliases += sorted(t for t in titled if t in article.text and t not in aliases)
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
