"""Build the static site from docs/ with MkDocs, in a subprocess so its logging and exit code are its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.errors import SiteError

TIMEOUT = 600  # seconds; a fact sheet builds in seconds, so this only stops a hung build


def mkdocs_command(root: Path, *, strict: bool) -> list[str]:
    """Return the command line that builds the site of the project at root."""
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        *(["--strict"] if strict else []),
        "-f",
        str(root / "mkdocs.yml"),
    ]


def problem_lines(output: str) -> list[str]:
    """Return MkDocs' WARNING and ERROR lines, with their indented continuation lines."""
    lines, keep = [], False
    for line in output.splitlines():
        if line.startswith(("WARNING", "ERROR", "CRITICAL")):
            keep = True
        elif not line.startswith((" ", "\t")):
            keep = False  # an INFO/DEBUG line or the final summary
        if keep:
            lines.append(line.rstrip())
    return lines


def build_site(root: Path, *, strict: bool = True) -> None:
    """Return None once `mkdocs build` has written the site; raise SiteError with MkDocs' problems if not."""
    if not (root / "mkdocs.yml").is_file():
        raise SiteError(f"No mkdocs.yml in {root}; run factsheet from the project folder.")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # silences the MkDocs 2.0 banner Material prints
    try:
        done = subprocess.run(
            mkdocs_command(root, strict=strict),
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise SiteError(
            f"mkdocs build took more than {TIMEOUT} s and was stopped; run it by hand "
            f"(`mkdocs build -f {root / 'mkdocs.yml'}`) to see where it hangs."
        ) from exc
    if done.returncode != 0:
        output = done.stdout + done.stderr
        found = problem_lines(output) or output.strip().splitlines()[-15:]
        raise SiteError(
            "\n".join(
                [
                    f"mkdocs build failed (exit {done.returncode}):",
                    *found,
                    "Fix the pages or mkdocs.yml as these lines say (a missing anchor means a citation "
                    "points at a sentence the source page lacks: re-render the pages), then rebuild.",
                ]
            )
        )
