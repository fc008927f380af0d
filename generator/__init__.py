"""factsheet: turn news articles about one story into a cited fact-sheet website."""

__version__ = "0.1.0"
