"""Quotes: the quoted passages of one article and who said each of them.

A passage's speaker is, in order: the speaker of the quotation that encloses it or that it
continues (paragraphs of one quotation), the reporting clause beside its marks (reporting.py) or
the reporting verb above it, the voice of the paragraph for a quotation that names no one, and for
a scare quote the body sentence that echoes it, the lead for a headline, or the actor of its
sentence. The reader keeps a small context (context.py) so that 'he said' and 'the chancellor
said' resolve to a person.
"""

from __future__ import annotations

import bisect
import re

from generator.extract import attribution, quotemarks, reporting
from generator.extract.context import Context, remember_people, remember_speakers
from generator.extract.entities import Covered
from generator.extract.nouns import ORG_NOUNS, is_person_noun
from generator.extract.parse import Sentence
from generator.extract.syntax import (
    SPEECH_VERBS,
    governing_verbs,
    is_pronoun,
    sentence_speech_verbs,
    subject_of,
)
from generator.extract.whowords import ROLE_NOUNS
from generator.models import Article, Cite, Quote
from generator.text.ids import stable_id


def quotes_of(article: Article, sentences, ctx: Context):
    """Quote facts and a map from quote spans to their speakers."""
    # a passage in page furniture (a caption repeating the headline) has no sentence to be cited by
    passages = [
        p for p in quotemarks.passages(article.text) if not any(a <= p.start < b for a, b in article.unread)
    ]
    by_sentence = _assign(passages, sentences)
    quoted = Covered((p.start, p.end) for p in passages)
    starts, ends = [s.start for s in sentences], [s.end for s in sentences]  # in text order, apart
    found = _Found(len(passages))  # (passage, covered sentences, speaker)
    guesses: set[int] = set()  # indexes in found of speakers guessed from the context
    for sent in sentences:
        remember_people(sent, ctx)
        for p in by_sentence.get(sent.index, []):
            # the sentences that overlap the passage: one bisected run of them
            lo, hi = bisect.bisect_right(ends, p.start), bisect.bisect_left(starts, p.end)
            covered = sentences[lo:hi] or [sent]
            speaker, guessed = _speaker_in_context(article.text, p, covered, sentences, found, ctx)
            if guessed:
                guesses.add(len(found))
            if speaker and not guessed and found.enclosing(p) is None:
                ctx.saw_speaker(speaker, ctx.is_person(speaker))
            found.append((p, covered, speaker))
        remember_speakers(sent, ctx, quoted)
    said = _share_quotation_speakers(_echoes(found, guesses), found)
    items: dict[tuple[str, str], Quote] = Listed()
    for p, covered, speaker in said:
        _add_quote(items, article, covered, p, speaker)
    return list(items.values()), [(p.start, p.end, speaker) for p, _, speaker in said]


def _speaker_in_context(text: str, p, covered, sentences, found, ctx: Context) -> tuple[str | None, bool]:
    """Who says a passage, and whether that is only a guess from the context: its enclosing
    quote's speaker, its own reporting clause, the quotation it continues, or the context."""
    outer = found.enclosing(p)
    if outer is not None:
        return outer[2], False  # 'race to the bottom' inside a quotation: the quotation's speaker
    prev = found[-1] if found else None
    short = len(p.text.split()) <= 4
    if prev is not None and p.continued and prev[2]:
        return prev[2], False  # a quotation that goes on over several paragraphs
    if prev is not None and prev[2] and _split_quote(text[prev[0].end : p.start]):
        return prev[2], False  # '"...," he said, "..."': the second half has the same speaker
    speaker = next((sp for s in reversed(covered) if (sp := _speaker(p, s, ctx))), None)
    if speaker is None and not short:
        speaker = _unattributed(covered[0], sentences, found, ctx)
    if speaker is None and short:
        speaker = _echoed_speaker(p.text, sentences[covered[0].index + 1 :], ctx)
    if speaker is None and _is_headline(covered[0], text) and len(sentences) > 1:
        return _lead_source(sentences[1], ctx), True  # a headline sums up its lead
    if speaker is not None or not short:
        return speaker, False
    speaker = _scare_quote_actor(p, covered[-1], ctx)  # 'the bill protects "kept animals"'
    if speaker is None and prev is not None and covered[0].index - prev[1][-1].index <= 1:
        speaker = prev[2]
    return speaker, True


