"""Speed and memory of factsheet, measured side by side on this machine; results to benchmarks/results/.

    python benchmarks/speed.py [--parts extraction,seeds,stories,archive,curve] [--corpus PATH]

- extraction: factsheet's extraction throughput against the raw spaCy model's nlp.pipe on the same
  texts, and 2 worker processes against 1.
- seeds: cold build and no-change rebuild of the repository's seeds (median of 5, with MkDocs).
- stories: 300 BBC articles as three stories of 100: cold build, no-change rebuild, and one article
  changed (the median of 5 rebuilds), added and removed, each against the cold build (target: <= 0.10x);
  then the same three under `factsheet watch` (from the write to the report; changed: median of 5).
- archive: the whole BBC corpus as five stories (one per folder): the raw spaCy nlp.pipe time of its
  texts in one process, then the cold build (--jobs 2) against it (target: <= 1.0x, peak <= 2 GB);
  MkDocs' time per page by kind (target: median kind <= 8 ms, aggregates <= 100 ms); each story's
  search index (target: <= 5 MB); no-change rebuild; one article changed (target: <= 20 s).
- curve: cold build, no-change rebuild and one changed article at 500 and 1,000 articles (and all of
  them, when the archive part ran).
Every build is `factsheet build --jobs 2` with the site, run as a user runs it.
The BBC corpus is research-use only: it is read from ../shared and copied into temporary folders
outside the repository, never into it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "bbc-fulltext" / "bbc"
OUT = REPO / "benchmarks" / "results" / "speed.txt"
CHANGES = 5  # one-changed-article rebuilds of the stories part, of which the median is reported


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


def change(root: Path, story: str, what: str = "changed") -> str:
    """Change one article of a story (append a sentence), add one, or remove one; return its name."""
    files = sorted((root / "seeds" / story).glob("*.txt"))
    if what == "changed":
        target = files[0]
        target.write_text(
            target.read_text(encoding="utf-8") + "\nThe firm said 12 staff had left.\n", encoding="utf-8"
        )
    elif what == "added":
        target = files[0].with_name("zz-added.txt")
        target.write_text(
            "Council approves budget\n\nThe council approved a budget of 40m on Monday, its leader said.\n",
            encoding="utf-8",
        )
    else:
        target = files[-1]
        target.unlink()
    return target.name


def built(out: str) -> str:
    """The build line that says which stories were rebuilt."""
    return next((x for x in out.splitlines() if x.startswith("stories: ")), out.strip().splitlines()[-1])


def stories(tmp: Path, corpus: Path, lines: list[str]) -> None:
    """300 BBC articles as three stories: cold build, then one article changed, added and removed."""
    picked = {
        k: v for k, v in bbc_seeds(corpus).items() if k.split("/")[0] in ("business", "politics", "sport")
    }
    by_story: dict[str, list] = {}
    for rel, path in picked.items():
        by_story.setdefault(rel.split("/")[0], []).append((rel, path))
    root = project(tmp, "stories", dict(x for items in by_story.values() for x in items[:100]))
    cold, peak, out, err = factsheet(root, "build", "--jobs", "2", "--timings")
    lines += [
        "300 BBC articles as three stories of 100 (business, politics, sport), --jobs 2, with the site:",
        f"  cold build                 {cold:6.1f} s, peak memory {peak} MB",
        "    stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages(err).items()),
    ]
    wall, *_ = factsheet(root, "build", "--jobs", "2")
    lines.append(f"  no-change rebuild          {wall:6.1f} s = {wall / cold:.3f}x cold")
    for what in ("changed", "added", "removed"):
        # a changed article: the median of CHANGES rebuilds, each after one more sentence (the machine
        # is shared: one rebuild of a few seconds moves by a second from one run to the next)
        runs = []
        for _ in range(CHANGES if what == "changed" else 1):
            name = change(root, "politics", what)
            wall, _, out, err = factsheet(root, "build", "--jobs", "2", "--timings")
            runs.append((wall, out, err))
        wall, out, err = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
        each = f" (median of {len(runs)}: {', '.join(f'{r[0]:.1f}' for r in runs)})" if len(runs) > 1 else ""
        ratio = f"{wall:6.1f} s = {wall / cold:.3f}x cold"
        lines += [
            f"  one article {what:8s}       {ratio}   (politics/{name}){each}",
            f"    {built(out)}",
            "    stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages(err).items()),
        ]
    watched(root, cold, lines)


def watched(root: Path, cold: float, lines: list[str]) -> None:
    """One article changed (CHANGES times), added and removed under `factsheet watch --jobs 2`, each
    from the write to the build's report (the quiet time and the change's notification included), and
    the memory the watch holds between builds."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), "watch", "--jobs", "2"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )

    def until(prefix: str) -> str:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(prefix):
                return line.strip()
        raise SystemExit(f"factsheet watch ended before {prefix!r}")

    try:
        until("factsheet: watching")
        runs: dict[str, list[tuple[float, str]]] = {"changed": [], "added": [], "removed": []}
        for what in ["changed"] * CHANGES + ["added", "removed"]:
            time.sleep(2)  # an editor's pause: the watch has warmed up (model, MkDocs processes)
            start = time.perf_counter()
            change(root, "politics", what)
            report = until("stories: ")
            runs[what].append((time.perf_counter() - start, report))
            until("factsheet: watching")
        time.sleep(2)
        held = {pid: rss_mb(pid) for pid in [proc.pid, *children(proc.pid)]}
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    for what, done in runs.items():
        wall, report = sorted(done)[len(done) // 2]
        each = f", median of {len(done)}: {', '.join(f'{r[0]:.1f}' for r in done)}" if len(done) > 1 else ""
        lines += [
            f"  one article {what:8s} watch {wall:6.1f} s = {wall / cold:.3f}x cold   "
            f"(factsheet watch --jobs 2, from the write to the report{each})",
            f"    {report}",
        ]
    lines.append(
        f"  idle between builds: the watch process {held.pop(proc.pid)} MB, {len(held)} waiting MkDocs "
        f"processes {sum(held.values())} MB (resident)"
    )


def children(pid: int) -> list[int]:
    """The child processes of a process (Linux /proc)."""
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in found.read_text().split()] if found.exists() else []


