"""Mentions grouped into entities: surnames, first names, acronyms, party and company short forms,
country variants and spellings of one name merged, within one article."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

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


# Fuzzy spellings ('Tokayev' / 'Tokaev') are compared with at most this many earlier forms of the same
# kind and first letter. A news article names a few dozen entities (the 2,225 BBC articles at most
# 106 entities in one article), so the bound is never reached in prose; it only stops a list of tens of
# thousands of names (a directory pasted as one article) from comparing every name with every other.
MAX_FUZZY_FORMS = 1_000
_FUZZY_MIN = 88  # fuzz.ratio at or above which two spellings are one name


def cluster(mentions: list[Mention], acr: dict[str, str]) -> list[Cluster]:
    """Mentions grouped into entities: surname, first name, acronym and spelling variants merged.

    Each mention joins the first cluster (in creation order) of its kind with a form that names the
    same entity (same_entity); the forms are indexed by every key a rule compares, so a mention looks
    up its candidates instead of comparing itself with every cluster."""
    full = {m.text for m in mentions if m.kind == "person" and len(m.text.split()) > 1}
    firsts = Counter(n.split()[0] for n in full)
    index = _FormIndex(acr)
    clusters: list[Cluster] = []
    for m in sorted(mentions, key=lambda m: (-len(m.text.split()), -len(m.text), m.start)):
        at = index.first(m.kind, m.text)
        if at is None and m.kind == "person" and firsts[m.text] == 1:
            at = min(index.keys.get(("first", m.kind, m.text), ()), default=None)
        if at is None:
            at = len(clusters)
            clusters.append(Cluster(m.kind, []))
        if m.text not in index.seen.get(at, ()):
            index.add(at, m.kind, m.text)
        clusters[at].mentions.append(m)
    return sorted(clusters, key=lambda c: min(x.start for x in c.mentions))


class _FormIndex:
    """The forms of the clusters so far, under each key same_entity compares (exact form, acronym,
    country, party, initials, surname, short form, facility), and by first letter for fuzzy spellings."""

    def __init__(self, acr: dict[str, str]):
        self.acr = acr
        self.long_of: dict[str, list[str]] = {}  # 'European Union' -> ['EU']: forms whose acronym it is
        for short, long in acr.items():
            self.long_of.setdefault(long, []).append(short)
        self.keys: dict[tuple, set[int]] = {}
        self.fuzzy: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
        self.seen: dict[int, set[str]] = {}  # the forms of each cluster indexed so far

    def _put(self, key: tuple, at: int) -> None:
        """File cluster `at` under a key."""
        self.keys.setdefault(key, set()).add(at)

    def add(self, at: int, kind: str, form: str) -> None:
        """Index a new form of cluster `at`."""
        self.seen.setdefault(at, set()).add(form)
        words = form.split()
        self._put(("form", kind, form), at)
        for i, ch in enumerate(form):
            if ch == " ":
                self._put(("suffix", kind, form[i + 1 :]), at)  # form.endswith(" " + x)
        if form in self.acr:
            self._put(("acr-of", kind, self.acr[form]), at)  # acr.get(form) == text
            self._put(("acr-end", kind, self.acr[form]), at)  # text.endswith(" " + acr[form])
        if kind == "place" and country(form):
            self._put(("country", kind, country(form)), at)
        if kind == "organisation":
            if party(form):
                self._put(("party", kind, party(form)), at)
            self._put(("initials", kind, initials(form, _SMALL)), at)
            for j in range(len(words)):
                if all(w in ORG_SUFFIXES for w in words[j:]):
                    self._put(("short", kind, tuple(words[:j])), at)
        if kind == "person":
            named = [w for w in words if w.strip(".") not in NAME_SUFFIXES]
            if len(named) > 1 and "-" in named[-1]:
                self._put(("barrel", kind, named[-1].split("-")[0]), at)
            for j in range(1, len(named)):
                self._put(("surname", kind, tuple(named[-j:])), at)
            if len(words) > 1:
                self._put(("first", kind, words[0]), at)
        if kind == "place" and len(words) > 1 and words[-1] in FACILITY:
            self._put(("facility", kind, words[0], words[-1]), at)
        forms, owners = self.fuzzy.setdefault((kind, form[:1]), ([], []))
        if len(forms) < MAX_FUZZY_FORMS:
            forms.append(form)
            owners.append(at)

    def first(self, kind: str, text: str) -> int | None:
        """The first cluster of this kind with a form naming the same entity as text (same_entity)."""
        acr, keys = self.acr, self.keys
        found: set[int] = set()

        def get(*key) -> None:
            found.update(keys.get(key, ()))

        get("form", kind, text)
        if text in acr:
            get("form", kind, acr[text])
            get("suffix", kind, acr[text])
        get("acr-of", kind, text)
        for i, ch in enumerate(text):
            if ch == " ":
                get("acr-end", kind, text[i + 1 :])
        if kind == "place" and country(text):
            get("country", kind, country(text))
        words = text.split()
        if kind == "organisation":
            if party(text):
                get("party", kind, party(text))
            if text.isupper():
                get("initials", kind, text)
            short = initials(text, _SMALL)
            if short.isupper():
                get("form", kind, short)
            get("short", kind, tuple(words))
        if kind == "person" and words:
            if len(words) == 1:
                get("barrel", kind, words[0])
            get("surname", kind, tuple(words))
        if kind == "place" and words:
            get("facility", kind, words[0], words[-1])
        best = min(found, default=None)
        if len(text) >= 6 and best != 0:
            forms, owners = self.fuzzy.get((kind, text[0]), ((), ()))
            for _, _, i in process.extract(
                text, forms, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN, limit=None, processor=None
            ):
                best = owners[i] if best is None else min(best, owners[i])
        return best


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
