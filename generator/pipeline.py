"""The recipe: seeds/ -> facts/ -> docs/ -> site/. Each step is one stage module."""

from __future__ import annotations

import copy
import functools
import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import check, forked
from generator.collector import fewer_collections
from generator.forked import forked_pool
from generator.ingest.seeds import read_seeds
from generator.ingest.storyfile import read_story_files, story_files
from generator.models import Article, ArticleFacts, FigureGroup, Story, source_fields
from generator.preload import Preloaded
from generator.publish import swap
from generator.publish.build import Ready, build_site, build_story_sites, nothing, ready
from generator.site import render
from generator.site.page import compile_in
from generator.store import cache, changes, facts, journal, seedbytes
from generator.store.lock import build_lock
from generator.store.stories import write_stories
from generator.story import corrections as curate
from generator.story import make_story
from generator.story.corrections import Correction, Outcome
from generator.story.figures import reconcile_figures


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
    stories: list[str] = field(default_factory=list)  # every story (seeds/ sub-folder, "" for a flat one)
    reconciled: list[str] = field(default_factory=list)  # stories reconciled (the others: kept as they were)
    rendered: list[str] = field(default_factory=list)  # stories whose pages were rendered and checked
    sites: list[str] = field(default_factory=list)  # stories whose site part MkDocs built
    conversions: tuple[int, int] = (0, 0)  # (pages MkDocs took from its render cache, pages it built)
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
        lines = [articles, found + f"{self.pages} pages" + ("; site/ built" if self.site_built else "")]
        if len(self.stories) > 1:
            lines.append(
                f"stories: {len(self.stories)}; reconciled {_names(self.reconciled)}; "
                f"pages rendered for {_names(self.rendered)}; site built for {_names(self.sites)}"
                + (
                    f" ({self.conversions[0]} of {self.conversions[1]} pages' HTML reused)"
                    if self.sites
                    else ""
                )
            )
        return lines

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Add the wall time of the enclosed block to `stage`."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


def _names(stories: list[str]) -> str:
    """'politics, sport' or 'none', the stories a build line names."""
    return ", ".join(s or "(seeds/)" for s in stories) or "none"


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


def mkdocs_processes(config: Config, several: bool) -> int:
    """How many MkDocs processes a build starts ahead of its site's runs: one per job for a site of
    several stories (their parts are built side by side, the top part beside them), else one."""
    return (max(config.jobs, 2) if several else 1) if config.build_site else 0


def extract_changed(
    articles: list[Article],
    cached: dict[str, ArticleFacts],
    report: Report,
    config: Config | None = None,
    changing: Callable[[], None] = nothing,
    preloaded: Preloaded | None = None,
) -> list[ArticleFacts]:
    """Facts of every article: cached ones reused when text, metadata and extractor are unchanged,
    the others extracted (the language model is loaded only if one needs it). `changing` runs when an
    article is to be extracted or is gone (the build will not stop at nothing-to-do): first, while
    the cores are free, unless local worker processes take them to extract; then after them.
    `preloaded` (a process that loaded the model, generator/preload.py) extracts them when this
    process would; it is stopped otherwise."""
    from generator.extract import extractor_version
    from generator.progress import progress as progress_bar
    from generator.workers import extract_all, in_local_processes

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
    later = in_local_processes(todo, config.jobs, config.dask)
    if not later and (todo or set(cached) - {a.file for a in articles}):
        changing()
    given = None  # the facts of `todo`, from the preloaded process when this one would extract them
    if preloaded is not None and todo and not later and not config.dask:
        with progress_bar(len(todo), config.progress, "extracting") as advance:
            if (given := preloaded.extract(todo)) is not None:
                advance(len(todo))
    if preloaded is not None:
        preloaded.close()
    if todo and given is None:
        given = extract_all(todo, config.jobs, config.dask, config.progress)
    for af in given or []:
        out[af.source.file] = af
        report.warnings += af.warnings
    if later:
        changing()
    report.removed = sorted(set(cached) - set(out))
    return [out[a.file] for a in articles]


