"""The recipe: seeds/ -> facts/ -> docs/ -> site/. Each step is one stage module."""

from __future__ import annotations

import copy
import hashlib
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import check
from generator.ingest.seeds import read_seeds
from generator.ingest.storyfile import read_story_files, story_files
from generator.models import Article, ArticleFacts, Story, source_fields
from generator.publish import swap
from generator.publish.build import build_site
from generator.site import render
from generator.store import cache, changes, facts, journal
from generator.store.lock import build_lock
from generator.store.stories import write_stories
from generator.story import corrections as curate
from generator.story import make_story
from generator.story.corrections import Correction, Outcome


@dataclass
class Config:
    """Where a project keeps its files, and how strict the build is."""

    root: Path = Path(".")
    strict: bool = True  # MkDocs warnings fail the site build
    warnings_fatal: bool = False  # a warning about seeds/ stops the build before anything is written
    build_site: bool = True
    discard_edits: bool = False  # overwrite fact files edited by hand
    jobs: int = 1  # extraction worker processes
    dask: str | None = None  # tcp://host:port of a Dask scheduler to extract on
    progress: bool | None = None  # progress bars (None: when stderr is a terminal)

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def facts(self) -> Path:
        return self.root / "facts"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


@dataclass
class Report:
    """What a build did, for the user and for tests."""

    articles: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    conflicts: int = 0
    site_built: bool = False
    added: list[str] = field(default_factory=list)  # seed files extracted for the first time
    changed: list[str] = field(default_factory=list)  # seed files re-extracted (text or extractor changed)
    removed: list[str] = field(default_factory=list)  # seed files gone since the last build
    reused: list[str] = field(default_factory=list)  # seed files whose cached facts were kept
    corrections: int = 0
    stale: list[str] = field(default_factory=list)
    history: list = field(default_factory=list)  # changes.ChangeEntry, newest first
    up_to_date: bool = False  # nothing changed since the last complete build: nothing was redone
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per stage, in run order

    def summary(self) -> list[str]:
        """The lines that tell what the build did: printed by the command line, logged by the plugin."""
        articles = (
            f"articles: {len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {len(self.reused)} reused; {self.corrections} corrections applied"
        )
        counts = ", ".join(f"{n} {k}" for k, n in self.facts.items())
        found = f"{self.articles} articles -> {counts}; {self.conflicts} disputed figures; "
        if self.up_to_date:
            return [articles, found + "nothing changed: pages and site are up to date"]
        return [articles, found + f"{self.pages} pages" + ("; site/ built" if self.site_built else "")]

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Add the wall time of the enclosed block to `stage`."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


def texts_of(articles: list[Article]) -> dict[str, str]:
    """{source file: article text}, the ground truth every cite is checked against."""
    return {a.file: a.text for a in articles}


def count_facts(all_facts: list[ArticleFacts]) -> dict[str, int]:
    """How many facts of each section the build extracted."""
    sections = ("who", "what", "figures", "quotes")
    return {s: sum(len(getattr(f, s)) for f in all_facts) for s in sections}


def stories_of(
    articles: list[Article],
    all_facts: list[ArticleFacts],
    corrections: Sequence[Correction] = (),
    outcome: Outcome | None = None,
) -> list[Story]:
    """One Story per seeds/ sub-folder ("" for the articles right in seeds/), each reconciled on its own."""
    texts = texts_of(articles)
    stories = []
    for slug in sorted({af.source.story for af in all_facts}):
        mine = [af for af in all_facts if af.source.story == slug]
        mine_texts = {af.source.file: texts[af.source.file] for af in mine if af.source.file in texts}
        stories.append(make_story(slug, mine, mine_texts, corrections, outcome))
    return stories


