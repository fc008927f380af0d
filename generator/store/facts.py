"""Fact files: facts/articles/<name>.yaml, one per article, the reviewed and committed data layer; and the
JSON Schema of their format.

Writes are atomic and deterministic (fixed key order, no timestamps), and a file whose content did not
change is not touched. Each file's header records its body's hash, so a hand edit is recognised.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Set as AbstractSet
from pathlib import Path

from pydantic import ValidationError

from generator import forked
from generator.errors import FactsError
from generator.forked import forked_pool
from generator.models import ArticleFacts
from generator.store import yaml
from generator.store.atomic import write_atomic
from generator.store.marker import FACTS_PREFIX
from generator.text.slugs import slugify

HEADER = (
    FACTS_PREFIX + " from seeds/{file}. Do not edit by hand: the next build rewrites it.\n"
    "# To correct a fact, use facts/curation.yaml (see README, 'Correcting facts').\n"
    "# content-sha256: {digest}\n"
)
_DIGEST = re.compile(r"^# content-sha256: ([0-9a-f]{64})$", re.M)
SCHEMA_FILE = Path(__file__).parent.parent / "schema" / "article-facts.schema.json"


_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def fact_file_name(source_file: str) -> str:
    """facts/articles/ file name of a seed: 'story/a.txt' -> 'story--a.yaml'.

    A name that cannot be written as it is (other characters, another extension than .txt, a '--'
    that a story folder also makes) keeps a readable part and gets '~' and 8 hex digits of the seed's
    path: 'a b.txt' -> 'a-b~1c2d3e4f.yaml'. Plain names never hold '~', so no two seeds share a fact
    file ('update.txt' and 'update.md', 'a#b.txt' and 'a%b.txt', two names in another script).
    """
    folder, _, name = source_file.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    parts = [p for p in (folder, stem) if p]
    if parts and ext == "txt" and all(_PLAIN.fullmatch(p) and "--" not in p for p in parts):
        return "--".join(parts) + ".yaml"
    readable = "--".join(_readable(p) for p in parts).strip("-.") or "article"
    digest = hashlib.sha1(source_file.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{readable}~{digest}.yaml"


def _readable(part: str) -> str:
    """The part of a seed's path as file-name characters (other scripts transliterated)."""
    if not part.isascii():
        part = slugify(part, "")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", part).strip("-.")


def plain(model) -> dict:
    """A model as plain data, without the `corrected` key where no editor corrected anything."""
    return _drop_uncorrected(model.model_dump(mode="json"))


def _drop_uncorrected(data):
    """The data with every `corrected: None` removed."""
    if isinstance(data, dict):
        return {k: _drop_uncorrected(v) for k, v in data.items() if not (k == "corrected" and v is None)}
    if isinstance(data, list):
        return [_drop_uncorrected(v) for v in data]
    return data


def article_yaml(facts: ArticleFacts) -> str:
    """The text of an article's fact file: a header with the body's hash, then the body."""
    body = yaml.dump(plain(facts))
    return HEADER.format(file=facts.source.file, digest=hashlib.sha256(body.encode()).hexdigest()) + body


def digest_of(path: Path) -> str | None:
    """The content hash a fact file's header records (read from its first lines only)."""
    with path.open("rb") as fh:
        match = _DIGEST.search(fh.read(1024).decode("utf-8", errors="replace"))
    return match.group(1) if match else None


def hand_edited(path: Path) -> bool:
    """True when a generated fact file's body no longer matches the hash in its header."""
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    match = _DIGEST.search(text)
    if match is None:
        return False  # written before fact files carried their hash: nothing to compare with
    body = text[match.end() + 1 :]
    return hashlib.sha256(body.encode()).hexdigest() != match.group(1)


def refuse_hand_edits(facts_dir: Path, names: list[str]) -> None:
    """FactsError when a fact file that would be rewritten or removed was edited by hand."""
    edited = [p for p in sorted((facts_dir / "articles").glob("*.yaml")) if hand_edited(p)]
    if edited:
        listing = ", ".join(str(p) for p in edited)
        raise FactsError(
            f"{listing}: edited by hand, and a build would overwrite the edit. Put the correction in "
            f"{facts_dir}/curation.yaml (see README, 'Correcting facts'), then delete the edited file, "
            "or run `factsheet build --discard-edits` to throw the edit away"
        )


def write_article_facts(facts_dir: Path, facts: ArticleFacts) -> Path:
    """Write one article's facts under facts_dir/articles/ and return the path."""
    path = facts_dir / "articles" / fact_file_name(facts.source.file)
    write_atomic(path, article_yaml(facts), durable=True)
    return path


