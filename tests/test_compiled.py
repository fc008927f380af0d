"""Compiled templates kept between builds (store/compiled.py): a second build loads what the first
compiled instead of compiling it again, renders the same text, and a cache it cannot use changes
nothing but the time."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.store.compiled import keep_compiled
from tests.shared_data import REPO

TEMPLATES = {
    "page.j2": "{% import 'macros.j2' as m %}# {{ title }}\n{{ m.item(x) }}\n",
    "macros.j2": "{% macro item(x) %}- **{{ x }}** stated{% endmacro %}",
}


def env_with(folder: Path | None) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), auto_reload=False)
    keep_compiled(env, folder)
    return env


def render(env: jinja2.Environment) -> str:
    return env.get_template("page.j2").render(title="Floods", x="120 homes")


def test_a_second_environment_loads_the_code_the_first_compiled(tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    first = render(env_with(folder))
    assert len(list(folder.iterdir())) == len(TEMPLATES)  # one file per template compiled

    def no_compiling(self, *args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    assert render(env_with(folder)) == first == "# Floods\n- **120 homes** stated"


def test_a_changed_template_is_compiled_afresh(tmp_path):
    folder = tmp_path / "templates"
    render(env_with(folder))
    changed = dict(TEMPLATES, **{"page.j2": "## {{ title }}\n"})
    env = jinja2.Environment(loader=jinja2.DictLoader(changed), auto_reload=False)
    keep_compiled(env, folder)
    assert env.get_template("page.j2").render(title="Floods") == "## Floods"


@pytest.mark.parametrize("damage", ["truncated", "garbage", "in the way"])
def test_a_cache_it_cannot_use_only_costs_a_compile(tmp_path, damage):
    folder = tmp_path / "templates"
    expected = render(env_with(None))
    if damage == "in the way":
        folder.write_text("a file where the folder should be", encoding="utf-8")
    else:
        render(env_with(folder))
        for path in folder.iterdir():
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"\x00garbage" * 9)
    assert render(env_with(folder)) == expected


def test_a_build_keeps_the_generators_and_the_themes_compiled_templates(real_project):
    from generator.store.cache import templates_cache_dir

    kept = list(templates_cache_dir(real_project).glob("*.jinja"))
    generator_templates = len(list((REPO / "generator" / "site" / "templates").glob("*.j2")))
    # the generator's page templates and macros, and the MkDocs theme's (base, partials, 404, sitemap)
    assert len(kept) > generator_templates
