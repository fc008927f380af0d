"""The page families of a story, one module each; site/registry.py lists them in nav order."""
