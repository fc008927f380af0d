"""The factsheet MkDocs plugin: plain `mkdocs build` and `mkdocs serve` regenerate the fact sheet,
and the site's navigation follows the stories that were rendered.

Events, in the order MkDocs 1.6 runs them for every build (`mkdocs serve` runs them again for
each rebuild):

- `on_config`: when the plugin does not regenerate, sets `config.nav` from docs/.nav.yml at once;
- `on_pre_build` (before MkDocs collects docs/): runs the generator steps,
  `pipeline.build(Config(root=<folder of mkdocs.yml>, build_site=False))`: seeds/ -> facts/ -> docs/.
  A FactsheetError aborts the build with a PluginError carrying its message;
- `on_files` (after docs/ was collected, before the navigation is made): sets `config.nav` from the
  docs/.nav.yml that site/render.py just wrote (a dot file, so MkDocs 1.6 leaves it out of the site),
  replacing any `nav:` in mkdocs.yml. Without the file the configured (or automatic) nav stays;
- `on_serve` (`mkdocs serve` only): watches seeds/ and facts/ (the corrections in
  facts/curation.yaml and hand-edited fact files), so editing them rebuilds the live preview.

The contract with the factsheet CLI: `factsheet build` regenerates by itself and then runs
`mkdocs build` with FACTSHEET_BUILDING=1 in its environment; with that the plugin does not
regenerate (it only sets the nav). `regenerate: false` under the plugin in mkdocs.yml does the same.

No rebuild loop in `mkdocs serve`: regeneration writes docs/ and facts/, which are watched. While
the plugin regenerates it pauses the watches of those two folders and takes them up again
afterwards (a fresh snapshot), so its own writes never schedule another build. Even without that
the loop would stop after one extra build: a pass with unchanged sources rewrites no file (unchanged
pages and fact files keep their inode and mtime), so it gives the watcher nothing to report.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from generator import collector
from generator.publish import passthrough, statics
from generator.publish.pagetimes import PageClock
from generator.publish.themelist import keep_listing
from generator.store import yaml
from generator.store.compiled import COMPILED_ENV, keep_compiled

NAV_FILE = ".nav.yml"  # the same name as generator.site.render.NAV_FILE, without importing the renderer
RENDER_CACHE_ENV = "FACTSHEET_RENDER_CACHE"  # publish/rendercache.py CACHE_ENV
PAGE_TIMES_ENV = (
    "FACTSHEET_PAGE_TIMES"  # a folder: each build writes there how long each page took (benchmarks)
)
BUILDING_ENV = "FACTSHEET_BUILDING"  # "1": the factsheet CLI drives this build and has regenerated already

log = get_plugin_logger("factsheet")  # lines read "INFO - factsheet: ..."


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
    """Return the nav that docs_dir/.nav.yml holds, None when there is no such file. (The top part of a
    site of several stories reads its own, named by FACTSHEET_NAV_FILE: publish/build.py.)"""
    path = docs_dir / (os.environ.get("FACTSHEET_NAV_FILE") or NAV_FILE)
    if not path.is_file():
        return None
    try:
        nav = yaml.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        why = " ".join(str(exc).split())
        raise PluginError(
            f"{path}: cannot read the generated navigation ({why}); run `factsheet build`."
        ) from exc
    if not valid_nav(nav):
        raise PluginError(f"{path}: not a MkDocs nav (a list of pages and sections); run `factsheet build`.")
    return nav


def project_root(config: MkDocsConfig) -> Path | None:
    """The factsheet project of a MkDocs config: the folder of its mkdocs.yml (None without a file)."""
    if not config.config_file_path:
        return None
    return Path(config.config_file_path).resolve().parent


def cli_is_building() -> bool:
    """True when the factsheet CLI runs this MkDocs build (it has regenerated already)."""
    return os.environ.get(BUILDING_ENV) == "1"


def material_search(config: MkDocsConfig) -> bool:
    """True when Material's search plugin indexes the site's pages (what passthrough.UNINDEXED promises
    it: none of the text of such a block)."""
    search = config.plugins.get("material/search")
    return search is not None and getattr(search, "config", {}).get("enabled", True) is not False


class FactsheetPluginConfig(Config):
    """The plugin's options in mkdocs.yml."""

    regenerate = config_options.Type(bool, default=True)  # false: only set the nav


THEME_DIR = Path(__file__).parent / "theme"


