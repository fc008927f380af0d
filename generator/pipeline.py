"""The recipe: seeds/ -> facts/ -> docs/ -> site/. Each step is one stage module."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import check, facts, ingest, reconcile, render, site
from generator.models import Article, ArticleFacts


@dataclass
class Config:
    """Where a project keeps its files, and how strict the build is."""

    root: Path = Path(".")
    strict: bool = True
    build_site: bool = True

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


def texts_of(articles: list[Article]) -> dict[str, str]:
    """{source file: article text}, the ground truth every cite is checked against."""
    return {a.file: a.text for a in articles}


def count_facts(all_facts: list[ArticleFacts]) -> dict[str, int]:
    """How many facts of each section the build extracted."""
    sections = ("who", "what", "figures", "quotes")
    return {s: sum(len(getattr(f, s)) for f in all_facts) for s in sections}


def build(config: Config) -> Report:
    """Run the whole pipeline and return its report."""
    from generator.extract import extract_articles  # spaCy loads only when extraction runs

    report = Report()
    # 1. Read the articles in seeds/ (decode, normalise newlines, infer metadata).
    articles, report.warnings = ingest.read_seeds(config.seeds)
    report.articles = len(articles)
    # 2. Extract who, what, figures and quotes from every article, each fact cited.
    all_facts = extract_articles(articles)
    report.facts = count_facts(all_facts)
    # 3. Reconcile the sources: one entity per real entity, reports of one quantity grouped.
    entities = reconcile.reconcile_entities(all_facts)
    groups = reconcile.reconcile_figures(all_facts)
    events = reconcile.reconcile_events(all_facts)
    report.conflicts = sum(g.status == "conflicting" for g in groups)
    # 4. Write the YAML fact files, the reviewed data layer.
    facts.write_all(config.facts, all_facts)
    facts.write_story(config.facts, entities, groups, events)
    # 5. Render the fact files as Markdown pages with footnote citations.
    report.pages = len(render.render_pages(all_facts, texts_of(articles), config.docs))
    # 6. Check every citation against its article and every page for its citations.
    check.run_check(all_facts, texts_of(articles), config.docs)
    # 7. Build the static site with MkDocs.
    if config.build_site:
        site.build_site(config.root, strict=config.strict)
        report.site_built = True
    return report


def check_project(config: Config) -> int:
    """Check the committed fact files and pages against the seeds; returns the facts checked."""
    articles, _ = ingest.read_seeds(config.seeds)
    all_facts = facts.read_all(config.facts)
    check.run_check(all_facts, texts_of(articles), config.docs)
    return sum(count_facts(all_facts).values())
