"""The command line: parse arguments, call the pipeline, turn known errors into one clear line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from generator import __version__
from generator.errors import FactsheetError

if TYPE_CHECKING:
    from generator.pipeline import Config, Report


def parser() -> argparse.ArgumentParser:
    """The argument parser of `factsheet`."""
    ap = argparse.ArgumentParser(
        prog="factsheet", description="Turn news articles in seeds/ into a cited fact-sheet site."
    )
    ap.add_argument("--version", action="version", version=f"factsheet {__version__}")
    ap.add_argument("--root", type=Path, default=Path("."), help="project folder (default: here)")
    ap.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser(
        "build",
        help="seeds/ -> facts/ -> docs/ -> site/",
        description="seeds/ -> facts/ -> docs/ -> site/. A seed file that cannot be read (empty, binary, "
        "undecodable, unreadable, not a regular file, a control character in its name) is skipped with "
        "a warning naming it, and the rest is built; when no file is left, the build stops and lists "
        "them. With --strict every warning about seeds/ is fatal: the build stops before writing "
        "anything and lists every one. MkDocs warnings fail the site build unless --no-strict.",
    )
    build_options(b)
    w = sub.add_parser(
        "watch",
        help="build, then build again whenever seeds/, mkdocs.yml or facts/curation.yaml changes",
        description="Build as `factsheet build` does, then keep watching seeds/, mkdocs.yml and "
        "facts/curation.yaml and build again after each change, until Ctrl-C. The language model stays "
        "loaded and MkDocs waits ready between builds, so a one-article change is rebuilt faster than by "
        "`factsheet build`, with the same result. A build that fails prints its error and keeps the last "
        "good site. Restart it after upgrading factsheet.",
    )
    build_options(w)
    sub.add_parser("check", help="verify every citation and every page; exit 1 on a problem")
    sub.add_parser("schema", help="write the JSON Schema of a fact file to generator/schema/")
    v = sub.add_parser("serve", help="live preview: mkdocs serve, rebuilt when seeds/ or corrections change")
    v.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="default: %(default)s")
    return ap


def build_options(p: argparse.ArgumentParser) -> None:
    """The options of `build` and `watch`."""
    p.add_argument("--no-site", action="store_true", help="stop after the Markdown pages (no MkDocs)")
    strictness = p.add_mutually_exclusive_group()
    strictness.add_argument(
        "--strict",
        action="store_true",
        help="every warning about seeds/ is fatal: the build stops before writing anything, listing them all",
    )
    strictness.add_argument("--no-strict", action="store_true", help="let MkDocs warnings pass")
    p.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="extract (and render stories) with N processes"
    )
    p.add_argument("--dask", metavar="tcp://HOST:PORT", help="extract on this Dask distributed cluster")
    p.add_argument("--timings", action="store_true", help="print the wall time of each stage")
    p.add_argument(
        "--discard-edits",
        action="store_true",
        help="overwrite fact files edited by hand (put corrections in facts/curation.yaml)",
    )


def command_config(args: argparse.Namespace) -> Config:
    """The pipeline.Config of a command: the project folder, and for `build` and `watch` their options."""
    from generator import pipeline

    config = pipeline.Config(root=args.root)
    if args.command not in ("build", "watch"):
        return config
    config.build_site, config.strict = not args.no_site, not args.no_strict
    config.warnings_fatal = args.strict
    config.discard_edits, config.jobs, config.dask = args.discard_edits, args.jobs, args.dask
    return config


def print_report(report: Report, timings: bool = False) -> None:
    """What a build did: its warnings on stderr, its summary on stdout (and its stages' wall times)."""
    for warning in report.warnings + report.stale:
        print(f"warning: {warning}", file=sys.stderr)
    print("\n".join(report.summary()), flush=True)
    if timings:
        stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in report.timings.items())
        print(f"timings: {stages}", file=sys.stderr, flush=True)


def print_error(exc: FactsheetError) -> None:
    """A known error as the one line that says what went wrong and what to do."""
    print(f"factsheet: error: {exc}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Run one command and return the exit status."""
    if args.command == "build":
        # before the generator's own imports: a few new or changed bytes in seeds/ start loading the
        # language model in a process of its own, while this one imports and reads (generator/preload.py)
        from generator import preload
        from generator.store import seedbytes

        seed_bytes = seedbytes.digests(args.root / "seeds")
        changed = seedbytes.changed_bytes(seed_bytes, seedbytes.recorded(args.root))
        preloaded = preload.Preloaded() if preload.worth_starting(changed, args.dask) else None
    from generator import pipeline
    from generator.store import facts

    config = command_config(args)
    if args.command == "build":
        print_report(pipeline.build(config, preloaded, seed_bytes), args.timings)
    elif args.command == "watch":
        from generator.publish.serve import sigterm_as_interrupt
        from generator.watch import watch

        with sigterm_as_interrupt():
            watch(config, lambda report: print_report(report, args.timings), print_error)
    elif args.command == "check":
        n = pipeline.check_project(config)
        print(f"check: {n} facts, every citation matches its article and every page cites")
    elif args.command == "schema":
        print(facts.export_schema())
    elif args.command == "serve":
        from generator.publish.serve import serve  # MkDocs is imported only for this command

        serve(args.root, dev_addr=args.dev_addr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `factsheet` console script."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except FactsheetError as exc:
        if args.debug:
            raise
        print_error(exc)
        return 1
    except KeyboardInterrupt:
        print("factsheet: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130


def entry() -> NoReturn:
    """The `factsheet` console script and `python -m generator`: main(), then the process ends at once.

    The interpreter's own teardown would free, object by object, the language model and what the
    build's caches hold: 0.3-0.5 s of a one-article rebuild. By then every worker, MkDocs process,
    thread and file of the build is closed (each closes in a `with`), so only the two streams are
    left to flush. An exception that main() does not handle still ends the process the usual way."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