def rss_mb(pid: int) -> int:
    """A process's resident memory in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def raw_pipe(corpus: Path, limit: int | None = None) -> tuple[float, int]:
    """(seconds, words) of the raw spaCy model's nlp.pipe over the articles' texts, in one process."""
    from generator.extract.parse import chunks, load_model
    from generator.ingest.seeds import read_article

    articles = [read_article(p, rel) for rel, p in list(bbc_seeds(corpus, limit).items())]
    nlp = load_model()
    pieces = [piece for a in articles for _, piece in chunks(a.text)]
    start = time.perf_counter()
    for _ in nlp.pipe(pieces, batch_size=64):
        pass
    return time.perf_counter() - start, sum(len(a.text.split()) for a in articles)


def page_kind(src: str) -> str:
    """The kind of a story site's page, by its path."""
    head = src.split("/")[0]
    if head == "sources" and src != "sources/index.md" and not src.startswith("sources/index/"):
        return "source page"  # sources/index/<letters>.md is a part of the sources index
    if head in ("people", "organisations", "places") and "/" in src and src.split("/")[1] != "index":
        return "entity page"  # people/index/<letters>.md is a part of the people index (site/parts.py)
    return "home" if src == "index.md" else "aggregate"


def page_times(folder: Path) -> dict[str, list[tuple[float, float, str]]]:
    """{page kind: (MkDocs seconds, of which collector pauses, the page as <site part>/<path>) of each
    page} from the files the factsheet plugin wrote (publish/pagetimes.py)."""
    import json

    kinds: dict[str, list[tuple[float, float, str]]] = {}
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        part = Path(data["site_dir"]).name  # a story's folder, or the top site's staging folder
        part = "top" if part.startswith(".factsheet-tmp") else part
        for src, seconds in data["pages"].items():
            paused = data["collector"].get(src, 0.0)
            kinds.setdefault(page_kind(src), []).append((seconds, paused, f"{part}/{src}"))
    return kinds


