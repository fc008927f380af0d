""".github/workflows/pages.yml: regenerate, test and publish on GitHub Pages.

The official actionlint cannot be installed here (its PyPI package downloads the binary from GitHub
at install time), so `workflow_problems` checks the structure with PyYAML: triggers and their paths
filters, permissions, both jobs and the exact official actions, deploy only from main and never from
a pull request. Mutated copies prove that the check fails on a broken workflow. Where an `actionlint`
executable is on PATH (or beside this Python) it checks the file as well.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# What must trigger a rebuild: the sources of the site, the generator and how it is installed.
REQUIRED_PATHS = {
    "seeds/**",
    "facts/**",
    "generator/**",
    "mkdocs.yml",
    "pyproject.toml",
    "requirements-model.txt",
}
ACTIONS = {  # every action the workflow may use, at the major version it must use
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
}


def load(text: str) -> dict:
    """The workflow as data (YAML 1.1 reads the key `on` as True: give it back its name)."""
    doc = yaml.safe_load(text)
    if isinstance(doc, dict) and True in doc:
        doc["on"] = doc.pop(True)
    return doc


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job.get("steps") or [] if str(s.get("uses", "")).split("@")[0] == action]


def step_index(job: dict, predicate: Callable[[dict], bool]) -> int | None:
    """The index of the first step that satisfies predicate, None if none does."""
    return next((i for i, s in enumerate(job.get("steps") or []) if predicate(s)), None)


def runs(command: str) -> Callable[[dict], bool]:
    """A predicate: the step's `run` script has a line that starts with command."""
    return lambda step: any(
        line.strip().startswith(command) for line in str(step.get("run", "")).splitlines()
    )


def permissions_of(doc: dict, job: dict) -> dict:
    """The token permissions a job gets: its own block, else the workflow's."""
    perms = job.get("permissions", doc.get("permissions"))
    return perms if isinstance(perms, dict) else {}


def makefile_targets(root: Path) -> set[str]:
    text = (root / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, re.MULTILINE)}