def build(
    config: Config,
    preloaded: Preloaded | None = None,
    seed_bytes: seedbytes.Digests | None = None,
    started: Ready | None = None,
) -> Report:
    """Run the whole pipeline and return its report; one build of a project runs at a time.
    `preloaded`: a process loading the language model, started before this build (cli.py), for
    extract_changed to use or stop; `seed_bytes`: the digests of seeds/ it was started on (taken now
    when not given), recorded when the build completes for the next build's guess; `started`: MkDocs
    processes started before this build for its site (watch.py), the ones left stopped at its end."""
    try:
        with build_lock(config.root), fewer_collections(), ExitStack() as stack:
            seed_bytes = seedbytes.digests(config.seeds) if seed_bytes is None else seed_bytes
            report = _build(config, stack, preloaded, started)
            seedbytes.record(config.root, seed_bytes)
            return report
    finally:
        if preloaded is not None:  # not used after all (a build that stopped, or nothing to extract)
            preloaded.close()
        if started is not None:  # the processes no MkDocs run took
            started.close()
        cache.drop_read_ahead()  # watch.py's copies of the cache's files that this build did not take


def _build(
    config: Config, stack: ExitStack, preloaded: Preloaded | None = None, started: Ready | None = None
) -> Report:
    """The pipeline, step by step (under the build lock; what the steps open is closed with `stack`)."""
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
        parsed: set[str] = set()  # the seed files whose fact files were read from YAML, not the cache
        cached = cache.cached_facts(config.facts, parsed)
    # MkDocs processes for step 8, started as soon as the build is known to go on (before the language
    # model loads, when a few articles changed): they import MkDocs, the theme and plugins meanwhile
    several = len({a.story for a in articles}) > 1
    starting: list[Ready] = []

    def start_mkdocs() -> None:
        if started is not None:
            starting.append(started)
        else:
            starting.append(stack.enter_context(ready(config.root, mkdocs_processes(config, several))))

    with report.timed("extract"):
        raw = extract_changed(articles, cached, report, config, changing=start_mkdocs, preloaded=preloaded)
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
    if not starting:  # no article changed, but something else did (mkdocs.yml, a story.yaml, the code)
        start_mkdocs()
    processes = starting[0]

    # 3. Write the per-article fact files (the extraction as it is, reviewed in diffs) and record
    #    which facts this regeneration added, changed or removed, both or neither (a journal).
    def write_fact_files() -> None:
        with report.timed("write facts"):
            reused = set() if config.discard_edits else set(report.reused)  # discarding edits rewrites all
            writes, removes = facts.plan_all(config.facts, raw, config.discard_edits, reused, config.jobs)
            entry = changes.diff(list(cached.values()), raw)
            report.history = journal.commit(config.facts, writes, removes, entry)
            cache.keep_parsed(config.facts, raw, touched_stories(cached, raw, writes, removes, parsed))

    # 4. Apply the corrections, then reconcile each story (seeds/ sub-folder): one entity per real
    #    entity, reports of one quantity grouped, one timeline entry per event. A story none of whose
    #    inputs changed is taken as the last build reconciled it. In a rebuild, the fact files of
    #    step 3 are written while worker processes reconcile (their time is counted in both stages).
    with report.timed("reconcile"):
        keys = story_keys(config, raw)
        stories, applied = reconcile(
            config, articles, raw, keys, corrections, settings, report, meanwhile=write_fact_files
        )
        outcome = curate.Outcome(applied=applied)
        report.corrections, report.stale = len(set(outcome.applied)), curate.stale(corrections, outcome)
        report.conflicts = sum(g.status == "conflicting" for s in stories for g in s.figures)

    # 5. The cross-source files in facts/ (flat seeds/) or facts/<story>/, of the stories reconciled, are
    #    written in step 7, while MkDocs builds (nothing later in the build reads them).
    def write_story_files() -> None:
        with report.timed("write facts"):
            write_stories(config.facts, stories, only=set(report.reconciled), jobs=config.jobs)
            cache.settle_stories(config.facts, report.reconciled)

    # 6. Render each story as Markdown pages with footnote citations, into a staging copy of docs/:
    #    a story whose facts, folder and title are as the last build left them keeps its pages (and,
    #    when its site part stays as well, its folder is carried over by the swap, not staged).
    last_stories = (cache.read_stamp(config.root) or {}).get("stories", {})
    folders = render.story_folders(stories)
    with report.timed("render"):
        compile_in(cache.templates_cache_dir(config.root))
        views = render.story_views(stories)
        titles = {view.story.slug: view.title for _, view in views}
        kept = kept_pages(config, stories, keys, titles, last_stories)
        kept_parts = story_parts(
            config,
            [s for s in stories if s.slug in kept],
            folders,
            {slug: last_stories[slug]["docs"] for slug in kept},
            articles,
            keys,
            titles,
            {slug: last_stories[slug]["pages"] for slug in kept},
        )
        last_sites = {s: v.get("site") for s, v in last_stories.items()}
        carried = tuple(
            p.folder for p in kept_parts if not config.build_site or site_reused(config, p, last_sites)
        )
        docs = swap.stage_copy(config.root, "docs", leave=carried)
        report.rendered = [s.slug for s in stories if s.slug not in kept]
        written = render.render_stories(
            stories,
            docs,
            history=report.history,
            progress=config.progress,
            jobs=config.jobs,
            kept=kept,
            views=views,
        )
        pages = pages_per_story(stories, docs, written, kept, last_stories)
        report.pages = len(written) + sum(pages[slug] for slug in kept)
    # 7. Write the files of step 5, then check every citation against its article and every page for
    #    its citations (of the stories rendered: the kept ones were checked when they were written),
    #    while MkDocs builds the site.
    fresh = [af for s in stories if s.slug not in kept for af in s.facts]

    def write_and_check() -> None:
        write_story_files()
        with report.timed("check"):
            check.run_check(fresh, texts_of(articles), docs, skip=tuple(folders[slug] + "/" for slug in kept))

    # 8. Build the static site with MkDocs from the staged pages, into a staging site/: a story of
    #    several is a site of its own in site/<story>/, built again only when its pages changed. A
    #    failed check stops MkDocs, and nothing is swapped in.
    rendered = [s for s in stories if s.slug not in kept]
    states = {s.slug: folder_state(docs / folders[s.slug]) if folders[s.slug] else "" for s in rendered}
    made = story_parts(config, rendered, folders, states, articles, keys, titles, pages)
    order = {s.slug: i for i, s in enumerate(stories)}
    parts = sorted(kept_parts + made, key=lambda p: order[p.slug])
    site_carried: tuple[str, ...] = ()
    if config.build_site:
        with report.timed("mkdocs"):  # step 7's time included (it runs beside MkDocs)
            newest = max((a.published for a in articles if a.published), default=None)
            staged_site = swap.staging(config.root, "site")
            report.sites, report.conversions, site_carried = build_sites(
                config, docs, staged_site, newest, parts, last_sites, write_and_check, carried, processes
            )
    else:
        write_and_check()
    # 9. Swap the new docs/ and site/ in, each whole, the parts that stayed as they were carried over.
    with report.timed("swap"):
        olds = [swap.swap(config.root, "docs", docs, remove=False, carry=carried)]
        if config.build_site:
            olds.append(swap.swap(config.root, "site", staged_site, remove=False, carry=site_carried))
            report.site_built = True
        record_stamp(config, stamp, report, parts)
        swap.remove_all(olds)
    return report


