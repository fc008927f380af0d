"""`factsheet serve`: a live preview of the fact sheet, rebuilt when a seed or a correction changes.

It is `mkdocs serve` on the project, run in this process. The factsheet MkDocs plugin
(generator/publish/plugin.py) regenerates seeds/ -> facts/ -> docs/ before every build and watches
seeds/ and facts/, so editing an article or facts/curation.yaml rebuilds the page in the browser.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.errors import FactsheetError

DEFAULT_ADDR = "127.0.0.1:8000"


class ServeError(FactsheetError):
    """The preview server cannot start (no mkdocs.yml, bad address, port taken, first build failed)."""


def parse_addr(dev_addr: str) -> tuple[str, int]:
    """Return (host, port) of 'HOST:PORT'; raise ServeError on anything else."""
    host, sep, port = dev_addr.rpartition(":")
    host = host.strip("[]")  # [::1]:8000
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ServeError(f"--dev-addr {dev_addr!r}: expected HOST:PORT, e.g. {DEFAULT_ADDR}")
    return host, int(port)


def check_free(host: str, port: int) -> None:
    """Raise ServeError now if host:port cannot be listened on (before a build that would be wasted)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as MkDocs' server chooses
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
            probe.bind((host, port))
    except OSError as exc:
        raise ServeError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); pick another with --dev-addr HOST:PORT"
        ) from exc


@contextlib.contextmanager
def mkdocs_logging() -> Iterator[None]:
    """Print MkDocs' INFO and higher lines as `mkdocs serve` does ("INFO    -  message")."""
    logger = logging.getLogger("mkdocs")
    if any(getattr(h, "name", None) == "MkDocsStreamHandler" for h in logger.handlers):
        yield  # already set up (running inside the mkdocs command line)
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    old = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old[0])
        logger.propagate = old[1]


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Let SIGTERM stop the server as Ctrl-C does: cleanly, its temporary site folder removed."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def serve(root: Path, dev_addr: str = DEFAULT_ADDR, *, open_browser: bool = False) -> None:
    """Serve the project at root on dev_addr until interrupted, rebuilding on every change.

    Raises ServeError when the server cannot start; a failed rebuild later on only logs the error
    (the previous site stays served until the sources are fixed).
    """
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ServeError(f"No mkdocs.yml in {root}; run factsheet from the project folder.")
    host, port = parse_addr(dev_addr)
    check_free(host, port)
    # Regenerate once before MkDocs reads mkdocs.yml: MkDocs insists that docs/ exists before any plugin
    # runs, and a generator error is best told here, as one line, rather than as a failed first build.
    # The plugin's regeneration in that first build then finds nothing to do.
    from generator import pipeline

    print("factsheet: regenerating seeds/ -> facts/ -> docs/ before serving", file=sys.stderr, flush=True)
    pipeline.build(pipeline.Config(root=root, build_site=False))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # as for `factsheet build`: no theme banner
    os.environ.pop("FACTSHEET_BUILDING", None)  # the plugin must regenerate here

    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    with mkdocs_logging(), sigterm_as_interrupt():
        try:
            # read the config once first: mkdocs serve makes its temporary site folder before reading
            # it, and leaves that folder behind when the config is bad
            load_config(config_file=str(config_file), dev_addr=dev_addr)
        except (Abort, ConfigurationError) as exc:
            raise ServeError(f"{config_file}: {exc} (see the ERROR lines above)") from exc
        try:
            mkdocs_serve(
                config_file=str(config_file),
                dev_addr=dev_addr,
                livereload=True,
                open_in_browser=open_browser,
            )
        except KeyboardInterrupt:
            pass  # Ctrl-C or SIGTERM during a build: MkDocs has cleaned up
        except Abort as exc:
            raise ServeError(
                "the first build failed (see the ERROR lines above); fix that, then run `factsheet serve` "
                "again"
            ) from exc
        except MkDocsException as exc:
            raise ServeError(str(exc)) from exc
        except OSError as exc:  # the port was taken between the check and the first build's end
            raise ServeError(f"cannot serve on {host}:{port}: {exc}") from exc
