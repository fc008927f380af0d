"""Extraction quality is a test: the scorer of ../shared/eval grades the fact files made from the
development sets (the seeds, and 15 BBC articles over five desks) against their hand-made gold, and
every score must stay at or above its floor."""

from __future__ import annotations

import pytest
import yaml

from tests.devsets import build_and_score
from tests.shared_data import REPO, shared_path

FLOORS = yaml.safe_load((REPO / "tests" / "quality_floors.yaml").read_text(encoding="utf-8"))
CASES = [(dev_set, metric) for dev_set in sorted(FLOORS) for metric in sorted(FLOORS[dev_set])]

pytestmark = pytest.mark.slow

_SCORES: dict[str, dict] = {}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    """The scorer's summary of each development set, built once per test module."""

    def get(dev_set: str) -> dict:
        if dev_set not in _SCORES:
            eval_dir = shared_path("eval")
            result = build_and_score(dev_set, eval_dir, REPO, tmp_path_factory.mktemp(dev_set))
            result["summary"]["problems"] = result["problems"]
            _SCORES[dev_set] = result["summary"]
        return _SCORES[dev_set]

    return get


@pytest.mark.parametrize(("dev_set", "metric"), CASES)
def test_score_at_or_above_floor(scores, dev_set: str, metric: str) -> None:
    """Each pinned metric of each development set is at or above its floor."""
    value = scores(dev_set)[metric]
    floor = FLOORS[dev_set][metric]
    assert value is not None, f"{dev_set}: {metric} could not be computed"
    assert value >= floor - 1e-9, f"{dev_set}: {metric} = {value:.4f} fell below its floor {floor}"


@pytest.mark.parametrize("dev_set", sorted(FLOORS))
def test_scorer_reports_no_problems(scores, dev_set: str) -> None:
    """The fact files are complete and well-formed: the scorer lists no problem."""
    assert scores(dev_set)["problems"] == []