def touched_stories(
    cached: dict[str, ArticleFacts],
    raw: list[ArticleFacts],
    writes: dict[str, str],
    removes: list[str],
    parsed: set[str],
) -> set[str]:
    """The stories whose parsed fact files the cache must keep again: those with a fact file written,
    removed or read from YAML this build (the others' cache entries are as the last build kept them)."""
    written = set(writes) | set(removes)
    return {
        af.source.story
        for af in [*raw, *cached.values()]
        if af.source.file in parsed or f"articles/{facts.fact_file_name(af.source.file)}" in written
    }


def story_keys(config: Config, raw: list[ArticleFacts]) -> dict[str, str]:
    """{story: a hash of everything its reconciled facts and pages are made from}: its articles' facts
    (source, text hash, extractor, metadata), the corrections, its story.yaml and the generator's code."""
    base = hashlib.sha256(code_digest().encode())
    path = config.facts / curate.CURATION_FILE
    base.update(path.read_bytes() if path.exists() else b"-")
    files = story_files(config.seeds)
    keys = {}
    for slug in sorted({af.source.story for af in raw}):
        digest = base.copy()
        digest.update(files[slug].read_bytes() if slug in files else b"-")
        for af in sorted((af for af in raw if af.source.story == slug), key=lambda a: a.source.file):
            digest.update(f"\0{af.source.file}\0{af.extractor}\0{af.source.model_dump_json()}".encode())
        keys[slug] = digest.hexdigest()
    return keys


