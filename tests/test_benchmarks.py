"""The benchmark scripts stay runnable: each imports (the modules it names exist) and shows its help."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.shared_data import REPO

SCRIPTS = sorted((REPO / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_benchmark_script_shows_its_help(script):
    done = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