def _is_headline(sent: Sentence, text: str) -> bool:
    """The article's first line when it is one sentence without a full stop: its headline."""
    line_end = text.find("\n", sent.start)
    whole = sent.end == (len(text) if line_end < 0 else line_end)
    return sent.index == 0 and whole and not text[sent.start : sent.end].endswith(".")


def _lead_source(lead: Sentence, ctx: Context) -> str | None:
    """Who reports in the article's first sentence ('..., a committee of MPs has warned')."""
    for verb in sentence_speech_verbs(lead.span):
        name, _ = attribution.who(subject_of(verb), ctx, full=False)
        if name:
            return name
    return None


def _echoes(found: list[tuple], guesses: set[int]) -> list[tuple]:
    """A short quote whose speaker was guessed takes the speaker of a quote that says the same
    words ('"moving onto the turf"' ... 'a "definite move onto our turf"')."""
    out = list(found)
    words = [_content_lemmas(p, covered) for p, covered, _ in found]
    for i in sorted(guesses):
        mine = words[i]
        if len(mine) < 2 or len(found[i][0].text.split()) > 4:
            continue
        same = [j for j in range(len(found)) if j != i and j not in guesses and found[j][2]]
        same = [j for j in same if len(mine & words[j]) >= 0.75 * len(mine)]
        if same:
            j = min(same, key=lambda j: abs(j - i))
            out[i] = (found[i][0], found[i][1], found[j][2])
    return out


def _content_lemmas(p, covered: list[Sentence]) -> set[str]:
    """Lemmas of the content words inside a passage."""
    return {
        t.lemma_.lower()
        for s in covered
        for t in s.span
        if p.start <= s.gstart(t) < p.end and t.pos_ in _CONTENT
    }


