"""Seeds: read the seed articles under seeds/ into `Article`s, with the metadata a person gave them.

The article text is a contract with the scorer: the file's bytes decoded as UTF-8 (cp1252 when
that fails) with only the newlines normalised, so that every cite's offsets hold downstream.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import os
import re
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ConfigDict, RootModel, field_validator

from generator.errors import BadSeedFile, IngestError
from generator.ingest import furniture, metadata
from generator.ingest.metadata import infer_metadata, parse_date
from generator.ingest.storyfile import STORY_FILE
from generator.models import NAMES_READ, Article, Furniture, SourceType
from generator.store import cache, editable, yaml
from generator.store.stories import refused_story_name

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SOURCES_FILE = "sources.yaml"
# A news article is well under 1 MB; a file many times that is a dump or a mistake, and would
# hold the build for minutes.
MAX_ARTICLE_BYTES = int(float(os.environ.get("FACTSHEET_MAX_ARTICLE_MB", "5")) * 10**6)
META_KEYS = ("title", "publisher", "published", "url", "byline", "type", "via")
SOURCE_TYPES = get_args(SourceType)
PUBLISHER_KEYS = ("type", "via")  # inferred about the inferred publisher: a person's publisher drops them


def read_seeds(seeds_dir: Path, strict: bool = False) -> tuple[list[Article], list[str]]:
    """Return every article under seeds_dir sorted by file, and the warnings met on the way.

    A seed file that holds no readable article (empty, binary, undecodable, unreadable, not a regular
    file) is skipped with a warning, and the rest is read. IngestError, listing every problem of every
    file at once: a problem of an edited file (front matter, sources.yaml) or of a folder's name, no
    article left to read, or (`strict`) any warning at all."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise IngestError(
            f"{seeds_dir}: no such folder; create it and put .txt, .md or .html news articles there"
        )
    warnings: list[str] = []
    problems: list[str] = []  # each stops the build
    bad: list[BadSeedFile] = []  # each skipped
    articles: list[Article] = []
    memo = cache.cached_inferred(seeds_dir.parent)
    inferred: dict = {}  # of this reading, kept for the next
    for story, folder in _story_folders(seeds_dir, warnings, problems):
        try:
            overrides = _read_sources(folder / SOURCES_FILE, _label(seeds_dir, story, SOURCES_FILE))
        except IngestError as exc:
            problems.append(str(exc))
            overrides = {}
        for path in _article_files(seeds_dir, folder, story, warnings):
            rel = f"{story}/{path.name}" if story else path.name
            try:
                article = read_article(path, rel, story, (memo, inferred))
                article = _apply_overrides(article, overrides.pop(path.name, {}))
            except BadSeedFile as exc:
                bad.append(exc)
                warnings.append(exc.skipped)
                continue
            except IngestError as exc:
                problems.append(str(exc))
                continue
            warnings.extend(article.warnings)
            articles.append(article)
        warnings.extend(
            f"{_label(seeds_dir, story, SOURCES_FILE)}: names {n}, which is not there" for n in overrides
        )
    articles = _once_each(sorted(articles, key=lambda a: a.file), seeds_dir.name, warnings)
    if inferred != memo:
        cache.keep_inferred(seeds_dir.parent, inferred)
    if problems:
        raise IngestError(_listing(problems + [str(b) for b in bad], "problem(s) in seeds/"))
    if strict and warnings:
        raise IngestError(
            _listing(warnings, "warning(s) about seeds/, fatal in a strict build", always=True)
            + "\n(build without --strict to skip the files that cannot be read)"
        )
    if not articles:
        head = f"no articles in {seeds_dir.name}/: put .txt, .md or .html news articles there"
        skipped = [w for w in warnings if SKIPPED in w]
        if len(skipped) == 1:
            raise IngestError(f"{head}; 1 file skipped: {skipped[0]}")
        raise IngestError(f"{head}; {_listing(skipped, 'files skipped', always=True)}" if skipped else head)
    return articles, warnings


SKIPPED = ": skipped ("  # in every warning about a file that is not read


def _listing(problems: list[str], what: str, always: bool = False) -> str:
    """'N <what>; nothing was built or overwritten. Fix them:' and the problems as a list (one of several
    lines indented under its first); one problem alone as it is, unless `always`."""
    if len(problems) == 1 and not always:
        return problems[0]
    items = ["  - " + p.replace("\n", "\n  ") for p in problems]
    return "\n".join([f"{len(problems)} {what}; nothing was built or overwritten. Fix them:", *items])