def extract_changed(
    articles: list[Article], cached: dict[str, ArticleFacts], report: Report, config: Config | None = None
) -> list[ArticleFacts]:
    """Facts of every article: cached ones reused when text, metadata and extractor are unchanged,
    the others extracted (the language model is loaded only if one needs it)."""
    from generator.extract import extractor_version
    from generator.workers import extract_all

    config = config or Config()

    version, todo, out = extractor_version(), [], {}
    for article in articles:
        old = cached.get(article.file)
        if (
            old is not None
            and old.extractor == version
            and old.source.model_dump(include=set(recorded := source_fields(article))) == recorded
        ):
            out[article.file] = old
            report.reused.append(article.file)
        else:
            todo.append(article)
            (report.changed if old is not None else report.added).append(article.file)
    for af in extract_all(todo, config.jobs, config.dask, config.progress) if todo else []:
        out[af.source.file] = af
        report.warnings += af.warnings
    report.removed = sorted(set(cached) - set(out))
    return [out[a.file] for a in articles]


def build(config: Config) -> Report:
    """Run the whole pipeline and return its report; one build of a project runs at a time."""
    with build_lock(config.root):
        return _build(config)


def _build(config: Config) -> Report:
    """The pipeline, step by step (under the build lock)."""
    report = Report()
    # 0. Put back whatever a killed build left half-swapped, and finish the fact files it was writing.
    report.warnings += swap.recover(config.root)
    report.warnings += journal.recover(config.facts)
    # 1. Read the articles in seeds/ and the editors' corrections (both checked before anything
    #    is written, so a bad input leaves the previous facts/, docs/ and site/ as they were).
    with report.timed("read"):
        articles, warnings = read_seeds(config.seeds, strict=config.warnings_fatal)
        report.warnings += warnings
        report.articles = len(articles)
        settings = read_story_files(config.seeds)
        corrections = curate.load(config.facts / curate.CURATION_FILE)
    # 2. Extract who, what, figures and quotes from the new and changed articles, each fact cited;
    #    unchanged articles keep their fact files (no language model at all when nothing changed).
    with report.timed("read"):
        cached = cache.cached_facts(config.facts)
    with report.timed("extract"):
        raw = extract_changed(articles, cached, report, config)
    stamp = build_stamp(config, raw)
    last = last_build(config, stamp)
    if not (report.added or report.changed or report.removed) and last is not None:
        # nothing to redo: same inputs, same code; the report repeats what the last build found
        report.facts, report.up_to_date = count_facts(raw), True
        report.corrections, report.stale, report.conflicts = (
            last["corrections"],
            last["stale"],
            last["conflicts"],
        )
        return report
    report.facts = count_facts(raw)
    # 3. Write the per-article fact files (the extraction as it is, reviewed in diffs) and record
    #    which facts this regeneration added, changed or removed, both or neither (a journal).
    with report.timed("write facts"):
        reused = set() if config.discard_edits else set(report.reused)  # discarding edits rewrites all
        writes, removes = facts.plan_all(config.facts, raw, config.discard_edits, reused)
        entry = changes.diff(list(cached.values()), raw)
        report.history = journal.commit(config.facts, writes, removes, entry)
        cache.keep_parsed(config.facts, raw)
    # 4. Apply the corrections, then reconcile each story (seeds/ sub-folder): one entity per real
    #    entity, reports of one quantity grouped, one timeline entry per event.
    with report.timed("reconcile"):
        outcome = curate.Outcome()
        curated = copy.deepcopy(raw)
        curate.apply_to_articles(curated, corrections, outcome)
        stories = stories_of(articles, curated, corrections, outcome)
        for story in stories:
            fields = settings.get(story.slug)
            story.title, story.summary = (fields.title, fields.summary) if fields else (None, None)
        report.corrections, report.stale = len(set(outcome.applied)), curate.stale(corrections, outcome)
        report.conflicts = sum(g.status == "conflicting" for s in stories for g in s.figures)
    # 5. Write the cross-source files in facts/ (flat seeds/) or facts/<story>/.
    with report.timed("write facts"):
        write_stories(config.facts, stories)
    # 6. Render each story as Markdown pages with footnote citations, into a staging copy of docs/.
    with report.timed("render"):
        docs = swap.stage_copy(config.root, "docs")
        report.pages = len(
            render.render_stories(
                stories, docs, history=report.history, progress=config.progress, jobs=config.jobs
            )
        )
    # 7. Check every citation against its article and every page for its citations.
    with report.timed("check"):
        check.run_check(curated, texts_of(articles), docs)
    # 8. Build the static site with MkDocs from the staged pages, into a staging site/.
    if config.build_site:
        with report.timed("mkdocs"):
            newest = max((a.published for a in articles if a.published), default=None)
            staged_site = swap.staging(config.root, "site")
            build_site(
                config.root, strict=config.strict, docs_dir=docs, site_dir=staged_site, source_date=newest
            )
    # 9. Swap the new docs/ and site/ in, each whole.
    with report.timed("swap"):
        swap.swap(config.root, "docs", docs)
        if config.build_site:
            swap.swap(config.root, "site", staged_site)
            report.site_built = True
        record_stamp(config, stamp, report)
    return report