_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def _share_quotation_speakers(found: list[tuple], spans: _Found) -> list[tuple]:
    """Give every passage of one quotation (continued passages) the speaker one of them names
    (`spans`: the same passages, as found)."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        p, covered, speaker = out[i]
        nxt = out[i + 1]
        if speaker is None and nxt[0].continued and nxt[2] and spans.enclosing(nxt[0], i + 1) is None:
            out[i] = (p, covered, nxt[2])  # '"A. "B," he said.': A is his too
    return out


def _enclosing(p, found):
    """The passage found earlier whose marks enclose this one (a quote within a quote), or None."""
    return next(
        (f for f in reversed(found) if f[0].start <= p.start and p.end <= f[0].end and f[0] is not p), None
    )


class _Found(list):
    """The passages found so far, in text order, as (passage, covered sentences, speaker), with running
    state so that each question costs a lookup, not a look at every passage: their starts (sorted, so
    bisected) and a max-tree of their ends. Should a passage start before the one found last (never, as
    quotes_of reads them), the questions are answered by scanning, as before."""

    def __init__(self, capacity: int):
        super().__init__()
        self.starts: list[int] = []
        self.at: dict[int, int] = {}  # id(passage) -> its index
        self.size = 1 << max(capacity - 1, 0).bit_length()
        self.ends = [-1] * (2 * self.size)  # max-tree: leaf size + i holds the end of passage i
        self.in_order = True
        self.reach = -1  # the furthest end so far
        self.outer: list[int] = []  # passages with a speaker that no earlier passage encloses

    def append(self, item: tuple) -> None:
        p = item[0]
        if len(self) >= self.size or (self.starts and p.start < self.starts[-1]):
            self.in_order = False
        if self.in_order:
            i = len(self)
            if item[2] and p.end > self.reach:
                self.outer.append(i)
            self.reach = max(self.reach, p.end)
            self.starts.append(p.start)
            self.at[id(p)] = i
            node = self.size + i
            self.ends[node] = p.end
            while node > 1:
                node //= 2
                self.ends[node] = max(self.ends[2 * node], self.ends[2 * node + 1])
        super().append(item)

    def _last_reaching(self, before: int, end: int) -> int | None:
        """The last passage among the first `before` whose end is at least `end`, or None."""

        def down(node: int, lo: int, hi: int) -> int | None:
            if lo >= before or self.ends[node] < end:
                return None
            if hi - lo == 1:
                return lo
            mid = (lo + hi) // 2
            right = down(2 * node + 1, mid, hi)
            return right if right is not None else down(2 * node, lo, mid)

        return down(1, 0, self.size)

    def enclosing(self, p, upto: int | None = None) -> tuple | None:
        """The last of the first `upto` passages (all by default) whose marks enclose p's, p aside."""
        upto = len(self) if upto is None else upto
        if not self.in_order:
            return _enclosing(p, self[:upto])
        # the passages starting at or before p: a run from the first one
        before = min(upto, bisect.bisect_right(self.starts, p.start))
        i = self._last_reaching(before, p.end)
        if i is not None and self.at.get(id(p)) == i:
            i = self._last_reaching(i, p.end)
        return None if i is None else self[i]

    def covers(self, offset: int) -> bool:
        """True when a passage found contains the offset."""
        if not self.in_order:
            return any(f[0].start <= offset < f[0].end for f in self)
        return self._last_reaching(bisect.bisect_right(self.starts, offset), offset + 1) is not None

    def last_outer_speaker(self) -> tuple | None:
        """The last passage with a speaker that no other passage but the last one found encloses."""
        if not self.in_order:
            return next((f for f in reversed(self) if f[2] and not _enclosing(f[0], self[:-1] or [])), None)
        others = len(self) - 1  # the passages that may enclose: all but the last
        while self.outer:
            i = self.outer[-1]  # no earlier passage encloses it; a later one would start where it does
            j = i + 1
            while j < others and self.starts[j] == self.starts[i] and self[j][0].end < self[i][0].end:
                j += 1
            if not (j < others and self.starts[j] == self.starts[i]):
                return self[i]
            self.outer.pop()  # enclosed for good: passages found later only add to `others`
        return None


def _unattributed(sent: Sentence, sentences, found, ctx: Context) -> str | None:
    """Speaker of a quotation that names none: the last quote's speaker when it was in the sentence
    before, else the person who speaks or goes on speaking in the sentence before ('Smith insists
    ... "..."'), else a recent quote's speaker."""
    before = sentences[sent.index - 1] if sent.index > 0 else None
    if before is None:
        return None
    last = found.last_outer_speaker()
    if last is not None and last[1][-1].index >= before.index:
        return last[2]
    subject = _main_subject(before.span)
    if subject is not None and not found.covers(before.gstart(subject)):
        name = attribution.speaker_name([subject], ctx) if is_pronoun(subject) else None
        name = name or attribution.speaker_name(_subject_words(subject), ctx)
        speaks = subject.head.lemma_.lower() in SPEECH_VERBS or name == ctx.last_person_speaker
        if name and speaks and (ctx.is_person(name) or is_pronoun(subject)):
            return name  # 'Smith insists the club was right. "..."': not whoever a sentence is about
    if last is not None and sent.index - last[1][-1].index <= 3:
        return last[2]
    return None


def _main_subject(span):
    """The subject of a sentence's root verb, or None."""
    root = span.root
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _subject_words(tok) -> list:
    """The words of a subject phrase without its clauses and appositions."""
    return [t for t in tok.subtree if t.dep_ not in ("relcl", "appos", "acl", "punct") and not t.is_punct][:8]


_SPLIT = re.compile(
    r"^[\"\u201d,.]*\s*,?\s*(?:[A-Za-z.'\u2019-]+\s+){0,4}(?:said|says|added|adds|continued|went on|told \w+)"
    r"(?:\s+[A-Za-z.'\u2019-]+){0,4}\s*[,:.]\s*[\"\u201c]?$"
)


