"""One exception base class, one subclass per stage.

Every message says what went wrong *and* what to do about it; the CLI prints it
as one line and exits 1 (a traceback only with --debug).
"""


class FactsheetError(Exception):
    """Base class of every error the tool reports to its user."""


class IngestError(FactsheetError):
    """A seed article cannot be read (missing folder, empty or undecodable file)."""


class BadSeedFile(IngestError):
    """One seed file holds no article that can be read (empty, binary, undecodable, unreadable, not a
    regular file): a build skips it with a warning, a strict build stops."""

    def __init__(self, label: str, reason: str, advice: str):
        self.label, self.reason, self.advice = label, reason, advice
        super().__init__(f"{label}: {reason}; {advice}")

    def __reduce__(self):
        return (type(self), (self.label, self.reason, self.advice))

    @property
    def skipped(self) -> str:
        """The warning of a build that skips the file."""
        return f"{self.label}: skipped ({self.reason}); {self.advice}"


class WriteError(FactsheetError):
    """A file cannot be written (disk full, no permission, a folder in its place); the file that was
    there is as it was (store/atomic.py writes aside, then renames)."""


class ExtractError(FactsheetError):
    """The language model is missing or extraction failed."""


class ExtractionFailed(ExtractError):
    """The rules failed on some articles (a bug on unusual input); each is named, nothing was written."""

    def __init__(self, failed: list[str]):
        self.failed = failed
        head = (
            f"extraction failed on {len(failed)} article(s); nothing was written. This is a bug in "
            "factsheet: report it with the article. To build the rest meanwhile, move the article out "
            "of seeds/ (--debug shows the traceback):"
        )
        super().__init__("\n".join([head, *("  - " + f for f in failed)]))

    def __reduce__(self):
        """Pickled as its list, so it crosses from a worker process or a Dask worker whole."""
        return (type(self), (self.failed,))


class FactsError(FactsheetError):
    """A fact file cannot be written or read back."""


class RenderError(FactsheetError):
    """The Markdown pages cannot be written."""


class SiteError(FactsheetError):
    """MkDocs failed to build the site."""


class CheckError(FactsheetError):
    """A citation does not match its article, or a page carries no citation."""

    SHOWN = 50  # problems listed in the message; all of them stay in `problems`

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = f"{len(problems)} citation problem(s); fix the fact files or re-run `factsheet build`:"
        lines = [head, *("  - " + p for p in problems[: self.SHOWN])]
        if len(problems) > self.SHOWN:
            lines.append(f"  … and {len(problems) - self.SHOWN} more (the first {self.SHOWN} are listed)")
        super().__init__("\n".join(lines))
