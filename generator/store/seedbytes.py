"""What seeds/ held, byte for byte, when the last build completed: so that a build can tell, before it
imports anything heavy, how many bytes of seed files are new or changed since, and start loading the
language model at once when it is about to extract a few articles (generator/preload.py).

Only a guess: the build itself decides what to extract (pipeline.extract_changed, from the articles'
texts and metadata). A wrong guess costs a model load or the time saved, never a fact. Light on
purpose (the standard library and store/atomic.py): cli.py reads it before the generator's own imports.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from generator.errors import WriteError
from generator.store.atomic import write_atomic

CACHE_DIR = ".factsheet-cache"  # the cache folder beside facts/ (store/cache.py reads the name from here)
FILE = "seed-bytes.json"
# ingest/seeds.py MAX_ARTICLE_BYTES: a larger file is no article, and is not read here either
LARGE = int(float(os.environ.get("FACTSHEET_MAX_ARTICLE_MB", "5")) * 10**6)

Digests = dict[str, list]  # {path under seeds/: [size, digest of the bytes]}


def digests(seeds: Path) -> Digests:
    """Every regular file in seeds/ and its story folders (where read_seeds looks), with its size and
    digest (a file larger than an article: its mtime); one that cannot be read is left out (read_seeds
    reports it)."""
    out: Digests = {}
    folders = [(seeds, "")]
    try:
        folders += [(p, p.name + "/") for p in sorted(seeds.iterdir()) if p.is_dir()]
    except OSError:
        return out
    for folder, prefix in folders:
        try:
            names = sorted(p for p in folder.iterdir() if p.is_file())
        except OSError:
            continue
        for path in names:
            try:
                st = path.stat()
                if st.st_size > LARGE:  # more than an article (read_seeds skips it): its size and time do
                    out[prefix + path.name] = [st.st_size, f"mtime {st.st_mtime_ns}"]
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            out[prefix + path.name] = [len(data), hashlib.blake2b(data, digest_size=16).hexdigest()]
    return out


def _file(root: Path) -> Path:
    return root / CACHE_DIR / FILE


def recorded(root: Path) -> Digests | None:
    """The digests the last complete build recorded, or None (no build yet, or an unreadable file)."""
    try:
        data = json.loads(_file(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def changed_bytes(now: Digests, before: Digests | None) -> int:
    """How many bytes of seed files are new or changed in `now` since `before` (all of them when there
    is no record)."""
    before = before or {}
    return sum(size for name, (size, digest) in now.items() if before.get(name) != [size, digest])


def record(root: Path, now: Digests) -> None:
    """Keep the digests of a complete build for the next one's guess (a file that cannot be written
    only costs the next build its head start)."""
    try:
        write_atomic(_file(root), json.dumps(now, sort_keys=True))
    except WriteError:
        pass
