"""The factsheet MkDocs plugin: plain `mkdocs build` regenerates seeds/ -> facts/ -> docs/ first, unless
FACTSHEET_BUILDING=1 says the factsheet CLI drives the build; the nav is read after regeneration."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PluginCollection

from generator import pipeline
from generator.errors import IngestError
from generator.publish.pagetimes import PageClock
from generator.publish.plugin import BUILDING_ENV, PAGE_TIMES_ENV, FactsheetPlugin
from tests.conftest import ROOT

# An invented article, small enough to extract in seconds.
ARTICLE = """Fire guts warehouse in Port Selwyn

A fire destroyed a warehouse in the harbour of Port Selwyn on Tuesday, officials said.

More than 40 firefighters fought the blaze for six hours, the fire service said.

"The building could not be saved," fire chief Nadia Brennan told reporters.
"""
ARTICLE_FILE = "harbour-fire.txt"
FACT_FILE = Path("facts/articles/harbour-fire.yaml")


def make_project(root: Path, *, docs: bool = True) -> Path:
    """A project that factsheet never ran on: one seed article and the repo's mkdocs.yml (and an empty
    docs/, which MkDocs requires before any plugin runs)."""
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / ARTICLE_FILE).write_text(ARTICLE, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if docs:
        (root / "docs").mkdir()
    return root


def replace_seed(root: Path, old: str, new: str) -> None:
    """Change the seed article in one step (write aside, then rename), as an editor saving it would."""
    seed = root / "seeds" / ARTICLE_FILE
    aside = root / f".{ARTICLE_FILE}.new"
    aside.write_text(seed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.replace(aside, seed)


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without FACTSHEET_BUILDING (and PYTHONPATH), plus extra."""
    env = {k: v for k, v in os.environ.items() if k not in (BUILDING_ENV, "PYTHONPATH")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **extra}


