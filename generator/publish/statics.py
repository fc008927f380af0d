"""The generator's data files reach the staged site as hard links, not copies.

MkDocs copies every file of docs/ that is not a page into the site (a story's data files: ~1,000
files, 12 MB for 100 articles; half a second of a one-article rebuild). It skips a file whose
destination already is the source (`shutil.SameFileError`, which MkDocs leaves to plugins that write
into the site themselves): so, before MkDocs copies, each generated file is hard-linked where its copy
would go. Nothing is written in place afterwards: docs/ files are replaced whole (store/atomic.py),
and each build writes a fresh staged site.

Only the files that carry factsheet's marker (store/marker.py) are linked: a hand-written file stays a
copy of its own, so what a person later does to one of the two never shows in the other. A file that
cannot be linked (another file system, no hard links) is copied by MkDocs as usual.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import Files

from generator.store.marker import is_generated


def link_generated(files: Files, docs_dir: str) -> int:
    """Hard-link the generated static files of docs_dir into the site where MkDocs would copy them;
    return how many were linked."""
    docs = os.path.abspath(docs_dir) + os.sep
    linked = 0
    for file in files:
        source = file.abs_src_path
        if (
            file.is_documentation_page()
            or file.generated_by is not None
            or source is None
            or not source.startswith(docs)
            or not file.inclusion.is_included()
            or not is_generated(Path(source))
        ):
            continue
        target = file.abs_dest_path
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        except OSError:
            continue  # MkDocs copies it
        linked += 1
    return linked
