"""`python -m generator` runs the factsheet command line."""

from generator.cli import entry

entry()
