"""A process that loads the language model while the build is still importing and reading, then extracts
the articles it is given: started by cli.py before the generator's own imports when seeds/ holds a few
new or changed bytes (store/seedbytes.py), used by pipeline.extract_changed when it extracts in this
process after all (a few articles, one batch), and stopped unused otherwise.

Importing spaCy and loading the model is most of a one-article rebuild's extraction (about 1.2 s of
1.4 s), and this process spent that time in its own imports and reading before: the two now overlap.

The articles go to the process as one pickle on its stdin, their facts come back as one pickle on its
stdout (what it prints goes to stderr). ExtractionFailed comes back as itself; any other failure, or a
process that died, makes the build extract in its own process, where the error shows as it always did.
Light at the top on purpose (the standard library and workers.py): cli.py imports this before anything
heavy.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
from typing import TYPE_CHECKING

from generator.workers import BATCH_CHARS

if TYPE_CHECKING:
    from generator.models import Article, ArticleFacts


def worth_starting(changed: int, dask: str | None = None) -> bool:
    """Whether `changed` bytes of new or changed seed files are likely extracted in the build's own
    process: one batch or less (more goes to worker processes, or a Dask cluster extracts)."""
    return not dask and 0 < changed <= BATCH_CHARS


class Preloaded:
    """The model-loading process of one build."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-m", "generator.preload"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def extract(self, articles: list[Article]) -> list[ArticleFacts] | None:
        """The facts of `articles` in their order, or None when the process could not give them (the
        caller then extracts them itself). Raises ExtractionFailed as extraction in this process would."""
        from generator.errors import ExtractionFailed

        proc, self.proc = self.proc, None
        if proc is None:
            return None
        try:
            out, _ = proc.communicate(pickle.dumps(articles, protocol=pickle.HIGHEST_PROTOCOL))
            kind, value = pickle.loads(out)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError):
            _stop(proc)
            return None
        if kind == "facts" and proc.returncode == 0:
            return value
        if kind == "failed":
            raise ExtractionFailed(sorted(value))  # as extract_all names them
        return None

    def close(self) -> None:
        """Stop the process if nothing was given to it."""
        proc, self.proc = self.proc, None
        if proc is not None:
            _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """End a process that holds nothing of the build's (it only loads a model)."""
    proc.kill()
    proc.wait()
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()


def main() -> None:
    """Load the model, wait for the articles, write their facts (or what went wrong) to stdout."""
    # Ctrl-C reaches the whole process group: the build reports it and stops this process itself (or,
    # if the build is gone, this one reads the end of its stdin and exits), so no traceback here
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what spaCy or the rules print goes to stderr, not into the pickle
    from generator.collector import fewer_collections
    from generator.errors import ExtractionFailed
    from generator.extract import extract_articles
    from generator.extract.parse import load_model

    with fewer_collections():
        try:
            nlp = load_model()
        except Exception:  # noqa: BLE001 - the build's own process reports it, extracting itself
            nlp = None
        data = sys.stdin.buffer.read()
        if not data:
            return  # not needed after all
        result: tuple[str, object] = ("none", None)
        if nlp is not None:
            try:
                result = ("facts", extract_articles(pickle.loads(data), nlp))
            except ExtractionFailed as exc:
                result = ("failed", exc.failed)
            except Exception:  # noqa: BLE001 - as above
                result = ("none", None)
        out.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        out.close()


if __name__ == "__main__":
    main()
    sys.stderr.flush()
    os._exit(0)  # the build waits for this process to end: not for the model to be freed object by object
