"""Fact files: facts/articles/<name>.yaml, one per article, the reviewed and committed data layer; and the
JSON Schema of their format.

Writes are atomic and deterministic (fixed key order, no timestamps), and a file whose content did not
change is not touched. Each file's header records its body's hash, so a hand edit is recognised.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pydantic import ValidationError

from generator.errors import FactsError
from generator.models import ArticleFacts
from generator.store import yaml
from generator.store.atomic import write_atomic
from generator.store.marker import FACTS_PREFIX

HEADER = (
    FACTS_PREFIX + " from seeds/{file}. Do not edit by hand: the next build rewrites it.\n"
    "# To correct a fact, use facts/curation.yaml (see README, 'Correcting facts').\n"
    "# content-sha256: {digest}\n"
)
_DIGEST = re.compile(r"^# content-sha256: ([0-9a-f]{64})$", re.M)
SCHEMA_FILE = Path(__file__).parent.parent / "schema" / "article-facts.schema.json"


def fact_file_name(source_file: str) -> str:
    """facts/articles/ file name of a seed ('story/a b.txt' -> 'story--a-b.yaml')."""
    stem = source_file.rsplit(".", 1)[0] if "." in source_file.rsplit("/", 1)[-1] else source_file
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", stem.replace("/", "--")).strip("-.") + ".yaml"


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
    unchanged: set[str] = frozenset(),
) -> list[Path]:
    """Write every article's facts (except those `unchanged`, read from their files) and remove fact
    files of articles that are gone; a file edited by hand is never overwritten unless discard_edits
    says so."""
    if not discard_edits:
        refuse_hand_edits(facts_dir, [f.source.file for f in all_facts])
    paths = [
        facts_dir / "articles" / fact_file_name(f.source.file)
        if f.source.file in unchanged
        else write_article_facts(facts_dir, f)
        for f in all_facts
    ]
    keep = {p.name for p in paths}
    for old in sorted((facts_dir / "articles").glob("*.yaml")):
        if old.name not in keep:
            old.unlink()
    return paths


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