def archive(tmp: Path, corpus: Path, lines: list[str], limit: int | None = None) -> dict:
    """The corpus as five stories: raw nlp.pipe, cold build, page times, search index, rebuilds."""
    raw, words = raw_pipe(corpus, limit)
    root = project(tmp, "archive", bbc_seeds(corpus, limit))
    times = tmp / "page-times"
    os.environ["FACTSHEET_PAGE_TIMES"] = str(times)
    try:
        cold, peak, out, err = factsheet(root, "build", "--jobs", "2", "--timings")
    finally:
        del os.environ["FACTSHEET_PAGE_TIMES"]
    n = len(bbc_seeds(corpus, limit))
    lines += [
        f"BBC corpus, {n} articles ({words} words) as five stories, --jobs 2, with the site:",
        f"  raw spaCy nlp.pipe, one process  {raw:6.1f} s",
        f"  cold build                       {cold:6.1f} s = {cold / raw:.2f}x raw nlp.pipe, "
        f"peak memory {peak} MB",
        f"    {out.strip().splitlines()[1]}",
        "    stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages(err).items()),
        "  MkDocs time per page (cold build, rendering, templates and search indexing of each page):",
    ]
    kinds = page_times(times)
    for kind, ts in sorted(kinds.items(), key=lambda kv: statistics.median(t for t, _, _ in kv[1])):
        walls = [t for t, _, _ in ts]
        own, slowest = max((t - c, page) for t, c, page in ts)  # without collector pauses
        over = sum(t - c > 0.1 for t, c, _ in ts)
        lines.append(
            f"    {kind:12s} {len(ts):5d} pages, median {statistics.median(walls) * 1000:6.1f} ms, "
            f"max {max(walls) * 1000:7.1f} ms ({own * 1000:.1f} ms without collector pauses: {slowest}; "
            f"{over} over 100 ms)"
        )
    medians = sorted(statistics.median(t for t, _, _ in ts) for ts in kinds.values())
    every = [(t, c) for ts in kinds.values() for t, c, _ in ts]
    lines.append(f"    median page kind: {statistics.median(medians) * 1000:.1f} ms")
    lines.append(
        f"    median page: {statistics.median(t for t, _ in every) * 1000:.1f} ms over {len(every)} pages; "
        f"collector pauses {sum(c for _, c in every):.1f} s of {sum(t for t, _ in every):.1f} s"
    )
    lines.append("  search index per story (what a reader downloads when searching it):")
    for index in sorted((root / "site").glob("*/search/search_index.json")):
        lines.append(f"    {index.parent.parent.name:14s} {index.stat().st_size / 1e6:5.2f} MB")
    wall, peak, out, _ = factsheet(root, "build", "--jobs", "2")
    lines.append(f"  no-change rebuild                {wall:6.1f} s, peak memory {peak} MB")
    name = change(root, "tech")
    one, peak, out, err = factsheet(root, "build", "--jobs", "2", "--timings")
    lines += [
        f"  one article changed              {one:6.1f} s = {one / cold:.3f}x cold, peak memory {peak} MB  "
        f"(tech/{name})",
        f"    {built(out)}",
        "    stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages(err).items()),
    ]
    return {"n": n, "cold": cold, "warm": wall, "one": one}


def curve(tmp: Path, corpus: Path, full: dict | None, lines: list[str]) -> None:
    """Cold build, no-change rebuild and one changed article as the archive grows."""
    lines.append(
        "curve (--jobs 2, with the site): articles, cold build, no-change rebuild, one article changed:"
    )
    for n in (500, 1000):
        root = project(tmp, f"curve{n}", bbc_seeds(corpus, n))
        cold, peak, *_ = factsheet(root, "build", "--jobs", "2")
        warm, *_ = factsheet(root, "build", "--jobs", "2")
        change(root, "tech")
        one, *_ = factsheet(root, "build", "--jobs", "2")
        lines.append(
            f"  {n:5d}: cold {cold:6.1f} s (peak {peak} MB), no change {warm:5.1f} s, "
            f"one changed {one:5.1f} s = {one / cold:.3f}x"
        )
    if full:
        lines.append(
            f"  {full['n']:5d}: cold {full['cold']:6.1f} s, no change {full['warm']:5.1f} s, one changed "
            f"{full['one']:5.1f} s = {full['one'] / full['cold']:.3f}x  (the archive part)"
        )


def main() -> None:
    """Run the chosen parts and write the results."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", default="extraction,seeds,stories,archive,curve")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="archive part: the first N articles only")
    ap.add_argument("--out", type=Path, default=OUT, help="where to append the results")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    lines = [
        f"factsheet speed benchmark; {os.cpu_count()} cores; python {sys.version.split()[0]}",
        f"(run at {commit.stdout.strip() or '?'}: python benchmarks/speed.py {' '.join(sys.argv[1:])})",
    ]
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        full = None
        if "extraction" in parts:
            extraction(args.corpus, lines)
        if "seeds" in parts:
            seeds(Path(tmp), lines)
        if "stories" in parts:
            stories(Path(tmp), args.corpus, lines)
        if "archive" in parts:
            full = archive(Path(tmp), args.corpus, lines, args.limit)
        if "curve" in parts:
            curve(Path(tmp), args.corpus, full, lines)
    text = "\n".join(lines) + "\n"
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a", encoding="utf-8") as out:  # each run below the earlier ones
        out.write("\n" + text)


if __name__ == "__main__":
    main()