def workflow_problems(text: str, root: Path = ROOT) -> list[str]:
    """Everything wrong with the Pages workflow (an empty list for a good one)."""
    try:
        doc = load(text)
    except yaml.YAMLError as exc:
        return [f"not YAML: {exc}"]
    if not isinstance(doc, dict):
        return ["not a mapping"]
    problems: list[str] = []

    def need(ok: object, problem: str) -> None:
        if not ok:
            problems.append(problem)

    # --- triggers
    on = doc.get("on")
    need(isinstance(on, dict), "on: must be a mapping of triggers")
    on = on if isinstance(on, dict) else {}
    need("workflow_dispatch" in on, "no workflow_dispatch trigger")
    filters = {}
    for event in ("push", "pull_request"):
        trigger = on.get(event)
        if not isinstance(trigger, dict):
            problems.append(f"no {event} trigger with a paths filter")
            continue
        paths = trigger.get("paths") or []
        filters[event] = set(paths)
        need(REQUIRED_PATHS <= set(paths), f"{event}.paths lacks {sorted(REQUIRED_PATHS - set(paths))}")
        for pattern in paths:  # a filter on a path that does not exist never fires
            base = pattern.removesuffix("/**")
            need("*" not in base and (root / base).exists(), f"{event}.paths: {pattern!r} names nothing here")
    need(
        not isinstance(on.get("push"), dict) or on["push"].get("branches") == ["main"],
        "push must be filtered to branches: [main]",
    )
    need(len(set(map(frozenset, filters.values()))) <= 1, "push and pull_request must filter the same paths")

    # --- permissions: read by default, Pages and the OIDC token only where the deploy happens
    top = doc.get("permissions")
    need(isinstance(top, dict) and top.get("contents") == "read", "permissions: contents: read is missing")
    need(
        isinstance(top, dict) and not any(v == "write" for v in top.values()),
        "workflow-level permissions must not write (give them to the deploy job)",
    )

    # --- jobs
    jobs = doc.get("jobs")
    need(isinstance(jobs, dict) and set(jobs) == {"build", "deploy"}, "jobs must be exactly build and deploy")
    jobs = jobs if isinstance(jobs, dict) else {}
    build, deploy = jobs.get("build") or {}, jobs.get("deploy") or {}
    for name, job in (("build", build), ("deploy", deploy)):
        need(str(job.get("runs-on", "")).startswith("ubuntu-"), f"{name}: runs-on must be an ubuntu runner")
        for step in job.get("steps") or []:
            if "uses" in step:
                action, _, version = str(step["uses"]).partition("@")
                need(ACTIONS.get(action) == version, f"{name}: unexpected action {step['uses']!r}")

    # build: checkout, Python 3.11 with the pip cache, make install, chromium, make test, factsheet build,
    # Pages artifact of site/
    need(steps_using(build, "actions/checkout"), "build: no actions/checkout")
    setup = steps_using(build, "actions/setup-python")
    with_ = (setup[0].get("with") or {}) if setup else {}
    need(str(with_.get("python-version")) == "3.11", "build: setup-python must install Python 3.11")
    need(with_.get("cache") == "pip", "build: setup-python must cache pip")
    dep_paths = set(str(with_.get("cache-dependency-path", "")).split())
    need(
        {"pyproject.toml", "requirements-model.txt"} <= dep_paths,
        "build: the pip cache must key on pyproject.toml and requirements-model.txt",
    )
    order = {
        "setup-python": step_index(
            build, lambda s: str(s.get("uses", "")).startswith("actions/setup-python@")
        ),
        "make install": step_index(build, runs("make install")),
        "chromium": step_index(build, lambda s: "apt-get install -y chromium" in str(s.get("run", ""))),
        "make test": step_index(build, runs("make test")),
        "factsheet build": step_index(build, runs(".venv/bin/factsheet build")),
        "upload": step_index(
            build, lambda s: str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")
        ),
    }
    for what, index in order.items():
        need(index is not None, f"build: no {what} step")
    found = [i for i in order.values() if i is not None]
    need(found == sorted(found), f"build: steps out of order (expected {' < '.join(order)})")
    targets = makefile_targets(root)
    need({"install", "test"} <= targets, "Makefile lacks the install or test target the workflow runs")
    need(steps_using(build, "actions/configure-pages"), "build: no actions/configure-pages")
    upload = steps_using(build, "actions/upload-pages-artifact")
    need(
        upload and (upload[0].get("with") or {}).get("path") == "site",
        "build: upload-pages-artifact path: site",
    )
    need(
        not any(v == "write" for v in permissions_of(doc, build).values()),
        "build: must not get write permissions",
    )

    # deploy: after build, only for main and never for a pull request, into github-pages
    needs = deploy.get("needs")
    need(needs == "build" or (isinstance(needs, list) and "build" in needs), "deploy: needs: build")
    cond = " ".join(str(deploy.get("if", "")).replace("${{", "").replace("}}", "").split())
    need(
        "||" not in cond
        and "github.event_name != 'pull_request'" in cond
        and "github.ref == 'refs/heads/main'" in cond,
        "deploy: if must require github.event_name != 'pull_request' && github.ref == 'refs/heads/main'",
    )
    perms = permissions_of(doc, deploy)
    need(
        perms.get("pages") == "write" and perms.get("id-token") == "write",
        "deploy: needs permissions pages: write and id-token: write",
    )
    env = deploy.get("environment") or {}
    need(
        isinstance(env, dict) and env.get("name") == "github-pages", "deploy: environment name: github-pages"
    )
    need(
        isinstance(env, dict) and "steps.deployment.outputs.page_url" in str(env.get("url", "")),
        "deploy: environment url must be the deployment's page_url",
    )
    dep = steps_using(deploy, "actions/deploy-pages")
    need(dep and dep[0].get("id") == "deployment", "deploy: actions/deploy-pages step with id: deployment")
    group = deploy.get("concurrency") or doc.get("concurrency") or {}
    need(
        isinstance(group, dict)
        and group.get("group") == "pages"
        and group.get("cancel-in-progress") is False,
        "deploy: concurrency group pages, never cancelled in progress",
    )
    return problems


def test_the_pages_workflow_is_well_formed():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert workflow_problems(text) == []
    # the mutated copies below are dumped from data: unmutated, that round trip passes too
    assert workflow_problems(yaml.safe_dump(load(text), sort_keys=False)) == []


# Each mutation breaks one thing a reviewer would care about; the check must notice every one.
def _drop(path: list, key):
    def mutate(doc):
        node = doc
        for part in path:
            node = node[part]
        del node[key]

    return mutate


def _set(path: list, key, value):
    def mutate(doc):
        node = doc
        for part in path:
            node = node[part]
        node[key] = value

    return mutate


def _remove_step(job: str, predicate: Callable[[dict], bool]):
    def mutate(doc):
        doc["jobs"][job]["steps"] = [s for s in doc["jobs"][job]["steps"] if not predicate(s)]

    return mutate


def _uses(prefix: str) -> Callable[[dict], bool]:
    return lambda step: str(step.get("uses", "")).startswith(prefix)


