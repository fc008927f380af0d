"""Publish: docs/ -> site/ with MkDocs (build), the factsheet MkDocs plugin, `serve`, the staged swap of
docs/ and site/, and the link check of the built site."""
