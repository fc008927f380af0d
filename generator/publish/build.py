"""Build the static site from docs/ with MkDocs, in a subprocess so its logging and exit code are its own."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from generator.errors import SiteError
from generator.store.atomic import write_atomic

TIMEOUT = 600  # seconds; a fact sheet builds in seconds, so this only stops a hung build


def mkdocs_command(config_file: Path, *, strict: bool) -> list[str]:
    """Return the command line that builds the site described by a MkDocs config file."""
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        *(["--strict"] if strict else []),
        "-f",
        str(config_file),
    ]


def staged_config(root: Path, docs_dir: Path, site_dir: Path) -> Path:
    """A config that inherits mkdocs.yml but reads and writes the staging folders."""
    path = root / ".factsheet-tmp-mkdocs.yml"
    write_atomic(
        path,
        f"INHERIT: mkdocs.yml\ndocs_dir: {docs_dir.relative_to(root).as_posix()}\n"
        f"site_dir: {site_dir.relative_to(root).as_posix()}\n",
    )
    return path


def reproducible_env(source_date: str | None) -> dict[str, str]:
    """The environment of the MkDocs run: no banner, no regeneration by our own plugin, and a fixed
    build date (the newest source's, else the epoch) so that the sitemap is byte-identical."""
    epoch = "0"
    if source_date:
        epoch = str(int(dt.datetime.fromisoformat(source_date).replace(tzinfo=dt.UTC).timestamp()))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FACTSHEET_BUILDING": "1", "SOURCE_DATE_EPOCH": epoch}


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


def build_site(
    root: Path,
    *,
    strict: bool = True,
    docs_dir: Path | None = None,
    site_dir: Path | None = None,
    source_date: str | None = None,
) -> None:
    """Return None once `mkdocs build` has written the site; raise SiteError with MkDocs' problems if not.

    With docs_dir and site_dir (staging folders under root) MkDocs reads and writes those instead
    of the folders mkdocs.yml names.
    """
    if not (root / "mkdocs.yml").is_file():
        raise SiteError(f"No mkdocs.yml in {root}; run factsheet from the project folder.")
    config = staged_config(root, docs_dir, site_dir) if docs_dir and site_dir else root / "mkdocs.yml"
    env = reproducible_env(source_date)
    try:
        done = subprocess.run(
            mkdocs_command(config, strict=strict),
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
    finally:
        if config.name.startswith(".factsheet-tmp"):
            config.unlink(missing_ok=True)
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