def reconcile(
    config: Config,
    articles: list[Article],
    raw: list[ArticleFacts],
    keys: dict[str, str],
    corrections: list[Correction],
    settings: dict,
    report: Report,
    meanwhile: Callable[[], None] = nothing,
) -> tuple[list[Story], list[str]]:
    """(every story, reconciled or kept from the last build when its key is unchanged; the corrections
    the stories applied). The corrections are applied to a copy of each reconciled story's facts.
    Stories to reconcile are shared among `config.jobs` forked processes, each keeping its stories
    in the cache, from which this process then reads them.

    `meanwhile` runs in this process before anything is reconciled; or, when some stories are kept (a
    rebuild), once the workers have started, and then this process reads the kept stories too. (A
    cold build leaves the cores to the workers: `meanwhile` has forked workers of its own.)"""
    todo = [slug for slug, key in keys.items() if not cache.story_kept(config.facts, slug, key)]
    beside = len(todo) < len(keys)
    if not beside:
        meanwhile()
    inputs = (config, raw, texts_of(articles), corrections, settings, keys)
    # fewer stories to reconcile than processes: each worker reconciles its story's figures in one more
    split = config.jobs >= 2 * len(todo)
    with forked_pool(config.jobs, len(todo), shared=inputs, meanwhile=beside) as pool:
        futures = {slug: pool.submit(_keep_reconciled, slug, split) for slug in todo} if pool else {}
        if beside:
            meanwhile()
        found = {
            slug: cache.cached_story(config.facts, slug, keys[slug]) for slug in keys if slug not in todo
        }
        todo += [slug for slug, kept in found.items() if kept is None]  # kept, but unreadable
        for slug in todo:
            if slug in futures:
                futures[slug].result()
                found[slug] = cache.cached_story(config.facts, slug, keys[slug], pending=True)
            found[slug] = found.get(slug) or _reconcile_story(slug)  # also when the cache could not keep it
    report.stories += list(keys)
    report.reconciled += [slug for slug in keys if slug in todo]
    cache.forget_stories(config.facts, set(keys))
    made = [kept for slug in keys if (kept := found[slug]) is not None]
    return [story for story, _ in made], [name for _, applied in made for name in applied]


def _reconcile_story(slug: str, split: bool = False) -> tuple[Story, list[str]]:
    """(the story `slug` reconciled from its articles' facts with the corrections applied, the
    corrections it applied), kept in the cache under its key (pending until its cross-source files are
    written); its inputs are reconcile()'s (forked.shared()). With `split`, its figures are reconciled
    by a forked process of its own meanwhile (on a core the build leaves free)."""
    config, raw, texts, corrections, settings, keys = forked.shared()
    mine = copy.deepcopy([af for af in raw if af.source.story == slug])
    part = curate.Outcome()
    curate.apply_to_articles(mine, corrections, part)
    own = {af.source.file: texts[af.source.file] for af in mine}
    with forked_pool(2 if split else 1, 1, shared=(mine, own), meanwhile=True) as pool:
        figures = pool.submit(_story_figures).result if pool else None
        story = make_story(slug, mine, own, corrections, part, figures=figures)
    fields = settings.get(slug)
    story.title, story.summary = (fields.title, fields.summary) if fields else (None, None)
    cache.keep_story(config.facts, keys[slug], story, part.applied)
    return story, part.applied


