"""Extraction quality is a test: the scorer of ../shared/eval grades the fact files made from the
seeds against the hand-made development gold, and every score must stay at or above its floor."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml

from generator import pipeline
from tests.shared_data import REPO, shared_path

FLOORS = yaml.safe_load((REPO / "tests" / "quality_floors.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    """The scorer's summary for facts built from the repository's seeds."""
    eval_dir = shared_path("eval")
    root = tmp_path_factory.mktemp("quality")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    pipeline.build(pipeline.Config(root=root, build_site=False))
    out = root / "score.json"
    cmd = [
        sys.executable,
        str(eval_dir / "score.py"),
        "--facts",
        str(root / "facts"),
        "--gold",
        str(eval_dir / "gold-dev"),
        "--seeds",
        str(root / "seeds"),
        "--json",
        str(out),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    result["summary"]["problems"] = result["problems"]
    return result["summary"]


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_score_at_or_above_floor(scores: dict, metric: str) -> None:
    """Each pinned metric is at or above its floor."""
    value = scores[metric]
    assert value is not None, f"{metric} could not be computed"
    assert value >= FLOORS[metric] - 1e-9, f"{metric} = {value:.4f} fell below its floor {FLOORS[metric]}"


def test_scorer_reports_no_problems(scores: dict) -> None:
    """The fact files are complete and well-formed: the scorer lists no problem."""
    assert scores["problems"] == []
