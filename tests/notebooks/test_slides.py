"""Each module notebook is also the instructor's deck (voila --template=svc-reveal).

Deck shape (DESIGN.md): title slide, objectives, case look, the exercise app (live),
discussion; set-up and parameters cells are hidden from the audience.
"""
import json

import pytest

from svc_helpers.course import MODULES
from svc_helpers.paths import NOTEBOOKS_DIR

MODULE_NOTEBOOKS = [NOTEBOOKS_DIR / m.notebook for m in MODULES if (NOTEBOOKS_DIR / m.notebook).is_file()]
NEW_SLIDE = {"slide", "subslide"}


def cells_of(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def slide_type(cell):
    return cell["metadata"]["slideshow"]["slide_type"]


def source(cell):
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def first_index(cells, predicate):
    return next(i for i, c in enumerate(cells) if predicate(c))


@pytest.mark.parametrize("path", MODULE_NOTEBOOKS, ids=lambda p: p.stem)
def test_module_notebook_is_a_deck(path):
    cells = cells_of(path)
    code = path.stem.split("_")[0]                     # d1m3
    day, module = code[1], code[3]
    title = cells[0]
    assert title["cell_type"] == "markdown" and slide_type(title) == "slide"
    assert source(title).startswith(f"# D{day}-M{module} ")

    def md_with(heading):
        return lambda c: c["cell_type"] == "markdown" and heading in source(c)

    overview = first_index(cells, md_with("## 概览"))
    exercise = first_index(cells, md_with("## 练习"))
    discussion = first_index(cells, md_with("## 讨论"))
    app = first_index(cells, lambda c: c["cell_type"] == "code" and "App.open(" in source(c))
    assert slide_type(cells[overview]) in NEW_SLIDE
    assert slide_type(cells[exercise]) == "slide" and slide_type(cells[discussion]) == "slide"
    assert overview < exercise < app < discussion
    # the app is shown live on the slides; set-up and parameters are not
    assert slide_type(cells[app]) != "skip"
    for cell in cells:
        if cell["cell_type"] == "code" and ("parameters" in cell["metadata"].get("tags", [])
                                            or "import" in source(cell).split("\n", 1)[0]):
            assert slide_type(cell) == "skip", source(cell)[:40]
    # a case look between the objectives and the exercise: at least one visible code cell
    assert any(c["cell_type"] == "code" and slide_type(c) != "skip" for c in cells[overview:exercise])
    slides = sum(slide_type(c) in NEW_SLIDE for c in cells)
    assert 5 <= slides <= 20