def _once_each(articles: list[Article], root: str, warnings: list[str]) -> list[Article]:
    """The articles with byte-identical copies read once: the first keeps the others' names."""
    first: dict[tuple[str, str], Article] = {}
    out = []
    for article in articles:
        twin = first.get((article.story, article.sha256))
        if twin is None:
            first[(article.story, article.sha256)] = article
            out.append(article)
        else:
            twin.also_as.append(article.file)
            warnings.append(
                f"{root}/{article.file}: same text as {root}/{twin.file}; read once as one source"
            )
    return out


def read_article(path: Path, rel: str, story: str = "", memo: tuple[dict, dict] | None = None) -> Article:
    """Return the article in one seed file, with its metadata (front matter and HTML win over inference).
    `memo`, (what earlier readings inferred, what this one did), spares inferring again from a text
    the same ingest code read before: keyed by a digest of both."""
    depth = rel.count("/") + 1
    label = "/".join(path.parts[-depth - 1 : -depth] + (rel,))  # "seeds/story/a.txt"
    data = _read_bytes(path, label)
    text, warnings = _decode(data, label)
    meta: dict = {}
    if path.suffix.lower() in {".md", ".markdown"}:
        text, meta = _split_front_matter(text, label)
    elif path.suffix.lower() in {".html", ".htm"}:
        text, meta = _extract_html(text, label)
    if not text.strip():
        raise BadSeedFile(label, "empty file", "remove it or add the article text")
    inferred = _infer(text, memo)
    # an explicit null in front matter wins too: it is how a person says "the text names no publisher"
    fields = {key: meta[key] if key in meta else getattr(inferred, key, None) for key in META_KEYS}
    fields.update(_publisher_given(meta))
    digest = hashlib.sha256(data).hexdigest()
    furniture = [Furniture(start=p.start, end=p.end, kind=p.kind) for p in inferred.furniture]
    names_only = [(f.start, f.end) for f in furniture if f.kind in NAMES_READ]
    return Article(
        rel,
        text,
        digest,
        story,
        not_before=inferred.not_before,
        furniture=furniture,
        skip_spans=sorted(inferred.skip_spans + names_only),
        unread=[(f.start, f.end) for f in furniture if f.kind not in NAMES_READ],
        warnings=warnings,
        **fields,
    )


@functools.cache
def _ingest_code() -> bytes:
    """The code metadata is inferred by: a change to it infers again."""
    return b"".join(Path(m.__file__).read_bytes() for m in (metadata, furniture) if m.__file__)