def build_stamp(config: Config, raw: list[ArticleFacts]) -> str:
    """A hash of everything the pages and the site are made from: the facts, the corrections,
    mkdocs.yml and the generator's own code and templates."""
    digest = hashlib.sha256()
    for af in sorted(raw, key=lambda a: a.source.file):
        digest.update(f"{af.source.file}\0{af.source.sha256}\0{af.extractor}\n".encode())
    for path in (config.facts / curate.CURATION_FILE, config.root / "mkdocs.yml"):
        digest.update(path.read_bytes() if path.exists() else b"-")
    for slug, path in story_files(config.seeds).items():  # a story's title and summary
        digest.update(f"\0story {slug}\0".encode() + path.read_bytes())
    code = Path(__file__).parent
    for path in sorted(
        p for p in code.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".css", ".html")
    ):
        digest.update(path.read_bytes())
    digest.update(f"site={config.build_site} strict={config.strict}".encode())
    return digest.hexdigest()


def docs_state(config: Config) -> str:
    """A digest of docs/ as it is on disk: each file's path, size and modification time (a stat each, no
    file read). The pages factsheet generates keep theirs between builds (an unchanged page is not
    rewritten), so the digest changes when a person adds, edits or removes a file there (a page of their
    own, an image), which MkDocs builds into the site with the generated pages."""
    digest = hashlib.sha256()
    files = sorted(p for p in config.docs.rglob("*") if not p.is_dir()) if config.docs.is_dir() else []
    for path in files:
        st = path.lstat()
        digest.update(
            f"{path.relative_to(config.docs).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


def last_build(config: Config, stamp: str) -> dict | None:
    """What the last complete build found, when it had the same stamp, its output is still there and
    docs/ is as it left it."""
    outputs = [
        config.docs / ".nav.yml",
        *([config.root / "site" / "index.html"] if config.build_site else []),
    ]
    last = cache.read_stamp(config.root) if all(p.exists() for p in outputs) else None
    if last is None or last.get("stamp") != stamp or last.get("docs") != docs_state(config):
        return None
    return last


def record_stamp(config: Config, stamp: str, report: Report) -> None:
    """Remember the stamp of a complete build and what it found."""
    record = {
        "stamp": stamp,
        "docs": docs_state(config),
        "corrections": report.corrections,
        "stale": report.stale,
        "conflicts": report.conflicts,
    }
    cache.write_stamp(config.root, record)


def check_project(config: Config) -> int:
    """Check the committed fact files and pages against the seeds; returns the facts checked."""
    articles, _ = read_seeds(config.seeds)
    all_facts = facts.read_all(config.facts)
    check.run_check(all_facts, texts_of(articles), config.docs)
    return sum(count_facts(all_facts).values())