def _split_quote(between: str) -> bool:
    """True for the short attribution between two halves of one quotation ('," he added, "')."""
    return len(between) <= 60 and bool(_SPLIT.match(between.replace("\n", " ")))


def _assign(passages, sentences) -> dict[int, list]:
    """Passages grouped by the sentence where they start."""
    out: dict[int, list] = {}
    j = 0
    for p in passages:
        while j < len(sentences) - 1 and sentences[j].end <= p.start:
            j += 1
        out.setdefault(sentences[j].index, []).append(p)
    return out


def _speaker(p, sent: Sentence, ctx: Context) -> str | None:
    """Who says a passage: the reporting verb that governs it, from outside the marks."""
    inside = [t for t in sent.span if p.start <= sent.gstart(t) < p.end]
    rng = (inside[0].i, inside[-1].i + 1) if inside else (0, 0)
    heads = [t.head for t in inside if not rng[0] <= t.head.i < rng[1]] or inside[:1]
    name = _clause_speaker(p, sent, inside, ctx) if inside else None
    if name:
        return name
    for h in heads:
        name, _, _ = attribution.source_of(h, sent.span, ctx, outside=rng, full=False)
        if name:
            return name
    for verb in sentence_speech_verbs(sent.span):
        if not rng[0] <= verb.i < rng[1]:
            name, _ = attribution.who(subject_of(verb), ctx, full=False)
            if name:
                return name
    if len(p.text.split()) <= 4:
        return None  # a scare quote is not said by whoever acts in the sentence: see _echoed_speaker
    return _plausible(_acting_subject(inside, rng, heads, ctx))


def _clause_speaker(p, sent: Sentence, inside: list, ctx: Context) -> str | None:
    """The speaker the reporting clause right after or right before the marks names."""
    doc, span = sent.span.doc, sent.span
    after = inside[-1].i + 1
    found = reporting.after_clause(doc, after, _clause_end(span, after)) if p.closed else None
    if found is None and not p.continued:
        found = reporting.before_clause(doc, _clause_start(span, inside[0].i), inside[0].i - 1)
    return attribution.speaker_name(found[0], ctx) if found else None


def _clause_end(span, i: int) -> int:
    """Where the clause after token i ends: the sentence end or the next opening mark."""
    for tok in span[i - span.start + 1 :]:
        if tok.text in ('"', "\u201c") and tok.i > i + 1:
            return tok.i
    return span.end


def _clause_start(span, i: int) -> int:
    """Where the clause before token i starts: the sentence start or after the last closing mark."""
    for tok in reversed(span[: max(0, i - span.start - 1)]):
        if tok.text in ('"', "\u201d"):
            return tok.i + 1
    return span.start


def _acting_subject(inside, rng, heads, ctx: Context) -> str | None:
    """Subject of the nearest verb outside the marks: 'Blinken "reiterated ..."', 'X offered "..."'."""
    for tok in inside:
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not rng[0] <= child.i < rng[1]:
                return attribution.who(child, ctx, full=False)[0]
    for h in heads:
        for verb in [h, *governing_verbs(h)]:
            subj = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            if subj is not None and not rng[0] <= subj.i < rng[1]:
                return attribution.who(subj, ctx, full=False)[0]
    return None


def _scare_quote_actor(p, sent: Sentence, ctx: Context) -> str | None:
    """'Erdogan offered "all forms of help"': the actor, when no one reports the words."""
    inside = [t for t in sent.span if p.start <= sent.gstart(t) < p.end]
    if not inside or sent.index == 0:
        return None  # a headline's actor is not the source of its quote
    rng = (inside[0].i, inside[-1].i + 1)
    heads = [t.head for t in inside if not rng[0] <= t.head.i < rng[1]] or inside[:1]
    return _plausible(_acting_subject(inside, rng, heads, ctx))


