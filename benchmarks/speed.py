"""Speed and memory of factsheet, measured side by side on this machine; results to benchmarks/results/.

    python benchmarks/speed.py [--parts extraction,seeds,bbc,curve] [--corpus PATH]

- extraction: factsheet's extraction throughput against the raw spaCy model's nlp.pipe on the same
  texts, and 2 worker processes against 1.
- seeds: cold build and no-change rebuild of the repository's seeds (median of 5, with MkDocs).
- bbc: the BBC corpus as five stories (one per folder): cold build (extract, reconcile, render,
  MkDocs) with peak memory; a rebuild with no change (no NLP; generator part timed); one article
  changed (only it extracted).
- curve: render and MkDocs time at 500, 1,000 and all articles (the full build's fact files reused).
The BBC corpus is research-use only: it is read from ../shared and copied into temporary folders
outside the repository, never into it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "bbc-fulltext" / "bbc"
OUT = REPO / "benchmarks" / "results" / "speed.txt"


def run(cmd: list[str], cwd: Path) -> tuple[float, int, str, str]:
    """(wall seconds, peak RSS in MB, stdout, stderr) of a command run through GNU time."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    *err, peak_kb = done.stderr.strip().splitlines()
    return wall, int(peak_kb) // 1024, done.stdout, "\n".join(err)


def factsheet(root: Path, *args: str) -> tuple[float, int, str, str]:
    """A factsheet command on a project."""
    return run([sys.executable, "-m", "generator", "--root", str(root), *args], root)


def stages(stderr: str) -> dict[str, float]:
    """{stage: seconds} from the `timings:` line that `factsheet build --timings` prints."""
    line = next(x for x in stderr.splitlines() if x.startswith("timings: "))
    parts = (part.rsplit(" ", 2) for part in line.removeprefix("timings: ").split(", "))
    return {name: float(seconds) for name, seconds, _ in parts}


def project(tmp: Path, name: str, seeds: dict[str, Path]) -> Path:
    """A project folder with the given seed files ({relative name: source file})."""
    root = tmp / name
    for rel, src in seeds.items():
        (root / "seeds" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, root / "seeds" / rel)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def bbc_seeds(corpus: Path, limit: int | None = None) -> dict[str, Path]:
    """{story/file: path} of the BBC articles, the first `limit` in a round robin over stories."""
    stories = {d.name: sorted(d.glob("*.txt")) for d in sorted(corpus.iterdir()) if d.is_dir()}
    picked: list[tuple[str, Path]] = []
    for i in range(max(len(v) for v in stories.values())):
        picked += [(s, files[i]) for s, files in stories.items() if i < len(files)]
    return {f"{s}/{p.name}": p for s, p in picked[:limit]}


def extraction(corpus: Path, lines: list[str]) -> None:
    """Throughput of extraction against raw nlp.pipe, and of 2 processes against 1."""
    from generator.extract import extract_articles
    from generator.extract.parse import chunks, load_model
    from generator.ingest.seeds import read_article
    from generator.workers import extract_all

    articles = [read_article(p, rel) for rel, p in list(bbc_seeds(corpus).items())[:600]]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_model()
    pieces = [piece for a in articles for _, piece in chunks(a.text)]
    t0 = time.perf_counter()
    for _ in nlp.pipe(pieces, batch_size=64):
        pass
    raw = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_articles(articles, nlp)
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_all(articles, jobs=2, progress=False)
    two = time.perf_counter() - t0
    lines += [
        f"extraction, {len(articles)} BBC articles, {words} words (one run, side by side):",
        f"  raw spaCy nlp.pipe      {raw:7.1f} s  {words / raw:7.0f} words/s",
        f"  factsheet, 1 process    {ours:7.1f} s  {words / ours:7.0f} words/s  = {raw / ours:.0%} of raw",
        f"  factsheet, 2 processes  {two:7.1f} s  {words / two:7.0f} words/s  = {ours / two:.2f}x one",
    ]


