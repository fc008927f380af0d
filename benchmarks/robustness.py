"""Hostile input shapes: build time, peak memory and output size for one invented article of each shape
at several sizes; output must grow at most linearly with the input. Results to benchmarks/results/.

    python benchmarks/robustness.py [--shapes spaces,numbers,...] [--sizes 10,100,1000] [--out PATH]

- spaces: a headline, one sentence, then one line of spaces and tabs (blank text) ending in a word.
- numbers: one line '0, 1, 2, 3, …' (a table of numbers written as a sentence).
- votes: sentences of 500 'N votes' each ('… 1017 votes, 1018 votes, …').
- list: one coordinated list of four-letter items ('cat,dog,cat,…'): the conjunct chain spaCy parses
  is as long as the parse chunk lets it be.
- names: one run of distinct capitalised person-like names ('Ada Bakari, Ben Corvin, …'), no sentence
  break: every name a new entity.
- nesting: deeply nested clauses, brackets and quotes ('Ada said (that "Ben said [that …') with no
  sentence break.
Each case is a fresh project of one seed article, built with `factsheet build --no-site` in its own
process (peak memory from GNU time); the output size is that of facts/ and docs/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "results" / "robustness.txt"


def numbers(size: int) -> str:
    """'0, 1, 2, …' up to about `size` bytes."""
    out, n, total = [], 0, 0
    while total < size:
        out.append(str(n))
        total += len(out[-1]) + 2
        n += 1
    return "Numbers\n\nThe list reads " + ", ".join(out) + ".\n"


def votes(size: int) -> str:
    """Sentences of 500 'N votes' each, up to about `size` bytes."""
    sentences, n, total = [], 1000, 0
    while total < size:
        sentence = "The count gave " + ", ".join(f"{n + i} votes" for i in range(500)) + "."
        sentences.append(sentence)
        total += len(sentence) + 1
        n += 500
    return "Vote count\n\n" + " ".join(sentences) + "\n"


def coordinated(size: int) -> str:
    """One coordinated list 'cat,dog,cat,…' of about `size` bytes."""
    items = ["cat", "dog"] * (size // 8 + 1)
    return "Seized at the port\n\nPolice seized 300 " + ",".join(items) + " and fences.\n"


def spaces(size: int) -> str:
    """A headline and a sentence, then about `size` bytes of blank text on one line."""
    return "Quiet day\n\nNothing happened." + " \t " * (size // 3) + "The end.\n"


_FIRST = ["Ada", "Ben", "Cara", "Dev", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jon", "Kemi", "Lars"]
_SYLLABLES = ["ba", "co", "di", "fu", "ga", "ke", "lo", "mi", "no", "pa", "ri", "so", "tu", "va", "ze"]


def _surname(n: int) -> str:
    """A distinct invented surname for each n ('Bacodi', 'Cofuga', …)."""
    parts = []
    while True:
        n, r = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
        if n == 0:
            break
    while len(parts) < 3:
        parts.append(_SYLLABLES[len(parts)])
    word = "".join(parts)
    return word[0].upper() + word[1:]


def names(size: int) -> str:
    """Distinct 'First Surname' names joined by commas, about `size` bytes, no sentence break."""
    out, n, total = [], 0, 0
    while total < size:
        out.append(f"{_FIRST[n % len(_FIRST)]} {_surname(n)}")
        total += len(out[-1]) + 2
        n += 1
    return "Names\n\nThe guests were " + ", ".join(out) + ".\n"


def nesting(size: int) -> str:
    """Clauses nested in brackets and quotes, about `size` bytes, no sentence break."""
    opens = ["(that ", '"', "[", "{"]
    closes = [")", '"', "]", "}"]
    head, tail, n, total = [], [], 0, 0
    while total < size:
        name = f"{_FIRST[n % len(_FIRST)]} {_surname(n)}"
        head.append(f"{name} said {opens[n % 4]}")
        tail.append(closes[n % 4])
        total += len(head[-1]) + 1
        n += 1
    return "Hearsay\n\n" + "".join(head) + "it rained" + "".join(reversed(tail)) + ".\n"


SHAPES = {
    "spaces": spaces,
    "numbers": numbers,
    "votes": votes,
    "list": coordinated,
    "names": names,
    "nesting": nesting,
}


def folder_bytes(path: Path) -> int:
    """Total size of the files under a folder."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(tmp: Path, shape: str, kb: int) -> tuple[str, tuple[int, float, int, int]]:
    """One line of results (input size, wall time, peak memory, output sizes) and those figures."""
    root = tmp / f"{shape}-{kb}"
    (root / "seeds").mkdir(parents=True)
    text = SHAPES[shape](kb * 1000)
    (root / "seeds" / f"{shape}.txt").write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    cmd = [sys.executable, "-m", "generator", "--root", str(root), "build", "--no-site"]
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - start
    *err, peak_kb = done.stderr.strip().splitlines() or ["0"]
    status = "ok" if done.returncode == 0 else f"failed: {(err or ['?'])[-1][:120]}"
    facts = folder_bytes(root / "facts") if (root / "facts").exists() else 0
    docs = folder_bytes(root / "docs") if (root / "docs").exists() else 0
    warnings = sum(1 for line in err if line.startswith("warning:"))
    shutil.rmtree(root, ignore_errors=True)
    inp = len(text.encode())
    line = (
        f"  {shape:8} {inp / 1000:7.0f} KB in: {wall:6.1f} s, peak {int(peak_kb) // 1024:5d} MB, "
        f"facts/ {facts / 1e6:8.2f} MB ({facts / inp:6.1f}x), docs/ {docs / 1e6:8.2f} MB "
        f"({docs / inp:6.1f}x); {warnings} warning(s); {status}"
    )
    return line, (inp, wall, int(peak_kb), facts + docs)


def growth(shape: str, small: tuple, large: tuple) -> str:
    """How time, memory and output grew between two sizes, per byte of input: 1.0 is linear, below 1
    is slower than linear (fixed start-up costs), above 1 faster."""
    k = large[0] / small[0]
    t, m, o = (large[i] / max(small[i], 1e-9) / k for i in (1, 2, 3))
    return (
        f"  {shape:8} x{k:5.1f} input: time x{t * k:6.1f} ({t:4.2f} per byte), memory x{m * k:5.1f} "
        f"({m:4.2f} per byte), output x{o * k:6.1f} ({o:4.2f} per byte)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    ap.add_argument("--sizes", default="10,100,1000", help="input sizes in KB, comma-separated")
    ap.add_argument("--out", type=Path, default=OUT, help="where to append the results")
    args = ap.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    lines = [f"robustness: one hostile article per build (--no-site), at {commit.stdout.strip() or '?'}"]
    ratios = ["growth between sizes, per byte of input (1.00 = linear):"]
    with tempfile.TemporaryDirectory(prefix="factsheet-robust-") as tmp:
        for shape in args.shapes.split(","):
            seen: list[tuple] = []
            for kb in (int(s) for s in args.sizes.split(",")):
                line, figures = measure(Path(tmp), shape, kb)
                lines.append(line)
                print(line, flush=True)
                if seen:
                    ratios.append(growth(shape, seen[-1], figures))
                    print(ratios[-1], flush=True)
                seen.append(figures)
    lines += ratios
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
