"""The factsheet MkDocs plugin: the site's navigation follows the stories that were rendered.

render.py writes docs/.nav.yml (a dot file, so MkDocs 1.6 leaves it out of the site by default);
`on_config` reads it and sets `config.nav`, replacing any `nav:` in mkdocs.yml. Without the file the
configured (or automatic) navigation stays as it is.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

NAV_FILE = ".nav.yml"  # the same name as generator.render.NAV_FILE, without importing the renderer


def valid_nav(nav: object) -> bool:
    """Return True for a MkDocs nav: a list of page paths and {title: path or nested nav}."""
    if not isinstance(nav, list):
        return False
    for item in nav:
        if isinstance(item, str):
            continue
        if not isinstance(item, dict) or len(item) != 1:
            return False
        [(title, value)] = item.items()
        if not isinstance(title, str) or not (isinstance(value, str) or valid_nav(value)):
            return False
    return True


def read_nav(docs_dir: Path) -> list | None:
    """Return the nav that docs_dir/.nav.yml holds, None when there is no such file."""
    path = docs_dir / NAV_FILE
    if not path.is_file():
        return None
    try:
        nav = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        why = " ".join(str(exc).split())
        raise PluginError(
            f"{path}: cannot read the generated navigation ({why}); run `factsheet build`."
        ) from exc
    if not valid_nav(nav):
        raise PluginError(f"{path}: not a MkDocs nav (a list of pages and sections); run `factsheet build`.")
    return nav


class FactsheetPlugin(BasePlugin):
    """Sets the navigation from the docs/.nav.yml that `factsheet build` writes."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Replace config.nav by the generated navigation, when there is one."""
        nav = read_nav(Path(config.docs_dir))
        if nav is not None:
            config.nav = nav
        return config