def _retag(action: str, version: str):
    def mutate(doc):
        for job in doc["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith(action + "@"):
                    step["uses"] = f"{action}@{version}"

    return mutate


def _drop_path(event: str, pattern: str):
    def mutate(doc):
        doc["on"][event]["paths"].remove(pattern)

    return mutate


def _upload_path(value: str):
    def mutate(doc):
        upload = steps_using(doc["jobs"]["build"], "actions/upload-pages-artifact")[0]
        upload["with"]["path"] = value

    return mutate


def _swap_test_and_build(doc):
    steps = doc["jobs"]["build"]["steps"]
    i, j = (
        step_index(doc["jobs"]["build"], runs("make test")),
        step_index(doc["jobs"]["build"], runs(".venv")),
    )
    steps[i], steps[j] = steps[j], steps[i]


def _write_everywhere(doc):
    doc["permissions"] = {"contents": "read", "pages": "write", "id-token": "write"}


MUTATIONS = {
    "no pull_request trigger": _drop(["on"], "pull_request"),
    "no workflow_dispatch": _drop(["on"], "workflow_dispatch"),
    "seeds/ not a trigger": _drop_path("push", "seeds/**"),
    "PR paths differ": _drop_path("pull_request", "Makefile"),
    "push on every branch": _drop(["on", "push"], "branches"),
    "a path filter with a typo": _set(["on", "push"], "paths", ["seed/**", *REQUIRED_PATHS]),
    "no read-only default": _drop([], "permissions"),
    "write permissions for the PR build": _write_everywhere,
    "deploy without id-token": _drop(["jobs", "deploy", "permissions"], "id-token"),
    "deploy does not wait for build": _drop(["jobs", "deploy"], "needs"),
    "deploy needs a job that does not exist": _set(["jobs", "deploy"], "needs", "biuld"),
    "deploy on pull requests": _set(["jobs", "deploy"], "if", "github.ref == 'refs/heads/main'"),
    "deploy from any branch": _set(["jobs", "deploy"], "if", "github.event_name != 'pull_request'"),
    "deploy on PR or main": _set(
        ["jobs", "deploy"], "if", "github.event_name != 'pull_request' || github.ref == 'refs/heads/main'"
    ),
    "no environment": _drop(["jobs", "deploy"], "environment"),
    "deploy step without id": _set(["jobs", "deploy", "steps", 0], "id", "deploy"),
    "deployments may be cancelled": _set(["jobs", "deploy", "concurrency"], "cancel-in-progress", True),
    "old checkout": _retag("actions/checkout", "v3"),
    "unpinned upload": _retag("actions/upload-pages-artifact", "main"),
    "a third-party action": _set(["jobs", "build", "steps", 0], "uses", "someone/checkout@v4"),
    "Python 3.10": _set(["jobs", "build", "steps", 1, "with"], "python-version", "3.10"),
    "no pip cache": _drop(["jobs", "build", "steps", 1, "with"], "cache"),
    "cache not keyed on the model": _set(
        ["jobs", "build", "steps", 1, "with"], "cache-dependency-path", "pyproject.toml"
    ),
    "tests not run": _remove_step("build", runs("make test")),
    "no chromium": _remove_step("build", lambda s: "chromium" in str(s.get("run", ""))),
    "site built before the tests": _swap_test_and_build,
    "no configure-pages": _remove_step("build", _uses("actions/configure-pages")),
    "uploads docs/ instead of site/": _upload_path("docs"),
    "no deploy job": _drop(["jobs"], "deploy"),
}


@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_a_broken_workflow_fails_the_check(mutation):
    doc = load(WORKFLOW.read_text(encoding="utf-8"))
    broken = copy.deepcopy(doc)
    mutation(broken)
    assert broken != doc
    assert workflow_problems(yaml.safe_dump(broken, sort_keys=False)) != []


@pytest.mark.parametrize("text", ["on: [push\n", "- a list\n", ""], ids=["not YAML", "a list", "empty"])
def test_text_that_is_no_workflow_fails_the_check(text):
    assert workflow_problems(text) != []


def test_a_missing_makefile_target_fails_the_check(tmp_path):
    for name in ("seeds", "facts", "generator", "tests", ".github/workflows"):
        (tmp_path / name).mkdir(parents=True)
    for name in ("mkdocs.yml", "pyproject.toml", "requirements-model.txt", ".github/workflows/pages.yml"):
        (tmp_path / name).touch()
    text = WORKFLOW.read_text(encoding="utf-8")
    (tmp_path / "Makefile").write_text("install:\n\ttrue\ntest:\n\ttrue\n", encoding="utf-8")
    assert workflow_problems(text, tmp_path) == []
    (tmp_path / "Makefile").write_text("install:\n\ttrue\nchecks:\n\ttrue\n", encoding="utf-8")
    assert any("Makefile" in p for p in workflow_problems(text, tmp_path))


def actionlint() -> str | None:
    """An actionlint executable on PATH or beside this Python, if there is one."""
    beside = Path(sys.executable).parent / "actionlint"
    return shutil.which("actionlint") or (str(beside) if beside.is_file() else None)


@pytest.mark.skipif(actionlint() is None, reason="no actionlint executable on PATH")
def test_actionlint_accepts_the_workflow_and_rejects_a_broken_copy(tmp_path):
    tool = actionlint()
    assert tool is not None
    done = subprocess.run([tool, "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "pages.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("needs: build", "needs: biuld"), encoding="utf-8"
    )
    done = subprocess.run([tool, "-no-color", str(broken)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "biuld" in done.stdout
