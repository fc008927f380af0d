"""Where the research data beside the repository lives, and what to do when it is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FACTSHEET_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip (fail in CI, where FACTSHEET_REQUIRE_SHARED=1) when absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} not found: the evaluation data lives beside the repository in ../shared/"
        if os.environ.get("FACTSHEET_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    return path