def _keep_reconciled(slug: str, split: bool = False) -> None:
    """A worker's task: reconcile a story and keep it in the cache (the story itself goes back to the
    parent by that file, which it reads anyway, not pickled once more on the way)."""
    _reconcile_story(slug, split)


def _story_figures() -> list[FigureGroup]:
    """A worker's task: the figure groups of the corrected facts and texts of the story being reconciled
    (forked.shared(), see _reconcile_story)."""
    mine, texts = forked.shared()
    return reconcile_figures(mine, texts)


def kept_pages(
    config: Config, stories: list[Story], keys: dict[str, str], titles: dict[str, str], last: dict[str, dict]
) -> dict[str, str]:
    """{story: its facts.json text} of the stories of several whose pages the last build wrote from the
    same key, in the same folder under the same title, and which are still as it left them."""
    if len(stories) < 2:
        return {}
    folders = render.story_folders(stories)
    kept = {}
    for story in stories:
        before, folder = last.get(story.slug), folders[story.slug]
        if not before or (before.get("key"), before.get("folder"), before.get("title")) != (
            keys[story.slug],
            folder,
            titles[story.slug],
        ):
            continue
        data = config.docs / folder / render.FACTS_JSON
        if before.get("docs") == folder_state(config.docs / folder) and data.is_file():
            kept[story.slug] = render.json_body(data.read_text(encoding="utf-8"))
    return kept


@dataclass
class Part:
    """One story's part of the site: its folder under docs/ and site/ ("" for a lone story), its
    title, and what its pages were made from."""

    slug: str
    folder: str
    title: str
    key: str
    pages: int
    docs: str  # folder_state of its pages after rendering
    site: str  # a hash of what MkDocs builds its site part from
    newest: str | None  # its newest source's date (the date MkDocs' sitemap gives its pages)


def pages_per_story(
    stories: list[Story], docs: Path, written: list[Path], kept: dict[str, str], last: dict[str, dict]
) -> dict[str, int]:
    """{story: how many pages (and nav and style files) its rendering wrote}: counted for the stories
    rendered, as the last build counted them for the kept ones."""
    folders = render.story_folders(stories)
    counts = Counter(
        p.relative_to(docs).parts[0] if len(p.relative_to(docs).parts) > 1 else "" for p in written
    )
    return {s.slug: last[s.slug]["pages"] if s.slug in kept else counts[folders[s.slug]] for s in stories}


def story_parts(
    config: Config,
    stories: list[Story],
    folders: dict[str, str],
    states: dict[str, str],
    articles: list[Article],
    keys: dict[str, str],
    titles: dict[str, str],
    pages: dict[str, int],
) -> list[Part]:
    """The site parts of `stories` (`folders`: every story's, see render.story_folders; `states`: each
    of these stories' folder_state of its pages, "" for a lone story's)."""
    mkdocs_yml = config.root / "mkdocs.yml"
    base = hashlib.sha256(code_digest().encode() + (mkdocs_yml.read_bytes() if mkdocs_yml.exists() else b"-"))
    base.update(f"strict={config.strict} {site_versions()}".encode())
    parts = []
    for story in stories:
        folder = folders[story.slug]
        newest = max((a.published for a in articles if a.story == story.slug and a.published), default=None)
        state = states[story.slug]
        site = base.copy()
        site.update(f"{folder}\0{state}\0{newest}".encode())
        parts.append(
            Part(
                story.slug,
                folder,
                titles[story.slug],
                keys[story.slug],
                pages[story.slug],
                state,
                site.hexdigest(),
                newest,
            )
        )
    return parts


def site_reused(config: Config, part: Part, last: dict[str, str]) -> bool:
    """Whether a story's site part is as the last build made it (and still there), so it stays."""
    return (
        bool(part.folder)
        and last.get(part.slug) == part.site
        and (config.root / "site" / part.folder / "index.html").is_file()
    )