class FactsheetPlugin(BasePlugin[FactsheetPluginConfig]):
    """Regenerates seeds/ -> facts/ -> docs/ before each build and sets the nav from docs/.nav.yml."""

    def __init__(self) -> None:
        self.server: Any = None  # the `mkdocs serve` LiveReloadServer, once on_serve has seen it
        self.generated: list[str] = []  # watched folders the generator writes, paused while it runs
        self.cache: Any = None  # the render cache of a site part factsheet builds (publish/rendercache.py)
        self.nav: Any = None  # the site's navigation, once MkDocs has made it
        self.clock: PageClock | None = None  # the page times of this build, when asked to record them
        self.blocks: dict[str, dict[str, str]] = {}  # page -> its raw HTML blocks while it is converted
        self.held: dict[str, dict[str, str]] = {}  # page -> its blocks held out of search's way, till indexed
        self.after: dict[str, dict] = {}  # page -> what this plugin made of its cached conversion
        self.hold = False  # Material's search indexes this build's pages: hold blocks out of its way

    # MkDocs keeps a plugin that has on_startup across the rebuilds of `mkdocs serve`: the server
    # seen by on_serve is then still known to the on_pre_build of every rebuild.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Forget any server of an earlier run in this process."""
        self.server, self.generated = None, []

    def regenerates(self, config: MkDocsConfig) -> bool:
        """True when this build runs the generator first."""
        enabled = getattr(self.config, "regenerate", True)  # a plugin made without load_config has no options
        return bool(enabled) and not cli_is_building() and project_root(config) is not None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Put factsheet's theme additions (JSON-LD in <head>) before the theme's own templates; without
        regeneration, replace config.nav by the generated navigation at once, when there is one
        (with regeneration, on_files does so from the docs/.nav.yml it has just written)."""
        theme_dirs = getattr(config.theme, "dirs", None)
        if theme_dirs is not None and str(THEME_DIR) not in theme_dirs:
            theme_dirs.insert(0, str(THEME_DIR))
        if not self.regenerates(config):
            self.set_nav(config)
        if folder := os.environ.get(COMPILED_ENV):  # a build factsheet runs: the theme's files listed once
            keep_listing(config.theme, Path(folder))
        self.hold = material_search(config)
        if cli_is_building():  # a MkDocs run of its own: collect as seldom as a build does (pipeline.py)
            gc.set_threshold(*collector.GC_THRESHOLDS)
        if os.environ.get(PAGE_TIMES_ENV):
            if self.clock:  # a build of `mkdocs serve` that failed before it ended
                self.clock.close()
            self.clock = PageClock()
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Run the generator steps (seeds/ -> facts/ -> docs/) on the project of mkdocs.yml."""
        if not self.regenerates(config):
            return
        root = project_root(config)
        assert root is not None  # regenerates() checked it
        from generator import pipeline  # here, so that reading the nav does not import the generator
        from generator.errors import FactsheetError

        project = pipeline.Config(root=root, build_site=False)
        if Path(config.docs_dir).resolve() != project.docs.resolve():
            raise PluginError(
                f"factsheet writes its pages to {project.docs}, but mkdocs.yml has docs_dir: "
                f"{config.docs_dir}; set docs_dir: docs (or `regenerate: false` under the factsheet plugin)."
            )
        log.info(f"Regenerating the fact sheet from {root / 'seeds'}")
        paused = self.pause_watches()
        try:
            report = pipeline.build(project)
        except FactsheetError as exc:
            raise PluginError(f"factsheet: {exc}") from exc
        finally:
            self.resume_watches(paused)
        # INFO, not WARNING: these are warnings of the generator, which `factsheet build` prints without
        # failing; under `mkdocs build --strict` a WARNING would abort the build.
        for warning in report.warnings + report.stale:
            log.info(f"warning: {warning}")
        for line in report.summary():
            log.info(line)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Set config.nav from the docs/.nav.yml of this build (MkDocs makes the nav right after); open
        the render cache when factsheet names one."""
        self.set_nav(config)
        self.cache = None
        if cache_file := os.environ.get(RENDER_CACHE_ENV):
            from generator.publish.rendercache import RenderCache

            self.cache = RenderCache(Path(cache_file), config, files)
        return files

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """Take the generator's whole raw HTML blocks out of the Markdown (publish/passthrough.py); let a
        page whose conversion is cached skip it, and the steps of on_page_content and _put_back_held
        after it (the last plugin to see the Markdown)."""
        src = page.file.src_uri
        if self.cache is not None:
            after = self.cache.attach(page, markdown, files)
            if after is not None and after.get("hold") == self.hold:
                self.after[src] = after
                return markdown  # not converted: render() restores the cached conversion
        markdown, self.blocks[src] = passthrough.hide(markdown)
        return markdown

    # Page times (benchmarks): MkDocs first converts every page (on_pre_page ... on_page_content), then
    # builds each page's HTML file (on_page_context ... on_post_page); a page's time is the sum of its two.
    def on_pre_page(self, page, *, config: MkDocsConfig, files: Files):
        """Note when MkDocs starts converting a page (only when page times are recorded)."""
        if self.clock:
            self.clock.start()
        return page

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """Put the raw HTML blocks back, those that search does not index as comments until it has indexed
        the page (on_page_context); their ids are the page's anchors, as MkDocs would have found them in
        raw HTML. Note how long the page's conversion took."""
        src = page.file.src_uri
        if (after := self.after.get(src)) is not None:  # as the build that converted the page made it
            html, held, found = after.get("html", after["final"]), after["held"], set(after["anchors"])
        else:
            blocks = self.blocks.pop(src, {})
            html = passthrough.restore(html, blocks, hold=self.hold)
            held = passthrough.held(blocks, html) if self.hold else {}
            found = passthrough.anchors(blocks) if blocks else set()
            if self.cache is not None:
                self.cache.remember(page, html=html, held=held, anchors=sorted(found), hold=self.hold)
        if held:
            self.held[src] = held
        if found and page.present_anchor_ids is not None:
            page.present_anchor_ids |= found
        if self.clock:
            self.clock.stop(page.file.src_uri)
        return html

    @event_priority(100)  # before every other plugin's
    def _page_file_starts(self, context, *, page, config: MkDocsConfig, nav):
        """Note when MkDocs starts building a page's HTML file (what it does between converting the last
        page and building the first file, copying the static files among it, is no page's time)."""
        if self.clock:
            self.clock.start()
        return context

    @event_priority(-100)  # after every other plugin's, the search plugin's indexing among them
    def _put_back_held(self, context, *, page, config: MkDocsConfig, nav):
        """Put back the blocks held out of the search plugin's way (as the build that converted the page
        put them back, when its conversion is cached)."""
        src = page.file.src_uri
        held = self.held.pop(src, None)
        if (after := self.after.pop(src, None)) is not None:
            page.content = after["final"]
        else:
            if held:
                page.content = passthrough.put_back(page.content, held)
            if self.cache is not None:
                self.cache.remember(page, final=page.content)
        return context

    on_page_context = CombinedEvent(_page_file_starts, _put_back_held)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """The pages are converted: the building of their HTML files starts (from the cache, when a
        page's file is in it). In a build that factsheet runs, the theme's templates are compiled once,
        not in every build (store/compiled.py), and the generated data files are linked into the site,
        not copied (publish/statics.py)."""
        if folder := os.environ.get(COMPILED_ENV):
            keep_compiled(env, Path(folder))
        if cli_is_building():  # the site_dir is a staging folder of factsheet's (MkDocs copies next)
            statics.link_generated(files, config.docs_dir)
        if self.cache is not None:
            self.cache.wrap_env(env, config, self.nav)
        return env

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Keep the site's navigation: the HTML file of each page shows it."""
        self.nav = nav
        return nav

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """Note how long MkDocs took over the page's HTML file: templates and search indexing."""
        if self.clock:
            self.clock.stop(page.file.src_uri)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep the conversions of this build for the next; write the page times when asked to."""
        if self.clock:
            self.clock.write(Path(os.environ[PAGE_TIMES_ENV]), config.site_dir)
            self.clock.close()
            self.clock = None
        if self.cache is not None:
            self.cache.save()
            log.info(f"render cache: {self.cache.hits} of {len(self.cache.new)} pages reused")
            self.cache = None

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Watch seeds/ and facts/ as well, so that a seed or a correction rebuilds the preview."""
        if not self.regenerates(config):
            return server
        root = project_root(config)
        assert root is not None
        seeds, facts = root / "seeds", root / "facts"
        facts.mkdir(exist_ok=True)
        if seeds.is_dir():
            server.watch(str(seeds))
        server.watch(str(facts))
        self.server = server
        self.generated = [str(Path(config.docs_dir)), str(facts)]
        return server

    def pause_watches(self) -> list[str]:
        """Stop watching the folders the generator writes; return those paused."""
        paused = []
        watched = getattr(self.server, "_watched_paths", None)
        for path in self.generated if self.server is not None else []:
            if watched is None or os.path.abspath(path) in watched:
                self.server.unwatch(path)
                paused.append(path)
        return paused

    def resume_watches(self, paused: list[str]) -> None:
        """Watch the paused folders again, from a snapshot taken now (after the generator's writes)."""
        for path in paused:
            if Path(path).is_dir():
                self.server.watch(path)

    @staticmethod
    def set_nav(config: MkDocsConfig) -> None:
        """Replace config.nav by the generated navigation, when there is one."""
        nav = read_nav(Path(config.docs_dir))
        if nav is not None:
            config.nav = nav
