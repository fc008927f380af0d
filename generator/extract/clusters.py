"""Mentions grouped into entities: surnames, first names, acronyms, party and company short forms,
country variants and spellings of one name merged, within one article."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from generator.extract.entities import _SMALL, Mention
from generator.extract.gazetteer import country, party
from generator.extract.whowords import FACILITY, NAME_SUFFIXES, ORG_SUFFIXES
from generator.text.names import initials


@dataclass
class Cluster:
    """Mentions of one entity within an article."""

    kind: str
    mentions: list[Mention]

    @property
    def forms(self) -> list[str]:
        """Distinct surface forms, longest first."""
        seen = dict.fromkeys(m.text for m in sorted(self.mentions, key=lambda m: (-len(m.text), m.start)))
        return list(seen)

    @property
    def name(self) -> str:
        """Canonical name: the longest form (the full name or the spelled-out organisation)."""
        known = [country(f) for f in self.forms if self.kind == "place" and country(f)]
        known += [party(f) for f in self.forms if self.kind == "organisation" and party(f)]
        if known:
            return known[0]
        full = [f for f in self.forms if not f.isupper() or len(self.forms) == 1]
        return (full or self.forms)[0]


def cluster(mentions: list[Mention], acr: dict[str, str]) -> list[Cluster]:
    """Mentions grouped into entities: surname, first name, acronym and spelling variants merged."""
    full = {m.text for m in mentions if m.kind == "person" and len(m.text.split()) > 1}
    firsts = Counter(n.split()[0] for n in full)
    clusters: list[Cluster] = []
    for m in sorted(mentions, key=lambda m: (-len(m.text.split()), -len(m.text), m.start)):
        target = next((c for c in clusters if c.kind == m.kind and same_entity(c, m.text, acr)), None)
        if target is None and m.kind == "person" and firsts[m.text] == 1:
            target = next((c for c in clusters if c.kind == "person" and _first_name(c, m.text)), None)
        if target is None:
            clusters.append(Cluster(m.kind, [m]))
        else:
            target.mentions.append(m)
    return sorted(clusters, key=lambda c: min(x.start for x in c.mentions))


def same_entity(c: Cluster, text: str, acr: dict[str, str]) -> bool:
    """True when a form names the cluster's entity."""
    for form in c.forms:
        if form == text or acr.get(text) == form or acr.get(form) == text:
            return True
        if (
            acr.get(text)
            and form.endswith(" " + acr[text])
            or acr.get(form)
            and text.endswith(" " + acr[form])
        ):
            return True
        if c.kind == "place" and country(form) and country(form) == country(text):
            return True
        if c.kind == "organisation" and party(form) and party(form) == party(text):
            return True
        if c.kind == "organisation" and (
            text.isupper()
            and initials(form, _SMALL) == text
            or form.isupper()
            and initials(text, _SMALL) == form
        ):
            return True  # 'EU' and 'European Union' in one article
        if c.kind == "person" and _surname_match(form, text):
            return True
        if c.kind == "organisation" and _short_form(form, text):
            return True
        if c.kind == "place" and _same_facility(form, text):
            return True
        if len(text) >= 6 and text[0] == form[0] and fuzz.ratio(text, form) >= 88:
            return True
    return False


def _same_facility(a: str, b: str) -> bool:
    """'Khurmala field' and 'Khurmala Dome field': one name and facility noun."""
    x, y = a.split(), b.split()
    return len(x) > 1 and x[0] == y[0] and x[-1] == y[-1] and x[-1] in FACILITY


def _short_form(full: str, short: str) -> bool:
    """'Petrel' for 'Petrel Resources', 'Chelsea' for 'Chelsea FC': the name without its ending."""
    f, s = full.split(), short.split()
    return len(s) < len(f) and f[: len(s)] == s and all(w in ORG_SUFFIXES for w in f[len(s) :])


def _first_name(c: Cluster, text: str) -> bool:
    """True when text is the first name of the cluster's full name ('Roger' of 'Roger Federer')."""
    return any(len(f.split()) > 1 and f.split()[0] == text for f in c.forms)


def _surname_match(full: str, short: str) -> bool:
    """'Tokayev' or 'Kassym Tokayev' names 'Kassym-Jomart Tokayev'; 'Kilroy' names 'Robert Kilroy-Silk'."""
    f = [w for w in full.split() if w.strip(".") not in NAME_SUFFIXES]
    s = short.split()
    if len(s) == 1 and len(f) > 1 and "-" in f[-1] and f[-1].split("-")[0] == s[0]:
        return True  # 'Kilroy' for 'Robert Kilroy-Silk': the first part of a double-barrelled surname
    return len(s) < len(f) and f[-len(s) :] == s