def seeds(tmp: Path, lines: list[str]) -> None:
    """Cold build and no-change rebuild of the repository's seeds, median of 5."""
    files = {p.name: p for p in sorted((REPO / "seeds").glob("*")) if p.is_file()}
    cold, warm = [], []
    for i in range(5):
        root = project(tmp, f"seeds{i}", files)
        cold.append(factsheet(root, "build")[0])
        warm.append(factsheet(root, "build")[0])

    def runs(ts: list[float]) -> str:
        return f"{statistics.median(ts):6.1f} s   (runs: {', '.join(f'{t:.1f}' for t in ts)})"

    lines += [
        "seeds (5 articles), with MkDocs, median of 5:",
        f"  cold build        {runs(cold)}",
        f"  no-change rebuild {runs(warm)}",
    ]


def bbc(tmp: Path, corpus: Path, lines: list[str]) -> Path:
    """Cold build, no-change rebuild and one-article rebuild of the BBC corpus."""
    root = project(tmp, "bbc", bbc_seeds(corpus))
    wall, peak, out, err = factsheet(root, "build", "--jobs", "2", "--timings")
    lines += [
        "BBC corpus, 2,225 articles as five stories:",
        f"  cold build (2 processes)       {wall:6.1f} s, peak memory {peak} MB",
        f"    {out.strip().splitlines()[-1]}",
        "    stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages(err).items()),
    ]
    wall, peak, out, _ = factsheet(root, "build", "--jobs", "2")  # same command: the up-to-date path
    lines += [
        f"  no-change rebuild              {wall:6.1f} s, peak memory {peak} MB",
        f"    {out.strip().splitlines()[0]}",
    ]
    target = sorted((root / "seeds" / "tech").glob("*.txt"))[0]
    target.write_text(
        target.read_text(encoding="utf-8") + "\nThe firm said 12 staff had left.\n", encoding="utf-8"
    )
    wall, peak, out, err = factsheet(root, "build", "--no-site", "--timings")
    lines += [
        f"  one article changed, generator {wall:6.1f} s (extract {stages(err)['extract']:.1f} s)",
        f"    {out.strip().splitlines()[0]}",
    ]
    return root


def curve(tmp: Path, corpus: Path, full: Path | None, lines: list[str]) -> None:
    """Render and MkDocs time as the site grows (facts taken from a full build's fact files)."""
    lines.append("site size curve (facts reused; render and MkDocs as `build --timings` reports them):")
    for n in (500, 1000, 2225):
        root = project(tmp, f"curve{n}", bbc_seeds(corpus, n))
        if full is not None:
            shutil.copytree(full / "facts" / "articles", root / "facts" / "articles")
        wall, peak, out, err = factsheet(root, "build", "--jobs", "2", "--timings")
        t = stages(err)
        pages = int(out.strip().splitlines()[-1].split("; ")[-2].removesuffix(" pages"))
        lines.append(
            f"  {n:5d} articles: {pages:5d} pages; render {t['render']:5.1f} s, MkDocs {t['mkdocs']:6.1f} s "
            f"({t['mkdocs'] / pages * 1000:.0f} ms/page; render {t['render'] / t['mkdocs']:.0%} of MkDocs), "
            f"whole build {wall:.0f} s, peak {peak} MB"
        )


def main() -> None:
    """Run the chosen parts and write the results."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", default="extraction,seeds,bbc,curve")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    lines = [f"factsheet speed benchmark; {os.cpu_count()} cores; python {sys.version.split()[0]}"]
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        full = None
        if "extraction" in parts:
            extraction(args.corpus, lines)
        if "seeds" in parts:
            seeds(Path(tmp), lines)
        if "bbc" in parts:
            full = bbc(Path(tmp), args.corpus, lines)
        if "curve" in parts:
            curve(Path(tmp), args.corpus, full, lines)
    text = "\n".join(lines) + "\n"
    print(text, end="")
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
