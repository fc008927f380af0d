"""The theme's static files, listed once and kept between builds.

Before it builds any page, MkDocs lists every file of the theme's folders to find the static ones it
copies into the site (`Files.add_files_from_theme`: `env.list_templates` with a filter of name patterns).
Material's folder holds about 14,500 files, its icons among them: walking and filtering them took a
tenth of a one-article rebuild of a story's site part, in each of its MkDocs runs, for the same answer.

The list that filter gives depends on the theme's folders (a packaged theme's files on its version, the
others on each file's path, size and mtime: rendercache.theme_fingerprint), the theme's static
templates and the file types MkDocs takes for Markdown, which the filter reads; the key hashes all of
these with the versions of MkDocs and Material. Any other call of `list_templates` is left as it is.
A folder that cannot be read or written costs the walk, never a build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mkdocs import utils

from generator.errors import WriteError
from generator.publish.rendercache import theme_fingerprint, versions
from generator.store.atomic import write_atomic

THEME_FILTER = "Files.add_files_from_theme.<locals>.filter"  # the filter MkDocs 1.6 lists the theme with


def keep_listing(theme: Any, folder: Path) -> None:
    """Make the environments `theme` gives keep the list of its static files in `folder`."""
    get_env = theme.get_env

    def env_with_kept_listing() -> Any:
        env = get_env()
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
            if extensions is not None or getattr(filter_func, "__qualname__", None) != THEME_FILTER:
                return list_templates(extensions, filter_func)
            key = listing_key(theme)
            path = folder / f"theme-files-{key}.json"
            try:
                names = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(names, list) and all(isinstance(n, str) for n in names):
                    return names
            except (OSError, ValueError):
                pass
            names = list_templates(extensions, filter_func)
            try:
                write_atomic(path, json.dumps(names))
            except WriteError:
                pass
            return names

        env.list_templates = listed
        return env

    theme.get_env = env_with_kept_listing


def listing_key(theme: Any) -> str:
    """What the list of a theme's static files is made from, hashed."""
    data = [
        versions(),
        list(theme.dirs),
        theme_fingerprint(list(theme.dirs)),
        sorted(theme.static_templates),
        sorted(utils.markdown_extensions),
    ]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:24]
