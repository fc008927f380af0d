"""The development sets of ../shared/eval, built in a scratch folder and scored with its scorer.

Used by tests/test_quality.py (floors) and benchmarks/quality.py (the table beside the raw spaCy
baseline). The BBC articles are research-use only: they are copied into the scratch folder, never
into the repository.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

DEV_SETS = ("seeds", "bbc-dev")


def lay_out(name: str, eval_dir: Path, repo: Path, root: Path) -> Path:
    """Copy the articles of a development set into root/seeds/ (with mkdocs.yml); return the gold folder."""
    seeds = root / "seeds"
    if name == "seeds":
        shutil.copytree(repo / "seeds", seeds)
        gold = eval_dir / "gold-dev"
    elif name == "bbc-dev":
        gold = eval_dir / "gold-bbc-dev"
        corpus = eval_dir.parent / "corpora" / "bbc-fulltext" / "bbc"
        story = seeds / "bbc"
        story.mkdir(parents=True)
        for path in sorted(gold.glob("*.yaml")):
            desk, number = path.stem.split("_", 1)
            shutil.copy(corpus / desk / f"{number}.txt", story / f"{path.stem}.txt")
    else:
        raise ValueError(f"unknown development set {name!r}; one of {', '.join(DEV_SETS)}")
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    return gold


def score(eval_dir: Path, facts: Path, gold: Path, seeds: Path) -> dict:
    """The scorer's JSON result (summary, counts, problems) for the fact files in facts/."""
    out = facts.parent / "score.json"
    cmd = [
        sys.executable,
        str(eval_dir / "score.py"),
        "--facts",
        str(facts),
        "--gold",
        str(gold),
        "--seeds",
        str(seeds),
        "--json",
        str(out),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)
    return json.loads(out.read_text(encoding="utf-8"))


def build_and_score(name: str, eval_dir: Path, repo: Path, root: Path) -> dict:
    """Build the fact files of a development set with factsheet and score them."""
    from generator import pipeline

    gold = lay_out(name, eval_dir, repo, root)
    pipeline.build(pipeline.Config(root=root, build_site=False))
    return score(eval_dir, root / "facts", gold, root / "seeds")