def _infer(text: str, memo: tuple[dict, dict] | None):
    """infer_metadata(text), from the memo when the same code read the same text before."""
    if memo is None:
        return infer_metadata(text)
    key = hashlib.sha256(_ingest_code() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    found = memo[0].get(key)
    if found is None:
        found = infer_metadata(text)
    memo[1][key] = found
    return found


def _read_bytes(path: Path, label: str) -> bytes:
    """The bytes of a seed file; BadSeedFile when it is not a regular file (a named pipe would hold the
    build for ever) or cannot be read."""
    try:
        kind = editable.not_a_file(path)
        if kind:
            raise BadSeedFile(label, f"{kind}, not a file", "remove it: only regular files are read")
        return path.read_bytes()
    except OSError as exc:
        raise BadSeedFile(
            label, f"cannot be read: {editable.unreadable(exc)}", "make it readable (chmod a+r) or remove it"
        ) from exc


def _publisher_given(fields: dict) -> dict:
    """The type and via a person's publisher leaves: theirs, else none (the inferred ones were about the
    inferred publisher)."""
    if "publisher" not in fields:
        return {}
    return {key: fields.get(key) for key in PUBLISHER_KEYS}


def _story_folders(seeds_dir: Path, warnings: list[str], problems: list[str]) -> list[tuple[str, Path]]:
    """Return (story, folder) pairs: the flat seeds/ itself and each visible sub-folder; a sub-folder
    whose name facts/ holds already is a problem."""
    folders = [("", seeds_dir)]
    for entry in _entries(seeds_dir, seeds_dir.name):
        if entry.is_dir() and _admissible(seeds_dir, entry, _label(seeds_dir, "", entry.name), warnings):
            refused = refused_story_name(entry.name)
            if refused:
                problems.append(refused)
            else:
                folders.append((entry.name, entry))
    return folders


def _entries(folder: Path, label: str, warnings: list[str] | None = None) -> list[Path]:
    """The entries of a folder, sorted; a story folder that cannot be listed is skipped with a warning
    (None: seeds/ itself, an IngestError)."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        if warnings is None:
            raise IngestError(
                f"{label}/: cannot be read ({editable.unreadable(exc)}); make it readable (chmod a+rx)"
            ) from exc
        warnings.append(
            f"{label}/{SKIPPED}cannot be read: {editable.unreadable(exc)}); make it readable (chmod a+rx)"
        )
        return []


def _article_files(seeds_dir: Path, folder: Path, story: str, warnings: list[str]) -> list[Path]:
    """Return the article files directly in folder; warn about everything else that is skipped."""
    files = []
    for path in _entries(folder, _label(seeds_dir, story, ""), warnings if story else None):
        label = _label(seeds_dir, story, path.name)
        if path.name in (SOURCES_FILE, STORY_FILE) or (path.is_dir() and not story):
            continue  # sources.yaml and story.yaml are read separately; top-level folders are stories
        if not _admissible(seeds_dir, path, label, warnings):
            continue
        if path.is_dir() or path.suffix.lower() not in ARTICLE_SUFFIXES:
            warnings.append(f"{label}{SKIPPED}not a .txt, .md or .html article)")
        elif path.stat().st_size > MAX_ARTICLE_BYTES:
            warnings.append(
                f"{label}{SKIPPED}{path.stat().st_size / 1e6:.1f} MB is more than one article; "
                f"split it, or raise FACTSHEET_MAX_ARTICLE_MB above {MAX_ARTICLE_BYTES // 10**6})"
            )
        else:
            files.append(path)
    return files


def _admissible(seeds_dir: Path, path: Path, label: str, warnings: list[str]) -> bool:
    """Return whether path may be read: a name without control characters, not hidden, and not a
    symlink leading out of seeds_dir."""
    if _shown(path.name) != path.name:
        warnings.append(
            f"{label}{SKIPPED}its name holds a control character or a byte that is not UTF-8); rename it"
        )
        return False
    if path.name.startswith("."):
        warnings.append(f"{label}{SKIPPED}hidden file)")
        return False
    if not path.exists():
        warnings.append(f"{label}{SKIPPED}broken symlink)")
        return False
    # a link out of seeds/ could pull arbitrary files into a published site, so it is refused
    if path.is_symlink() and not path.resolve().is_relative_to(seeds_dir.resolve()):
        warnings.append(f"{label}{SKIPPED}symlink to {path.resolve()}, outside seeds/)")
        return False
    return True


def _label(seeds_dir: Path, story: str, name: str) -> str:
    """Return how messages name a file: 'seeds/story/name' (a control character as its escape, \\n)."""
    return "/".join(_shown(p) for p in (seeds_dir.name, story, name) if p)


# a line break or another control character, or a byte of a name that is not UTF-8 (which Python
# reads as a lone surrogate): each would break the header of the fact file, YAML, or a message
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _shown(name: str) -> str:
    """The name with each character that cannot be shown as it is escaped: '\\n', '\\x1b', a byte that
    is not UTF-8 as '\\xff'."""
    return _UNSHOWN.sub(_escape, name)


def _escape(match: re.Match) -> str:
    """The escape of one character _UNSHOWN finds (a lone surrogate 0xDC80-0xDCFF: the byte it stands for)."""
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")


def _decode(data: bytes, label: str) -> tuple[str, list[str]]:
    """Return the bytes as text with newlines normalised, and warnings about the encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadSeedFile(label, f"broken UTF-16 ({exc.reason})", "re-save it as UTF-8") from exc
        return _newlines(text), [
            f"{label}: read as UTF-16; re-save it as UTF-8 so every tool reads the same text"
        ]
    if b"\x00" in data:
        raise BadSeedFile(label, "looks binary, not text", "remove it or save the article as .txt")
    warnings = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        warnings.append(f"{label}: UTF-8 byte order mark dropped; re-save it without BOM")
    try:
        return _newlines(data.decode("utf-8")), warnings
    except UnicodeDecodeError as exc:
        byte, at = exc.object[exc.start], exc.start
        warnings.append(
            f"{label}: not valid UTF-8 (byte 0x{byte:02X} at offset {at}); read as cp1252"
            " — re-save it as UTF-8 to silence this"
        )
        return _newlines(data.decode("cp1252", errors="replace")), warnings


def _newlines(text: str) -> str:
    """Return text with \\r\\n and \\r turned into \\n (the only change the contract allows)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str, label: str) -> tuple[str, dict]:
    """Return the Markdown body after its optional YAML front matter, and the front matter's fields."""
    if not re.match(r"---[ \t]*\n", text):
        return text, {}
    match = yaml.FRONT_MATTER.match(text)
    if not match:
        raise IngestError(f"{label}: line 1: front matter is never closed; end it with a line '---'")
    try:
        data, root = editable.read(match.group(1) or "", first_line=2)
        if data is None:
            return text[match.end() :], {}
        fields = editable.validate(SourceFields, data, root, first_line=2)
    except editable.EditableError as exc:
        raise _refusal(exc, label, "front matter", f"{label}: bad front matter; fix it:") from exc
    return text[match.end() :], fields.given()


def _extract_html(html: str, label: str) -> tuple[str, dict]:
    """Return the article text trafilatura finds in an HTML page, and the page's title, date and site."""
    import trafilatura  # slow to import; only HTML seeds need it

    text = trafilatura.extract(html, output_format="txt", include_comments=False, with_metadata=False)
    if not text or not text.strip():
        raise BadSeedFile(
            label, "no article text found in this HTML page", "save the article as .txt instead"
        )
    doc = trafilatura.extract_metadata(html)
    if not doc:
        return _newlines(text), {}
    meta = {"title": doc.title, "publisher": doc.sitename, "byline": doc.author, "url": doc.url}
    meta["published"] = parse_date(doc.date) if doc.date else None
    return _newlines(text), {key: value for key, value in meta.items() if value}  # the page may lack some


class SourceFields(BaseModel):
    """The metadata a person gives an article (front matter, or its entry in seeds/sources.yaml)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    byline: str | None = None
    type: SourceType | None = None
    via: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date(cls, value):
        """A date written as YYYY-MM-DD (or any full date) becomes YYYY-MM-DD."""
        if value is None or not isinstance(value, str | dt.date):
            return value
        parsed = parse_date(value.isoformat() if isinstance(value, dt.date) else value)
        if not parsed:
            raise ValueError("not a date")
        return parsed

    def given(self) -> dict:
        """The fields the person wrote (a null among them), not the defaults."""
        return {key: getattr(self, key) for key in self.model_fields_set}


SourcesFile = RootModel[dict[str, SourceFields]]


def _read_sources(path: Path, label: str) -> dict[str, dict]:
    """Return sources.yaml as {file name: fields}; raise IngestError listing every problem in it."""
    if not (path.exists() or path.is_symlink()):
        return {}
    try:
        data, root = editable.read(_decode(_read_bytes(path, label), label)[0])
        if data is None:
            return {}
        if not isinstance(data, dict):
            line = root.start_mark.line + 1 if root is not None else 1
            raise IngestError(f"{label}: line {line}: expected a mapping of file name -> fields")
        data = {str(key): value for key, value in data.items()}  # '12: {...}' names the file 12
        sources = editable.validate(SourcesFile, data, root).root
    except editable.EditableError as exc:
        head = f"{len(exc.problems)} problem(s) in {label}; fix them:"
        raise _refusal(exc, label, None, head) from exc
    return {name: fields.given() for name, fields in sources.items()}


def _problem(label: str, owner: str | None, p: editable.Problem) -> str:
    """'seeds/sources.yaml: line 3: a.txt: published: expected text, got seq'."""
    return editable.message(label, p, META_KEYS, owner, _WORDS)


_MAPPING = f"expected a mapping with keys {', '.join(META_KEYS)}"
_WORDS = {  # how the errors of a source's fields are told
    "model_type": lambda p: _MAPPING,
    "dict_type": lambda p: _MAPPING,
    "model_attributes_type": lambda p: _MAPPING,
    "value_error": lambda p: f"not a date ({p.value!r}); write YYYY-MM-DD",
    "literal_error": lambda p: f"not a source type ({p.value!r}); write one of: {', '.join(SOURCE_TYPES)}",
}


def _refusal(exc: editable.EditableError, label: str, owner: str | None, head: str) -> IngestError:
    """The IngestError for an edited file's problems: a syntax error alone, else head and the list."""
    problems = [_problem(label, owner, p) for p in exc.problems]
    if len(problems) == 1 and exc.problems[0].error == "yaml":
        return IngestError(problems[0])
    return IngestError("\n".join([head, *(f"  - {p}" for p in problems)]))


def _apply_overrides(article: Article, fields: dict) -> Article:
    """Return article with the sources.yaml fields (which win over everything) set on it."""
    for key, value in {**fields, **_publisher_given(fields)}.items():
        setattr(article, key, value)
    return article