def mkdocs_build(root: Path, **env: str) -> subprocess.CompletedProcess:
    """Run plain `python -m mkdocs build --strict` in root and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def index_html(root: Path) -> str:
    return (root / "site" / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ plain mkdocs, as a user runs it


@pytest.mark.slow
def test_plain_mkdocs_build_regenerates_unless_the_cli_drives_it(tmp_path):
    root = make_project(tmp_path / "project")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    assert "factsheet: Regenerating the fact sheet" in done.stderr
    assert (root / FACT_FILE).is_file()  # the plugin ran the generator steps...
    assert "Port Selwyn" in index_html(root)  # ...before MkDocs collected docs/
    assert (root / "site" / "sources" / "harbour-fire" / "index.html").is_file()
    assert 'href="figures/"' in index_html(root)  # the nav came from the docs/.nav.yml just written
    assert not list(root.glob(".factsheet-tmp*"))

    # With FACTSHEET_BUILDING=1 (set by `factsheet build` around its own mkdocs run) nothing regenerates.
    replace_seed(root, "Port Selwyn", "Port Kerrigan")
    facts_before = (root / FACT_FILE).read_bytes()
    done = mkdocs_build(root, **{BUILDING_ENV: "1"})
    assert done.returncode == 0, done.stderr
    assert "Regenerating" not in done.stderr
    assert (root / FACT_FILE).read_bytes() == facts_before
    assert "Port Selwyn" in index_html(root) and "Port Kerrigan" not in index_html(root)

    # Without it the change comes through.
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    assert "1 changed" in done.stderr
    assert "Port Kerrigan" in index_html(root) and "Port Selwyn" not in index_html(root)
    assert "Port Kerrigan" in (root / FACT_FILE).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_regeneration_with_nothing_changed_gives_mkdocs_serve_nothing_to_rebuild_for(tmp_path):
    """Even with its watches not paused, `mkdocs serve` would come to rest: a second pass over unchanged
    sources creates, deletes, moves and modifies no file under docs/ or facts/ as its watcher sees them."""
    from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff

    root = make_project(tmp_path / "project")
    config = pipeline.Config(root=root, build_site=False)
    pipeline.build(config)
    before = {name: DirectorySnapshot(str(root / name)) for name in ("docs", "facts")}
    report = pipeline.build(config)
    assert report.reused == [ARTICLE_FILE]
    for name, snapshot in before.items():
        diff = DirectorySnapshotDiff(snapshot, DirectorySnapshot(str(root / name)))
        events = diff.files_created + diff.files_deleted + diff.files_modified + diff.files_moved
        assert events == [], (name, events)


def test_a_generator_error_aborts_mkdocs_with_its_message(tmp_path):
    root = make_project(tmp_path / "project")
    shutil.rmtree(root / "seeds")
    done = mkdocs_build(root)
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert "ERROR" in output and "factsheet: " in output and "seeds: no such folder" in output
    assert "Traceback" not in output
    assert not (root / "site").exists()


# ------------------------------------------------------------------ the hooks, with a stand-in generator


def config_of(root: Path) -> MkDocsConfig:
    """A MkDocs config of the project at root, as MkDocs hands it to the plugin."""
    config = MkDocsConfig(config_file_path=str(root / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(root / "docs"), "nav": ["configured.md"]})
    config["plugins"] = PluginCollection()  # what validation makes of `plugins:` (none configured)
    return config


def plugin_with(options: dict | None = None) -> FactsheetPlugin:
    plugin = FactsheetPlugin()
    errors, warnings = plugin.load_config(options or {})
    assert not errors and not warnings
    plugin.on_startup(command="build", dirty=False)
    return plugin


def run_build_events(plugin: FactsheetPlugin, config: MkDocsConfig) -> MkDocsConfig:
    """The plugin's events of one build, in MkDocs 1.6's order."""
    config = plugin.on_config(config)
    plugin.on_pre_build(config=config)
    plugin.on_files(None, config=config)  # type: ignore[arg-type]
    return config


class FakeGenerator:
    """Stands in for pipeline.build: records its calls, writes the nav file, or raises."""

    def __init__(self, nav: str = "- Home: index.md\n- Fresh: fresh.md\n", error: Exception | None = None):
        self.calls: list[pipeline.Config] = []
        self.nav, self.error = nav, error
        self.during: list[list[str]] = []  # what the server watched while the generator ran
        self.server: FakeServer | None = None

    def __call__(self, config: pipeline.Config) -> pipeline.Report:
        self.calls.append(config)
        if self.server is not None:
            self.during.append(sorted(self.server.watched))
        if self.error:
            raise self.error
        config.docs.mkdir(exist_ok=True)
        (config.docs / ".nav.yml").write_text(self.nav, encoding="utf-8")
        return pipeline.Report(articles=1, pages=2, warnings=["seeds/x.txt: read as cp1252"])


class FakeServer:
    """The part of MkDocs' LiveReloadServer the plugin uses."""

    def __init__(self, watched: list[str]):
        self.watched = [os.path.abspath(p) for p in watched]
        self.log: list[tuple[str, str]] = []

    def watch(self, path: str) -> None:
        self.watched.append(os.path.abspath(path))
        self.log.append(("watch", os.path.abspath(path)))

    def unwatch(self, path: str) -> None:
        self.watched.remove(os.path.abspath(path))
        self.log.append(("unwatch", os.path.abspath(path)))


@pytest.fixture
def generator(monkeypatch) -> FakeGenerator:
    fake = FakeGenerator()
    monkeypatch.setattr(pipeline, "build", fake)
    monkeypatch.delenv(BUILDING_ENV, raising=False)
    return fake


def test_regenerates_before_the_files_are_collected_and_reads_the_new_nav(tmp_path, generator):
    root = make_project(tmp_path)
    (root / "docs" / ".nav.yml").write_text("- Stale: stale.md\n", encoding="utf-8")
    config = run_build_events(plugin_with(), config_of(root))
    assert [c.root for c in generator.calls] == [root.resolve()]
    assert generator.calls[0].build_site is False  # MkDocs itself builds the site
    assert config.nav == [{"Home": "index.md"}, {"Fresh": "fresh.md"}]