def build_sites(
    config: Config,
    docs: Path,
    staged_site: Path,
    newest: str | None,
    parts: list[Part],
    last: dict[str, str],
    meanwhile: Callable[[], None] = nothing,
    carried: tuple[str, ...] = (),
    started: Ready | None = None,
) -> tuple[list[str], tuple[int, int], tuple[str, ...]]:
    """Build the site into staged_site, running `meanwhile` while MkDocs builds; return the stories
    whose site part MkDocs built, how many of their pages' conversions it reused of how many
    (publish/rendercache.py), and the folders of the parts that stay as they are, for the swap to
    carry over from site/. A lone story is one MkDocs site; several are a top site (the stories index,
    What's new) with a site per story in site/<story>/, where a story whose site part is as the last
    build made it stays (always so for `carried`, the story folders not staged in docs)."""
    if len(parts) == 1:
        build_site(
            config.root,
            strict=config.strict,
            docs_dir=docs,
            site_dir=staged_site,
            source_date=newest,
            meanwhile=meanwhile,
            started=started,
        )
        return [parts[0].slug], (0, 0), ()
    reuse = [p for p in parts if p.folder in carried or site_reused(config, p, last)]
    todo = [p for p in parts if p not in reuse]
    conversions = build_story_sites(
        config.root,
        strict=config.strict,
        docs_dir=docs,
        site_dir=staged_site,
        top_date=newest,
        stories=[(p.folder, p.newest) for p in todo],
        folders=[p.folder for p in parts],
        jobs=max(config.jobs, 2),
        cache_dir=cache.render_cache_dir(config.root),
        meanwhile=meanwhile,
        started=started,
    )
    return [p.slug for p in todo], conversions, tuple(p.folder for p in reuse)


@functools.cache
def code_digest() -> str:
    """A hash of the generator's own code and templates."""
    digest = hashlib.sha256()
    code = Path(__file__).parent
    for path in sorted(
        p for p in code.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".css", ".html")
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def site_versions() -> str:
    """The versions of what MkDocs builds the site with."""
    from generator.publish.rendercache import versions

    return versions()


def folder_state(folder: Path) -> str:
    """A digest of a folder as it is on disk: each file's path, size and modification time (a stat
    each, no file read); see docs_state."""
    digest = hashlib.sha256()
    # in the order Paths sort (part by part)
    files = sorted(_files_in(folder), key=lambda f: f[0].split("/")) if folder.is_dir() else []
    for rel, st in files:
        digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _files_in(folder: Path, prefix: str = "") -> Iterator[tuple[str, os.stat_result]]:
    """(path under the folder, lstat) of every file below it: one scandir per folder, the type of each
    entry from the listing itself (a folder of pages is tens of thousands of files)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir():
                yield from _files_in(Path(entry.path), rel + "/")
            else:
                yield rel, entry.stat(follow_symlinks=False)


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
    digest.update(code_digest().encode())
    digest.update(f"site={config.build_site} strict={config.strict}".encode())
    return digest.hexdigest()


def docs_state(config: Config) -> str:
    """A digest of docs/ as it is on disk: each file's path, size and modification time (a stat each, no
    file read). The pages factsheet generates keep theirs between builds (an unchanged page is not
    rewritten), so the digest changes when a person adds, edits or removes a file there (a page of their
    own, an image), which MkDocs builds into the site with the generated pages."""
    return folder_state(config.docs)


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


def record_stamp(config: Config, stamp: str, report: Report, parts: list[Part]) -> None:
    """Remember the stamp of a complete build, what it found, and what each story's part was made from."""
    record = {
        "stamp": stamp,
        "docs": docs_state(config),
        "corrections": report.corrections,
        "stale": report.stale,
        "conflicts": report.conflicts,
        "stories": {
            p.slug: {
                "key": p.key,
                "folder": p.folder,
                "title": p.title,
                "pages": p.pages,
                "docs": p.docs,  # the staged folder's state: the swap renames it, keeping every file's stat
                "site": p.site if config.build_site else None,
            }
            for p in parts
        },
    }
    cache.write_stamp(config.root, record)


def check_project(config: Config) -> int:
    """Check the committed fact files and pages against the seeds; returns the facts checked."""
    articles, _ = read_seeds(config.seeds)
    all_facts = facts.read_all(config.facts)
    check.run_check(all_facts, texts_of(articles), config.docs)
    return sum(count_facts(all_facts).values())
