"""Build the static site from docs/ with MkDocs, in a subprocess so its logging and exit code are its own."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import SiteError
from generator.publish import waiting
from generator.store.atomic import write_atomic
from generator.store.cache import templates_cache_dir
from generator.store.compiled import COMPILED_ENV

TIMEOUT = 600  # seconds; a fact sheet builds in seconds, so this only stops a hung build


def nothing() -> None:
    """Nothing to do beside MkDocs (the `meanwhile` of a build that has nothing to run there)."""


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


def part_config(root: Path, name: str, docs_dir: Path, site_dir: Path, extra: str) -> Path:
    """A config for one part of a site of several stories: mkdocs.yml, with its own folders and `extra`
    (YAML settings of its own)."""
    path = root / f".factsheet-tmp-mkdocs-{name}.yml"
    write_atomic(
        path,
        f"INHERIT: mkdocs.yml\ndocs_dir: {docs_dir.relative_to(root).as_posix()}\n"
        f"site_dir: {site_dir.relative_to(root).as_posix()}\n{extra}",
    )
    return path


# the parts of a site of several stories link to each other in their navs ("All stories": "../"),
# which MkDocs cannot see from one part: links, not missing pages (the site's link check covers them)
NAV_LINKS = "validation:\n  nav:\n    not_found: info\n"


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


def build_story_sites(
    root: Path,
    *,
    strict: bool,
    docs_dir: Path,
    site_dir: Path,
    top_date: str | None,
    stories: list[tuple[str, str | None]],
    folders: list[str],
    jobs: int = 2,
    cache_dir: Path | None = None,
    meanwhile: Callable[[], None] = nothing,
    started: Ready | None = None,
) -> tuple[int, int]:
    """Build a site of several stories into site_dir: the top site (the pages of docs_dir outside the
    story folders), and each story of `stories` ((folder, newest source date)) as a site of its own from
    docs_dir/<folder> into site_dir/<folder>; `jobs` MkDocs processes at a time, each story's conversions
    cached in cache_dir/<folder>.pickle (publish/rendercache.py), in the processes `started` has ready
    first; `meanwhile` runs in this process once they have started (what raises there stops them).
    Return (pages whose conversion was reused from that cache, pages converted or reused); SiteError
    lists the problems of every part that failed."""
    if not (root / "mkdocs.yml").is_file():
        raise SiteError(f"No mkdocs.yml in {root}; run factsheet from the project folder.")
    exclude = "exclude_docs: |\n" + "".join(f"  /{folder}/\n" for folder in folders)
    top_dir = site_dir.with_name(site_dir.name + "-top")  # MkDocs empties its site_dir first
    shutil.rmtree(top_dir, ignore_errors=True)
    runs = [
        Run(
            "the top site",
            part_config(root, "top", docs_dir, top_dir, NAV_LINKS + exclude),
            top_date,
            TOP_NAV,
        )
    ]
    for folder, date in stories:
        config = part_config(root, folder, docs_dir / folder, site_dir / folder, NAV_LINKS)
        runs.append(
            Run(
                f"the site of story {folder}",
                config,
                date,
                "",
                cache_dir / f"{folder}.pickle" if cache_dir else None,
            )
        )
    failures = _run_all(runs, strict, root, jobs, meanwhile, started)
    if failures:
        shutil.rmtree(top_dir, ignore_errors=True)
        raise SiteError("\n".join(failures))
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in sorted(top_dir.iterdir()):
        os.replace(entry, site_dir / entry.name)
    top_dir.rmdir()
    for folder, _ in stories:  # a web host serves the top site's 404 page for any missing path
        (site_dir / folder / "404.html").unlink(missing_ok=True)
    counts = [m.groups() for run in runs for m in CACHE_LINE.finditer(run.output)]
    return sum(int(hits) for hits, _ in counts), sum(int(total) for _, total in counts)


CACHE_LINE = re.compile(r"render cache: (\d+) of (\d+) pages reused")  # logged by publish/plugin.py


TOP_NAV = ".nav-top.yml"  # the top site's nav (site/render.py TOP_NAV_FILE), read by the plugin


@dataclass
class Run:
    """One MkDocs run of a site part: its name for messages, config file, build date, nav file (""
    for docs_dir/.nav.yml) and render cache file."""

    name: str
    config: Path
    date: str | None
    nav: str = ""
    cache: Path | None = None
    temporary: bool = True  # a config written for this run, removed after it (not mkdocs.yml itself)
    output: str = ""  # what MkDocs printed, once it has run

    def done(self) -> None:
        """Remove the run's config file, when it was written for the run."""
        if self.temporary:
            self.config.unlink(missing_ok=True)

    def env(self) -> dict[str, str]:
        extra = {"FACTSHEET_NAV_FILE": self.nav} if self.nav else {}
        if self.cache is not None:
            extra["FACTSHEET_RENDER_CACHE"] = str(self.cache)
        return reproducible_env(self.date) | extra