def test_with_factsheet_building_set_it_only_reads_the_nav(tmp_path, generator, monkeypatch):
    monkeypatch.setenv(BUILDING_ENV, "1")
    root = make_project(tmp_path)
    (root / "docs" / ".nav.yml").write_text("- Built: built.md\n", encoding="utf-8")
    config = run_build_events(plugin_with(), config_of(root))
    assert generator.calls == []
    assert config.nav == [{"Built": "built.md"}]


def test_regenerate_false_in_mkdocs_yml_turns_it_off(tmp_path, generator):
    root = make_project(tmp_path)
    config = run_build_events(plugin_with({"regenerate": False}), config_of(root))
    assert generator.calls == []
    assert config.nav == ["configured.md"]  # no .nav.yml: the configured nav stays


def test_a_factsheet_error_becomes_a_plugin_error_with_its_message(tmp_path, generator):
    generator.error = IngestError("seeds/a.txt: empty file; remove it or add the article text")
    root = make_project(tmp_path)
    with pytest.raises(PluginError, match=r"^factsheet: seeds/a\.txt: empty file; remove it"):
        run_build_events(plugin_with(), config_of(root))


def test_a_docs_dir_other_than_docs_is_refused(tmp_path, generator):
    root = make_project(tmp_path)
    config = config_of(root)
    config.docs_dir = str(root / "pages")
    with pytest.raises(PluginError, match="docs_dir: docs"):
        plugin_with().on_pre_build(config=config)
    assert generator.calls == []


def test_serve_watches_seeds_and_facts_and_pauses_generated_folders_while_regenerating(tmp_path, generator):
    root = make_project(tmp_path).resolve()
    config, plugin = config_of(root), plugin_with()
    run_build_events(plugin, config)  # the first build of `mkdocs serve` comes before on_serve
    server = FakeServer([str(root / "docs"), str(root / "mkdocs.yml")])  # what MkDocs watches itself
    assert plugin.on_serve(server, config=config, builder=None) is server
    seeds, facts, docs = (str(root / name) for name in ("seeds", "facts", "docs"))
    assert {seeds, facts} <= set(server.watched)
    # a rebuild: the generator runs while docs/ and facts/ are not watched, so its own writes do not
    # schedule yet another build; both are watched again afterwards
    generator.server, server.log = server, []
    run_build_events(plugin, config)
    assert generator.during == [sorted([seeds, str(root / "mkdocs.yml")])]
    assert sorted(server.watched) == sorted([docs, str(root / "mkdocs.yml"), seeds, facts])
    # ...also when the generator fails
    generator.error = IngestError("broken")
    with pytest.raises(PluginError):
        run_build_events(plugin, config)
    assert sorted(server.watched) == sorted([docs, str(root / "mkdocs.yml"), seeds, facts])


def test_serve_with_factsheet_building_set_adds_no_watch(tmp_path, generator, monkeypatch):
    monkeypatch.setenv(BUILDING_ENV, "1")
    root = make_project(tmp_path)
    server = FakeServer([])
    plugin_with().on_serve(server, config=config_of(root), builder=None)
    assert server.watched == []


def test_page_times_give_each_page_its_time_and_the_collectors_share(tmp_path, monkeypatch):
    clock = PageClock()
    try:
        clock.start()
        gc.collect()  # a collection while the page is built is the page's pause
        clock.stop("a.md")
        clock.start()
        clock.stop("a.md")  # a page's second span adds to its first
        assert clock.pages["a.md"] >= clock.collector["a.md"] > 0
    finally:
        clock.close()
    assert clock._on_collect not in gc.callbacks
    # a real build writes every page's times, MkDocs' own work between the two passes in no page's
    for name in ("seeds", "facts"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.setenv(PAGE_TIMES_ENV, str(tmp_path / "times"))
    pipeline.build(pipeline.Config(root=tmp_path))
    [written] = (tmp_path / "times").glob("*.json")
    data = json.loads(written.read_text(encoding="utf-8"))
    pages = {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md")}
    assert set(data["pages"]) == set(data["collector"]) == pages
    assert all(0 <= data["collector"][p] <= t for p, t in data["pages"].items())