def write_all(
    facts_dir: Path,
    all_facts: list[ArticleFacts],
    discard_edits: bool = False,
    unchanged: AbstractSet[str] = frozenset(),
) -> list[Path]:
    """Write every article's facts (except those `unchanged`, read from their files) and remove fact
    files of articles that are gone; a file edited by hand is never overwritten unless discard_edits
    says so."""
    writes, removes = plan_all(facts_dir, all_facts, discard_edits, unchanged)
    apply(facts_dir, writes, removes)
    return [facts_dir / "articles" / fact_file_name(f.source.file) for f in all_facts]


def plan_all(
    facts_dir: Path,
    all_facts: list[ArticleFacts],
    discard_edits: bool = False,
    unchanged: AbstractSet[str] = frozenset(),
    jobs: int = 1,
) -> tuple[dict[str, str], list[str]]:
    """What write_all would do, nothing written: ({path under facts_dir: text} of each fact file whose
    text changes, [path under facts_dir] of each to remove), the texts made by `jobs` forked
    processes. FactsError, as write_all."""
    _refuse_shared_names(all_facts)
    if not discard_edits:
        refuse_hand_edits(facts_dir, [f.source.file for f in all_facts])
    todo = [f for f in all_facts if f.source.file not in unchanged]
    writes = {}
    for f, text in zip(todo, article_yamls(todo, jobs), strict=True):
        rel = f"articles/{fact_file_name(f.source.file)}"
        path = facts_dir / rel
        if not (path.is_file() and path.read_bytes() == text.encode("utf-8")):
            writes[rel] = text
    keep = {fact_file_name(f.source.file) for f in all_facts}
    removes = [
        f"articles/{p.name}" for p in sorted((facts_dir / "articles").glob("*.yaml")) if p.name not in keep
    ]
    return writes, removes


def article_yamls(all_facts: list[ArticleFacts], jobs: int = 1) -> list[str]:
    """The fact file text of each article (article_yaml), in order; with `jobs`, made by that many
    forked processes, a contiguous share of the articles each (only the texts are pickled back)."""
    shares = min(jobs, len(all_facts) // MIN_SHARE) or 1
    with forked_pool(jobs, shares, shared=all_facts) as pool:
        if pool is None:
            return [article_yaml(f) for f in all_facts]
        cuts = [len(all_facts) * k // shares for k in range(shares + 1)]
        return [text for part in pool.map(_yamls, cuts[:-1], cuts[1:]) for text in part]


MIN_SHARE = 50  # articles a forked process dumps at the least (fewer are not worth a fork)


def _yamls(start: int, end: int) -> list[str]:
    """The fact file texts of articles start..end-1 of those being dumped (forked.shared())."""
    return [article_yaml(f) for f in forked.shared()[start:end]]


def apply(facts_dir: Path, writes: dict[str, str], removes: list[str]) -> None:
    """Write and remove fact files as plan_all planned (again after a kill: each step is idempotent)."""
    for rel, text in sorted(writes.items()):
        write_atomic(facts_dir / rel, text, durable=True)
    for rel in removes:
        (facts_dir / rel).unlink(missing_ok=True)


def _refuse_shared_names(all_facts: list[ArticleFacts]) -> None:
    """FactsError when two seeds would share one fact file (one would be lost without a word)."""
    owners: dict[str, list[str]] = {}
    for f in all_facts:
        owners.setdefault(fact_file_name(f.source.file), []).append(f.source.file)
    shared = {name: files for name, files in owners.items() if len(files) > 1}
    if shared:
        listing = "; ".join(f"{', '.join(files)} -> facts/articles/{name}" for name, files in shared.items())
        raise FactsError(f"seeds would share a fact file: {listing}; rename one of them")


def read_article_facts(path: Path) -> ArticleFacts:
    """Load and validate one fact file; FactsError names the file, the fact and the key."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FactsError(f"{path}: cannot read fact file ({exc}); rebuild it with `factsheet build`") from exc
    try:
        return ArticleFacts.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:10])
        raise FactsError(f"{path}: invalid fact file: {problems}") from exc


def read_all(facts_dir: Path) -> list[ArticleFacts]:
    """Every fact file under facts_dir/articles/, sorted by file name."""
    return [read_article_facts(p) for p in sorted((facts_dir / "articles").glob("*.yaml"))]


def schema_text() -> str:
    """The JSON Schema of a fact file, as committed in generator/schema/."""
    return json.dumps(ArticleFacts.model_json_schema(), indent=2, sort_keys=True) + "\n"


def export_schema(path: Path = SCHEMA_FILE) -> Path:
    """Write the JSON Schema of the fact file format and return its path."""
    write_atomic(path, schema_text(), durable=True)
    return path