class Ready:
    """MkDocs processes started ahead of their runs (publish/waiting.py), each given to the next run;
    a run finds a new process when none is left, or the one it was to get has died."""

    def __init__(self, root: Path, count: int = 0) -> None:
        self.root = root
        env = reproducible_env(None) | {COMPILED_ENV: str(templates_cache_dir(root))}
        self.waiting = [waiting.start(root, env) for _ in range(count)]

    def popen(self, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        """The process of one MkDocs run (`python -m mkdocs <args>`), its output on its stdout."""
        while self.waiting:
            proc = self.waiting.pop(0)
            try:
                if proc.poll() is None:
                    waiting.give(proc, command[3:], self.root, env)
                    return proc
            except OSError:  # it died after poll() looked
                pass
            _stop(proc)
        return subprocess.Popen(
            command, cwd=self.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def close(self) -> None:
        """Stop the processes no run took."""
        for proc in self.waiting:
            _stop(proc)
        self.waiting = []


def _stop(proc: subprocess.Popen) -> None:
    """Kill a process and collect it (its pipes closed)."""
    proc.kill()
    proc.communicate()


@contextmanager
def ready(root: Path, count: int) -> Iterator[Ready]:
    """`count` MkDocs processes started now for the runs to come (none: each run starts its own); the
    ones left are stopped on the way out."""
    started = Ready(root, count)
    try:
        yield started
    finally:
        started.close()


def _run_all(
    runs: list[Run],
    strict: bool,
    root: Path,
    jobs: int,
    meanwhile: Callable[[], None] = nothing,
    started: Ready | None = None,
) -> list[str]:
    """Run MkDocs for each run, `jobs` at a time (in the processes `started` has ready, then in new
    ones), and `meanwhile` once the first have started (the MkDocs processes are stopped when it raises);
    the problems of the runs that failed (each config file is removed afterwards)."""
    started = started or Ready(root)
    failures: list[str] = []
    waiting_runs = list(runs)
    running: list[tuple[Run, subprocess.Popen]] = []
    try:
        while waiting_runs or running:
            while waiting_runs and len(running) < jobs:
                run = waiting_runs.pop(0)
                proc = started.popen(
                    mkdocs_command(run.config, strict=strict),
                    run.env() | {COMPILED_ENV: str(templates_cache_dir(root))},
                )
                running.append((run, proc))
            meanwhile()
            meanwhile = nothing
            run, proc = running.pop(0)
            try:
                output, _ = proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                by_hand = f"`mkdocs build -f {root / 'mkdocs.yml'}`"
                failures.append(
                    f"{run.name + ': ' if run.name else ''}mkdocs build took more than {TIMEOUT} s and was "
                    f"stopped; run it by hand ({by_hand}) to see where it hangs."
                )
                continue
            finally:
                run.done()
            run.output = output
            if proc.returncode != 0:
                found = problem_lines(output) or output.strip().splitlines()[-15:]
                what = f"mkdocs build of {run.name}" if run.name else "mkdocs build"
                failures += [f"{what} failed (exit {proc.returncode}):", *found]
    finally:
        for _, proc in running:
            proc.kill()
            proc.wait()
        for run in runs:
            run.done()
    if failures:
        failures.append(
            "Fix the pages or mkdocs.yml as these lines say (a missing anchor means a citation points at "
            "a sentence the source page lacks: re-render the pages), then rebuild."
        )
    return failures


def build_site(
    root: Path,
    *,
    strict: bool = True,
    docs_dir: Path | None = None,
    site_dir: Path | None = None,
    source_date: str | None = None,
    meanwhile: Callable[[], None] = nothing,
    started: Ready | None = None,
) -> None:
    """Return None once `mkdocs build` has written the site; raise SiteError with MkDocs' problems if not.

    With docs_dir and site_dir (staging folders under root) MkDocs reads and writes those instead
    of the folders mkdocs.yml names. MkDocs runs in a process `started` has ready, if any.
    `meanwhile` runs in this process while MkDocs builds (what raises there stops MkDocs).
    """
    if not (root / "mkdocs.yml").is_file():
        raise SiteError(f"No mkdocs.yml in {root}; run factsheet from the project folder.")
    staged = docs_dir is not None and site_dir is not None
    config = staged_config(root, docs_dir, site_dir) if staged else root / "mkdocs.yml"
    failures = _run_all([Run("", config, source_date, temporary=staged)], strict, root, 1, meanwhile, started)
    if failures:
        raise SiteError("\n".join(failures))
