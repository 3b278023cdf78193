"""Project-level promises: dependencies in step, notebooks normalised, course map honest."""
import json
import re
import tomllib


import yaml

from svc_helpers import nbtools
from svc_helpers.course import MODULES, available, course_map_html
from svc_helpers.paths import NOTEBOOKS_DIR, PROJECT_ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ]", requirement, 1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pip_side = {_name(r): r.replace(" ", "") for r in
                project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda_side = {}
    for dep in env["dependencies"]:
        for req in (dep["pip"] if isinstance(dep, dict) else [dep]):
            if _name(req) not in {"python", "pip"}:
                conda_side[_name(req)] = req.replace(" ", "")
    assert conda_side == pip_side


def test_notebooks_are_committed_normalised_and_keep_the_conventions():
    paths = nbtools.notebook_paths([str(NOTEBOOKS_DIR)])
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        assert nbtools.dumps(nbtools.normalise(nb)) == text, f"{path} 未整理"
        assert nbtools.convention_problems(path, nb) == [], path


def test_normalise_strips_outputs_but_keeps_checked_ones():
    nb = {"cells": [
        {"cell_type": "code", "execution_count": 3, "metadata": {"scrolled": True, "tags": ["x"]},
         "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi"}], "source": "1"},
        {"cell_type": "code", "execution_count": 4, "metadata": {},
         "outputs": [{"output_type": "execute_result", "execution_count": 4, "metadata": {},
                      "data": {"text/plain": "2"}}], "source": "# NBVAL_CHECK_OUTPUT\n2"}],
        "metadata": {"widgets": {"state": {}}}, "nbformat": 4, "nbformat_minor": 5}
    clean = nbtools.normalise(nb)
    assert "widgets" not in clean["metadata"]
    assert clean["cells"][0] == {"cell_type": "code", "execution_count": None,
                                 "metadata": {"tags": ["x"]}, "outputs": [], "source": "1"}
    assert clean["cells"][1]["execution_count"] == 1
    assert clean["cells"][1]["outputs"][0]["execution_count"] == 1


def test_course_map_lists_24_modules_and_links_only_existing_ones():
    assert len(MODULES) == 24 and {m.day for m in MODULES} == {1, 2, 3, 4}
    html = course_map_html()
    for module in MODULES:
        assert module.question in html
        assert (f'href="{module.notebook}"' in html) == available(module)
    assert available(next(m for m in MODULES if m.slug == "pricing_tiers"))
    assert html.count("即将推出") == sum(not available(m) for m in MODULES)


def test_every_module_notebook_is_on_the_course_map():
    on_map = {m.notebook for m in MODULES}
    for path in NOTEBOOKS_DIR.glob("day*/*.ipynb"):
        assert path.relative_to(NOTEBOOKS_DIR).as_posix() in on_map


def test_readme_names_the_two_commands():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 workshop.py\n" in readme and "python3 workshop.py test" in readme
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "python3 workshop.py test" in ci
