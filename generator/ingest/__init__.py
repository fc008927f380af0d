"""Ingest: seeds/ -> `Article`s. seeds.py finds, decodes and reads the seed files and the metadata a
person gives them (front matter, HTML, seeds/sources.yaml); metadata.py infers the rest from the text."""
