"""MkDocs processes started ahead of their builds: each imports MkDocs, the theme, the plugins and the
Markdown extensions while the generator is still reconciling and rendering, then waits for the one build
it is given, a line of JSON on its stdin ({"args": [...], "cwd": ..., "env": {...}}), and runs
`mkdocs <args>` as `python -m mkdocs` would. A process that is given nothing (stdin closed) exits.

The imports are most of what a MkDocs run of a story's part costs before its first page when the part's
pages are cached (publish/rendercache.py), and the generator's last steps keep one core busy at a time;
`python -m generator.publish.waiting` is what publish/build.py starts.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

# what a build of factsheet's mkdocs.yml imports before its first page (a module that is not installed
# is left to MkDocs to report, as it would without this)
AHEAD = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "material",
    "material.plugins.search.plugin",
    "material.templates",
    "generator.publish.plugin",
    "markdown.extensions.footnotes",
    "markdown.extensions.tables",
    "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.admonition",
    "markdown.extensions.toc",
    "pymdownx.superfences",
)


def start(root: Path, env: dict[str, str]) -> subprocess.Popen:
    """A waiting MkDocs process for the project at root (its output captured, for publish/build.py)."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator.publish.waiting"],
        cwd=root,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def give(proc: subprocess.Popen, args: list[str], cwd: Path, env: dict[str, str]) -> None:
    """Hand a waiting process its build: `mkdocs <args>` in cwd with env (its stdin is then closed by
    Popen.communicate)."""
    assert proc.stdin is not None
    proc.stdin.write(json.dumps({"args": args, "cwd": str(cwd), "env": env}) + "\n")
    proc.stdin.flush()


def main() -> None:
    """Import ahead, wait for the build, run it (exits with MkDocs' status)."""
    for name in AHEAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    line = sys.stdin.readline()
    if not line.strip():
        return  # not needed after all
    job = json.loads(line)
    os.chdir(job["cwd"])
    os.environ.clear()
    os.environ.update(job["env"])
    sys.argv = ["mkdocs", *job["args"]]
    from mkdocs.__main__ import cli

    cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()