def _echoed_speaker(words: str, later: list[Sentence], ctx: Context) -> str | None:
    """Speaker of a headline's scare quote, from the body sentence that reports the same words."""
    pattern = re.compile(r"\b" + re.escape(words) + r"\b", re.I)
    for sent in later[:12]:
        match = pattern.search(sent.span.text)
        if not match:
            continue
        tok = next((t for t in sent.span if t.idx - sent.span.start_char >= match.start()), None)
        if tok is not None:
            name, _, _ = attribution.source_of(tok, sent.span, ctx, full=False)
            if name:
                return name
    return None


# nouns that can say something: people, groups of people, bodies ('officials', 'the commission said')
SPEAKING_NOUNS = {"official", "police", "critic", "analyst", "expert", "resident", "witness", "campaigner"}
SPEAKING_NOUNS |= {
    "researcher",
    "scientist",
    "doctor",
    "worker",
    "fan",
    "voter",
    "officer",
    "source",
    "people",
}
SPEAKING_NOUNS |= {"authority", "authorities", "government", "commission", "department", "court", "regulator"}
SPEAKING_NOUNS |= {"watchdog", "report", "survey", "study", "statement", "mp", "mps", "leader", "member"}
SPEAKING_NOUNS |= {"protester", "activist", "employer", "union", "lawyer", "judge", "prosecutor", "teacher"}
SPEAKING_NOUNS |= {"parent", "student", "player", "manager", "coach", "spokesperson", "organiser", "user"}
# texts that say what they define: 'the bill defines "kept animals"'
SPEAKING_NOUNS |= {"bill", "law", "act", "plan", "document", "guidance", "code", "proposal", "directive"}
SPEAKING_NOUNS |= {"treaty", "agreement", "letter", "paper", "manifesto", "charter", "rule", "regulation"}


def _plausible(name: str | None) -> str | None:
    """The actor of a sentence as the speaker of its quote, when it can be one (no reporting verb
    names who speaks, so the subject is only a guess)."""
    return name if plausible_speaker(name) else None


def plausible_speaker(name: str | None) -> bool:
    """True for a name, or a description of people or a body ('officials', 'the charity'); False
    for the subject of a clause around a scare quote ('an easy way', 'type arguments')."""
    if not name:
        return False
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", name)
    if not words or any(w[0].isupper() for w in words):
        return True
    forms = set()
    for word in (w.lower() for w in words):
        forms |= {word, word.removesuffix("s"), word.removesuffix("es")}
    return any(is_person_noun(f) or f in ROLE_NOUNS or f in ORG_NOUNS or f in SPEAKING_NOUNS for f in forms)


def _add_quote(items, article: Article, covered: list[Sentence], p, speaker) -> None:
    """Add a quote, or a cite to the same passage repeated word for word."""
    start, end = covered[0].start, covered[-1].end
    key = same_passage(items, (p.text, article.text[start:end]))
    cite = Cite(quote=article.text[start:end], start=start, end=end)
    if key in items:
        if cite not in items[key].cites:
            items[key].cites.append(cite)
        return
    items[key] = Quote(id=stable_id("quo", p.text, key[1]), speaker=speaker, text=p.text, cites=[cite])


class Listed(dict):
    """Items by (words, sentence) key, the keys of each words listed apart (in the order added), so that
    same_passage looks at the items of the same words only."""

    def __init__(self):
        super().__init__()
        self.by_words: dict[str, list[tuple[str, str]]] = {}

    def __setitem__(self, key: tuple[str, str], value) -> None:
        if key not in self:
            self.by_words.setdefault(key[0], []).append(key)
        super().__setitem__(key, value)


def same_passage(items: dict, key: tuple[str, str]) -> tuple[str, str]:
    """The key of an item already listed for the same words in a repeated passage (a headline
    repeated as a caption), else key itself."""
    what, sentence = key
    others = items.by_words.get(what, ()) if isinstance(items, Listed) else items
    for other in others:
        if other[0] == what and (other[1] in sentence or sentence in other[1]):
            return other
    return key
